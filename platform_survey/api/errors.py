"""One JSON shape for every API error.

    {"status": 400, "code": "invalid", "message": "Invalid input.",
     "errors": {"technologies": ["Choose between 2 and 4 technologies."], "stack.0.layer": ["..."]}}

``status`` repeats the HTTP status; ``code`` is a stable machine-readable word (``invalid``,
``not_found``, ``not_authenticated``, ``authentication_failed``, ``permission_denied``,
``method_not_allowed``, ``not_acceptable``, ``unsupported_media_type``, ``parse_error``,
``protected``, ``conflict``, ``payload_too_large``, ``throttled``, ``server_error``); ``message``
is a sentence in the request's language; ``errors`` maps a field path (nested fields joined with
dots, list items by index) to its messages, ``non_field_errors`` for the request as a whole, and is
``{}`` when no particular field is to blame.

``api_exception_handler`` is REST_FRAMEWORK["EXCEPTION_HANDLER"]; ``api_not_found`` answers any
URL under /api/ that no route matches, so even a typo in a path gets this shape.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("platform_survey.api")

NON_FIELD_KEY = "non_field_errors"


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = _("The request conflicts with the current state of the data.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


class NotFoundWithErrors(exceptions.NotFound):
    """A 404 that names what was not found, field by field (e.g. unknown slugs in a query)."""

    def __init__(self, errors: Mapping[str, list[str]], detail: str | None = None):
        super().__init__(detail)
        self.errors = {key: [str(message) for message in messages] for key, messages in errors.items()}


def error_body(status: int, code: str, message: str, errors: Mapping[str, list[str]] | None = None) -> dict:
    return {"status": status, "code": code, "message": str(message), "errors": dict(errors or {})}


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into ``{"field.path": ["message", ...]}``."""
    flat: dict[str, list[str]] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                key = str(key)
                if key in (NON_FIELD_ERRORS, NON_FIELD_KEY):
                    walk(value, path)  # about the object at `path` as a whole
                else:
                    walk(value, f"{path}.{key}" if path else key)
        elif isinstance(node, list | tuple):
            if all(not isinstance(item, Mapping | list | tuple) for item in node):
                flat.setdefault(path or NON_FIELD_KEY, []).extend(str(item) for item in node)
            else:
                for index, item in enumerate(node):
                    walk(item, f"{path}.{index}" if path else str(index))
        elif node is not None:
            flat.setdefault(path or NON_FIELD_KEY, []).append(str(node))

    walk(detail, prefix)
    return {key: messages for key, messages in flat.items() if messages}


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    """Map the Django exceptions a view or service may raise onto DRF's, or None when unexpected."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, ProtectedError | RestrictedError):
        blocking = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        count = len(blocking)
        return Conflict(
            detail=gettext("It cannot be deleted: %(count)d other record(s) still refer to it.") % {"count": count},
            code="protected",
        )
    if isinstance(exc, IntegrityError):
        return Conflict()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, SuspiciousOperation):
        # TooManyFieldsSent, TooManyFilesSent, malformed multipart, ...: the request, not the server.
        return exceptions.ParseError(gettext("The request is malformed."))
    return None


def _code_of(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    code = getattr(exc.detail, "code", None)
    return code if isinstance(code, str) and code else exc.default_code


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error in the shape described above."""
    api_exc = _as_api_exception(exc)
    if api_exc is None:
        if isinstance(exc, OperationalError | InterfaceError):
            return None  # the database is down or timed out: DatabaseUnavailableMiddleware answers 503
        if settings.DEBUG:
            return None  # let Django's debug page (and the test client) show the traceback
        logger.error("Unhandled error in API view %s", context.get("view").__class__.__name__, exc_info=exc)
        set_rollback()
        return Response(
            error_body(500, "server_error", gettext("Something went wrong on our side. It has been logged.")),
            status=500,
        )
    # DRF's own handler sets WWW-Authenticate (401) and Retry-After (429) and rolls back the transaction.
    response = drf_exception_handler(api_exc, context)
    if isinstance(api_exc, exceptions.ValidationError):
        message = str(exceptions.ValidationError.default_detail)
        errors = flatten_errors(api_exc.detail)
    else:
        message = str(api_exc.detail)
        errors = getattr(api_exc, "errors", None) or {}
    response.data = error_body(response.status_code, _code_of(api_exc), message, _capped(errors))
    return response


MAX_ERROR_FIELDS = 50
MAX_MESSAGES_PER_FIELD = 5


def _capped(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """At most 50 fields and 5 messages each: a body with 100,000 bad keys gets a short answer."""
    capped = {key: list(messages[:MAX_MESSAGES_PER_FIELD]) for key, messages in list(errors.items())[:MAX_ERROR_FIELDS]}
    left_off = len(errors) - len(capped)
    if left_off > 0:
        capped.setdefault(NON_FIELD_KEY, []).append(
            gettext("… and %(count)d more fields with errors.") % {"count": left_off}
        )
    return capped


@csrf_exempt  # as DRF's views are: an unsafe method on a wrong URL is a 404 here, not a CSRF page
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any /api/ URL no route matches: a 404 in the API's error shape (not Django's HTML page)."""
    message = gettext("No API resource is at this address.")
    if not request.path.endswith("/"):
        try:
            resolved = resolve(request.path + "/")
        except Resolver404:
            resolved = None
        if resolved is not None and resolved.func is not api_not_found:
            message = gettext("Not found. Did you mean %(path)s (with a trailing slash)?") % {
                "path": request.path + "/"
            }
    return JsonResponse(error_body(404, "not_found", message), status=404)


class ErrorSerializer(serializers.Serializer):
    """The error shape, for the OpenAPI schema."""

    status = serializers.IntegerField(help_text=_("The HTTP status code, repeated."))
    code = serializers.CharField(help_text=_("A stable machine-readable word, e.g. invalid, not_found, throttled."))
    message = serializers.CharField(help_text=_("A sentence in the request's language."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_(
            "Field path (nested fields joined with dots, list items by index) → messages; "
            "non_field_errors for the request as a whole; empty when no field is to blame."
        ),
    )
