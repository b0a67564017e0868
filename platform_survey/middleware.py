"""Answer 503 (with Retry-After) when the database is unreachable or a statement times out,
instead of a 500 or a hung worker. The connection is dropped so the next request reconnects."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "5"


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
        for connection in connections.all(initialized_only=True):
            # A broken or timed-out connection must not be reused by the next request.
            connection.close_if_unusable_or_obsolete()
            if connection.errors_occurred or not connection.is_usable():
                connection.close()
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {
                    "status": 503,
                    "code": "service_unavailable",
                    "message": "The database is unavailable; retry shortly.",
                },
                status=503,
            )
        else:
            response = HttpResponse(render_to_string("503.html", request=request), status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
