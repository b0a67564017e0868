"""Sign-up and starting an evaluation are limited per client address and hour
(platform_survey/creation_limits.py): past the limit the form answers 429 with Retry-After and a
message, and nothing is created."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from decisions.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def signup(client, number: int):
    password = "a-long-enough-password-42"
    form = {"username": f"user{number}", "password1": password, "password2": password}
    return client.post(reverse("signup"), form, HTTP_ACCEPT_LANGUAGE="en")


def test_sign_ups_past_the_hourly_limit_are_refused_with_429(client, settings, django_user_model):
    settings.SIGNUP_LIMIT_PER_HOUR = 2
    statuses = []
    for number in range(3):
        client.logout()
        statuses.append(signup(client, number).status_code)
    refused = signup(client, 9)

    assert statuses == [302, 302, 429]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert b"Too many accounts were created from your address" in refused.content
    assert sorted(django_user_model.objects.values_list("username", flat=True)) == ["user0", "user1"]


def test_failed_sign_ups_do_not_count(client, settings, django_user_model):
    settings.SIGNUP_LIMIT_PER_HOUR = 1
    weak = client.post(reverse("signup"), {"username": "weak", "password1": "123", "password2": "123"})

    accepted = signup(client, 1)

    assert weak.status_code == 400
    assert accepted.status_code == 302


def test_evaluation_starts_past_the_hourly_limit_are_refused_with_429(client, settings):
    settings.EVALUATION_START_LIMIT_PER_HOUR = 2
    statuses = [client.post(reverse("decisions:start"), {"title": f"Try {n}"}).status_code for n in range(3)]
    refused = client.post(reverse("decisions:start"), {"title": "Once more"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert statuses == [302, 302, 429]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "从你的地址发起的评估过多".encode() in refused.content
    assert Evaluation.objects.count() == 2


def test_the_limit_is_per_address(client, settings):
    settings.EVALUATION_START_LIMIT_PER_HOUR = 1
    first = client.post(reverse("decisions:start"), {"title": "Here"}, REMOTE_ADDR="192.0.2.1")
    elsewhere = client.post(reverse("decisions:start"), {"title": "There"}, REMOTE_ADDR="192.0.2.2")
    again = client.post(reverse("decisions:start"), {"title": "Here again"}, REMOTE_ADDR="192.0.2.1")

    assert (first.status_code, elsewhere.status_code, again.status_code) == (302, 302, 429)
