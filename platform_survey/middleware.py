"""Answer 503 (with Retry-After) when the database is unreachable or a statement times out,
instead of a 500 or a hung worker. The connection is dropped so the next request reconnects.

Two ways in: ``DatabaseUnavailableMiddleware.process_exception`` for errors raised by a view (or
its template), and ``server_error`` — the root URLconf's handler500 — for errors raised outside
any view, e.g. by SessionMiddleware saving the session after the view succeeded.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "5"


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def unavailable_response(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """Drop broken connections and answer 503 + Retry-After (JSON under /api/, else the 503 page)."""
    logger.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            # An enclosing transaction (a test's) owns the connection: its rollback resets it,
            # and closing it here would break that transaction. A view's own atomic blocks have
            # all exited by the time its exception gets here.
            continue
        # A broken or timed-out connection must not be reused by the next request.
        connection.close_if_unusable_or_obsolete()
        if connection.errors_occurred or not connection.is_usable():
            connection.close()
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "status": 503,
                "code": "service_unavailable",
                "message": gettext("The database is unavailable; retry shortly."),
                "errors": {},
            },
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called while Django handles an exception no view caught (``sys.exception()``
    is that exception). A database outage still answers 503; anything else gets the 500 page."""
    exception = sys.exception()
    if is_database_unavailable(exception):
        return unavailable_response(request, exception)
    return defaults.server_error(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        return unavailable_response(request, exception)


class RejectNulMiddleware:
    """A NUL character (U+0000) in the path, a query parameter or the Authorization header answers
    400 before any view runs (JSON in the API's error shape under /api/). PostgreSQL can neither
    store nor compare NUL, so ``/compare/?technologies=a%00`` used to reach a query and fail as a
    500. A cookie with NUL is dropped (a session key with NUL is simply no session). Request
    bodies are checked by the API's parser and by the forms (Django's NUL validator)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = self._nul_field(request)
        if field is not None:
            return self._bad_request(request, field)
        for name in [name for name, value in request.COOKIES.items() if "\x00" in name or "\x00" in value]:
            del request.COOKIES[name]
        return self.get_response(request)

    @staticmethod
    def _nul_field(request: HttpRequest) -> str | None:
        if "\x00" in request.path or "\x00" in request.path_info:
            return "non_field_errors"
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "") or "non_field_errors"
        if "\x00" in request.META.get("HTTP_AUTHORIZATION", ""):
            return "non_field_errors"
        return None

    @staticmethod
    def _bad_request(request: HttpRequest, field: str) -> HttpResponse:
        # This runs above LocaleMiddleware: the reader's language is chosen here, from the request
        # (else the message came in whatever language the worker's previous request had left on).
        with translation.override(translation.get_language_from_request(request)):
            message = gettext("Null characters are not allowed.")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"status": 400, "code": "invalid", "message": message, "errors": {field: [message]}}, status=400
            )
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


class TrustedProxyMiddleware:
    """Proxy headers count only when they come from the proxy (settings.TRUSTED_PROXY: its
    addresses, empty by default). From anyone else ``X-Forwarded-Proto``, ``X-Forwarded-For``,
    ``X-Forwarded-Host`` and ``Forwarded`` are removed before anything reads them, so a client
    cannot claim HTTPS (SECURE_PROXY_SSL_HEADER) or another address. From the trusted proxy,
    REMOTE_ADDR becomes the client address the proxy saw (the last entry of X-Forwarded-For),
    which is what the limits count. First in MIDDLEWARE."""

    HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST", "HTTP_FORWARDED")

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.trusted = frozenset(settings.TRUSTED_PROXY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if meta.get("REMOTE_ADDR") in self.trusted:
            forwarded_for = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
            if forwarded_for:
                meta["REMOTE_ADDR"] = forwarded_for[-1]
        else:
            for header in self.HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Every powerful feature off: the site uses none of them (and no third-party frame could ask).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "serial", "sync-xhr", "usb", "xr-spatial-tracking", "browsing-topics",
    )
)  # fmt: skip


class ExtraSecurityHeadersMiddleware:
    """The headers Django has no setting for: Cross-Origin-Resource-Policy (no other origin may
    embed our responses) and Permissions-Policy (no powerful browser feature), on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
