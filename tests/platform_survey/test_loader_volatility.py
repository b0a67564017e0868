"""Review-by dates follow a volatility class per claim (issue 11, point 5).

release 6 months, capability 18, architecture 36: a claim's review_by is its as_of plus its class's
period unless the record sets an earlier one; a claim checked in 2026 may not set a later one.
"""

import datetime as dt

import pytest

from catalog.models import Assessment, Correction, Pitfall, Technology
from knowledge_base.loader import add_months, load_knowledge_base
from tests.platform_survey.test_loader import MINI_REST, MINI_TECH, assert_fails_cleanly, write
from tests.platform_survey.test_loader import mini as mini  # the fixture, requested by name

# The mini fixtures with every 2026 review date left out.
DERIVED_TECH = MINI_TECH.replace("    status_review_by: 2027-05-01\n", "").replace(
    "as_of: 2026-11-01, review_by: 2027-11-01}", "as_of: 2026-11-01}"
)
DERIVED_REST = MINI_REST.replace("as_of: 2026-11-01\n    review_by: 2027-11-01\n", "as_of: 2026-11-01\n")


@pytest.mark.django_db
def test_review_by_is_derived_from_as_of_and_the_default_class_of_each_kind_of_claim(mini):
    assert "2027-05-01" not in DERIVED_TECH
    assert "2027-11-01" not in DERIVED_TECH + DERIVED_REST
    write(mini, "tech.yaml", DERIVED_TECH)
    write(mini, "rest.yaml", DERIVED_REST)

    load_knowledge_base(mini)

    beta = Technology.objects.get(slug="t-beta")
    assert beta.status_review_by == dt.date(2027, 5, 1)  # lifecycle status: release, 6 months
    assert Assessment.objects.get(technology=beta).review_by == dt.date(2028, 5, 1)  # capability, 18
    assert Correction.objects.get(slug="t-fix").review_by == dt.date(2029, 11, 1)  # architecture, 36
    # A 2017 claim keeps the review date it states.
    alpha = Technology.objects.get(slug="t-alpha")
    assert Assessment.objects.get(technology=alpha).review_by == dt.date(2018, 6, 1)


@pytest.mark.django_db
def test_a_stated_class_overrides_the_default(mini):
    write(mini, "tech.yaml", DERIVED_TECH.replace("as_of: 2026-11-01}", "as_of: 2026-11-01, volatility: release}"))
    write(
        mini,
        "rest.yaml",
        DERIVED_REST.replace("as_of: 2026-11-01\n", "as_of: 2026-11-01\n    volatility: capability\n"),
    )

    load_knowledge_base(mini)

    assert Assessment.objects.get(technology__slug="t-beta").review_by == dt.date(2027, 5, 1)
    assert Correction.objects.get(slug="t-fix").review_by == dt.date(2028, 5, 1)


@pytest.mark.django_db
def test_a_pitfall_mitigation_has_its_own_class(mini):
    rest = DERIVED_REST.replace(
        "    as_of: 2017-06-01\n    review_by: 2018-06-01\ncorrections",
        "    as_of: 2026-11-01\n    mitigation_source: t-web\n    mitigation_as_of: 2026-12-01\n"
        "    mitigation_volatility: architecture\ncorrections",
    )
    write(mini, "rest.yaml", rest)

    load_knowledge_base(mini)

    pitfall = Pitfall.objects.get(slug="t-pit")
    assert (pitfall.review_by, pitfall.mitigation_review_by) == (dt.date(2028, 5, 1), dt.date(2029, 12, 1))


@pytest.mark.django_db
def test_a_2026_review_date_later_than_the_class_allows_is_rejected(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("status_review_by: 2027-05-01", "status_review_by: 2027-11-01", 1))

    assert_fails_cleanly(
        mini,
        "tech.yaml: technologies[0] (slug 't-alpha')",
        "field 'status_review_by': 2027-11-01 is later than a release claim as of 2026-11-01 allows",
        "2027-05-01 at the latest",
    )


@pytest.mark.django_db
def test_an_earlier_review_date_than_the_class_gives_is_kept(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("status_review_by: 2027-05-01", "status_review_by: 2027-01-15", 1))

    load_knowledge_base(mini)

    assert Technology.objects.get(slug="t-alpha").status_review_by == dt.date(2027, 1, 15)


@pytest.mark.django_db
def test_an_unknown_class_is_rejected(mini):
    write(mini, "tech.yaml", DERIVED_TECH.replace("as_of: 2026-11-01}", "as_of: 2026-11-01, volatility: weekly}"))

    assert_fails_cleanly(
        mini,
        "technologies[1] (slug 't-beta')",
        "assessments[0] (capability 't_cap'): field 'volatility': 'weekly' is not a volatility class",
    )


def test_months_are_added_on_the_calendar_and_clamped_to_the_month_end():
    assert add_months(dt.date(2026, 11, 1), 6) == dt.date(2027, 5, 1)
    assert add_months(dt.date(2026, 12, 3), 18) == dt.date(2028, 6, 3)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
