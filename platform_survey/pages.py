"""Page helpers every app's views share (infrastructure: no app imports)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request: HttpRequest, template: str, context: dict, partial: str = "results") -> HttpResponse:
    """The whole page, or only ``template#partial`` when htmx asks (but not for a history restore,
    which needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
