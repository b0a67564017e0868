"""The tech radar's placement rule (catalog/radar.py), and the error page that needs no request."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from catalog import radar
from catalog.models import Category, Technology
from tests.factories import CaseStudyFactory, StackEntryFactory, StageFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def used_currently_by(technology, n: int) -> None:
    for _ in range(n):
        stage = StageFactory(case_study=CaseStudyFactory(), order=1)
        StackEntryFactory(stage=stage, technology=technology)


def used_only_earlier_by(technology) -> None:
    case_study = CaseStudyFactory()
    StackEntryFactory(stage=StageFactory(case_study=case_study, order=1), technology=technology)
    StageFactory(case_study=case_study, order=2)


def placements(*technologies) -> dict[str, str]:
    from casestudies.models import StackEntry
    from casestudies.querysets import latest_stage_order

    rows = StackEntry.objects.annotate(latest_order=latest_stage_order("stage__case_study")).values_list(
        "technology_id", "stage__case_study_id", "stage__order", "latest_order"
    )
    chosen = Technology.objects.for_radar().filter(pk__in=[t.pk for t in technologies])
    return {blip.technology.name: blip.ring for blip in radar.place(chosen, radar.adoption_counts(rows))}


def test_radar_adopts_by_2026_maturity_not_by_2017_adoption():
    graduated = TechnologyFactory(name="Graduated", maturity="graduated")
    incubating = TechnologyFactory(name="Incubating", maturity="incubating")
    popular_in_2017 = TechnologyFactory(name="Popular", maturity="sandbox")
    unverified = TechnologyFactory(name="Unverified", status="unverified", maturity="graduated")
    used_currently_by(popular_in_2017, 5)  # 2017 adoption is history: it does not lift a ring

    found = placements(graduated, incubating, popular_in_2017, unverified)

    assert found == {"Graduated": "adopt", "Incubating": "trial", "Popular": "assess", "Unverified": "assess"}


@translation.override("en")
def test_radar_shows_the_2017_adoption_as_history():
    popular_in_2017 = TechnologyFactory(name="Popular", maturity="sandbox")
    used_currently_by(popular_in_2017, 2)
    used_only_earlier_by(popular_in_2017)

    [blip] = [b for b in _blips(popular_in_2017)]

    assert blip.reasons[0] == "Active, but sandbox or early."
    assert "History: 2 case studies of the 2017 survey ran it in their latest known stage (3 at some stage)." in (
        blip.reasons
    )


def _blips(*technologies):
    from casestudies.models import StackEntry
    from casestudies.querysets import latest_stage_order

    rows = StackEntry.objects.annotate(latest_order=latest_stage_order("stage__case_study")).values_list(
        "technology_id", "stage__case_study_id", "stage__order", "latest_order"
    )
    chosen = Technology.objects.for_radar().filter(pk__in=[t.pk for t in technologies])
    return radar.place(chosen, radar.adoption_counts(rows))


def test_radar_holds_legacy_and_superseded_maintenance_technologies():
    retired = TechnologyFactory(name="Retired", status="retired")
    kept = TechnologyFactory(name="Kept", status="maintenance")
    superseded = TechnologyFactory(name="Superseded", status="maintenance")
    superseded.successors.add(TechnologyFactory(name="Newer"))
    used_currently_by(retired, 5)

    found = placements(retired, kept, superseded)

    assert found == {"Retired": "hold", "Kept": "trial", "Superseded": "hold"}


def test_radar_caps_a_mature_technology_with_successors_at_trial():
    popular = TechnologyFactory(name="Popular", maturity="graduated")
    popular.successors.add(TechnologyFactory(name="Successor"))
    used_currently_by(popular, 4)

    assert placements(popular) == {"Popular": "trial"}


@translation.override("en")
def test_radar_trials_the_named_successor_of_a_held_technology():
    old = TechnologyFactory(name="Old", status="deprecated")
    new = TechnologyFactory(name="New")
    old.successors.add(new)

    [blip] = [
        b for b in radar.place(Technology.objects.for_radar().filter(pk__in=[old.pk, new.pk]), {}) if b.ring == "trial"
    ]

    assert blip.technology == new
    assert blip.reasons[0] == "The named successor of Old, which is on hold."


def test_radar_leaves_in_house_systems_out():
    in_house = TechnologyFactory(kind="in_house", owner=CaseStudyFactory().company)

    assert in_house not in list(Technology.objects.for_radar())


def test_radar_places_each_blip_inside_its_ring_and_quadrant():
    layer = Category.objects.get(slug="network")
    technologies = [TechnologyFactory(categories=[layer], status="retired") for _ in range(40)]

    blips = radar.place(Technology.objects.for_radar().filter(pk__in=[t.pk for t in technologies]), {})

    inner, outer = radar.RING_RADII[2], radar.RING_RADII[3]
    for blip in blips:
        dx, dy = blip.x - radar.CENTER, blip.y - radar.CENTER
        assert inner < (dx**2 + dy**2) ** 0.5 < outer
        assert (dx > 0, dy > 0) == (True, True)  # "network" is the bottom-right quadrant
    assert len({(b.x, b.y) for b in blips}) == 40


def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")

    assert "500" in html
    assert "<script" not in html
