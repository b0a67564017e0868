"""Conditional GET: ETag and Last-Modified from the catalog's version, 304 on a repeat request.

The version is the catalog's (platform_survey/catalog_version.py: one primary-key lookup, bumped in
the same transaction as every curated change), or a view's own (an evaluation's).

The ETag hashes that version with the response language, the full URL (scheme, host, path, query
string) and the release (``settings.RELEASE_ID``: a deploy that changes a representation is a new
release, so it changes the ETag). All are data that shape the response; nothing is read off the
source files at run time. (Every conditional view has one renderer, JSON; the ADR, which has two,
is not conditional.) Last-Modified is when the catalog last changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.cache import parse_etags
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from platform_survey.catalog_version import CatalogVersion, catalog_version

__all__ = ["CatalogVersion", "Validators", "catalog_version", "etag_matches", "is_not_modified", "release_id",
           "validators_for"]  # fmt: skip


def release_id() -> str:
    """The running release (``RELEASE_ID``; scripts/serve sets it to the deployed commit)."""
    return settings.RELEASE_ID


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str
    last_modified: dt.datetime | None

    def apply(self, response) -> None:
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())


def validators_for(request: HttpRequest, version: str, last_modified: dt.datetime | None) -> Validators:
    """Weak ETag for this representation: version × language × URL × release. The URL includes the
    scheme and host, because representations hold absolute links."""
    material = "\n".join((version, get_language() or "", request.build_absolute_uri(), release_id()))
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
