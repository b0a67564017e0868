"""Cached catalog pages: ``@cached_page``, the response cache (platform_survey/response_cache.py)
for page views, and the per-visitor parts of the page shell.

A page of the knowledge base is the same for every visitor but for a few parts of its shell: the
CSRF token, the language switch (which carries it), the account links, "My evaluations" and the
flash messages. Those are ``{% hole %}``s (templatetags/page_cache.py). While a page is rendered for
the cache they leave a marker; the response cache keeps the page with its markers, and every answer
that leaves — stored, just rendered or not storable — has them filled for this visitor in one small
render (``fill_holes``). That is how a cached page keeps each visitor's own token, name and
messages (tests/platform_survey/test_page_cache.py).
"""

from __future__ import annotations

import re
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from platform_survey import response_cache

HOLES = ("csrf_meta", "lang_switch", "account_nav", "my_evaluations", "messages")
_MARKER = re.compile(r"<!--hole:([a-z_]+)-->")
SEPARATOR = "<!--next-hole-->"


def hole_marker(name: str) -> str:
    return f"<!--hole:{name}-->"


def hole_template(name: str) -> str:
    if name not in HOLES:
        raise ValueError(f"unknown page-cache hole {name!r}")
    return f"includes/hole_{name}.html"


def fill_holes(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Replace each marker with its part rendered for this visitor — all parts in one template
    render, so the context processors run once."""
    content = response.content.decode(response.charset)
    if "<!--hole:" in content:
        rendered = render_to_string("includes/holes.html", request=request).split(SEPARATOR)
        parts = dict(zip(HOLES, rendered, strict=True))
        response.content = _MARKER.sub(lambda match: parts[match.group(1)], content)
    return response


def cached_page(view):
    """Serve a GET view's pages through the response cache; other methods go straight to the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)

        def render() -> HttpResponse:
            request.page_cache_active = True  # {% hole %} leaves markers
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.page_cache_active = False
            if getattr(response, "is_rendered", True) is False:
                response.render()  # a TemplateResponse: render it while the markers are on
            return response

        return response_cache.serve(request, render, fill_holes)

    return wrapper
