"""With ``DEBUG`` on, a page that does not exist shows the site's own 404 page, as in production.

Django answers a 404 under ``DEBUG`` with its technical page (the URL patterns tried), which is not
what a developer checking the site's pages wants to see, nor what a reader will get. This middleware
puts the site's 404 (``handler404``, i.e. templates/404.html) in its place, both for an address no
URL pattern matches and for a view that raises ``Http404``. Errors (500) are left alone: Django's
debug page with the traceback is what a developer needs there. With ``DEBUG`` off it does nothing
(Django already uses the site's page). It is last in ``MIDDLEWARE``, so the others see its answer as
they would see Django's (``CommonMiddleware`` still redirects to the address with a slash).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_resolver, get_urlconf


def _site_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    urlconf = getattr(request, "urlconf", None) or get_urlconf()
    callback = get_resolver(urlconf).resolve_error_handler(404)
    return callback(request, exception=exception)


class DevelopmentNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No URL pattern matched (resolver_match is set only when one does): Django's technical 404.
        if settings.DEBUG and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return _site_not_found(request, Http404(request.path_info))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return _site_not_found(request, exception)
        return None
