"""The catalog's version: what every cache of catalog data is keyed on.

``CatalogState`` (platform_survey/models.py) is one row, bumped in the same transaction as every
curated change — admin, API or the knowledge-base loader (signals in platform_survey/signals.py) —
so the version is right across processes and servers, there is nothing to invalidate by hand, and
reading it costs one primary-key lookup whatever the size of the catalog. Its users: the response
cache (platform_survey/response_cache.py), the API's ETags (platform_survey/api/conditional.py) and
the engine's snapshot (decisions/snapshots.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone


@dataclass(frozen=True, slots=True)
class CatalogVersion:
    fingerprint: str
    last_modified: dt.datetime | None


# The hot path's query (every cached page and API read asks it), in plain SQL: building it with the
# ORM costs three times the round trip itself. The table is CatalogState's (a test checks the name).
_STATE_SQL = "SELECT version, changed_at FROM platform_survey_catalogstate WHERE id = 1"


def catalog_version(request: HttpRequest | None = None) -> CatalogVersion:
    """The catalog's current version, in one query — once per request when given the request (the
    response cache reads it before the view, the ETag after, both get the same answer)."""
    known = getattr(request, "_catalog_version", None)
    if known is not None:
        return known
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL)
        row = cursor.fetchone()
    if row is None:
        version = CatalogVersion("0", None)
    else:
        number, changed_at = row
        if timezone.is_naive(changed_at):  # SQLite keeps UTC without a zone
            changed_at = timezone.make_aware(changed_at, dt.UTC)
        version = CatalogVersion(str(number), changed_at)
    if request is not None:
        request._catalog_version = version
    return version
