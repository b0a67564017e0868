"""Notes are rendered once when saved (platform_survey/markdown.py) and stored in notes_html; this
adds the column and renders every stored evaluation's notes with the new renderer."""

from django.db import migrations, models


def render_stored_notes(apps, schema_editor):
    from platform_survey.markdown import markdown_to_html

    Evaluation = apps.get_model("decisions", "Evaluation")
    batch = []
    for evaluation in Evaluation.objects.exclude(notes="").only("pk", "notes").iterator(chunk_size=500):
        evaluation.notes_html = markdown_to_html(evaluation.notes)
        batch.append(evaluation)
        if len(batch) >= 500:
            Evaluation.objects.bulk_update(batch, ["notes_html"])
            batch = []
    if batch:
        Evaluation.objects.bulk_update(batch, ["notes_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluation",
            name="notes_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(render_stored_notes, migrations.RunPython.noop),
    ]
