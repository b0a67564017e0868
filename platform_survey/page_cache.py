"""Rendered catalog pages, cached per catalog version (fragment caching of the whole page body).

A page of the knowledge base is the same for every visitor but for a few parts of its shell: the
CSRF token, the account links, "My evaluations" and the flash messages. Those are ``{% hole %}``s
(templatetags/page_cache.py). ``@cached_page`` renders a page with markers in the holes, keeps the
result in the per-process cache keyed on the catalog version, the language, the htmx headers and
the full path, and fills the holes for each visitor on the way out.

The catalog version (platform_survey.api.conditional.catalog_version, one query) changes with every
curated change, so a curator's edit shows on the very next request, in every process.
"""

from __future__ import annotations

import hashlib
import re
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from platform_survey.api.conditional import catalog_version

CACHE_SECONDS = 3600
HOLES = ("csrf_meta", "lang_switch", "account_nav", "my_evaluations", "messages")
_MARKER = re.compile(r"<!--hole:([a-z_]+)-->")


def hole_marker(name: str) -> str:
    return f"<!--hole:{name}-->"


def hole_template(name: str) -> str:
    if name not in HOLES:
        raise ValueError(f"unknown page-cache hole {name!r}")
    return f"includes/hole_{name}.html"


def _key(request: HttpRequest) -> str:
    parts = [
        catalog_version(request).fingerprint,
        get_language() or "",
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
        request.get_full_path(),
    ]
    return "page:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()


SEPARATOR = "<!--next-hole-->"


def fill_holes(content: str, request: HttpRequest) -> str:
    """Replace each marker with its part rendered for this visitor — all parts in one template
    render, so the context processors run once."""
    if "<!--hole:" not in content:
        return content
    parts = dict(zip(HOLES, render_to_string("includes/holes.html", request=request).split(SEPARATOR), strict=True))
    return _MARKER.sub(lambda match: parts[match.group(1)], content)


def cached_page(view):
    """Cache a GET view's 200 responses as described above; anything else passes through (with its
    holes filled, since the view rendered it in caching mode)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request)
        entry = cache.get(key)
        if entry is None:
            request.page_cache_active = True
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.page_cache_active = False
            if response.streaming:
                return response
            content = response.content.decode(response.charset)
            if response.status_code == 200 and not response.has_header("Set-Cookie"):
                entry = {"content": content, "content_type": response["Content-Type"], "vary": response.get("Vary")}
                cache.set(key, entry, CACHE_SECONDS)
            else:
                response.content = fill_holes(content, request)
                return response
        response = HttpResponse(fill_holes(entry["content"], request), content_type=entry["content_type"])
        if entry["vary"]:
            response["Vary"] = entry["vary"]
        return response

    return wrapper
