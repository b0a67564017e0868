"""Catalog pages: home, technology lists and pages, compare, pitfalls, network guide, radar, search,
sources, the language switch and the 404 page."""

import datetime as dt

import pytest
from django.urls import reverse

from catalog.models import (
    ApproachMember,
    CampMember,
    NetworkApproach,
    NetworkCamp,
    PerformanceEntry,
    PerformanceReport,
    Technology,
)
from tests.factories import (
    AssessmentFactory,
    CapabilityFactory,
    CaseStudyFactory,
    CategoryFactory,
    CorrectionFactory,
    PitfallFactory,
    SourceFactory,
    StackEntryFactory,
    StageFactory,
    TechnologyFactory,
    TechnologyRelationFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def populate_layer(n: int):
    """A layer with n technologies, each assessed, used by a case study and with a pitfall."""
    layer = CategoryFactory()
    capability = CapabilityFactory(category=layer)
    for _ in range(n):
        technology = TechnologyFactory(categories=[layer])
        AssessmentFactory(technology=technology, capability=capability)
        StackEntryFactory(technology=technology, layer=layer)
        _pitfall_for(technology, layer)
    return layer


def _pitfall_for(technology, layer):
    pitfall = PitfallFactory()
    pitfall.technologies.add(technology)
    pitfall.categories.add(layer)
    return pitfall


# --- home


def test_home_shows_each_layer_with_its_technology_count(client):
    layer = CategoryFactory(name_en="Test layer with two")
    TechnologyFactory.create_batch(2, categories=[layer])

    response = client.get("/", **ENGLISH)

    assert response.status_code == 200
    assert f'href="{layer.get_absolute_url()}"' in response.text
    assert "2 technologies" in response.text


def test_home_lists_the_latest_change_first(client):
    technology = TechnologyFactory(name="Freshly Edited")

    response = client.get("/", **ENGLISH)

    first_change = response.context["changes"][0]
    assert (first_change.label, first_change.action, first_change.url) == (
        "Freshly Edited",
        "+",
        technology.get_absolute_url(),
    )


@pytest.mark.parametrize("n", [1, 5])
def test_home_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    populate_layer(n)
    # 1 layers with counts, 3 totals (technologies, case studies, pitfalls),
    # 4 history tables (technologies, assessments, pitfalls, case studies).
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(9):
        client.get("/")


# --- technology lists


def test_category_page_lists_only_its_technologies(client):
    layer = CategoryFactory()
    inside = TechnologyFactory(name="Inside Tech", categories=[layer])
    TechnologyFactory(name="Outside Tech")

    response = client.get(layer.get_absolute_url(), **ENGLISH)

    assert [t.slug for t in response.context["technologies"]] == [inside.slug]


def test_category_page_filters_by_status_kind_language_and_license(client):
    layer = CategoryFactory()
    wanted = TechnologyFactory(categories=[layer], status="retired", kind="pattern", language="java")
    wanted.license_family = "copyleft"
    wanted.save()
    TechnologyFactory(categories=[layer], status="retired", kind="pattern", language="go")
    TechnologyFactory(categories=[layer], status="active", kind="pattern", language="java")

    response = client.get(
        layer.get_absolute_url(),
        {"status": "retired", "kind": "pattern", "language": "java", "license_family": "copyleft"},
    )

    assert [t.slug for t in response.context["technologies"]] == [wanted.slug]


def test_category_page_filters_by_capability_level(client):
    layer = CategoryFactory()
    capability = CapabilityFactory(category=layer, slug="test_policy")
    yes = TechnologyFactory(name="A yes", categories=[layer])
    partial = TechnologyFactory(name="B partial", categories=[layer])
    unassessed = TechnologyFactory(name="C unassessed", categories=[layer])
    AssessmentFactory(technology=yes, capability=capability, level="yes")
    AssessmentFactory(technology=partial, capability=capability, level="partial")

    found = {
        level: [
            t.slug
            for t in client.get(layer.get_absolute_url(), {"capability": f"test_policy:{level}"}).context[
                "technologies"
            ]
        ]
        for level in ("yes", "partial", "unknown")
    }

    assert found == {"yes": [yes.slug], "partial": [partial.slug], "unknown": [unassessed.slug]}


def test_category_page_ignores_unknown_filter_values_and_says_which(client):
    layer = CategoryFactory()
    active = TechnologyFactory(categories=[layer], status="active")

    response = client.get(
        layer.get_absolute_url(), {"status": ["active", "bogus"], "capability": "nope:yes"}, **ENGLISH
    )

    assert response.status_code == 200
    assert [t.slug for t in response.context["technologies"]] == [active.slug]
    assert response.context["ignored"] == [("Status today", "bogus"), ("Capability level", "nope:yes")]
    assert "were not understood and were ignored" in response.text


def test_category_page_answers_htmx_with_only_the_results_and_the_count(client):
    layer = CategoryFactory()
    TechnologyFactory(name="Swapped In", categories=[layer])

    response = client.get(layer.get_absolute_url(), {"kind": "product"}, **HTMX, **ENGLISH)

    assert "<html" not in response.text
    assert "Swapped In" in response.text
    assert 'id="result-count" hx-swap-oob="innerHTML"' in response.text
    assert response.headers["Vary"].count("HX-Request") == 1


def test_category_page_answers_an_htmx_history_restore_with_the_whole_page(client):
    layer = CategoryFactory()

    response = client.get(layer.get_absolute_url(), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)

    assert "<html" in response.text


def test_category_filter_form_keeps_the_url_state_for_reload_and_back(client):
    layer = CategoryFactory()
    TechnologyFactory(categories=[layer], status="retired")

    response = client.get(layer.get_absolute_url(), {"status": "retired"})

    assert 'hx-push-url="true"' in response.text
    assert 'value="retired" id="id_status_0" checked' in response.text


def test_technology_list_filters_by_layer(client):
    layer = CategoryFactory(slug="test-only-layer")
    inside = TechnologyFactory(categories=[layer])

    response = client.get(reverse("catalog:technology_list"), {"layer": "test-only-layer"})

    assert [t.slug for t in response.context["technologies"]] == [inside.slug]


def test_unknown_layer_is_a_translated_404(client):
    response = client.get("/layers/no-such-layer/", **CHINESE)

    assert response.status_code == 404
    assert "找不到这个页面" in response.text


@pytest.mark.parametrize("n", [1, 6])
def test_category_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = populate_layer(n)
    # 1 layer, 4 facet counts (status, kind, language, license), 1 capabilities for the select,
    # 1 count for the pages, 1 technologies with case-study counts, 1 their layers.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(10):
        client.get(layer.get_absolute_url(), {"status": "active"})


@pytest.mark.parametrize("n", [1, 6])
def test_technology_list_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    populate_layer(n)
    # 1 layers for the select, 4 facet counts, 1 capabilities with layers, 1 count for the pages,
    # 1 technologies, 1 their layers.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(10):
        client.get(reverse("catalog:technology_list"))


# --- technology page


def test_technology_page_shows_the_lifecycle_banner_with_successors_since_and_source(client):
    source = SourceFactory(title_en="Retirement notice")
    successor = TechnologyFactory(name="Newer Thing")
    retired = TechnologyFactory(
        name="Old Thing",
        status="retired",
        status_since=dt.date(2021, 4, 1),
        status_source=source,
        status_note_en="Moved to the attic.",
    )
    retired.status_since_precision = "month"
    retired.save()
    retired.successors.add(successor)

    response = client.get(retired.get_absolute_url(), **ENGLISH)

    banner = response.text.split('class="lifecycle-banner lifecycle-retired"')[1].split("</aside>")[0]
    assert "since 2021-04" in banner
    assert "Moved to the attic." in banner
    assert f'href="{successor.get_absolute_url()}">Newer Thing</a>' in banner
    assert "Retirement notice" in banner


def test_technology_page_has_no_banner_when_active(client):
    technology = TechnologyFactory()

    response = client.get(technology.get_absolute_url())

    assert "lifecycle-banner" not in response.text


def test_technology_page_marks_stale_assessments_and_cites_each_level(client):
    layer = CategoryFactory()
    fresh_capability = CapabilityFactory(category=layer, name_en="Fresh cap")
    stale_capability = CapabilityFactory(category=layer, name_en="Stale cap")
    technology = TechnologyFactory(categories=[layer])
    AssessmentFactory(technology=technology, capability=fresh_capability, source=SourceFactory(title_en="Fresh doc"))
    AssessmentFactory(
        technology=technology,
        capability=stale_capability,
        as_of=dt.date(2017, 6, 1),
        review_by=dt.date(2018, 6, 1),
        source=SourceFactory(title_en="Old doc"),
    )

    response = client.get(technology.get_absolute_url(), **ENGLISH)

    rows = {
        capability.slug: response.text.split(f'id="capability-{capability.slug}"')[1].split("</tr>")[0]
        for capability in (fresh_capability, stale_capability)
    }
    assert ("badge stale" in rows[fresh_capability.slug], "badge stale" in rows[stale_capability.slug]) == (False, True)
    assert "Fresh doc" in rows[fresh_capability.slug]
    assert "as of 2017-06-01" in rows[stale_capability.slug]


def test_technology_page_lists_unassessed_capabilities_of_its_layers(client):
    layer = CategoryFactory()
    capability = CapabilityFactory(category=layer, name_en="Never assessed")
    technology = TechnologyFactory(categories=[layer])

    response = client.get(technology.get_absolute_url(), **ENGLISH)

    row = response.text.split(f'id="capability-{capability.slug}"')[1].split("</tr>")[0]
    assert "Not assessed" in row


def test_technology_page_shows_who_uses_it_and_marks_the_current_stage(client):
    technology = TechnologyFactory()
    case_study = CaseStudyFactory()
    old = StageFactory(case_study=case_study, order=1, name_en="First")
    current = StageFactory(case_study=case_study, order=2, name_en="Second")
    StackEntryFactory(stage=old, technology=technology)
    StackEntryFactory(stage=current, technology=technology)

    response = client.get(technology.get_absolute_url(), **ENGLISH)

    entries = response.context["used_by"][case_study]
    assert [(e.stage.order, e.stage.order == e.latest_order) for e in entries] == [(1, False), (2, True)]
    assert response.text.count('class="badge current-badge"') == 1


def test_technology_page_reads_alternatives_both_ways_and_requirements_by_direction(client):
    technology = TechnologyFactory(name="Middle")
    alt_out, alt_in = TechnologyFactory(name="Alt Out"), TechnologyFactory(name="Alt In")
    needed, needs_it = TechnologyFactory(name="Needed"), TechnologyFactory(name="Needs It")
    TechnologyRelationFactory(from_technology=technology, to_technology=alt_out)
    TechnologyRelationFactory(from_technology=alt_in, to_technology=technology)
    TechnologyRelationFactory(from_technology=technology, to_technology=needed, kind="requires")
    TechnologyRelationFactory(from_technology=needs_it, to_technology=technology, kind="requires")
    brought, bringer = TechnologyFactory(name="Brought"), TechnologyFactory(name="Bringer")
    TechnologyRelationFactory(from_technology=technology, to_technology=brought, kind="provides")
    TechnologyRelationFactory(from_technology=bringer, to_technology=technology, kind="provides")

    response = client.get(technology.get_absolute_url())

    relations = response.context["relations"]
    names = {key: [other.name for other, _ in value] for key, value in relations.items()}
    assert names == {
        "alternatives": ["Alt Out", "Alt In"],
        "requires": ["Needed"],
        "required_by": ["Needs It"],
        "integrates_with": [],
        "provides": ["Brought"],
        "provided_by": ["Bringer"],
    }


def test_technology_page_shows_the_survey_note_beside_today_and_corrections(client):
    technology = TechnologyFactory(survey_note_en="The survey liked it.")
    correction = CorrectionFactory(correction_en="It changed since.")
    correction.technologies.add(technology)

    response = client.get(technology.get_absolute_url(), **ENGLISH)

    assert "The survey liked it." in response.text
    assert "What the survey said." in response.text
    assert "It changed since." in response.text


def test_technology_page_marks_content_that_falls_back_to_the_other_language(client):
    technology = TechnologyFactory(summary_en="", summary_zh="只有中文的摘要。")

    response = client.get(technology.get_absolute_url(), **ENGLISH)

    assert '<div class="prose" lang="zh-Hans"><p>只有中文的摘要。</p></div> <span class="fallback"' in response.text
    assert "Chinese only" in response.text


def test_unknown_technology_is_a_404(client):
    response = client.get("/technologies/no-such-thing/", **ENGLISH)

    assert response.status_code == 404
    assert "We could not find that page" in response.text


@pytest.mark.parametrize("n", [1, 5])
def test_technology_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    capabilities = CapabilityFactory.create_batch(n, category=layer)
    technology = TechnologyFactory(categories=[layer])
    for capability in capabilities:
        AssessmentFactory(technology=technology, capability=capability)
        _pitfall_for(technology, layer)
        StackEntryFactory(technology=technology)
        TechnologyRelationFactory(from_technology=technology)
        TechnologyRelationFactory(to_technology=technology, kind="requires")
        CorrectionFactory().technologies.add(technology)
        technology.successors.add(TechnologyFactory())
        technology.references.add(SourceFactory())
        TechnologyFactory(categories=[layer])
    # 1 technology with sources and owner, 2 layers and their capabilities, 1 assessments,
    # 1 successors, 1 predecessors, 1 pitfalls, 1 corrections, 1 relations out, 1 relations in,
    # 1 stack entries, 1 lessons, 1 network-approach memberships, 1 further references,
    # 2 the compare-with picker (technologies, their layers), 1 roles (the summary card).
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(18):
        client.get(technology.get_absolute_url())


# --- compare


def _compare_pair():
    layer = CategoryFactory()
    same = CapabilityFactory(category=layer, name_en="Same level")
    different = CapabilityFactory(category=layer, name_en="Different level")
    one = TechnologyFactory(name="One", slug="test-one", categories=[layer])
    two = TechnologyFactory(name="Two", slug="test-two", categories=[layer])
    for technology, level in ((one, "yes"), (two, "no")):
        AssessmentFactory(technology=technology, capability=same, level="yes")
        AssessmentFactory(technology=technology, capability=different, level=level)
    return one, two, same, different


def test_compare_highlights_the_capabilities_that_differ(client):
    _one, _two, same, different = _compare_pair()

    response = client.get(reverse("catalog:compare"), {"technologies": "test-one,test-two"}, **ENGLISH)

    [group] = response.context["groups"]
    assert [(row.capability.slug, row.levels, row.differs) for row in group.rows] == [
        (same.slug, ["yes", "yes"], False),
        (different.slug, ["yes", "no"], True),
    ]
    assert response.text.count('<tr class="differs">') == 1


def test_compare_can_show_only_the_differences(client):
    _one, _two, _same, different = _compare_pair()

    response = client.get(reverse("catalog:compare"), {"technologies": "test-one,test-two", "only": "differences"})

    assert [row.capability.slug for group in response.context["groups"] for row in group.rows] == [different.slug]


def test_compare_redirects_the_pickers_repeated_values_to_one_shareable_list(client):
    response = client.get(reverse("catalog:compare"), {"technologies": ["test-one", "", "Test-Two", "test-one"]})

    assert (response.status_code, response.headers["Location"]) == (302, "/compare/?technologies=test-one,test-two")


def test_compare_explains_unknown_slugs_and_compares_the_rest(client):
    _compare_pair()

    response = client.get(reverse("catalog:compare"), {"technologies": "test-one,nope,test-two"}, **ENGLISH)

    assert response.status_code == 200
    assert response.context["selection"].unknown == ["nope"]
    assert [t.slug for t in response.context["selection"].technologies] == ["test-one", "test-two"]
    assert "No technology is called “nope”; it was left out." in response.text
    assert response.context["groups"] != []


def test_compare_refuses_more_than_four_with_a_clear_message(client):
    slugs = [TechnologyFactory().slug for _ in range(5)]

    response = client.get(reverse("catalog:compare"), {"technologies": ",".join(slugs)}, **ENGLISH)

    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "You can compare at most 4 technologies at once; you chose 5." in response.text


def test_compare_asks_for_a_second_technology(client):
    technology = TechnologyFactory()

    response = client.get(reverse("catalog:compare"), {"technologies": technology.slug}, **ENGLISH)

    assert "Choose at least two technologies to compare." in response.text


def test_compare_page_without_a_choice_offers_the_picker(client):
    response = client.get(reverse("catalog:compare"), **ENGLISH)

    assert response.status_code == 200
    assert response.text.count('name="technologies"') == 4


@pytest.mark.parametrize("n", [2, 4])
def test_compare_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    capabilities = CapabilityFactory.create_batch(3, category=layer)
    technologies = TechnologyFactory.create_batch(n, categories=[layer])
    for technology in technologies:
        for capability in capabilities:
            AssessmentFactory(technology=technology, capability=capability)
    # 1 technologies with case-study counts, 1 their layers, 1 the layers' capabilities,
    # 1 assessments with capability, layer and source; 2 picker (technologies, their layers).
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(7):
        client.get(reverse("catalog:compare"), {"technologies": ",".join(t.slug for t in technologies)})


# --- pitfalls


def test_pitfall_list_filters_by_layer_technology_and_severity(client):
    layer = CategoryFactory(slug="test-pit-layer")
    technology = TechnologyFactory(slug="test-pit-tech")
    wanted = PitfallFactory(severity="critical")
    wanted.categories.add(layer)
    wanted.technologies.add(technology)
    other_severity = PitfallFactory(severity="low")
    other_severity.categories.add(layer)
    other_severity.technologies.add(technology)

    response = client.get(
        reverse("catalog:pitfall_list"),
        {"layer": "test-pit-layer", "technology": "test-pit-tech", "severity": "critical"},
    )

    assert [p.slug for p in response.context["pitfalls"]] == [wanted.slug]


def test_pitfall_list_orders_by_severity_critical_first(client):
    layer = CategoryFactory(slug="test-order-layer")
    for severity in ("low", "critical", "medium", "high"):
        PitfallFactory(severity=severity).categories.add(layer)

    response = client.get(reverse("catalog:pitfall_list"), {"layer": "test-order-layer"})

    assert [p.severity for p in response.context["pitfalls"]] == ["critical", "high", "medium", "low"]


def test_pitfall_list_ignores_a_bad_severity(client):
    response = client.get(reverse("catalog:pitfall_list"), {"severity": "apocalyptic"}, **ENGLISH)

    assert response.status_code == 200
    assert response.context["ignored"] == [("Severity", "apocalyptic")]


@pytest.mark.parametrize("n", [1, 5])
def test_pitfall_list_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    populate_layer(n)
    # 1 layers with pitfalls, 1 technologies with pitfalls, 1 pitfalls with sources,
    # 1 their layers, 1 their reporting companies, 1 their technologies.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(7):
        client.get(reverse("catalog:pitfall_list"))


@pytest.mark.parametrize("n", [1, 5])
def test_pitfall_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    layer = CategoryFactory()
    pitfall = PitfallFactory()
    pitfall.categories.add(layer)
    for _ in range(n):
        pitfall.technologies.add(TechnologyFactory())
        pitfall.remedies.add(TechnologyFactory())
    # 1 pitfall with source, 1 layers, 1 reporting companies, 1 technologies, 1 remedies, 1 lessons.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(7):
        response = client.get(pitfall.get_absolute_url())
    assert response.status_code == 200


def test_pitfall_page_links_its_remedies_by_their_local_names_apart_from_what_it_affects(client):
    pitfall = PitfallFactory()
    pitfall.categories.add(CategoryFactory())
    subject = TechnologyFactory(slug="test-notary", name="Notary", name_zh="")
    remedy = TechnologyFactory(slug="test-cosign", name="Cosign", name_zh="科赛")
    pitfall.technologies.add(subject)
    pitfall.remedies.add(remedy)

    english = client.get(pitfall.get_absolute_url(), **ENGLISH).content.decode()
    chinese = client.get(pitfall.get_absolute_url(), **CHINESE).content.decode()

    remedies_box = english.split('id="remedies-heading"')[1].split("</section>")[0]
    affects_box = english.split('id="affects-heading"')[1].split("</section>")[0]
    assert ">Remedies</h2>" in english
    assert f'<a href="{remedy.get_absolute_url()}">Cosign</a>' in remedies_box
    assert "Notary" not in remedies_box
    assert "Cosign" not in affects_box
    assert ">对策技术</h2>" in chinese
    assert f'<a href="{remedy.get_absolute_url()}">科赛</a>' in chinese


def test_pitfall_page_without_remedies_has_no_remedies_box(client):
    pitfall = PitfallFactory()
    pitfall.technologies.add(TechnologyFactory())

    page = client.get(pitfall.get_absolute_url(), **ENGLISH).content.decode()

    assert "remedies-heading" not in page


def test_technology_page_lists_only_pitfalls_it_is_the_subject_of(client):
    remedy = TechnologyFactory()
    problem_of_it = PitfallFactory(title_en="Its own problem")
    problem_of_it.technologies.add(remedy)
    fixed_by_it = PitfallFactory(title_en="A problem it fixes")
    fixed_by_it.technologies.add(TechnologyFactory())
    fixed_by_it.remedies.add(remedy)

    response = client.get(remedy.get_absolute_url(), **ENGLISH)

    assert [p.slug for p in response.context["technology"].pitfalls.all()] == [problem_of_it.slug]
    assert "Its own problem" in response.content.decode()
    assert "A problem it fixes" not in response.content.decode()


def test_unknown_pitfall_is_a_404(client):
    assert client.get("/pitfalls/no-such-pitfall/").status_code == 404


# --- network guide, radar, sources


def populate_network_guide(n: int) -> None:
    source = SourceFactory()
    for i in range(n):
        approach = NetworkApproach.objects.create(
            slug=f"test-approach-{i}",
            name_zh="方案",
            name_en="Approach",
            summary_zh="摘要",
            summary_en="Summary",
            source=source,
            order=100 + i,
        )
        camp = NetworkCamp.objects.create(
            slug=f"test-camp-{i}",
            name_zh="阵营",
            name_en="Camp",
            then_zh="当时",
            then_en="Then",
            now_zh="现在",
            now_en="Now",
            source=source,
            now_source=source,
            order=100 + i,
        )
        report = PerformanceReport.objects.create(
            slug=f"test-report-{i}",
            title_zh="报告",
            title_en="Report",
            metric_zh="指标",
            metric_en="Metric",
            source=source,
            as_of=dt.date(2026, 11, 1),
            review_by=dt.date(2027, 11, 1),
            order=100 + i,
        )
        technology = TechnologyFactory()
        ApproachMember.objects.create(approach=approach, technology=technology)
        CampMember.objects.create(camp=camp, technology=technology)
        PerformanceEntry.objects.create(report=report, rank=1, label_zh="甲", label_en="A", technology=technology)


@pytest.mark.parametrize("n", [1, 4])
def test_network_guide_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    populate_network_guide(n)
    # 2 approaches + their members, 2 camps + their members, 2 performance reports + their entries.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(7):
        response = client.get(reverse("catalog:network_guide"))
    assert response.status_code == 200


def test_network_guide_draws_reports_as_bars_by_class_not_style(client):
    populate_network_guide(1)

    response = client.get(reverse("catalog:network_guide"), **ENGLISH)

    assert '<span class="bar bar-100"></span>' in response.text
    assert "An ordering only, best first" in response.text


@pytest.mark.parametrize("n", [1, 5])
def test_sources_page_renders_in_two_queries(client, django_assert_num_queries, n):
    SourceFactory.create_batch(n)
    # 1 sources.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(2):
        client.get(reverse("catalog:source_list"))


@pytest.mark.parametrize("n", [1, 5])
def test_radar_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    populate_layer(n)
    # 1 stack entries with their case study's latest stage, 1 technologies, 1 their layers, 1 successors.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(5):
        response = client.get(reverse("catalog:radar"))
    assert response.status_code == 200


def test_radar_draws_every_placed_technology_as_a_focusable_explained_link(client):
    technology = TechnologyFactory(name="Radar Dot", status="retired")

    response = client.get(reverse("catalog:radar"), **ENGLISH)

    [blip] = [b for b in response.context["blips"] if b.technology.pk == technology.pk]
    assert blip.ring == "hold"
    assert f'<a class="blip blip-hold" href="{technology.get_absolute_url()}"' in response.text
    assert "<title>Radar Dot — Hold: Status: Retired." in response.text
    assert "style=" not in response.text


def test_sources_page_groups_survey_and_external_sources_with_anchors(client):
    external = SourceFactory(title_en="An external page")

    response = client.get(reverse("catalog:source_list"), **ENGLISH)

    assert f'id="source-{external.slug}"' in response.text
    assert external in response.context["external_sources"]
    assert all(source.kind == "survey" for source in response.context["survey_sources"])
    assert response.context["survey_sources"] != []


# --- search


@pytest.mark.parametrize("query", ["有状态", "stateful", "Stateful"])
def test_search_finds_the_stateful_material_in_both_languages(client, query):
    response = client.get(reverse("catalog:search"), {"q": query})

    results = response.context["results"]
    technologies = {hit.obj.slug for hit in results.technologies}
    pitfalls = {hit.obj.slug for hit in results.pitfalls}
    assert {"kubernetes", "marathon"} <= technologies
    assert "stateful_workloads" in {hit.obj.slug for hit in results.capabilities}
    assert any("stateful" in slug for slug in pitfalls)


def test_search_finds_kubernetes_through_its_statefulsets_note(client):
    response = client.get(reverse("catalog:search"), {"q": "StatefulSet"})

    [kubernetes] = [hit for hit in response.context["results"].technologies if hit.obj.slug == "kubernetes"]
    assert "<mark>" in kubernetes.snippet or any("<mark>" in sub.snippet for sub in kubernetes.extra)


def test_search_needs_every_word_and_lists_name_matches_first(client):
    TechnologyFactory(name="Zeta Quasar", summary_en="Mentions Alpha Quasar.")
    TechnologyFactory(name="Alpha Quasar")

    response = client.get(reverse("catalog:search"), {"q": "alpha quasar"})

    assert [hit.obj.name for hit in response.context["results"].technologies] == ["Alpha Quasar", "Zeta Quasar"]


def test_search_escapes_the_query_and_highlights_matches(client):
    TechnologyFactory(name="Escaper", summary_en="Handles <b>bold</b> input.")

    response = client.get(reverse("catalog:search"), {"q": "<b>bold"})

    assert "<mark>&lt;b&gt;bold</mark>" in response.text
    assert "<b>bold</b>" not in response.text


def test_search_with_an_empty_query_asks_for_one(client):
    response = client.get(reverse("catalog:search"), {"q": "  "}, **ENGLISH)

    assert response.context["results"] is None
    assert "Search the knowledge base" in response.text


@pytest.mark.parametrize("n", [1, 5])
def test_search_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    for _ in range(n):
        TechnologyFactory(summary_en="A zorbular system.")
        PitfallFactory(explanation_en="Zorbular trouble.")
        CapabilityFactory(name_en="Zorbular support")
    # 1 technologies, 1 their matching assessments, 1 capabilities, 1 their supporting assessments,
    # 1 case studies, 1 lessons, 1 pitfalls.
    # + 1: the catalog version, which keys the page cache (platform_survey/page_cache.py)
    with django_assert_num_queries(8):
        client.get(reverse("catalog:search"), {"q": "zorbular"})


# --- language


def test_language_switch_is_a_form_post_that_remembers_the_choice(client):
    page = client.get("/", **CHINESE)
    assert 'action="/i18n/setlang/"' in page.text

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/radar/"})

    assert (response.status_code, response.headers["Location"]) == (302, "/radar/")
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/radar/").text


def test_pages_default_to_chinese(client):
    response = client.get("/")

    assert '<html lang="zh-Hans">' in response.text


def test_no_page_has_inline_script_or_style(client):
    technology = Technology.objects.get(slug="kubernetes")
    urls = [
        "/",
        "/technologies/",
        technology.get_absolute_url(),
        "/layers/network/",
        "/compare/?technologies=kubernetes,marathon",
        "/pitfalls/",
        "/network/",
        "/radar/",
        "/search/?q=stateful",
        "/sources/",
        "/case-studies/",
        "/case-studies/adoption/",
        "/case-studies/qunar/",
    ]
    for url in urls:
        text = client.get(url).text
        assert ("<script>" in text, "style=" in text, "<style" in text) == (False, False, False), url


def test_a_long_list_is_split_into_pages_that_keep_the_filters(client):
    from catalog.views import TECHNOLOGIES_PER_PAGE

    layer = CategoryFactory(slug="paged-layer")
    for index in range(TECHNOLOGIES_PER_PAGE + 3):
        TechnologyFactory(name=f"Paged {index:03}", categories=[layer], status="active")

    first = client.get(layer.get_absolute_url(), {"status": "active"}, HTTP_ACCEPT_LANGUAGE="en")
    second = client.get(layer.get_absolute_url(), {"status": "active", "page": 2}, HTTP_ACCEPT_LANGUAGE="en")
    beyond = client.get(layer.get_absolute_url(), {"page": 99}, HTTP_ACCEPT_LANGUAGE="en")

    assert len(first.context["technologies"]) == TECHNOLOGIES_PER_PAGE
    assert f"{TECHNOLOGIES_PER_PAGE + 3} technologies" in first.content.decode()
    assert 'href="?status=active&amp;page=2"' in first.content.decode()
    assert [t.name for t in second.context["technologies"]] == ["Paged 050", "Paged 051", "Paged 052"]
    assert beyond.status_code == 200  # a page past the end shows the last page, never an error
