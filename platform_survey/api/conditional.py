"""Conditional GET: ETag and Last-Modified from the catalog's version, 304 on a repeat request.

The version is read from the database in ONE query, so it is right across processes (no cache to
invalidate) and costs the same whatever the data size:

- for each model with django-simple-history: the latest history date, the row count and the
  highest id of its history table (every save and delete appends a history row, whoever made it:
  admin, API, or the knowledge-base loader);
- for each many-to-many table and each model without history: its row count and highest id
  (``categories.set()`` writes no history row).

The ETag hashes that version with the response language, the full path with its query string, and
a fingerprint of the API's code (so a deploy that changes a representation changes the ETag).
Last-Modified is the latest history date.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.models import Count, DateTimeField, Max, Value
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils.cache import parse_etags
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

# What "the catalog" is: whole apps, or single models ("app_label.ModelName") from other apps —
# e.g. the questionnaire models in decisions, which the questionnaire endpoint serves. Labels of
# models that do not exist (yet) are ignored.
VERSIONED = (
    "catalog",
    "casestudies",
    "decisions.Questionnaire",
    "decisions.Section",
    "decisions.Question",
    "decisions.Option",
)


class NotModified(Exception):
    """Raised by ApiViewMixin.initial() to answer 304 before the view runs any query."""


@dataclass(frozen=True, slots=True)
class CatalogVersion:
    fingerprint: str
    last_modified: dt.datetime | None


def _is_historical(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type") and hasattr(model, "history_date")


def _versioned_models() -> list[type[models.Model]]:
    wanted_apps = {label for label in VERSIONED if "." not in label}
    wanted_models = {label.lower() for label in VERSIONED if "." in label}
    chosen = []
    for model in apps.get_models():
        base = model.instance_type if _is_historical(model) else model
        label = base._meta.label_lower
        if base._meta.app_label in wanted_apps or label in wanted_models:
            chosen.append(model)
    return chosen


def _version_querysets() -> list[models.QuerySet]:
    parts = []
    seen_through: set[str] = set()
    for model in _versioned_models():
        label = model._meta.label_lower
        if _is_historical(model):
            parts.append(
                model._default_manager.order_by().annotate(label=Value(label)).values("label").annotate(
                    last=Max("history_date"), rows=Count("pk"), top=Max("pk")
                )
            )  # fmt: skip
            continue
        if not hasattr(model, "history"):
            parts.append(_counted(model, label))
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created and through._meta.label_lower not in seen_through:
                seen_through.add(through._meta.label_lower)
                parts.append(_counted(through, through._meta.label_lower))
    return parts


def _counted(model: type[models.Model], label: str) -> models.QuerySet:
    no_date = Cast(Value(None), output_field=DateTimeField())
    return (
        model._default_manager.order_by()
        .annotate(label=Value(label))
        .values("label")
        .annotate(last=Max(no_date), rows=Count("pk"), top=Max("pk"))
    )


@functools.cache
def _version_sql() -> tuple[str, tuple]:
    """The UNION ALL query, compiled once per process: building it from ~40 querysets costs more
    than running it."""
    first, *rest = _version_querysets()
    query = first.union(*rest, all=True).order_by().values_list("label", "last", "rows", "top").query
    sql, params = query.sql_with_params()
    return sql, tuple(params)


def catalog_version() -> CatalogVersion:
    """The catalog's current version, in one query (a UNION ALL over the tables listed above)."""
    sql, params = _version_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = sorted((label, _as_datetime(last), count, top) for label, last, count, top in fetched)
    dates = [last for _label, last, _rows, _top in rows if last is not None]
    digest = hashlib.sha256(repr([(label, str(last), count, top) for label, last, count, top in rows]).encode())
    return CatalogVersion(digest.hexdigest(), max(dates) if dates else None)


def _as_datetime(value) -> dt.datetime | None:
    """A raw cursor gives SQLite's dates as text; the ORM would have converted them."""
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@functools.cache
def code_fingerprint() -> str:
    """Hash of the source of the modules that shape API representations (serializers, API views)."""
    base = Path(settings.BASE_DIR)
    files = sorted(
        [*base.glob("*/serializers.py"), *base.glob("*/api.py"), *(base / "platform_survey" / "api").glob("*.py")]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str
    last_modified: dt.datetime | None

    def apply(self, response) -> None:
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())


def validators_for(request: HttpRequest, version: str, last_modified: dt.datetime | None) -> Validators:
    """Weak ETag for this representation: version × language × path and query string × code."""
    material = "\n".join((version, get_language() or "", request.get_full_path(), code_fingerprint()))
    etag = 'W/"' + hashlib.sha256(material.encode()).hexdigest()[:40] + '"'
    # HTTP dates have whole seconds; round up so a change within the same second still counts.
    if last_modified is not None and last_modified.microsecond:
        last_modified = last_modified.replace(microsecond=0) + dt.timedelta(seconds=1)
    return Validators(etag, last_modified)


def etag_matches(request: HttpRequest, validators: Validators) -> bool:
    """If-None-Match names this representation's ETag (weak comparison: W/"x" matches "x").

    The ETag hashes the full URL, so a match means this very request answered 200 with this catalog
    and this code: it is safe to answer 304 before running the view. ``*`` is not enough for that
    (the request might be invalid); ``is_not_modified`` handles it once the view has answered 200.
    """
    if_none_match = request.headers.get("If-None-Match")
    if not if_none_match:
        return False
    ours = validators.etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == ours for tag in parse_etags(if_none_match))


def is_not_modified(request: HttpRequest, validators: Validators) -> bool:
    """RFC 9110 §13.2.2 for a GET/HEAD that answered 200: If-None-Match wins; If-Modified-Since
    counts only without it."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return "*" in parse_etags(if_none_match) or etag_matches(request, validators)
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since and validators.last_modified is not None:
        since = parse_http_date_safe(if_modified_since)
        return since is not None and int(validators.last_modified.timestamp()) <= since
    return False
