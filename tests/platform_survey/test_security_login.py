"""Brute force against the admin's sign-in is locked out like the site's (the two share counters),
and the password validators guard the admin's password change as they guard sign-up.

The site's own sign-in lockout is tested in test_accounts.py."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True, is_superuser=True)


def sign_in(client, password, path=ADMIN_LOGIN, username="curator"):
    return client.post(path, {"username": username, "password": password, "next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_admin_sign_in_still_works(client, curator):
    page = client.get(ADMIN_LOGIN)
    response = sign_in(client, PASSWORD)

    assert page.status_code == 200
    assert page.templates[0].name == "admin/login.html"
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_curator_opening_the_admin_sign_in_goes_to_the_admin(client, curator):
    client.force_login(curator)

    response = client.get(ADMIN_LOGIN)

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_non_staff_account_cannot_use_the_admin_sign_in_and_it_counts_as_a_failure(
    client, django_user_model, settings
):
    settings.LOGIN_FAILURE_LIMIT = 2
    django_user_model.objects.create_user("reader", password=PASSWORD)

    first = sign_in(client, PASSWORD, username="reader")
    sign_in(client, PASSWORD, username="reader")

    assert first.status_code == 200
    assert "_auth_user_id" not in client.session
    assert sign_in(client, PASSWORD, username="reader").status_code == 429


def test_repeated_failed_admin_sign_ins_are_locked_out_with_429_and_retry_after(client, curator, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900
    failures = [sign_in(client, "wrong").status_code for _ in range(3)]

    locked = sign_in(client, PASSWORD)

    assert failures == [200, 200, 200]
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 900  # until the end of the fixed window (limits.py)
    assert locked.templates[0].name == "admin/login.html"
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_either_sign_in_page_count_towards_one_lockout(client, curator, settings):
    settings.LOGIN_FAILURE_LIMIT = 4
    sign_in(client, "wrong", path=reverse("login"))
    sign_in(client, "wrong", path=reverse("login"))
    sign_in(client, "wrong")
    sign_in(client, "wrong")

    assert sign_in(client, PASSWORD).status_code == 429
    assert sign_in(client, PASSWORD, path=reverse("login")).status_code == 429


def test_the_admin_lockout_is_per_username_from_any_address(curator, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        sign_in(Client(REMOTE_ADDR=address), "wrong")

    assert sign_in(Client(REMOTE_ADDR="10.0.0.4"), PASSWORD).status_code == 429


def test_the_lockout_ends_when_the_window_passes(client, curator, settings, monkeypatch):
    # The limiter's windows are fixed (django-ratelimit): move its clock past the window's end.
    import django_ratelimit.core

    settings.LOGIN_FAILURE_LIMIT = 2
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 60
    now = [1_800_000_000.0]
    monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: now[0])
    sign_in(client, "wrong")
    sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429

    now[0] += 61

    assert sign_in(client, PASSWORD).status_code == 302


def test_a_weak_password_is_refused_in_the_admin_password_change(staff_client, django_user_model):
    user = django_user_model.objects.create_user("dana", password=PASSWORD)
    url = reverse("admin:auth_user_password_change", args=[user.pk])

    weak = staff_client.post(url, {"password1": "12345678", "password2": "12345678", "usable_password": "true"})
    strong = staff_client.post(
        url, {"password1": "another-long-passphrase", "password2": "another-long-passphrase", "usable_password": "true"}
    )

    assert weak.status_code == 200
    assert "password2" in weak.context["form"].errors
    user.refresh_from_db()
    assert strong.status_code == 302
    assert user.check_password("another-long-passphrase")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "shorter than 10 characters"),
        ("password1234", "a common password"),
        ("8472910365", "entirely numeric"),
        ("erin-smith-account", "too similar to the username"),
    ],
)
def test_sign_up_refuses_each_kind_of_weak_password(client, django_user_model, password, reason):
    response = client.post(
        reverse("signup"), {"username": "erin-smith-account", "password1": password, "password2": password}
    )

    assert response.status_code == 400, reason
    assert not django_user_model.objects.filter(username="erin-smith-account").exists()


def test_behind_a_proxy_each_client_has_its_own_address_counter(carol_at, settings):
    """The proxy's address is REMOTE_ADDR; the client's is in X-Forwarded-For, believed because the
    proxy is TRUSTED_PROXY (TrustedProxyMiddleware makes it REMOTE_ADDR)."""
    settings.LOGIN_FAILURE_LIMIT = 2
    settings.TRUSTED_PROXY = ["10.0.0.1"]
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    sign_in(attacker, "wrong", path=reverse("login"), username="x1")
    sign_in(attacker, "wrong", path=reverse("login"), username="x2")

    assert sign_in(attacker, PASSWORD, path=reverse("login"), username="carol").status_code == 429
    assert sign_in(colleague, PASSWORD, path=reverse("login"), username="carol").status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_header_does_not_reset_the_counter(carol_at, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for forged in ("192.0.2.1", "192.0.2.2"):
        sign_in(Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=forged), "wrong", username=f"x-{forged}")

    fresh_forgery = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.3")
    assert sign_in(fresh_forgery, PASSWORD, path=reverse("login"), username="carol").status_code == 429


@pytest.fixture
def carol_at(django_user_model):
    return django_user_model.objects.create_user("carol", password=PASSWORD)
