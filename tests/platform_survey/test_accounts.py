"""Accounts: sign up, sign in with brute-force protection, API tokens, and CSRF on every form."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user("carol", password=PASSWORD)


def test_signup_creates_an_account_and_signs_in(client, django_user_model):
    response = client.post(
        reverse("signup"), {"username": "dave", "password1": PASSWORD, "password2": PASSWORD, "email": ""}
    )

    assert response.status_code == 302
    assert django_user_model.objects.filter(username="dave").exists()
    assert client.get(reverse("account")).status_code == 200


def test_signup_rejects_a_weak_password_with_a_message_and_creates_nothing(client, django_user_model):
    response = client.post(reverse("signup"), {"username": "erin", "password1": "12345678", "password2": "12345678"})

    assert response.status_code == 400
    assert "password2" in response.context["form"].errors
    assert not django_user_model.objects.filter(username="erin").exists()


def test_sign_in_works_with_the_right_password(client, carol):
    response = client.post(reverse("login"), {"username": "carol", "password": PASSWORD})

    assert response.status_code == 302


def test_repeated_failed_sign_ins_are_locked_out_with_429(client, carol, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert client.post(reverse("login"), {"username": "carol", "password": "wrong"}).status_code == 200

    locked = client.post(reverse("login"), {"username": "carol", "password": PASSWORD})

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_the_lockout_also_applies_from_the_same_address_to_other_usernames(client, carol, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    client.post(reverse("login"), {"username": "x1", "password": "wrong"})
    client.post(reverse("login"), {"username": "x2", "password": "wrong"})

    assert client.post(reverse("login"), {"username": "carol", "password": PASSWORD}).status_code == 429


def test_a_successful_sign_in_resets_the_username_counter(client, carol, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    client.post(reverse("login"), {"username": "carol", "password": "wrong"})
    client.post(reverse("login"), {"username": "carol", "password": "wrong"})
    assert other_address.post(reverse("login"), {"username": "carol", "password": PASSWORD}).status_code == 302

    assert client.post(reverse("login"), {"username": "carol", "password": "wrong"}).status_code == 200


def test_account_page_needs_sign_in(client):
    response = client.get(reverse("account"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_user_can_create_and_revoke_their_tokens(client, carol):
    client.force_login(carol)

    first = client.post(reverse("token_create")).context["new_key"]
    second = client.post(reverse("token_create")).context["new_key"]
    page = client.get(reverse("account")).content.decode()
    for token in AuthToken.objects.filter(user=carol):
        client.post(reverse("token_revoke"), {"digest": token.digest})

    assert first != second
    assert (first[:8] in page, second[:8] in page) == (True, True)
    assert (first in page, second in page) == (False, False)  # a key is shown only when created
    assert not AuthToken.objects.filter(user=carol).exists()


POST_FORMS = [
    ("signup", []),
    ("login", []),
    ("logout", []),
    ("token_create", []),
    ("token_revoke", []),
    ("set_language", []),
    ("decisions:start", []),
]


@pytest.mark.parametrize(("name", "args"), POST_FORMS)
def test_every_form_post_without_a_csrf_token_is_refused(carol, name, args):
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)

    response = client.post(reverse(name, args=args), {"title": "x", "language": "en"})

    assert response.status_code == 403


def test_evaluation_posts_and_htmx_posts_need_a_csrf_token(carol):
    from decisions import services

    evaluation = services.start_evaluation(owner=carol, title="CSRF")
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    urls = [
        reverse("decisions:step", args=[evaluation.public_id, "context"]),
        reverse("decisions:run", args=[evaluation.public_id]),
        reverse("decisions:details", args=[evaluation.public_id]),
        reverse("decisions:delete", args=[evaluation.public_id]),
    ]

    for url in urls:
        assert client.post(url, {"action": "next"}).status_code == 403
        assert client.post(url, {"action": "autosave"}, HTTP_HX_REQUEST="true").status_code == 403
    evaluation.refresh_from_db()
    assert evaluation.results.count() == 0


def test_a_form_post_with_the_token_from_the_page_is_accepted(carol):
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    page = client.get(reverse("decisions:start"))
    token = page.context["csrf_token"]

    response = client.post(reverse("decisions:start"), {"title": "With token", "csrfmiddlewaretoken": str(token)})

    assert response.status_code == 302
