"""Case-study pages: the filtered list, one case study, and the adoption matrix."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    CaseStudyFactory,
    CategoryFactory,
    CompanyFactory,
    LessonFactory,
    MetricFactory,
    PitfallFactory,
    StackEntryFactory,
    StageFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def case_study_with_stages(*stacks, **kwargs):
    """A case study whose stages (in order) use the given technologies, each list one stage."""
    case_study = CaseStudyFactory(**kwargs)
    for order, technologies in enumerate(stacks, start=1):
        stage = StageFactory(case_study=case_study, order=order, name_en=f"Stage named {order}")
        for technology, layer in technologies:
            StackEntryFactory(stage=stage, technology=technology, layer=layer)
    return case_study


# --- list


def test_case_study_list_filters_by_technology_in_any_stage(client):
    layer = CategoryFactory()
    old = TechnologyFactory(slug="test-old-tech")
    wanted = case_study_with_stages([(old, layer)], [(TechnologyFactory(), layer)])
    case_study_with_stages([(TechnologyFactory(), layer)])

    response = client.get(reverse("casestudies:case_study_list"), {"technology": "test-old-tech"})

    assert [c.slug for c in response.context["case_studies"]] == [wanted.slug]


def test_case_study_list_filters_by_industry_scale_and_coverage(client):
    wanted = CaseStudyFactory(company=CompanyFactory(industry="gaming"), scale="lt50", coverage="minimal")
    CaseStudyFactory(company=CompanyFactory(industry="gaming"), scale="lt50", coverage="detailed")
    CaseStudyFactory(company=CompanyFactory(industry="gaming"), scale="gt5000", coverage="minimal")

    response = client.get(
        reverse("casestudies:case_study_list"), {"industry": "gaming", "scale": "lt50", "coverage": "minimal"}
    )

    assert [c.slug for c in response.context["case_studies"]] == [wanted.slug]


def test_case_study_list_ignores_bad_values_and_says_so(client):
    response = client.get(reverse("casestudies:case_study_list"), {"scale": "galactic"}, **ENGLISH)

    assert response.status_code == 200
    assert response.context["ignored"] == [("Scale", "galactic")]
    assert len(response.context["case_studies"]) == 15  # the knowledge base's, unfiltered


def test_case_study_list_answers_htmx_with_the_results_only(client):
    response = client.get(reverse("casestudies:case_study_list"), {"industry": "ecommerce"}, **HTMX)

    assert "<html" not in response.text
    assert 'class="case-cards"' in response.text


def test_case_study_list_shows_the_current_stack(client):
    layer = CategoryFactory()
    old, new = TechnologyFactory(name="Old Stack Tech"), TechnologyFactory(name="New Stack Tech")
    case_study = case_study_with_stages([(old, layer)], [(new, layer)], company=CompanyFactory(industry="devices"))

    response = client.get(reverse("casestudies:case_study_list"), {"industry": "devices"})

    card = response.text.split(case_study.get_absolute_url())[1].split("</li>")[0]
    assert ("New Stack Tech" in card, "Old Stack Tech" in card) == (True, False)


@pytest.mark.parametrize("n", [1, 5])
def test_case_study_list_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    for _ in range(n):
        case_study_with_stages([(TechnologyFactory(), layer)], [(TechnologyFactory(), layer)])
    # 1 technologies for the filter, 1 case studies with companies, 1 stages, 1 their stacks.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(5):
        client.get(reverse("casestudies:case_study_list"))


# --- detail


def test_case_study_page_draws_the_stack_by_layer_and_stage(client):
    network, orchestration = CategoryFactory(order=8), CategoryFactory(order=1)
    calico, mesos, k8s = (TechnologyFactory(name=name) for name in ("Calico", "Mesos", "K8s"))
    case_study = case_study_with_stages([(mesos, orchestration)], [(k8s, orchestration), (calico, network)])

    response = client.get(case_study.get_absolute_url())

    grid = response.context["grid"]
    assert [(row.layer, [[e.technology.name for e in cell] for cell in row.cells]) for row in grid] == [
        (orchestration, [["Mesos"], ["K8s"]]),
        (network, [[], ["Calico"]]),
    ]


def test_case_study_page_shows_what_each_stage_added_and_dropped(client):
    layer = CategoryFactory()
    mesos, k8s, docker = (TechnologyFactory(name=name) for name in ("Mesos", "K8s", "Docker"))
    case_study = case_study_with_stages([(mesos, layer), (docker, layer)], [(k8s, layer), (docker, layer)])

    response = client.get(case_study.get_absolute_url())

    steps = response.context["timeline"]
    assert [([t.name for t in s.added], [t.name for t in s.dropped], s.current) for s in steps] == [
        ([], [], False),
        (["K8s"], ["Mesos"], True),
    ]


def test_case_study_page_states_metrics_as_a_reader_would(client):
    case_study = CaseStudyFactory()
    MetricFactory(case_study=case_study, value=Decimal("100000"), unit="containers", qualifier="at_least", order=1)
    MetricFactory(case_study=case_study, value=Decimal("80"), baseline=Decimal("20"), unit="percent", order=2)
    MetricFactory(case_study=case_study, value=Decimal("8000"), unit="containers", qualifier="peak", order=3)

    response = client.get(case_study.get_absolute_url(), **ENGLISH)

    values = [cell.split(">", 1)[1] for cell in response.text.split('<td class="metric-value')[1:]]
    assert [value.split("</td>")[0] for value in values] == [
        "more than 100,000 containers",
        "20% → 80%",
        "8,000 containers at peak",
    ]


def test_case_study_page_groups_lessons_by_kind_with_anchors(client):
    case_study = CaseStudyFactory()
    problem = LessonFactory(case_study=case_study, kind="problem", order=1)
    practice = LessonFactory(case_study=case_study, kind="practice", order=2)
    problem.pitfalls.add(PitfallFactory())

    response = client.get(case_study.get_absolute_url(), **ENGLISH)

    groups = [(kind, [lesson.slug for lesson in group]) for kind, _label, group in response.context["lessons_by_kind"]]
    assert groups == [("practice", [practice.slug]), ("problem", [problem.slug])]
    assert f'id="lesson-{problem.slug}"' in response.text


def test_case_study_page_explains_thin_coverage(client):
    case_study = CaseStudyFactory(coverage="minimal", coverage_note_en="Only one sentence in the survey.")

    response = client.get(case_study.get_absolute_url(), **ENGLISH)

    assert "The survey barely covers this company" in response.text
    assert "Only one sentence in the survey." in response.text


def test_unknown_case_study_is_a_404(client):
    assert client.get("/case-studies/no-such-company/").status_code == 404


@pytest.mark.parametrize("n", [1, 5])
def test_case_study_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    case_study = case_study_with_stages(*[[(TechnologyFactory(), layer)] for _ in range(n)])
    for _ in range(n):
        MetricFactory(case_study=case_study)
        lesson = LessonFactory(case_study=case_study)
        lesson.technologies.add(TechnologyFactory())
        lesson.pitfalls.add(PitfallFactory())
        case_study.company.reported_pitfalls.add(PitfallFactory())
    # 1 case study with company and source, 1 stages, 1 stacks, 1 metrics, 1 lessons,
    # 1 lessons' technologies, 1 lessons' pitfalls, 1 pitfalls the company reported.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(9):
        client.get(case_study.get_absolute_url())


# --- adoption matrix


def test_adoption_matrix_marks_current_and_earlier_use(client):
    layer = CategoryFactory()
    kept, dropped = TechnologyFactory(name="Kept"), TechnologyFactory(name="Dropped")
    case_study = case_study_with_stages([(kept, layer), (dropped, layer)], [(kept, layer)])

    latest = client.get(reverse("casestudies:adoption_matrix"), {"layer": layer.slug})
    any_stage = client.get(reverse("casestudies:adoption_matrix"), {"layer": layer.slug, "stages": "any"})

    column = [c.pk for c in latest.context["case_studies"]].index(case_study.pk)

    def marks(response):
        [(_layer, rows)] = response.context["groups"]
        return {row.technology.name: row.marks[column] for row in rows}

    assert marks(latest) == {"Kept": "current"}
    assert marks(any_stage) == {"Kept": "current", "Dropped": "earlier"}


def test_adoption_matrix_says_which_stages_it_reads(client):
    response = client.get(reverse("casestudies:adoption_matrix"), {"stages": "any"}, **ENGLISH)

    assert "Read from every stage of each case study." in response.text


@pytest.mark.parametrize("n", [1, 5])
def test_adoption_matrix_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    for _ in range(n):
        case_study_with_stages([(TechnologyFactory(), layer)], [(TechnologyFactory(), layer)])
    # 1 case studies with companies, 1 stages, 1 their stacks with technologies and layers.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(4):
        client.get(reverse("casestudies:adoption_matrix"), {"stages": "any"})
