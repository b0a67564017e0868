"""The API's language: Accept-Language chooses zh-hans or en.

LocaleMiddleware prefers the language cookie over the header, which suits pages (the switch is
remembered). Tooling sends Accept-Language and no cookie, and a browser calling the API with both
expects the header it sent to win; so the API looks at the header first and falls back to what the
middleware chose (cookie, then the default, zh-hans).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def language_from_header(header: str) -> str | None:
    """The first supported language in an Accept-Language header (by q-value), or None."""
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            return None
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def activate_request_language(request: HttpRequest) -> str:
    """Activate and return the language this API request is answered in."""
    language = language_from_header(request.headers.get("Accept-Language", "")) or translation.get_language()
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()
    return request.LANGUAGE_CODE
