"""API reads through the response cache (platform_survey/response_cache.py, applied by
ApiViewMixin after authentication and throttles): with a token, so the front door (which serves only
callers without a token or cookie) is not involved. Without the cache these tests fail: a read then
runs its serialisation queries again."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from catalog.models import Technology
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/technologies/kubernetes/"
LIST = "/api/v1/technologies/?category=orchestration&ordering=name"


@pytest.fixture
def token(django_user_model) -> str:
    return issue_token(django_user_model.objects.create_user("reader", password="a-long-reader-password")).key


def counter_statements() -> int:
    """Statements the user throttle's counter costs in the counter table (one: counting is one
    upsert, platform_survey/cache_backends.py CounterCache.count); none with Redis."""
    return 1 if getattr(caches["limits"], "uses_database", lambda: False)() else 0


@pytest.mark.parametrize("url", [URL, LIST])
def test_a_repeated_read_with_a_token_is_served_from_the_cache(client, token, url, django_assert_num_queries):
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {token}")

    # The token (knox: one query), the catalog version; no query of the view's own.
    with django_assert_num_queries(2 + counter_statements()):
        second = client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {token}")

    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())


def test_token_and_anonymous_reads_share_one_entry(client, token, django_assert_num_queries):
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")  # anonymous: stored

    with django_assert_num_queries(2 + counter_statements()):
        with_token = client.get(URL, HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {token}")

    assert with_token.json()["slug"] == "kubernetes"


def test_a_bad_token_is_refused_even_when_the_read_is_cached(client, token):
    client.get(URL, HTTP_AUTHORIZATION=f"Token {token}")

    refused = client.get(URL, HTTP_AUTHORIZATION="Token " + "0" * 64)

    assert refused.status_code == 401


def test_a_curators_change_is_visible_on_the_very_next_request(client, staff_client, token):
    auth = {"HTTP_ACCEPT_LANGUAGE": "en", "HTTP_AUTHORIZATION": f"Token {token}"}
    client.get(URL, **auth)  # cached now
    kubernetes = Technology.objects.get(slug="kubernetes")
    form = {
        field: getattr(kubernetes, field)
        for field in ["slug", "name", "name_zh", "aliases", "kind", "summary_zh", "language", "language_detail",
                      "license", "license_family", "homepage", "status", "status_since_precision", "status_note_zh",
                      "status_note_en", "status_as_of", "status_review_by", "survey_note_zh", "survey_note_en"]
    }  # fmt: skip
    form |= {
        "summary_en": "Changed by a curator just now.",
        "categories": [c.pk for c in kubernetes.categories.all()],
        "status_source": kubernetes.status_source_id,
        "survey_source": kubernetes.survey_source_id or "",
        "in_survey": "on",
        "successors": [],
        "references": [r.pk for r in kubernetes.references.all()],
        "roles": [r.pk for r in kubernetes.roles.all()],
        "delivery": kubernetes.delivery,
        "providers": "[]",
        "maturity": kubernetes.maturity,
        "maturity_source": kubernetes.maturity_source_id or "",
        "scale_hosts": kubernetes.scale_hosts,
        "scale_source": kubernetes.scale_source_id or "",
        "scale_as_of": kubernetes.scale_as_of or "",
        "scale_review_by": kubernetes.scale_review_by or "",
        **{
            f"{prefix}-{key}": 0
            for prefix in ("assessments", "relations_out")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    changed = staff_client.post(reverse("admin:catalog_technology_change", args=[kubernetes.pk]), form)
    assert changed.status_code == 302, changed.context["adminform"].form.errors if changed.context else changed

    after = client.get(URL, **auth)

    assert after.json()["summary"] == "Changed by a curator just now."


def test_languages_are_cached_apart(client, token):
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en", **auth).json()
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans", **auth).json()
    english_again = client.get(URL, HTTP_ACCEPT_LANGUAGE="en", **auth).json()

    assert english["summary"] != chinese["summary"]
    assert english_again == english


def test_reads_that_depend_on_the_caller_are_not_cached(client, django_user_model):
    """An evaluation is its owner's: its reads have their own version and never enter the cache."""
    owner = django_user_model.objects.create_user("owner", password="a-long-owner-password")
    key = issue_token(owner).key
    created = client.post(
        "/api/v1/evaluations/", {"title": "Mine"}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert created.status_code == 201, created.content
    before = len(caches["default"]._cache)

    client.get("/api/v1/evaluations/", HTTP_AUTHORIZATION=f"Token {key}")

    assert len(caches["default"]._cache) == before


def test_a_view_with_its_own_version_is_never_answered_from_the_cache(django_user_model):
    """Only reads of the catalog (the default get_conditional_version) are cached: a view over a
    user's own data, with its own version, answers each caller itself."""
    from rest_framework.permissions import IsAuthenticated
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory, force_authenticate

    from platform_survey.api.views import ApiGenericViewSet

    class Mine(ApiGenericViewSet):
        permission_classes = [IsAuthenticated]

        def get_conditional_version(self):
            return "same-for-everyone", None  # even then: not the catalog's, so not cached

        def list(self, request):
            return Response({"user": request.user.username})

    view = Mine.as_view({"get": "list"})
    answers = []
    for name in ("hana", "ivan"):
        request = APIRequestFactory().get("/api/v1/mine/")
        force_authenticate(request, user=django_user_model.objects.create_user(name, password=f"{name}-long-password"))
        response = view(request)
        response.render()
        answers.append(response.data["user"])

    assert answers == ["hana", "ivan"]
