"""Facet counts on the technology lists follow the filters applied (catalog/forms.py count_facets)."""

import re

import pytest
from django.urls import reverse

from tests.factories import AssessmentFactory, CapabilityFactory, CategoryFactory, TechnologyFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def layer():
    """Three active products (two in Go, one in Java), one active Go protocol, one retired Go product."""
    layer = CategoryFactory()
    for kind, status, language in [
        ("product", "active", "go"),
        ("product", "active", "go"),
        ("product", "active", "java"),
        ("protocol", "active", "go"),
        ("product", "retired", "go"),
    ]:
        TechnologyFactory(categories=[layer], kind=kind, status=status, language=language)
    return layer


def counts(html: str, field: str) -> dict[str, int]:
    return {value: int(n) for value, n in re.findall(rf'id="facet-count-{field}-(\w+)"[^>]*>\((\d+)\)<', html)}


def test_unfiltered_counts_are_the_whole_layers(client, layer):
    html = client.get(layer.get_absolute_url(), **ENGLISH).text

    assert counts(html, "status") == {"active": 4, "retired": 1}
    assert counts(html, "kind") == {"product": 4, "protocol": 1}
    assert counts(html, "language") == {"go": 4, "java": 1}


def test_a_filter_narrows_the_other_facets_counts_but_not_its_own(client, layer):
    html = client.get(layer.get_absolute_url(), {"kind": "product"}, **ENGLISH).text

    assert counts(html, "kind") == {"product": 4, "protocol": 1}  # its own choices stay comparable
    assert counts(html, "status") == {"active": 3, "retired": 1}
    assert counts(html, "language") == {"go": 3, "java": 1}


def test_two_filters_combine_and_a_choice_they_empty_stays_with_zero(client, layer):
    html = client.get(layer.get_absolute_url(), {"kind": "product", "language": "java"}, **ENGLISH).text

    assert counts(html, "status") == {"active": 1, "retired": 0}
    assert counts(html, "language") == {"go": 3, "java": 1}
    assert counts(html, "kind") == {"product": 1, "protocol": 0}


def test_a_capability_filter_narrows_every_facet(client, layer):
    capability = CapabilityFactory(category=layer)
    java = layer.technologies.get(language="java")
    AssessmentFactory(technology=java, capability=capability, level="yes")

    html = client.get(layer.get_absolute_url(), {"capability": f"{capability.slug}:yes"}, **ENGLISH).text

    assert counts(html, "language") == {"go": 0, "java": 1}
    assert counts(html, "status") == {"active": 1, "retired": 0}


def test_an_htmx_answer_carries_the_new_counts_out_of_band(client, layer):
    response = client.get(layer.get_absolute_url(), {"status": "retired"}, **HTMX, **ENGLISH)

    assert 'id="facet-count-kind-product" hx-swap-oob="innerHTML">(1)<' in response.text
    assert 'id="facet-count-kind-protocol" hx-swap-oob="innerHTML">(0)<' in response.text
    assert 'id="filters"' not in response.text  # the form itself is not replaced: focus stays put


def test_the_all_technologies_list_counts_within_the_chosen_layer(client, layer):
    other = CategoryFactory()
    TechnologyFactory(categories=[other], kind="product", status="active", language="rust")

    html = client.get(reverse("catalog:technology_list"), {"layer": layer.slug}, **ENGLISH).text

    languages = counts(html, "language")
    assert (languages["go"], languages["java"], languages["rust"]) == (4, 1, 0)
