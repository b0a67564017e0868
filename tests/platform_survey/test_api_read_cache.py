"""API reads are cached per catalog version, and a curator's change shows on the very next request."""

import pytest
from django.urls import reverse

from catalog.models import Technology

pytestmark = pytest.mark.django_db

URL = "/api/v1/technologies/kubernetes/"


def test_a_repeated_read_is_served_from_the_cache(client, django_assert_num_queries):
    first = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")

    # only the catalog-version query (the representation comes from the cache), and the 4 rate-limit
    # counter statements: each of the two throttles adds its counter and increments it
    with django_assert_num_queries(5):
        second = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")

    assert second.json() == first.json()
    assert second["ETag"] == first["ETag"]


def test_a_curators_change_is_visible_on_the_very_next_request(client, staff_client):
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")  # cached now
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

    after = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")

    assert after.json()["summary"] == "Changed by a curator just now."


def test_languages_are_cached_apart(client):
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert english["summary"] != chinese["summary"]
