"""The response cache: the one cache for reads of the catalog, pages and API alike.

The catalog is read far more than it is written, and every curated change bumps its version
(platform_survey/catalog_version.py). So a rendered answer is kept under a key made of everything
that shapes it — the catalog version, the release (``settings.RELEASE_ID``), the language, the
absolute URL with its query string (representations hold absolute links), the ``Accept`` header and
the htmx headers (a partial is not the whole page) — and is never invalidated by hand: a curator's
change makes a new key, so the very next request, in every process, is rendered afresh.

Where it is applied, all through :func:`serve`:

- **pages**: ``@cached_page`` (platform_survey/page_cache.py) on the catalog and case-study views.
  The few per-visitor parts of the page shell (CSRF token, account links, messages) are rendered as
  markers and filled for each visitor on the way out (``finish``), so a cached page never carries
  another visitor's token or name;
- **API**: ``ApiViewMixin`` (platform_survey/api/views.py) for reads whose answer depends only on
  the catalog and the request, *after* DRF's authentication, permissions and throttles, so a token
  is checked and counted as usual — and a read with a token is served from the same entry as an
  anonymous one (the body does not depend on who asks).

One shortcut, :class:`ResponseCacheMiddleware`, serves the same kind of entry early: a GET under
``/api/`` with no cookie and no ``Authorization`` (what tools send) is answered near the top of the
stack from the complete stored answer (status, headers, bytes), skipping sessions, CSRF, auth and
DRF's dispatch — which cost twice what the stored bytes do. It stores only what the full stack
answered for an anonymous caller and what the API view offered (``offer_to_front_door``), and it
counts the request on the project's limiter (platform_survey/limits.py) in the same windows the
view's throttles counted that caller in; a refused or missing entry goes to the full stack, which
answers as always (the 429 in the API's error shape).

The store is the ``default`` cache alias (settings.CACHES): each process's own memory, bounded.
Rate-limit counters are in the ``limits`` alias (Redis or the counter table) and sessions in the
database, so nothing this cache does can evict them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from platform_survey import limits
from platform_survey.catalog_version import catalog_version

ALIAS = "default"
TIMEOUT = 3600
API_PREFIX = "/api/"
# A stored answer that varies on anything but these would not be safe to replay to another caller.
# (The front door serves no request with a cookie or an Authorization header, and its key holds
# Accept and Accept-Language as sent.)
REPLAYABLE_VARY = {"accept", "accept-language", "cookie", "authorization"}


@dataclass(frozen=True, slots=True)
class CountedIn:
    """A limiter window a stored read was counted in for its (anonymous) caller: the throttle's
    scope, its key format and its rate."""

    scope: str
    key_format: str
    limit: int
    period: int

    def allows(self, request: HttpRequest) -> bool:
        key = self.key_format % {"scope": self.scope, "ident": limits.client_address(request)}
        return not limits.usage(f"api:{self.scope}", key, self.limit, self.period, increment=True).exceeded


@dataclass(frozen=True, slots=True)
class Entry:
    content: bytes
    content_type: str
    vary: str | None = None
    # Set only for the front door: the full stack's final status and headers, and the windows the
    # view's throttles counted the caller in.
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    counted_in: tuple[CountedIn, ...] = ()


def key_for(request: HttpRequest, language: str) -> str:
    material = "\n".join(
        (
            catalog_version(request).fingerprint,
            settings.RELEASE_ID,
            language,
            request.build_absolute_uri(),  # scheme, host, path and query string
            request.headers.get("Accept", ""),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-History-Restore-Request", ""),
        )
    )
    return "response:" + hashlib.sha256(material.encode()).hexdigest()


def _store() -> object:
    return caches[ALIAS]


def _storable(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


Finish = Callable[[HttpResponse, HttpRequest], HttpResponse]


def serve(request: HttpRequest, render: Callable[[], HttpResponse], finish: Finish | None = None) -> HttpResponse:
    """The stored answer to this request, or ``render()``'s, kept when it is a 200 without cookies.

    ``finish`` runs on every answer that leaves but a stream (pages fill their per-visitor parts
    there). A response rendered later (DRF's Response, a TemplateResponse) is stored once it is
    rendered.
    """
    key = key_for(request, get_language() or "")
    entry = _store().get(key)
    if entry is not None:
        response = HttpResponse(entry.content, content_type=entry.content_type)
        if entry.vary:
            response["Vary"] = entry.vary
        return finish(response, request) if finish else response
    response = render()

    def keep(rendered: HttpResponse) -> HttpResponse:
        if _storable(rendered):
            entry = Entry(rendered.content, rendered["Content-Type"], rendered.get("Vary"))
            _store().set(key, entry, TIMEOUT)
        return finish(rendered, request) if finish and not rendered.streaming else rendered

    if getattr(response, "is_rendered", True) is False:
        response.add_post_render_callback(keep)
        return response
    return keep(response)


# The front door.


def offer_to_front_door(response: HttpResponse, throttles) -> None:
    """Mark an API answer as replayable by the front door to any anonymous caller, with the
    throttles that counted this (anonymous) request — each has its scope, key and rate then."""
    response.front_door_counted_in = tuple(
        CountedIn(throttle.scope, throttle.cache_format, throttle.num_requests, throttle.duration)
        for throttle in throttles
        if getattr(throttle, "key", None) is not None
    )


def front_door_eligible(request: HttpRequest) -> bool:
    headers = request.headers
    return (
        request.method == "GET"
        and request.path.startswith(API_PREFIX)
        # An empty header counts as absent (some clients always send "Cookie:").
        and not headers.get("Cookie")
        and not headers.get("Authorization")
        # Conditional requests get their cheap 304 from the full stack.
        and not headers.get("If-None-Match")
        and not headers.get("If-Modified-Since")
    )


def _front_key(request: HttpRequest) -> str:
    # The language is not chosen yet (LocaleMiddleware is further down): the header as sent.
    return key_for(request, "front:" + request.headers.get("Accept-Language", ""))


def _front_storable(response: HttpResponse) -> bool:
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return (
        getattr(response, "front_door_counted_in", None) is not None and _storable(response) and vary <= REPLAYABLE_VARY
    )


class ResponseCacheMiddleware:
    """The front door described above; it sits right under the security, WhiteNoise and CSP
    middleware (settings.MIDDLEWARE), so their headers are part of what it stores."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not front_door_eligible(request):
            return self.get_response(request)
        try:
            key = _front_key(request)
        except (DatabaseError, DisallowedHost):  # the full stack knows how to answer these
            return self.get_response(request)
        entry = _store().get(key)
        # Every window counts the request (as DRF's check_throttles does), then all must allow it.
        if entry is not None and all([window.allows(request) for window in entry.counted_in]):
            response = HttpResponse(entry.content, status=entry.status)
            for name, value in entry.headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if entry is None and _front_storable(response):
            stored = Entry(
                response.content,
                response["Content-Type"],
                status=response.status_code,
                headers=tuple(response.items()),
                counted_in=response.front_door_counted_in,
            )
            _store().set(key, stored, TIMEOUT)
        return response
