"""The API's URLs, mounted at /api/ by platform_survey/urls.py.

/api/v1/       the resources: one DefaultRouter; each app's api.py provides the viewsets
/api/schema/   OpenAPI 3 (YAML; ?format=json for JSON), the same whatever the request's language
/api/docs/     Swagger UI, /api/redoc/ Redoc — both from drf-spectacular-sidecar's local files
anything else under /api/ is a 404 in the API's error shape.

To add endpoints: write the viewset on platform_survey.api.views' base classes (they bring the
error shape, language, 405-before-auth, ETag/304 and throttling) and list it in the app's
``api_routes.py`` (``ROUTES``: prefix, viewset, basename). The routes are collected from the
installed apps in INSTALLED_APPS order, so this module names no app (docs/ARCHITECTURE.md).
"""

from importlib import import_module

from django.apps import apps
from django.urls import include, path, re_path
from django.utils.module_loading import module_has_submodule
from rest_framework.routers import DefaultRouter

from platform_survey.api.errors import api_not_found
from platform_survey.api.views import RedocView, SchemaView, SwaggerView


def collect_routes() -> DefaultRouter:
    """One router holding every installed app's ``api_routes.ROUTES``, in INSTALLED_APPS order."""
    router = DefaultRouter()
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "api_routes"):
            for prefix, viewset, basename in import_module(f"{app.name}.api_routes").ROUTES:
                router.register(prefix, viewset, basename=basename)
    return router


router = collect_routes()

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    re_path(r"^", api_not_found),
]
