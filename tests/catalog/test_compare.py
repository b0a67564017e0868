"""catalog/compare.py: the one comparison matrix behind the compare page and the compare endpoint."""

import pytest
from django.urls import reverse

from catalog import compare
from catalog.models import Technology
from tests.factories import AssessmentFactory, CapabilityFactory, CategoryFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def _three_ways_of_not_knowing():
    """Two technologies: on ``gap`` one has no assessment and the other is assessed ``unknown``;
    on ``split`` they are assessed yes and no; on ``agreed`` both yes."""
    layer = CategoryFactory(slug="cmp-matrix-layer")
    agreed = CapabilityFactory(slug="cmp_agreed", category=layer, order=1)
    gap = CapabilityFactory(slug="cmp_gap", category=layer, order=2)
    split = CapabilityFactory(slug="cmp_split", category=layer, order=3)
    silent = TechnologyFactory(slug="cmp-silent", categories=[layer])
    unsure = TechnologyFactory(slug="cmp-unsure", categories=[layer])
    for technology in (silent, unsure):
        AssessmentFactory(technology=technology, capability=agreed, level="yes")
    AssessmentFactory(technology=unsure, capability=gap, level="unknown")
    AssessmentFactory(technology=silent, capability=split, level="yes")
    AssessmentFactory(technology=unsure, capability=split, level="no")
    return silent, unsure


def test_the_page_and_the_api_agree_on_which_capabilities_differ(client):
    _three_ways_of_not_knowing()
    query = {"technologies": "cmp-silent,cmp-unsure"}

    page = client.get(reverse("catalog:compare"), query)
    api = client.get("/api/v1/compare/", query).json()

    on_the_page = [(row.capability.slug, row.differs) for group in page.context["groups"] for row in group.rows]
    in_the_api = [(row["capability"]["slug"], row["differs"]) for row in api["rows"]]
    assert on_the_page == in_the_api == [("cmp_agreed", False), ("cmp_gap", False), ("cmp_split", True)]


def test_a_missing_assessment_reads_as_unknown_but_is_marked_not_assessed():
    _three_ways_of_not_knowing()
    technologies = list(Technology.objects.for_compare(["cmp-silent", "cmp-unsure"]).order_by("slug"))

    gap = next(row for row in compare.rows(technologies) if row.capability.slug == "cmp_gap")

    assert gap.levels == ["unknown", "unknown"]
    assert [(cell.technology, cell.level, cell.assessed) for cell in gap.entries] == [
        ("cmp-silent", "unknown", False),
        ("cmp-unsure", "unknown", True),
    ]
    assert (gap.entries[0].source, gap.entries[0].note) == (None, "")
    assert gap.entries[1].source is not None


def test_the_matrix_groups_rows_by_layer_in_layer_order_and_counts_each_groups_differences():
    late = CategoryFactory(slug="cmp-late", order=900)
    early = CategoryFactory(slug="cmp-early", order=1)
    first = TechnologyFactory(slug="cmp-first", categories=[late, early])
    second = TechnologyFactory(slug="cmp-second", categories=[late])
    AssessmentFactory(technology=first, capability=CapabilityFactory(category=late, slug="cmp_late_cap"), level="no")
    CapabilityFactory(category=early, slug="cmp_early_cap")
    technologies = list(Technology.objects.for_compare([first.slug, second.slug]).order_by("slug"))

    groups = compare.matrix(technologies)

    assert [(g.category.slug, [r.capability.slug for r in g.rows], g.difference_count) for g in groups] == [
        ("cmp-early", ["cmp_early_cap"], 0),
        ("cmp-late", ["cmp_late_cap"], 1),
    ]


def test_parse_slugs_splits_commas_drops_blanks_and_repeats_and_lowercases():
    assert compare.parse_slugs(["a, B", "", "c,a", " b "]) == ["a", "b", "c"]


def test_select_keeps_the_requested_order_and_names_the_slugs_it_could_not_find():
    one = Technology(slug="one")
    two = Technology(slug="two")

    selection = compare.select(["two", "nope", "one"], [one, two])

    assert (selection.technologies, selection.unknown, selection.comparable) == ([two, one], ["nope"], True)
    [message] = selection.messages
    assert "nope" in message


def test_select_is_not_comparable_with_one_technology_or_more_than_four_requested():
    technologies = [Technology(slug=f"t{n}") for n in range(5)]

    assert not compare.select(["t0"], technologies).comparable
    assert not compare.select([t.slug for t in technologies], technologies).comparable
    assert compare.select(["t0", "t1", "t2", "t3"], technologies).comparable
