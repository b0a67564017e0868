"""Root URLs. Each app owns its own urls.py, included by name (this module imports no app); the API
has one router (platform_survey/api_router.py)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import accounts, health, login_throttle

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The admin's sign-in shares the site's brute-force lockout (login_throttle.py).
    path("admin/login/", login_throttle.admin_login),
    # Companies moved from the casestudies app to the catalog (catalog/migrations/0008): old admin links still work.
    re_path(
        r"^admin/casestudies/(?P<rest>(?:historical)?company/.*)$",
        RedirectView.as_view(url="/admin/catalog/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("platform_survey.api_router")),
    path("accounts/login/", login_throttle.ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/", accounts.account, name="account"),
    path("accounts/token/", accounts.token_create, name="token_create"),
    path("accounts/token/revoke/", accounts.token_revoke, name="token_revoke"),
    path("", include("catalog.home_urls")),
    path("", include("catalog.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("evaluations/", include("decisions.urls")),
]

# A database error raised outside any view (e.g. saving the session) answers 503, not 500.
handler500 = "platform_survey.middleware.server_error"

if settings.BENCHMARK_VIEWS:
    from . import bench_views

    urlpatterns.append(path("bench/bytes/<int:size>", bench_views.prebuilt_bytes))
