"""Evaluations started before signing up or signing in are kept by the account (decisions/claims.py)."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import resolve, reverse

from decisions.models import Evaluation

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def start(client: Client, title: str) -> Evaluation:
    response = client.post(reverse("decisions:start"), {"title": title})
    assert response.status_code == 302
    return Evaluation.objects.get(public_id=resolve(response["Location"]).kwargs["public_id"])


def review(evaluation: Evaluation) -> str:
    return reverse("decisions:review", args=[evaluation.public_id])


def listed_titles(client: Client) -> list[str]:
    response = client.get(reverse("decisions:list"))
    assert response.status_code == 200
    return sorted(evaluation.title for evaluation in response.context["evaluations"])


def sign_up(client: Client, username: str):
    return client.post(
        reverse("signup"), {"username": username, "password1": PASSWORD, "password2": PASSWORD, "email": ""}
    )


def test_evaluations_started_before_sign_up_belong_to_the_new_account(client, django_user_model):
    first = start(client, "Before sign-up one")
    second = start(client, "Before sign-up two")
    assert first.owner is None

    assert sign_up(client, "dana").status_code == 302

    dana = django_user_model.objects.get(username="dana")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.owner, second.owner) == (dana, dana)
    assert listed_titles(client) == ["Before sign-up one", "Before sign-up two"]
    assert client.get(review(first)).status_code == 200


def test_evaluations_started_before_login_belong_to_the_account_and_stay_after_signing_out(client, django_user_model):
    carol = django_user_model.objects.create_user("carol", password=PASSWORD)
    evaluation = start(client, "Before login")

    assert client.post(reverse("login"), {"username": "carol", "password": PASSWORD}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.owner == carol
    assert listed_titles(client) == ["Before login"]

    client.post(reverse("logout"))
    # Signed out, the evaluation is the account's alone: not listed, and its link is now a 404.
    assert listed_titles(client) == []
    assert client.get(review(evaluation)).status_code == 404
    client.post(reverse("login"), {"username": "carol", "password": PASSWORD})
    assert listed_titles(client) == ["Before login"]


def test_another_browser_that_opened_the_link_cannot_claim_the_evaluation(client, django_user_model):
    evaluation = start(client, "Alice's anonymous draft")
    mallory = django_user_model.objects.create_user("mallory", password=PASSWORD)
    other = Client()
    assert other.get(review(evaluation)).status_code == 200  # the link works for anyone

    assert other.post(reverse("login"), {"username": "mallory", "password": PASSWORD}).status_code == 302

    evaluation.refresh_from_db()
    assert evaluation.owner is None
    assert listed_titles(other) == []
    assert not Evaluation.objects.filter(owner=mallory).exists()


def test_an_evaluation_someone_already_owns_is_never_reassigned(client, django_user_model):
    evaluation = start(client, "Claimed first")
    erin = django_user_model.objects.create_user("erin", password=PASSWORD)
    # The same evaluation claimed by someone else in the meantime (e.g. the same link's first browser).
    Evaluation.objects.filter(pk=evaluation.pk).update(owner=erin)

    assert sign_up(client, "frank").status_code == 302

    evaluation.refresh_from_db()
    assert evaluation.owner == erin
    assert listed_titles(client) == []


def test_an_evaluation_started_while_signed_in_is_the_accounts_and_a_later_login_claims_nothing_else(
    client, django_user_model
):
    gina = django_user_model.objects.create_user("gina", password=PASSWORD)
    client.force_login(gina)
    own = start(client, "Signed in")
    stranger = start(Client(), "Somebody else's")

    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "gina", "password": PASSWORD})

    own.refresh_from_db()
    stranger.refresh_from_db()
    assert own.owner == gina
    assert stranger.owner is None
    assert listed_titles(client) == ["Signed in"]
