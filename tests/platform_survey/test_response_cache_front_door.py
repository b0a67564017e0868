"""The response cache's front door: anonymous API reads replayed near the top of the stack
(platform_survey/response_cache.py, ResponseCacheMiddleware).

A replayed read is recognisable: it skips the middleware under the front door, so the request never
gets a session. Everything else about it must be the same as the full stack's answer. Without the
front door, ``replayed`` is false everywhere and these tests fail."""

import pytest
from django.core.cache import cache, caches
from django.test import Client

from catalog.models import Technology
from platform_survey import limits
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/technologies/kubernetes/"
LIST = "/api/v1/technologies/?category=orchestration&ordering=name"


def replayed(response) -> bool:
    return not hasattr(response.wsgi_request, "session")


def test_a_second_anonymous_read_is_replayed_with_one_query_and_identical_headers(client, django_assert_num_queries):
    first = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")

    # The catalog version, and the two throttles' counters (one upsert each in the default store,
    # platform_survey/cache_backends.py CounterCache.count; none with Redis).
    limits = caches["limits"]
    with django_assert_num_queries(3 if getattr(limits, "uses_database", lambda: False)() else 1):
        second = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")

    assert not replayed(first)
    assert replayed(second)
    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())  # ETag, Vary, CSP, X-Frame-Options, ...
    assert second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_curators_change_is_replayed_on_the_very_next_request(client):
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert replayed(client.get(URL, HTTP_ACCEPT_LANGUAGE="en"))

    kubernetes = Technology.objects.get(slug="kubernetes")
    kubernetes.summary_en = "Edited a moment ago."
    kubernetes.save()  # bumps the catalog version in the same transaction
    after = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")

    assert not replayed(after)
    assert after.json()["summary"] == "Edited a moment ago."


def test_language_and_host_are_part_of_the_key(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "survey.example"]
    for _ in range(2):  # the second round is replayed
        english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
        chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
        elsewhere = client.get(URL, HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="survey.example")

    assert all(replayed(response) for response in (english, chinese, elsewhere))
    assert english.json()["summary"] != chinese.json()["summary"]
    assert english.json()["url"] == "http://testserver/api/v1/technologies/kubernetes/"
    assert elsewhere.json()["url"] == "http://survey.example/api/v1/technologies/kubernetes/"
    assert english["ETag"] != elsewhere["ETag"]


def test_callers_with_a_session_or_a_token_take_the_full_stack(client, django_user_model):
    client.get(URL)
    user = django_user_model.objects.create_user(username="reader", password="a-long-reader-password")
    token = issue_token(user)

    with_token = Client().get(URL, HTTP_AUTHORIZATION=f"Token {token.key}")
    logged_in = Client()
    logged_in.force_login(user)
    with_session = logged_in.get(URL)

    assert with_token.status_code == with_session.status_code == 200
    assert not replayed(with_token)
    assert not replayed(with_session)


def test_conditional_requests_take_the_full_stack_and_get_their_304(client):
    etag = client.get(URL)["ETag"]
    client.get(URL)

    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert not replayed(response)


@pytest.mark.parametrize(
    ("url", "status"), [("/api/v1/technologies/no-such-thing/", 404), ("/api/v1/evaluations/", 401)]
)
def test_only_successful_public_reads_are_stored(client, url, status):
    first = client.get(url)
    second = client.get(url)

    assert (first.status_code, second.status_code) == (status, status)
    assert not replayed(second)


def test_replayed_reads_are_throttled_like_the_view(client, settings):
    rates = {"anon": "3/min", "user": "100/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    cache.clear()

    statuses = [client.get(URL).status_code for _ in range(4)]
    refused = client.get(URL)

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert refused.json()["code"] == "throttled"


def test_a_replayed_read_is_counted_in_the_same_window_as_the_full_stack(client, settings):
    """The front door counts on the limiter in the window the view's throttle used: one count per
    request, whichever of the two answers it."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "50/min", "user": "90/min"},
    }
    for _ in range(3):
        client.get(URL)  # one full stack, two replayed

    assert limits.usage("api:anon", "throttle_anon_127.0.0.1", 50, 60, increment=False).count == 3


def test_a_new_release_is_not_answered_from_the_old_one(client, settings):
    client.get(URL)
    assert replayed(client.get(URL))

    settings.RELEASE_ID = "a-later-release"
    after = client.get(URL)

    assert not replayed(after)
