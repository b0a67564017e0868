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
