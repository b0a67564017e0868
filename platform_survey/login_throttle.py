"""Login brute-force protection: count failed sign-ins per username and per client address in
the shared cache; past the limit, refuse attempts with 429 and Retry-After until the window ends.
A successful sign-in clears the username's counter."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def client_address(request: HttpRequest) -> str:
    # Behind the proxy gunicorn trusts (forwarded_allow_ips), REMOTE_ADDR is already the client.
    return request.META.get("REMOTE_ADDR", "")


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
