"""The rate-counter table unlogged on PostgreSQL (platform_survey/cache_backends.py).

Every API request writes a counter or two, each in its own autocommit statement; on a logged table
each commit waits for the write-ahead log to reach the disk. A rate counter needs atomic increments,
not durability: after a crash PostgreSQL empties an unlogged table, which only starts every client's
window afresh. SQLite has no such thing (and no WAL flush per statement to save)."""

from django.db import migrations

TABLE = "platform_survey_ratecounter"


def set_logging(logged: bool):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {TABLE} SET {'LOGGED' if logged else 'UNLOGGED'}")

    return operation


class Migration(migrations.Migration):
    dependencies = [("platform_survey", "0003_hashed_api_tokens")]

    operations = [migrations.RunPython(set_logging(False), set_logging(True), elidable=False)]
