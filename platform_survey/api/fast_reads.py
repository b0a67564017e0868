"""The anonymous fast lane for public API reads: replay a stored response near the top of the stack.

Internal tools read the catalog anonymously and often (a CI job asking for the technology list, a
dashboard polling a detail). Going through sessions, CSRF, authentication, DRF's dispatch and
content negotiation only to return bytes that are already cached costs three times what Django
costs to return bytes at all. This middleware sits right under SecurityMiddleware, WhiteNoise and
the CSP middleware, so those still add their headers, and skips the rest when it can:

- only for GET under /api/ with neither a Cookie nor an Authorization header (no session, no token,
  no language cookie: nothing about the caller can change the answer) and no conditional headers
  (ApiViewMixin answers those with a 304, cheaply, in the full stack);
- the key is the catalog version (one primary-key query, so a curator's change is visible on the
  very next request, in every process), the API code fingerprint, and everything of the request
  the response depends on: scheme and host (absolute URLs), full path with query string, and the
  Accept and Accept-Language headers as sent;
- a miss goes through the full stack; ApiViewMixin marks a 200 whose content is a function of the
  catalog and the URL (``response.public_catalog_read``), and this middleware stores its status,
  headers (those added below it included: ETag, Vary, Content-Language, X-Frame-Options, ...)
  and bytes;
- a hit still counts against the view's throttles, exactly as DRF would count it; a request they
  refuse goes on to the full stack, which answers the 429 in the API's error shape.

Anything unexpected (the database down, a host not allowed) sends the request to the full stack,
which knows how to answer it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from .conditional import catalog_version, release_id

API_PREFIX = "/api/"
STORE_SECONDS = 3600
# A response that varies on anything but these would not be safe to replay to another caller.
# (Cookie and Authorization are absent from every request the lane serves, so varying on them is
# moot; Accept and Accept-Language are part of the key.)
REPLAYABLE_VARY = {"accept", "accept-language", "cookie", "authorization"}


@dataclass(frozen=True, slots=True)
class StoredRead:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    throttle_classes: tuple[type, ...]
    throttle_scope: str | None


def is_eligible(request: HttpRequest) -> bool:
    headers = request.headers
    return (
        request.method == "GET"
        and request.path.startswith(API_PREFIX)
        # An empty header counts as absent (some clients always send "Cookie:").
        and not headers.get("Cookie")
        and not headers.get("Authorization")
        and not headers.get("If-None-Match")
        and not headers.get("If-Modified-Since")
    )


def key_for(request: HttpRequest, version: str) -> str:
    material = "\n".join(
        (
            version,
            release_id(),
            request.build_absolute_uri(),  # scheme, host, path and query string
            request.headers.get("Accept", ""),
            request.headers.get("Accept-Language", ""),
        )
    )
    return "api-fast:" + hashlib.sha256(material.encode()).hexdigest()


def throttles_allow(request: HttpRequest, stored: StoredRead) -> bool:
    """Count this request against the view's throttles, as DRF's check_throttles() would: every
    throttle sees it, and it passes only if none refuses."""
    request.user = AnonymousUser()  # what the throttles read to tell anonymous callers apart
    view = SimpleNamespace(throttle_scope=stored.throttle_scope)
    results = [throttle_class().allow_request(request, view) for throttle_class in stored.throttle_classes]
    return all(results)


def replay(stored: StoredRead) -> HttpResponse:
    response = HttpResponse(stored.content, status=stored.status)
    for name, value in stored.headers:
        response[name] = value
    return response


def is_storable(response) -> bool:
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return (
        getattr(response, "public_catalog_read", None) is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and vary <= REPLAYABLE_VARY
    )


def store(key: str, response) -> None:
    throttle_classes, throttle_scope = response.public_catalog_read
    stored = StoredRead(
        status=response.status_code,
        headers=tuple(response.items()),
        content=response.content,
        throttle_classes=tuple(throttle_classes),
        throttle_scope=throttle_scope,
    )
    cache.set(key, stored, STORE_SECONDS)


class FastPublicReadMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not is_eligible(request):
            return self.get_response(request)
        try:
            key = key_for(request, catalog_version(request).fingerprint)
        except (DatabaseError, DisallowedHost):
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None and throttles_allow(request, stored):
            return replay(stored)
        response = self.get_response(request)
        if stored is None and is_storable(response):
            store(key, response)
        return response
