"""casestudies/stacks.py: the stack grid, the timeline and the adoption matrix, from prefetched stacks."""

import pytest

from casestudies import stacks
from casestudies.models import CaseStudy
from tests.factories import CaseStudyFactory, CategoryFactory, StackEntryFactory, StageFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_companies():
    """``stk-a`` ran Old then moved to New; ``stk-b`` runs New and, one layer up, Tool."""
    low = CategoryFactory(slug="stk-low", order=1)
    high = CategoryFactory(slug="stk-high", order=2)
    old = TechnologyFactory(slug="stk-old", name="Old")
    new = TechnologyFactory(slug="stk-new", name="New")
    tool = TechnologyFactory(slug="stk-tool", name="Tool")
    a = CaseStudyFactory(slug="stk-a")
    first, second = StageFactory(case_study=a, order=1), StageFactory(case_study=a, order=2)
    StackEntryFactory(stage=first, technology=old, layer=low)
    StackEntryFactory(stage=second, technology=new, layer=low)
    b = CaseStudyFactory(slug="stk-b")
    only = StageFactory(case_study=b, order=1)
    StackEntryFactory(stage=only, technology=new, layer=low)
    StackEntryFactory(stage=only, technology=tool, layer=high)
    return sorted(CaseStudy.objects.filter(slug__in=["stk-a", "stk-b"]).for_list(), key=lambda c: c.slug)


def _table(groups) -> list:
    return [(layer.slug, [(row.technology.slug, row.marks) for row in rows]) for layer, rows in groups]


def test_adoption_counts_only_current_use_unless_asked_for_any_stage(two_companies):
    adoption = stacks.adoption(two_companies)

    assert _table(adoption.groups()) == [
        ("stk-low", [("stk-new", ["current", "current"])]),
        ("stk-high", [("stk-tool", ["", "current"])]),
    ]
    assert _table(adoption.groups(any_stage=True)) == [
        ("stk-low", [("stk-new", ["current", "current"]), ("stk-old", ["earlier", ""])]),
        ("stk-high", [("stk-tool", ["", "current"])]),
    ]


def test_adoption_shows_one_layer_when_asked(two_companies):
    assert _table(stacks.adoption(two_companies).groups(layer_slug="stk-high")) == [
        ("stk-high", [("stk-tool", ["", "current"])])
    ]


def test_a_technology_dropped_and_taken_up_again_in_the_latest_stage_is_current():
    layer = CategoryFactory(slug="stk-gap")
    back = TechnologyFactory(slug="stk-back")
    case_study = CaseStudyFactory(slug="stk-gap-case")
    for order in (1, 3):
        StackEntryFactory(stage=StageFactory(case_study=case_study, order=order), technology=back, layer=layer)
    StackEntryFactory(stage=StageFactory(case_study=case_study, order=2), layer=layer)  # something else meanwhile

    adoption = stacks.adoption(list(CaseStudy.objects.filter(pk=case_study.pk).for_list()))

    assert _table(adoption.groups()) == [("stk-gap", [("stk-back", ["current"])])]


def test_the_timeline_says_what_each_stage_added_and_dropped(two_companies):
    stages = list(two_companies[0].stages.all())

    steps = stacks.timeline(stages)

    assert [([t.slug for t in s.added], [t.slug for t in s.dropped], s.current) for s in steps] == [
        ([], [], False),
        (["stk-new"], ["stk-old"], True),
    ]


def test_the_stack_grid_lines_layers_up_against_stages(two_companies):
    stages = list(two_companies[1].stages.all())

    grid = stacks.stack_grid(stages)

    assert [(row.layer.slug, [[e.technology.slug for e in cell] for cell in row.cells]) for row in grid] == [
        ("stk-low", [["stk-new"]]),
        ("stk-high", [["stk-tool"]]),
    ]
