"""casestudies/filters.py: the case-study FilterSet behind the endpoint and the list page alike."""

import pytest
from django.urls import reverse

from casestudies.filters import CaseStudyFilter
from casestudies.models import CaseStudy
from catalog import filters
from tests.factories import CaseStudyFactory, CompanyFactory, StackEntryFactory, StageFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_case_studies():
    """``cf-early`` used ``cf-tool`` only in its first stage; ``cf-now`` uses it today; ``cf-never``
    never did. ``cf-now`` is a games company's; the other two are e-commerce companies'."""
    tool = TechnologyFactory(slug="cf-tool")
    early = CaseStudyFactory(slug="cf-early", scale="gt5000")
    StackEntryFactory(stage=StageFactory(case_study=early, order=1), technology=tool)
    StageFactory(case_study=early, order=2)
    now = CaseStudyFactory(slug="cf-now", company=CompanyFactory(industry="gaming"), scale="gt5000")
    StackEntryFactory(stage=StageFactory(case_study=now, order=1), technology=tool)
    CaseStudyFactory(slug="cf-never", scale="lt50")


def _slugs(queryset) -> list[str]:
    return sorted(slug for slug in queryset.values_list("slug", flat=True) if slug.startswith("cf-"))


def test_technology_matches_a_case_study_using_it_in_any_stage(three_case_studies):
    found = filters.apply(CaseStudyFilter, CaseStudy.objects.all(), {"technology": "cf-tool"})

    assert _slugs(found) == ["cf-early", "cf-now"]


def test_the_filters_combine_and_repeated_choices_mean_either(three_case_studies):
    found = filters.apply(
        CaseStudyFilter, CaseStudy.objects.all(), {"scale": ["gt5000", "lt50"], "industry": ["ecommerce"]}
    )

    assert _slugs(found) == ["cf-early", "cf-never"]


def test_the_list_page_and_the_endpoint_find_the_same_case_studies(client, three_case_studies):
    query = {"technology": "cf-tool", "industry": "gaming"}

    page = client.get(reverse("casestudies:case_study_list"), query)
    api = client.get("/api/v1/case-studies/", query).json()

    assert [c.slug for c in page.context["case_studies"]] == [c["slug"] for c in api["results"]] == ["cf-now"]
