"""Database constraints and natural keys of the catalog."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from catalog.models import Assessment, Category, Source, Technology, TechnologyRelation
from tests.factories import (
    AssessmentFactory,
    CapabilityFactory,
    CategoryFactory,
    SourceFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db


def violates(callable_) -> bool:
    try:
        with transaction.atomic():
            callable_()
    except IntegrityError:
        return True
    return False


def test_technology_slug_is_unique():
    TechnologyFactory(slug="dup")

    assert violates(lambda: TechnologyFactory(slug="dup"))


def test_one_assessment_per_technology_and_capability():
    assessment = AssessmentFactory()

    assert violates(
        lambda: AssessmentFactory(technology=assessment.technology, capability=assessment.capability, level="no")
    )


def test_assessment_level_must_be_valid_in_the_database():
    assessment = AssessmentFactory()

    assert violates(lambda: Assessment.objects.filter(pk=assessment.pk).update(level="maybe"))


def test_technology_status_must_be_valid_in_the_database():
    technology = TechnologyFactory()

    assert violates(lambda: Technology.objects.filter(pk=technology.pk).update(status="alive"))


def test_in_house_technology_needs_an_owner():
    assert violates(lambda: TechnologyFactory(kind="in_house", owner=None))


def test_review_date_cannot_precede_as_of_date():
    assert violates(lambda: AssessmentFactory(as_of=dt.date(2026, 1, 1), review_by=dt.date(2025, 1, 1)))


def test_external_source_needs_url_and_retrieval_date():
    assert violates(lambda: SourceFactory(url="", retrieved_on=None))
    assert not violates(lambda: SourceFactory(kind="survey", url="", retrieved_on=None, section="个人理解"))


def test_survey_source_needs_a_section():
    assert violates(lambda: SourceFactory(kind="survey", section=""))


def test_relation_cannot_point_at_itself():
    technology = TechnologyFactory()

    assert violates(
        lambda: TechnologyRelation.objects.create(
            from_technology=technology, to_technology=technology, kind="requires", source=SourceFactory()
        )
    )


def test_natural_keys_round_trip():
    technology = TechnologyFactory(slug="round-trip")
    capability = CapabilityFactory(slug="round_trip_cap")
    AssessmentFactory(technology=technology, capability=capability)

    assert Technology.objects.get_by_natural_key("round-trip") == technology
    assert Assessment.objects.get_by_natural_key("round-trip", "round_trip_cap").technology == technology
    assert Category.objects.get_by_natural_key(capability.category.slug) == capability.category
    assert Source.objects.get_by_natural_key(technology.status_source.slug) == technology.status_source


def test_claim_is_stale_after_its_review_date():
    stale = AssessmentFactory(as_of=dt.date(2017, 6, 1), review_by=dt.date(2018, 6, 1))
    fresh = AssessmentFactory(as_of=dt.date(2026, 11, 1), review_by=dt.date(2099, 1, 1))

    assert stale.is_stale is True
    assert fresh.is_stale is False


def test_localized_text_falls_back_and_says_so():
    category = CategoryFactory(description_zh="", description_en="English only")

    from django.utils import translation

    with translation.override("zh-hans"):
        text = category.tr("description")

    assert (text.text, text.language, text.fallback) == ("English only", "en", True)
