"""Move DRF's plaintext API tokens into knox's hashed table, then drop the plaintext table.

knox finds a token by its first 15 characters and checks the SHA-512 of the whole key, whatever
its length, so an old 40-character DRF key hashed this way keeps working: clients need not change
anything, and no plaintext key is left in the database. A moved token gets the expiry a new one
would get (API_TOKEN_TTL_DAYS from now), so old keys do not live for ever either.

DRF's ``authtoken`` app is no longer installed; its table (when this database ever had it) is
dropped and its migration records removed, as if it had never been installed.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

PLAIN_TABLE = "authtoken_token"


def _as_datetime(value):
    if isinstance(value, str):  # SQLite hands back text
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def move_plain_tokens(apps, connection) -> int:
    """Hash every row of DRF's token table into knox's, drop that table; returns how many moved."""
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    if PLAIN_TABLE not in connection.introspection.table_names():
        return 0
    auth_token = apps.get_model("knox", "AuthToken")
    days = getattr(settings, "API_TOKEN_TTL_DAYS", 0)
    expiry = timezone.now() + timedelta(days=days) if days else None
    table = connection.ops.quote_name(PLAIN_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name('key')}, user_id, created FROM {table}")  # noqa: S608 - constant names
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        digest = hash_token(key)
        # Not objects.create(): knox's manager (when given the live model) makes a new key itself.
        auth_token(digest=digest, token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, expiry=expiry).save(
            force_insert=True
        )
        # created is auto_now_add: keep the key's real age with an update.
        auth_token.objects.filter(digest=digest).update(created=_as_datetime(created) or timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])
    return len(rows)


def forwards(apps, schema_editor):
    move_plain_tokens(apps, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("platform_survey", "0002_rate_counter"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    # Irreversible in substance (a hash cannot give the key back); going back leaves knox's table.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
