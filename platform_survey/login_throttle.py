"""Login brute-force protection: failed sign-ins counted per **normalised username** and per
**client address** (platform_survey/limits.py: django-ratelimit's counters in the shared, atomic
``limits`` store); at the limit, attempts are refused with 429 and Retry-After until the window
ends. The username is normalised as sign-in matches it (NFKC, case-folded), so a look-alike
spelling (``ｃarol`` with a full-width c, ``CAROL``) shares the real account's counter and can
neither sign in past the lock nor clear it. A successful sign-in clears the username's counter.
The site's sign-in page and the admin's share the same counters (admin_login below)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import limits
from .limits import client_address, normalise_username

__all__ = [
    "ThrottledLoginView",
    "admin_login",
    "clear",
    "client_address",
    "record_failure",
    "reserve_attempt",
    "seconds_locked",
]


def _counters(request: HttpRequest, username: str) -> list[tuple[str, str]]:
    return [("login-failures:user", normalise_username(username)), ("login-failures:address", client_address(request))]


def _rate() -> tuple[int, int]:
    return settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_SECONDS


def seconds_locked(request: HttpRequest, username: str) -> int:
    """Seconds until attempts are allowed again; 0 when not locked."""
    limit, period = _rate()
    for group, value in _counters(request, username):
        usage = limits.usage(group, value, limit, period, increment=False)
        if usage.failed or usage.count >= limit:
            return usage.retry_after
    return 0


def record_failure(request: HttpRequest, username: str) -> None:
    limit, period = _rate()
    for group, value in _counters(request, username):
        limits.usage(group, value, limit, period, increment=True)


def reserve_attempt(request: HttpRequest, username: str) -> int:
    """Count this attempt as a failure *before* checking the password — one atomic increment per
    counter — and answer the seconds locked (0: go ahead). Checking first and counting after would
    let concurrent attempts all pass the check: 40 at once let 8 through a limit of 5. A sign-in
    that succeeds gives its count back (``clear``)."""
    limit, period = _rate()
    locked = 0
    for group, value in _counters(request, username):
        usage = limits.usage(group, value, limit, period, increment=True)
        if usage.exceeded:
            locked = max(locked, usage.retry_after)
    return locked


def clear(request: HttpRequest, username: str) -> None:
    """A successful sign-in: the username's counter is cleared, the address's attempt given back."""
    limit, period = _rate()
    limits.reset("login-failures:user", normalise_username(username), limit, period)
    limits.release("login-failures:address", client_address(request), limit, period)


class ThrottledLoginView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        locked = reserve_attempt(request, username)
        if locked:
            form = self.get_form()
            form.add_error(
                None,
                _("Too many failed sign-ins. Try again in %(minutes)s minute(s).") % {"minutes": (locked + 59) // 60},
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(locked)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        clear(self.request, form.get_user().get_username())
        return super().form_valid(form)


def admin_login(request: HttpRequest) -> HttpResponse:
    """/admin/login/ behind the same counters: Django's AdminSite.login (same context, form and
    template), with ThrottledLoginView in place of LoginView."""
    site = admin.site
    redirect_url = auth_views.LoginView().get_redirect_url(request) or reverse("admin:index", current_app=site.name)
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(redirect_url)
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
        REDIRECT_FIELD_NAME: redirect_url,
    }
    request.current_app = site.name
    view = ThrottledLoginView.as_view(
        extra_context=context, authentication_form=AdminAuthenticationForm, template_name="admin/login.html"
    )
    return view(request)
