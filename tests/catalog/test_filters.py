"""catalog/filters.py: the FilterSets behind both the API lists and the catalog pages."""

import pytest
from django.urls import reverse

from catalog import filters
from catalog.models import Technology
from tests.factories import (
    AssessmentFactory,
    CapabilityFactory,
    CategoryFactory,
    PitfallFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def layer_with_three():
    """In one layer: ``flt-yes`` assessed yes on ``flt_cap``, ``flt-unknown`` assessed unknown,
    ``flt-silent`` not assessed at all (and dormant)."""
    layer = CategoryFactory(slug="flt-layer")
    capability = CapabilityFactory(slug="flt_cap", category=layer)
    yes = TechnologyFactory(slug="flt-yes", name="Flt yes", categories=[layer])
    unknown = TechnologyFactory(slug="flt-unknown", name="Flt unknown", categories=[layer])
    silent = TechnologyFactory(slug="flt-silent", name="Flt silent", status="dormant", categories=[layer])
    AssessmentFactory(technology=yes, capability=capability, level="yes")
    AssessmentFactory(technology=unknown, capability=capability, level="unknown")
    return yes, unknown, silent


def _slugs(queryset) -> list[str]:
    return sorted(queryset.values_list("slug", flat=True))


def test_capability_unknown_also_matches_a_technology_nobody_has_assessed(layer_with_three):
    result = filters.apply(filters.TechnologyFilter, Technology.objects.all(), {"capability": ["flt_cap:unknown"]})

    assert [slug for slug in _slugs(result) if slug.startswith("flt-")] == ["flt-silent", "flt-unknown"]


def test_capability_yes_matches_only_the_technologies_assessed_yes(layer_with_three):
    result = filters.apply(filters.TechnologyFilter, Technology.objects.all(), {"capability": "flt_cap:yes"})

    assert _slugs(result) == ["flt-yes"]


def test_empty_parameters_mean_any(layer_with_three):
    result = filters.apply(filters.TechnologyFilter, Technology.objects.all(), {"category": "", "status": []})

    assert result.count() == Technology.objects.count()


def test_a_value_the_filterset_refuses_is_an_error_not_an_unfiltered_list():
    with pytest.raises(ValueError, match="status"):
        filters.apply(filters.TechnologyFilter, Technology.objects.all(), {"status": ["gone"]})


def test_the_page_and_the_api_list_the_same_technologies_for_the_same_filters(client, layer_with_three):
    query = {"capability": "flt_cap:unknown", "status": "dormant"}

    page = client.get(reverse("catalog:category_detail", args=["flt-layer"]), query)
    api = client.get("/api/v1/technologies/", {**query, "category": "flt-layer"}).json()

    assert [t.slug for t in page.context["technologies"]] == [t["slug"] for t in api["results"]] == ["flt-silent"]


def test_the_pitfall_page_and_the_api_filter_by_layer_and_severity_alike(client):
    layer = CategoryFactory(slug="flt-pitfalls")
    for severity in ("low", "critical", "high"):
        PitfallFactory(slug=f"flt-{severity}", severity=severity).categories.set([layer])
    PitfallFactory(slug="flt-elsewhere", severity="critical")
    query = {"layer": "flt-pitfalls", "severity": ["critical", "low"]}

    page = client.get(reverse("catalog:pitfall_list"), query)
    api = client.get("/api/v1/pitfalls/", query).json()

    assert (
        [p.slug for p in page.context["pitfalls"]]
        == [p["slug"] for p in api["results"]]
        == [
            "flt-critical",
            "flt-low",
        ]
    )
