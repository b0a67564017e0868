"""Root URLs. Each app owns its own urls.py; the API has one router (platform_survey/api_router.py)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("catalog.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("evaluations/", include("decisions.urls")),
]
