"""The OpenAPI schema generator: drf-spectacular's, plus what every operation of this API shares.

REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] points here, so a new endpoint is documented with:

- its error responses, in the shared error shape (``errors.ErrorSerializer``): 400 when it takes
  query parameters or a body, 401 always (bad credentials are refused everywhere), 403 when it
  needs credentials, 404 on paths with parameters and on paginated lists, 409 on writes, 415 with
  a body, 429 always;
- the request headers it honours: Accept-Language, and If-None-Match / If-Modified-Since on
  conditional GETs, whose 200 documents ETag / Last-Modified and whose 304 is listed;
- ``{}`` (no credentials) among its security requirements when its permissions let anyone call
  it with that method (a permission class says so with ``public_methods``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object

from .errors import ErrorSerializer

ERROR_DESCRIPTIONS = {
    "400": _("Invalid input: `errors` names each offending parameter or field."),
    "401": _("Missing or invalid credentials (`Authorization: Token <key>` or a session)."),
    "403": _("Authenticated, but not allowed (e.g. writes need a staff account)."),
    "404": _("No such resource (or page)."),
    "409": _("Conflicts with the data, e.g. deleting a record others still refer to."),
    "413": _("The request body is too large."),
    "415": _("The body must be JSON (Content-Type: application/json)."),
    "429": _("Too many requests; retry after the number of seconds in Retry-After."),
}

LANGUAGE_HEADER = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": _(
        "zh-hans (default) or en: the language of localized text and messages. The response's "
        "Content-Language says which was used."
    ),
    "schema": {"type": "string"},
}
CONDITIONAL_HEADERS = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": _("An ETag from an earlier response: 304 with no body if it still matches."),
        "schema": {"type": "string"},
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "required": False,
        "description": _("An HTTP date: 304 if the catalog has not changed since (ignored with If-None-Match)."),
        "schema": {"type": "string"},
    },
]
VALIDATOR_RESPONSE_HEADERS = {
    "ETag": {"description": _("Validator for If-None-Match."), "schema": {"type": "string"}},
    "Last-Modified": {
        "description": _("When the catalog last changed (HTTP date), for If-Modified-Since."),
        "schema": {"type": "string"},
    },
}


class TokenScheme(OpenApiAuthenticationExtension):
    """platform_survey.tokens.TokenAuthentication (knox, hashed keys) in the schema: the same
    ``Authorization: Token <key>`` header, under the name ``tokenAuth`` that clients already use."""

    target_class = "platform_survey.tokens.TokenAuthentication"
    name = "tokenAuth"
    match_subclasses = True

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")  # noqa: S106 (a scheme name)


class AutoSchema(SpectacularAutoSchema):
    def _is_list_view(self, serializer=None) -> bool:
        # A viewset's ``list`` route that answers one object (``single_object = True``, e.g. the
        # current questionnaire) is not a list, whatever its action is called.
        if getattr(self.view, "single_object", False):
            return False
        return super()._is_list_view(serializer)

    def _is_conditional(self) -> bool:
        return self.method == "GET" and getattr(self.view, "conditional", False)

    def _is_public(self) -> bool:
        perms = self.view.get_permissions()
        return bool(perms) and all(self.method in getattr(perm, "public_methods", ()) for perm in perms)

    def get_auth(self) -> list[dict]:
        auths = super().get_auth()
        if {} not in auths and self._is_public():
            auths.append({})
        return auths

    def _get_parameters(self) -> list[dict]:
        parameters = super()._get_parameters()
        # A view's ``schema_examples`` ({parameter name: value}) gives real values — slugs that exist
        # in the knowledge base — for Swagger's "Try it out" and Schemathesis' examples phase.
        examples = getattr(self.view, "schema_examples", {})
        for parameter in parameters:
            if parameter["name"] in examples and "example" not in parameter:
                parameter["example"] = examples[parameter["name"]]
        names = {(parameter["name"], parameter["in"]) for parameter in parameters}
        extra = [LANGUAGE_HEADER, *(CONDITIONAL_HEADERS if self._is_conditional() else [])]
        return parameters + [header for header in extra if (header["name"], header["in"]) not in names]

    def _error_codes(self) -> list[str]:
        has_body = self.method in ("POST", "PUT", "PATCH")
        has_query = any(parameter["in"] == "query" for parameter in self._get_parameters())
        needs_auth = {} not in self.get_auth()
        codes = ["401", "429"]
        if has_body or has_query:
            codes.append("400")
        if needs_auth:
            codes.append("403")
        if "{" in self.path or (self._get_paginator() is not None and self._is_list_view()):
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        if has_body:
            codes += ["413", "415"]
        return sorted(codes)

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        if self._is_conditional() and "200" in responses:
            responses["200"].setdefault("headers", {}).update(VALIDATOR_RESPONSE_HEADERS)
            responses.setdefault(
                "304", {"description": str(_("Not modified: the representation matching If-None-Match is current."))}
            )
        for code in self._error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = str(ERROR_DESCRIPTIONS[code])
                if code == "429":
                    response["headers"] = {
                        "Retry-After": {"description": str(_("Seconds to wait.")), "schema": {"type": "integer"}}
                    }
                if code == "401":
                    response["headers"] = {
                        "WWW-Authenticate": {
                            "description": str(_("The scheme to use: Token.")),
                            "schema": {"type": "string"},
                        }
                    }
                responses[code] = response
        for code, response in responses.items():
            # Errors are always JSON in the shared shape — on the Markdown export too (its
            # finalize_response), so no error is documented in another media type.
            content = response.get("content", {})
            if code[0] in "45" and "application/json" in content and len(content) > 1:
                response["content"] = {"application/json": content["application/json"]}
        return responses
