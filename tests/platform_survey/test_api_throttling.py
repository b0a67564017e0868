"""Throttling: anonymous clients per address, authenticated users per account; 429 with Retry-After.

The suite's default rates are raised (tests/pytest_env.py); these tests set low rates themselves.
"""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db


def rates(**scopes: str):
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": scopes})


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def still_clock():
    """The limiter counts in fixed windows: with the clock running, two requests a test means to
    count together could fall on either side of a window's end (a CI run saw that). The clock
    stands still during each test."""
    with time_machine.travel(dt.datetime(2026, 12, 4, 12, 0, 10, tzinfo=dt.UTC), tick=False):
        yield


def test_anonymous_clients_beyond_their_rate_get_429_with_retry_after(client):
    with rates(anon="2/min", user="100/min"):
        statuses = [client.get("/api/v1/categories/").status_code for _ in range(3)]
        refused = client.get("/api/v1/categories/", HTTP_ACCEPT_LANGUAGE="en")

    wait = refused["Retry-After"]
    assert statuses == [200, 200, 429]
    assert 0 < int(wait) <= 60
    assert refused.json() == {
        "status": 429,
        "code": "throttled",
        "message": f"Request was throttled. Expected available in {wait} {'second' if wait == '1' else 'seconds'}.",
        "errors": {},
    }


def test_authenticated_users_have_their_own_rate(client, django_user_model):
    alice = issue_token(django_user_model.objects.create_user(username="alice")).key
    bob = issue_token(django_user_model.objects.create_user(username="bob")).key

    with rates(anon="100/min", user="2/min"):
        alice_statuses = [
            client.get("/api/v1/categories/", HTTP_AUTHORIZATION=f"Token {alice}").status_code for _ in range(3)
        ]
        bob_status = client.get("/api/v1/categories/", HTTP_AUTHORIZATION=f"Token {bob}").status_code

    assert alice_statuses == [200, 200, 429]
    assert bob_status == 200


def test_a_view_with_a_throttle_scope_gets_that_scopes_rate_too(rf):
    from rest_framework.views import APIView

    from platform_survey.api.throttles import ScopedThrottle

    class Costly(APIView):
        throttle_scope = "costly"

    view = Costly()
    with rates(anon="100/min", user="100/min", costly="1/min"):
        request = view.initialize_request(rf.get("/"))
        first, second = ScopedThrottle().allow_request(request, view), ScopedThrottle().allow_request(request, view)

    assert (first, second) == (True, False)


def test_the_schema_and_docs_are_throttled_like_everything_else(client):
    with rates(anon="1/min", user="100/min"):
        client.get("/api/schema/")
        response = client.get("/api/schema/")

    assert response.status_code == 429
