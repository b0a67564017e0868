"""The knowledge-base loader: loads everything in one transaction, twice = once, and any malformed
input fails naming the file and record while leaving the database exactly as it was."""

import io
import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy, Lesson, Metric, StackEntry, Stage
from catalog.models import (
    Assessment,
    Correction,
    NetworkApproach,
    NetworkCamp,
    PerformanceReport,
    Pitfall,
    Source,
    Technology,
    TechnologyRelation,
)
from knowledge_base.loader import KnowledgeBaseError, load_knowledge_base
from platform_survey.api.conditional import catalog_version

MINI_BASE = """
sources:
  - {slug: t-survey, kind: survey, section: "测试 › 一节", title_en: Test survey section}
  - slug: t-web
    kind: web
    title_en: Test page
    url: https://example.org/t
    retrieved_on: 2026-11-01
categories:
  - {slug: t-layer, name_zh: 测试层, name_en: Test layer}
capabilities:
  - {slug: t_cap, category: t-layer, name_zh: 测试能力, name_en: Test capability}
companies:
  - {slug: t-co, name_zh: 测试公司, name_en: Test Co, industry: cloud}
"""

MINI_TECH = """
technologies:
  - slug: t-alpha
    name: Alpha
    kind: product
    categories: [t-layer]
    summary_zh: 阿尔法。
    summary_en: Alpha.
    language: go
    license_family: permissive
    status: retired
    status_since: 2021-02
    status_source: t-web
    status_as_of: 2026-11-01
    status_review_by: 2027-05-01
    successors: [t-beta]
    relations:
      - {kind: alternative, to: t-beta, source: t-survey}
    assessments:
      - {capability: t_cap, level: no, source: t-survey, as_of: 2017-06-01, review_by: 2018-06-01}
  - slug: t-beta
    name: Beta
    kind: in_house
    owner: t-co
    categories: [t-layer]
    summary_zh: 贝塔。
    summary_en: Beta.
    language: scala
    license_family: proprietary
    status: active
    status_source: t-web
    status_as_of: 2026-11-01
    status_review_by: 2027-05-01
    assessments:
      - {capability: t_cap, level: yes, source: t-web, as_of: 2026-11-01, review_by: 2027-11-01}
"""

MINI_REST = """
pitfalls:
  - slug: t-pit
    title_zh: 坑
    title_en: Pit
    explanation_zh: 说明
    explanation_en: Explanation
    mitigation_zh: 对策
    mitigation_en: Mitigation
    severity: high
    categories: [t-layer]
    technologies: [t-alpha]
    reported_by: [t-co]
    triggers: [{key: environment, in: [public_cloud]}]
    source: t-survey
    as_of: 2017-06-01
    review_by: 2018-06-01
corrections:
  - slug: t-fix
    claim_zh: 旧说法
    claim_en: Old claim
    claim_source: t-survey
    correction_zh: 新事实
    correction_en: New fact
    technologies: [t-alpha]
    source: t-web
    as_of: 2026-11-01
    review_by: 2027-11-01
network_approaches:
  - slug: t-overlay
    name_zh: 隧道
    name_en: Tunnel
    summary_zh: 封装
    summary_en: Encapsulation
    source: t-survey
    members: [{technology: t-alpha}, {technology: t-beta, note_en: second}]
network_camps:
  - slug: t-camp
    name_zh: 阵营
    name_en: Camp
    then_zh: 当时
    then_en: Then
    now_zh: 现在
    now_en: Now
    source: t-survey
    now_source: t-web
    members: [{technology: t-alpha, listed_in_survey: true}]
performance_reports:
  - slug: t-perf
    title_zh: 性能
    title_en: Performance
    metric_zh: 吞吐
    metric_en: Throughput
    reported_by: t-co
    source: t-survey
    as_of: 2017-06-01
    review_by: 2018-06-01
    entries:
      - {rank: 1, label_zh: 原生, label_en: Native}
      - {rank: 2, label_zh: 阿尔法, label_en: Alpha, technology: t-alpha, value: 9.5, unit: Gbit/s}
case_studies:
  - slug: t-case
    company: t-co
    title_zh: 案例
    title_en: Case
    summary_zh: 摘要
    summary_en: Summary
    scale: 500_5000
    coverage: detailed
    source: t-survey
    as_of: 2017-06-01
    review_by: 2018-06-01
    stages:
      - name_zh: 第一代
        name_en: First
        stack: [{technology: t-alpha, layer: t-layer, note_en: "--net=host"}]
      - name_zh: 第二代
        name_en: Second
        stack: [{technology: t-beta, layer: t-layer}]
    metrics:
      - {slug: cpu, label_zh: CPU 利用率, label_en: CPU use, value: 80, baseline: 20, unit: percent,
         source: t-survey, as_of: 2017-06-01, review_by: 2018-06-01}
    lessons:
      - {slug: why, kind: decision, title_zh: 原因, title_en: Why, body_zh: 因为, body_en: Because,
         technologies: [t-beta], pitfalls: [t-pit], source: t-survey}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def mini(tmp_path) -> Path:
    write(tmp_path, "base.yaml", MINI_BASE)
    write(tmp_path, "tech.yaml", MINI_TECH)
    write(tmp_path, "rest.yaml", MINI_REST)
    return tmp_path


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "catalog", "casestudies", stdout=out, indent=0)
    return out.getvalue()


@pytest.mark.django_db
def test_loader_creates_every_kind_of_record_from_a_mini_knowledge_base(mini):
    load_knowledge_base(mini)

    alpha = Technology.objects.get(slug="t-alpha")
    assert alpha.status_since.isoformat() == "2021-02-01"
    assert alpha.status_since_precision == "month"
    assert alpha.status_since_display == "2021-02"
    assert [t.slug for t in alpha.successors.all()] == ["t-beta"]
    assert Technology.objects.get(slug="t-beta").owner.slug == "t-co"
    assert Assessment.objects.get(technology=alpha).level == "no"
    assert TechnologyRelation.objects.get(from_technology=alpha).to_technology.slug == "t-beta"
    assert Pitfall.objects.get(slug="t-pit").triggers == [{"key": "environment", "in": ["public_cloud"]}]
    assert Correction.objects.get(slug="t-fix").technologies.count() == 1
    assert [m.technology.slug for m in NetworkApproach.objects.get(slug="t-overlay").members.all()] == [
        "t-alpha",
        "t-beta",
    ]
    assert NetworkCamp.objects.get(slug="t-camp").members.count() == 1
    assert [e.label_en for e in PerformanceReport.objects.get(slug="t-perf").entries.all()] == ["Native", "Alpha"]
    case = CaseStudy.objects.get(slug="t-case")
    assert [(s.order, s.name_en) for s in case.stages.all()] == [(1, "First"), (2, "Second")]
    assert StackEntry.objects.get(stage__case_study=case, stage__order=1).note_en == "--net=host"
    metric = Metric.objects.get(case_study=case, slug="cpu")
    assert (metric.baseline, metric.value) == (20, 80)
    assert Lesson.objects.get(case_study=case).pitfalls.get().slug == "t-pit"


@pytest.mark.django_db
def test_loading_twice_changes_nothing(mini):
    before = catalog_version()
    first = load_knowledge_base(mini)
    after_first = dump()
    version_after_first = catalog_version()

    second = load_knowledge_base(mini)

    assert first.changed
    assert version_after_first != before  # a real change moves the catalog version
    assert not second.changed
    assert dump() == after_first
    assert catalog_version() == version_after_first


@pytest.mark.django_db
def test_reloading_the_real_knowledge_base_changes_nothing():
    # The session fixture already loaded fixtures/ once; a second load must be a no-op.
    before = dump()
    version_before = catalog_version()

    report = load_knowledge_base()

    assert not report.changed, report.summary()
    assert dump() == before
    assert catalog_version() == version_before  # so cached pages and ETags stay valid


@pytest.mark.django_db
def test_a_child_the_fixture_no_longer_lists_is_removed(mini):
    load_knowledge_base(mini)
    rest = (
        (mini / "rest.yaml")
        .read_text()
        .replace(
            """      - name_zh: 第二代
        name_en: Second
        stack: [{technology: t-beta, layer: t-layer}]
""",
            "",
        )
    )
    (mini / "rest.yaml").write_text(rest)

    report = load_knowledge_base(mini)

    assert list(Stage.objects.filter(case_study__slug="t-case").values_list("order", flat=True)) == [1]
    assert report.deleted["casestudies.Stage"] == 1


def assert_fails_cleanly(directory: Path, *expected: str) -> KnowledgeBaseError:
    before = dump()
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(directory)
    message = str(raised.value)
    for fragment in expected:
        assert fragment in message, message
    assert dump() == before, "a failed load must leave the database exactly as it was"
    return raised.value


@pytest.mark.django_db
def test_invalid_yaml_names_the_file_and_loads_nothing(mini):
    write(mini, "broken.yaml", "technologies:\n  - slug: [unclosed\n")

    assert_fails_cleanly(mini, "broken.yaml: file: cannot be parsed")
    assert not Source.objects.filter(slug="t-survey").exists()


@pytest.mark.django_db
def test_invalid_json_names_the_file(mini):
    write(mini, "broken.json", '{"sources": [}')

    assert_fails_cleanly(mini, "broken.json: file: cannot be parsed")


@pytest.mark.django_db
def test_unknown_reference_names_file_record_and_slug(mini):
    write(
        mini,
        "tech.yaml",
        MINI_TECH.replace(
            "categories: [t-layer]\n    summary_zh: 贝塔", "categories: [t-nowhere]\n    summary_zh: 贝塔"
        ),
    )

    assert_fails_cleanly(mini, "tech.yaml: technologies[1] (slug 't-beta'): ", "unknown category 't-nowhere'")


@pytest.mark.django_db
def test_unknown_foreign_key_reference_is_reported(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("owner: t-co", "owner: t-ghost"))

    assert_fails_cleanly(mini, "technologies[1] (slug 't-beta')", "field 'owner': unknown company 't-ghost'")


@pytest.mark.django_db
def test_invalid_level_names_the_nested_record(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("level: no", "level: maybe"))

    assert_fails_cleanly(
        mini, "tech.yaml: technologies[0] (slug 't-alpha'): assessments[0] (capability 't_cap'): field 'level'"
    )


@pytest.mark.django_db
def test_invalid_status_is_rejected(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("status: retired", "status: alive"))

    assert_fails_cleanly(mini, "technologies[0] (slug 't-alpha'): field 'status'", "'alive' is not a valid choice")


@pytest.mark.django_db
def test_duplicate_slug_across_files_names_both(mini):
    write(mini, "more.yaml", "categories:\n  - {slug: t-layer, name_zh: 重复, name_en: Duplicate}\n")

    assert_fails_cleanly(mini, "more.yaml: categories[0] (slug 't-layer'): duplicate slug: also defined in base.yaml")


@pytest.mark.django_db
def test_unknown_and_missing_fields_are_reported_before_anything_loads(mini):
    write(mini, "extra.yaml", "companies:\n  - {slug: t-co2, name_zh: 公司, name_en: Co, colour: red}\n")

    assert_fails_cleanly(
        mini, "extra.yaml: companies[0] (slug 't-co2'): unknown field(s): colour", "missing required field(s): industry"
    )


@pytest.mark.django_db
def test_unknown_section_is_reported(mini):
    write(mini, "odd.yaml", "widgets: []\n")

    assert_fails_cleanly(mini, "odd.yaml: section 'widgets': unknown section")


@pytest.mark.django_db
def test_invalid_trigger_key_is_reported(mini):
    write(mini, "rest.yaml", MINI_REST.replace("key: environment", "key: weather"))

    assert_fails_cleanly(mini, "pitfalls[0] (slug 't-pit')", "unknown questionnaire key 'weather'")


@pytest.mark.django_db
def test_a_bad_date_is_reported(mini):
    write(
        mini,
        "rest.yaml",
        MINI_REST.replace(
            "as_of: 2026-11-01\n    review_by: 2027-11-01\nnetwork",
            "as_of: someday\n    review_by: 2027-11-01\nnetwork",
        ),
    )

    assert_fails_cleanly(mini, "corrections[0] (slug 't-fix')", "'someday' is not a date")


@pytest.mark.django_db
def test_review_before_as_of_is_rejected(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("status_review_by: 2027-05-01", "status_review_by: 2020-01-01", 1))

    assert_fails_cleanly(mini, "technologies[0] (slug 't-alpha')")


@pytest.mark.django_db
def test_a_late_failure_rolls_back_earlier_sections(mini):
    # Sources, categories and technologies load fine; the case study then fails.
    write(mini, "rest.yaml", MINI_REST.replace("scale: 500_5000", "scale: enormous"))

    assert_fails_cleanly(mini, "case_studies[0] (slug 't-case')", "field 'scale'")
    assert not Technology.objects.filter(slug="t-alpha").exists()
    assert not Source.objects.filter(slug="t-web").exists()


@pytest.mark.django_db
def test_in_house_system_without_owner_is_rejected(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("    owner: t-co\n", ""))

    assert_fails_cleanly(mini, "technologies[1] (slug 't-beta')")


@pytest.mark.django_db
def test_command_reports_problems_and_exits_with_an_error(mini):
    write(mini, "tech.yaml", MINI_TECH.replace("level: no", "level: maybe"))

    with pytest.raises(CommandError, match="nothing was changed") as raised:
        call_command("load_knowledge_base", path=mini)

    assert "tech.yaml: technologies[0]" in str(raised.value)


@pytest.mark.django_db
def test_command_dry_run_validates_without_writing(mini):
    out = io.StringIO()

    call_command("load_knowledge_base", path=mini, dry_run=True, stdout=out)

    assert "Dry run, rolled back." in out.getvalue()
    assert not Technology.objects.filter(slug="t-alpha").exists()
