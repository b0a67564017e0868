from django.db import migrations, models


class Migration(migrations.Migration):
    """One stored, language-free output per result (rendered in the reader's language when read).

    output_zh and output_en stay, nullable: results stored before this migration hold only those
    two rendered outputs, and a result never changes once written, so they are kept (not converted)
    and Result.output() still returns them for those results. New results leave them empty.
    """

    dependencies = [("decisions", "0002_evaluation_notes_html")]

    operations = [
        migrations.AddField(
            model_name="result",
            name="engine_output",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="result",
            name="output_zh",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="result",
            name="output_en",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
