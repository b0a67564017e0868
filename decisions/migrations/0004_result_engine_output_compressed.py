from django.db import migrations

import decisions.fields


def copy(apps, source: str, target: str) -> None:
    Result = apps.get_model("decisions", "Result")
    batch = []
    for result in Result.objects.exclude(**{f"{source}__isnull": True}).only("pk", source).iterator(chunk_size=200):
        setattr(result, target, getattr(result, source))
        batch.append(result)
        if len(batch) == 200:
            Result.objects.bulk_update(batch, [target])
            batch = []
    if batch:
        Result.objects.bulk_update(batch, [target])


def compress(apps, schema_editor) -> None:
    copy(apps, "engine_output", "engine_output_compressed")


def expand(apps, schema_editor) -> None:
    copy(apps, "engine_output_compressed", "engine_output")


class Migration(migrations.Migration):
    """Result.engine_output moves from JSON (jsonb on PostgreSQL) to zlib-compressed JSON bytes
    (decisions/fields.py says why). Every stored output is copied value for value into the new
    column before the old one is dropped; the column keeps its name. Reversible."""

    dependencies = [("decisions", "0003_result_engine_output")]

    operations = [
        migrations.AddField(
            model_name="result",
            name="engine_output_compressed",
            field=decisions.fields.CompressedJSONField(blank=True, null=True),
        ),
        migrations.RunPython(compress, expand),
        migrations.RemoveField(model_name="result", name="engine_output"),
        migrations.RenameField(model_name="result", old_name="engine_output_compressed", new_name="engine_output"),
    ]
