"""Company now lives in the catalog (catalog/0008): the case studies point at catalog.Company.

State only for the models — the tables stay as they are. The content types of ``company`` and
``historicalcompany`` are relabelled to the catalog, so their permissions (and the groups and
curators holding them) and the admin's log entries follow the model.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("company", "historicalcompany")


def relabel(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if ContentType.objects.using(db).filter(app_label=old, model=model).exists():
            ContentType.objects.using(db).filter(app_label=new, model=model).delete()  # an empty stray
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor) -> None:
    relabel(apps, schema_editor, "casestudies", "catalog")


def backwards(apps, schema_editor) -> None:
    relabel(apps, schema_editor, "catalog", "casestudies")


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0003_historicalstage_as_of_historicalstage_review_by_and_more"),
        ("catalog", "0008_company_moves_into_catalog"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="historicalcasestudy",
                    name="company",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.company",
                    ),
                ),
                migrations.AlterField(
                    model_name="casestudy",
                    name="company",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="case_studies", to="catalog.company"
                    ),
                ),
                migrations.DeleteModel(name="HistoricalCompany"),
                migrations.DeleteModel(name="Company"),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
