"""Base classes for every API view, and the CSP-clean documentation pages.

``ApiViewMixin`` is what makes an endpoint behave like the rest of the API; the viewsets below add
it to DRF's. Order of work for a request:

1. activate the language from Accept-Language (messages, localized fields, the ETag);
2. 405 for a method the endpoint does not have — before authentication, so an anonymous client
   learns the method is wrong rather than that it must log in;
3. DRF's authentication, permissions and throttles (401/403/429);
4. for GET/HEAD, ``get_conditional_version()`` gives the ETag; if the client's If-None-Match names
   it, answer 304 before the view runs a single query of its own (the ETag covers the full URL, so
   the same request was valid before);
5. a read of the catalog (the default ``get_conditional_version``) is answered through the response
   cache (platform_survey/response_cache.py), whoever asks: its body depends only on the catalog
   and the request;
6. the view; on a 200 the ETag and Last-Modified headers are added, and ``If-None-Match: *`` or a
   matching If-Modified-Since turn it into a 304 (after the view, so an invalid request still gets
   its 400).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.csp import CSP
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response

from platform_survey import response_cache

from .conditional import Validators, catalog_version, etag_matches, is_not_modified, validators_for
from .language import activate_request_language
from .permissions import IsStaffOrReadOnly

SLUG_REGEX = r"[-a-zA-Z0-9_]+"

# What a 404 calls each resource (the models' verbose names are not translated).
THINGS = {
    "category": _("layer"),
    "technology": _("technology"),
    "assessment": _("assessment"),
    "capability": _("capability"),
    "pitfall": _("pitfall"),
    "source": _("source"),
    "company": _("company"),
    "case study": _("case study"),
}


class ApiViewMixin:
    """Language, early 405, conditional GET, cached catalog reads. Mix into any DRF view under /api/."""

    #: Add ETag / Last-Modified and answer 304 to GET/HEAD. Turn off for views whose output is not
    #: a function of the catalog and the URL, or override get_conditional_version().
    conditional = True
    _validators: Validators | None = None
    _throttles: tuple = ()

    def get_conditional_version(self) -> tuple[str, object]:
        """(version string, last-modified datetime or None) of what this view returns.

        Default: the catalog's version. A view over other data (e.g. one evaluation) returns its
        own, e.g. ``(f"{evaluation.pk}:{evaluation.updated_at.isoformat()}", evaluation.updated_at)``.
        """
        version = catalog_version(self.request._request)
        return version.fingerprint, version.last_modified

    def reads_catalog(self) -> bool:
        """Its GET answer depends only on the catalog and the request, not on who asks."""
        return self.conditional and type(self).get_conditional_version is ApiViewMixin.get_conditional_version

    def get_throttles(self):
        # Kept: the response cache's front door counts a replayed read in the windows these used.
        self._throttles = tuple(super().get_throttles())
        return self._throttles

    def initial(self, request, *args, **kwargs) -> None:
        activate_request_language(request)
        if request.method not in self.allowed_methods:
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        if self.conditional and request.method in ("GET", "HEAD"):
            version, last_modified = self.get_conditional_version()
            self._validators = validators_for(request, version, last_modified)
            # DRF looks up the method's handler right after initial() (APIView.dispatch): from here
            # on, the handler answers through the 304 check and the response cache.
            name = request.method.lower()
            handler = getattr(self, name, None)
            if handler is not None:
                setattr(self, name, self._conditional_handler(handler))

    def _conditional_handler(self, handler):
        def answer(request, *args, **kwargs):
            if etag_matches(request, self._validators):
                return Response(status=304)
            if not self.reads_catalog():
                return handler(request, *args, **kwargs)
            return response_cache.serve(request._request, lambda: handler(request, *args, **kwargs))

        return answer

    def finalize_response(self, request, response, *args, **kwargs):
        if (
            self._validators is not None
            and response.status_code == 200
            and is_not_modified(request._request, self._validators)
        ):
            # If-None-Match: * or If-Modified-Since, now that the request proved valid.
            response = Response(status=304)
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._validators is not None and response.status_code in (200, 304):
            self._validators.apply(response)
            # Caches may keep it, but must ask again each time (a cheap 304 when nothing changed).
            response["Cache-Control"] = "no-cache"
        if (
            self._validators is not None
            and response.status_code == 200
            and request.method == "GET"
            and self.reads_catalog()
            and not request.user.is_authenticated
        ):
            response_cache.offer_to_front_door(response, self._throttles)
        return response


class SlugLookupMixin:
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            model = self.get_queryset().model
            raise exceptions.NotFound(
                gettext("No %(thing)s matches “%(slug)s”.")
                % {
                    "thing": THINGS.get(model._meta.verbose_name, model._meta.verbose_name),
                    "slug": self.kwargs.get(self.lookup_url_kwarg or self.lookup_field),
                }
            ) from None


class ApiGenericViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """A bare viewset with the API's behaviour (for endpoints that are not plain model resources)."""


class ReadOnlyViewSet(SlugLookupMixin, ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Public list + retrieve by slug."""

    #: Serializer for the detail view, when it shows more than a list item.
    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()


class CuratedViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadOnlyViewSet
):  # fmt: skip
    """Public reads; staff create/update/delete, validated like the admin (the write serializer's
    full_clean), each write in one transaction. Writes answer with the write serializer's shape
    (both languages), which is what the next PUT sends back."""

    permission_classes = [IsStaffOrReadOnly]
    write_serializer_class = None

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return super().get_serializer_class()

    def get_save_kwargs(self) -> dict:
        """What the URL (not the body) decides, passed to serializer.save(), e.g. the parent object."""
        return {}

    def perform_create(self, serializer) -> None:
        with transaction.atomic():
            serializer.save(**self.get_save_kwargs())

    def perform_update(self, serializer) -> None:
        with transaction.atomic():
            serializer.save(**self.get_save_kwargs())

    def perform_destroy(self, instance) -> None:
        with transaction.atomic():
            instance.delete()


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's local files; its init script is a separate same-origin file."""

    template_name = "api/swagger_ui.html"


# The <style> elements Redoc's bundle creates before it knows the nonce: an empty one (styled-
# components then fills it through the CSSOM, which the CSP does not police) and one fixed
# stylesheet. A new Redoc in drf-spectacular-sidecar may change the second hash; the browser test
# of /api/redoc/ fails on any CSP violation and names the hash to put here.
REDOC_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
]


class RedocView(SpectacularRedocView):
    """Redoc from the sidecar's local files; no inline script, no web fonts from a CDN.

    Redoc styles itself by injecting <style> elements (styled-components). Rather than allow
    'unsafe-inline' styles, this page's policy allows styles carrying its nonce (static/api/
    redoc-init.js hands it to Redoc, which puts it on the <style> elements it adds later) and the
    hashes of the two it adds before. Scripts stay same-origin only. One thing stays blocked, as it
    should: the bundle's "API docs by Redocly" footer asks cdn.redoc.ly for a logo; the CSP refuses
    that third-party image (it would fail offline anyway) and Redoc drops the broken image.
    """

    template_name = "api/redoc.html"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response._csp_config = {
            **settings.SECURE_CSP,
            "style-src": [CSP.SELF, CSP.NONCE, *REDOC_STYLE_HASHES],
            # Redoc's search index runs in a Web Worker its own (same-origin) script builds from a blob.
            "worker-src": [CSP.SELF, "blob:"],
        }
        return response


class SchemaView(SpectacularAPIView):
    """/api/schema/: one schema whatever the request's Accept-Language (or language cookie).

    Generated and rendered under one language (English), so field descriptions, enum labels and the
    component names derived from them (``TechnologiesList主要语言`` for a zh-hans visitor, another
    name in English) do not change with who asks: a client generated from it is the same for
    everyone. The language the *responses* use is still the request's (``Accept-Language``)."""

    schema_language = "en"

    def dispatch(self, request, *args, **kwargs):
        with translation.override(self.schema_language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # lazy translations are resolved now, in this language
        return response
