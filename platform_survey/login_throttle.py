"""Login brute-force protection: count failed sign-ins per username and per client address in
the shared cache; past the limit, refuse attempts with 429 and Retry-After until the window ends.
A successful sign-in clears the username's counter. The site's sign-in page and the admin's share
the same counters (admin_login below)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def client_address(request: HttpRequest) -> str:
    """The client's address by the API throttles' rule: REMOTE_ADDR, or behind API_NUM_PROXIES
    reverse proxies the address in X-Forwarded-For that the outermost trusted proxy saw.

    gunicorn leaves REMOTE_ADDR as the proxy's own address (forwarded_allow_ips only covers the
    scheme), so without this every visitor behind the proxy would share one counter: five failures
    by anyone would lock everyone out. With API_NUM_PROXIES=0 (the default) X-Forwarded-For is
    ignored, so a client cannot forge it to dodge the limit."""
    return BaseThrottle().get_ident(request)


def _keys(request: HttpRequest, username: str) -> list[str]:
    return [_key("user", username), _key("address", client_address(request))]


def seconds_locked(request: HttpRequest, username: str) -> int:
    """Seconds until attempts are allowed again; 0 when not locked."""
    cache = caches["shared"]
    now = time.time()
    for key in _keys(request, username):
        entry = cache.get(key)
        if entry and entry["count"] >= settings.LOGIN_FAILURE_LIMIT:
            return max(1, int(entry["until"] - now))
    return 0


def record_failure(request: HttpRequest, username: str) -> None:
    cache = caches["shared"]
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    now = time.time()
    for key in _keys(request, username):
        entry = cache.get(key)
        if not entry or entry["until"] <= now:
            entry = {"count": 0, "until": now + window}
        entry["count"] += 1
        cache.set(key, entry, timeout=int(entry["until"] - now) + 1)


def clear(request: HttpRequest, username: str) -> None:
    caches["shared"].delete(_key("user", username))


class ThrottledLoginView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        locked = seconds_locked(request, username)
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

    def form_invalid(self, form):
        record_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

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
