"""Every catalog endpoint runs a fixed number of queries, whatever the number of items.

Each count starts with the catalog version (one read of the one-row CatalogState, see
platform_survey/api/conditional.py) that keys the ETag, and includes the statements of the two API
throttles' rate-limit counters (platform_survey/limits.py). Anonymous requests without a session
cookie cost no authentication query.
"""

import pytest

from platform_survey.models import RateCounter
from tests.factories import (
    AssessmentFactory,
    CapabilityFactory,
    CaseStudyFactory,
    CategoryFactory,
    CompanyFactory,
    CorrectionFactory,
    PitfallFactory,
    SourceFactory,
    StackEntryFactory,
    StageFactory,
    TechnologyFactory,
    TechnologyRelationFactory,
)

pytestmark = pytest.mark.django_db

COUNTS = [1, 3, 12]


def rich_technology(n: int, layer=None):
    """A technology with n of everything its detail shows."""
    layer = layer or CategoryFactory()
    technology = TechnologyFactory(categories=[layer, *CategoryFactory.create_batch(n - 1)], owner=CompanyFactory())
    for _ in range(n):
        AssessmentFactory(technology=technology, capability=CapabilityFactory(category=layer))
        TechnologyRelationFactory(from_technology=technology)
        TechnologyRelationFactory(to_technology=technology)
        technology.successors.add(TechnologyFactory())
        TechnologyFactory().successors.add(technology)
        pitfall = PitfallFactory()
        pitfall.technologies.add(technology)
        pitfall.categories.add(layer)
        CorrectionFactory().technologies.add(technology)
        StackEntryFactory(technology=technology, stage=StageFactory(case_study=CaseStudyFactory()))
    return technology


@pytest.fixture(autouse=True)
def _fresh_counters(db):
    """Every measured request opens its own throttle windows (one statement per window, as counted
    below): counters that a live server committed in the same minute, in the PostgreSQL pass's
    browser tests, would be counted on. Deleted inside this test's
    transaction, so they come back afterwards."""
    RateCounter.objects.all().delete()


@pytest.mark.parametrize("n", COUNTS)
def test_technology_list_query_count_is_fixed(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    for _ in range(n):
        rich_technology(1, layer)

    # version; count; the page with owners; their layers
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/technologies/?category={layer.slug}&capability=nothing:unknown&search=Test")

    assert response.json()["count"] == n


@pytest.mark.parametrize("n", COUNTS)
def test_technology_detail_query_count_is_fixed(client, django_assert_num_queries, n):
    technology = rich_technology(n)

    # version; the technology with owner and both sources; layers; successors; predecessors;
    # relations out; relations in; assessments; pitfalls; corrections; stack entries
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(13):
        response = client.get(f"/api/v1/technologies/{technology.slug}/")

    assert len(response.json()["assessments"]) == n


@pytest.mark.parametrize("n", [2, 3, 4])
def test_compare_query_count_is_fixed(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    capabilities = CapabilityFactory.create_batch(5, category=layer)
    technologies = TechnologyFactory.create_batch(n, categories=[layer])
    for technology in technologies:
        for capability in capabilities:
            AssessmentFactory(technology=technology, capability=capability)

    # version; technologies; their layers; the layers' capabilities; assessments
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(7):
        response = client.get(f"/api/v1/compare/?technologies={','.join(t.slug for t in technologies)}")

    assert len(response.json()["rows"]) == 5


@pytest.mark.parametrize("n", COUNTS)
def test_assessment_list_query_count_is_fixed(client, django_assert_num_queries, n):
    technology = TechnologyFactory()
    AssessmentFactory.create_batch(n, technology=technology)

    # version; the technology; count; the page with capability, layer and source
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/technologies/{technology.slug}/assessments/")

    assert response.json()["count"] == n


@pytest.mark.parametrize("n", COUNTS)
def test_pitfall_list_query_count_is_fixed(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    for _ in range(n):
        pitfall = PitfallFactory()
        pitfall.categories.add(layer, CategoryFactory())
        pitfall.technologies.add(*TechnologyFactory.create_batch(2))
        pitfall.remedies.add(TechnologyFactory())
        pitfall.reported_by.add(CompanyFactory())

    # version; count; the page with sources; layers; reporting companies; technologies; remedies
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(9):
        response = client.get(f"/api/v1/pitfalls/?layer={layer.slug}")

    assert response.json()["count"] == n


@pytest.mark.parametrize("n", COUNTS)
def test_category_list_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        layer = CategoryFactory()
        CapabilityFactory(category=layer)
        TechnologyFactory(categories=[layer])

    # version; count; the page with technology and capability counts
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(5):
        client.get("/api/v1/categories/?page_size=200")


@pytest.mark.parametrize("n", COUNTS)
def test_capability_and_source_lists_query_counts_are_fixed(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    CapabilityFactory.create_batch(n, category=layer)
    SourceFactory.create_batch(n)

    # version; count; the page (with layers)
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(5):
        client.get(f"/api/v1/capabilities/?category={layer.slug}")
    # + 2 rate-limit counter statements: the windows' counters exist now, and counting in one is still
    # one upsert (platform_survey/cache_backends.py CounterCache.count)
    with django_assert_num_queries(5):
        client.get("/api/v1/sources/?kind=web&page_size=200")


def test_a_matching_etag_answers_304_with_the_version_query_and_the_rate_counters(client, django_assert_num_queries):
    technology = rich_technology(3)
    etag = client.get(f"/api/v1/technologies/{technology.slug}/")["ETag"]

    # version
    # + 2 rate-limit counter statements: one upsert per throttle window, whether the counter exists or
    # not (CounterCache.count); a 304 still counts against the limit
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/technologies/{technology.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
