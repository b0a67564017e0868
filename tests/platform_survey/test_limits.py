"""The one limiter (platform_survey/limits.py): normalised usernames, a shared store that pages
cannot evict, atomic counts. The limits across two servers are in test_two_servers.py."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from platform_survey import cache_backends, limits

pytestmark = pytest.mark.django_db

PASSWORD = "carol-long-password-1"


@pytest.fixture(autouse=True)
def _fresh():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user("carol", password=PASSWORD)


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("spelling", ["ｃarol", "CAROL", " Carol ", "ｃａｒｏｌ", "carol"])
def test_a_look_alike_spelling_shares_the_real_accounts_counter(carol, spelling, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert sign_in(Client(REMOTE_ADDR="10.0.0.1"), "carol", "wrong").status_code == 200

    # Another address, so only the username's counter can refuse it.
    locked = sign_in(Client(REMOTE_ADDR="10.0.0.2"), spelling, PASSWORD)
    assert locked.status_code == 429
    # ... and the lock is still there for the real spelling: nothing cleared it.
    assert sign_in(Client(REMOTE_ADDR="10.0.0.3"), "carol", PASSWORD).status_code == 429


def test_failures_under_look_alike_spellings_add_up(carol, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for spelling in ("ｃarol", "CAROL", "Carol"):
        sign_in(Client(REMOTE_ADDR="10.0.1.1"), spelling, "wrong")
    assert sign_in(Client(REMOTE_ADDR="10.0.1.2"), "carol", PASSWORD).status_code == 429


def test_failures_from_one_address_lock_that_address_for_every_username(carol, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.0.2.1")
    for name in ("alice", "bob", "dave"):
        sign_in(client, name, "wrong")
    assert sign_in(client, "carol", PASSWORD).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.0.2.2"), "carol", PASSWORD).status_code == 302


def test_normalisation_is_nfkc_and_case_folding():
    assert limits.normalise_username("ｃａｒｏｌ") == "carol"
    assert limits.normalise_username("Straße") == "strasse"
    assert limits.normalise_username("ＣＡＲＯＬ ") == "carol"


def test_the_limits_store_is_shared_and_not_the_page_cache():
    backend = settings.CACHES["limits"]["BACKEND"]
    assert backend in {
        "platform_survey.cache_backends.CounterCache",
        "platform_survey.cache_backends.RedisCounterCache",
    }
    assert caches["limits"] is not caches["default"]
    assert settings.RATELIMIT_USE_CACHE == "limits"


def test_page_traffic_cannot_evict_a_throttled_clients_counter(client):
    rates = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/hour", "user": "3/hour"}}
    with override_settings(REST_FRAMEWORK=rates):
        attacker = Client(REMOTE_ADDR="10.0.3.1")
        statuses = [attacker.get("/api/v1/categories/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        # Someone else's page views go into the page cache, and 400 entries (the per-process cache
        # keeps 300) push everything older out of it ...
        for index in range(20):
            Client(REMOTE_ADDR="10.0.3.2").get(f"/technologies/?x={index}")
        for index in range(400):
            caches["default"].set(f"filler-{index}", "x" * 100)
        # ... and the attacker is still refused.
        assert attacker.get("/api/v1/categories/").status_code == 429


def test_counter_increments_are_single_statements(django_assert_num_queries):
    cache = caches["limits"]
    if not isinstance(cache, cache_backends.CounterCache):
        pytest.skip("Redis store: INCR is atomic by itself")
    with django_assert_num_queries(1):
        assert cache.add("k", 0, 60)
    with django_assert_num_queries(1):
        assert cache.incr("k") == 1
    assert not cache.add("k", 0, 60)  # a live counter is never reset by add
    assert cache.incr("k", 5) == 6
    assert cache.decr("k") == 5
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")


def test_an_expired_counter_starts_again(settings):
    cache = caches["limits"]
    cache.set("old", 50, timeout=-1)  # already expired
    assert cache.get("old") is None
    with pytest.raises(ValueError, match="not found"):
        cache.incr("old")
    assert cache.add("old", 0, 60)
    assert cache.incr("old") == 1


def test_evaluation_starts_reserve_atomically_and_give_back_unused_reservations(client, settings):
    settings.EVALUATION_START_LIMIT_PER_HOUR = 2
    visitor = Client(REMOTE_ADDR="10.0.4.1")
    # Invalid forms (no title) reserve and then give back: they do not count.
    for _ in range(5):
        assert visitor.post(reverse("decisions:start"), {"title": " "}).status_code == 400
    assert [visitor.post(reverse("decisions:start"), {"title": "ok"}).status_code for _ in range(3)] == [302, 302, 429]
