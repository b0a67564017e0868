"""Fixtures for the engine tests: a small kit that writes snapshots by hand, no database needed."""

from __future__ import annotations

import datetime as dt
import types

import pytest

from decisions import contract
from decisions.engine import (
    AssessmentInfo,
    CapabilityInfo,
    CaseStudyInfo,
    CategoryInfo,
    CompanyInfo,
    FrozenDict,
    PitfallInfo,
    RelationInfo,
    SourceInfo,
    TechnologyInfo,
    make_snapshot,
)
from decisions.engine.snapshot import freeze_triggers

TODAY = dt.date(2026, 11, 27)
FRESH = (dt.date(2026, 11, 1), dt.date(2027, 11, 1))
STALE = (dt.date(2017, 6, 1), dt.date(2018, 6, 1))
CATEGORY_ORDER = {
    "orchestration": 1, "registry": 2, "monitoring": 3, "logging": 4, "discovery": 5, "storage": 6,
    "network": 8, "scheduled_jobs": 9, "runtime": 12,
}  # fmt: skip
EXTRA_CAPABILITIES = {"multi_datacenter": "orchestration"}


def tech(
    slug: str,
    *,
    categories: tuple[str, ...] = ("orchestration",),
    kind: str = "product",
    status: str = "active",
    language: str = "go",
    levels: dict | None = None,
    stale: tuple[str, ...] = (),
    owner: str | None = None,
    successors: tuple[str, ...] = (),
    since: dt.date | None = None,
    name: str | None = None,
    name_zh: str = "",
    roles: tuple[str, ...] = (),
    delivery: str = "self_hosted",
    providers: tuple[str, ...] = (),
    maturity: str = "unknown",
    license_family: str = "permissive",
    license: str = "",
    needs_l2_adjacency: bool = False,
) -> TechnologyInfo:
    """A technology; ``levels`` maps capability -> level, ``stale`` lists capabilities whose claim is past review."""
    assessments = {}
    for capability, level in (levels or {}).items():
        as_of, review_by = STALE if capability in stale else FRESH
        assessments[capability] = AssessmentInfo(
            level, f"src-{slug}", as_of, review_by, f"{slug} 的说明", f"Note on {slug} / {capability}"
        )
    return TechnologyInfo(
        slug=slug,
        name=name or slug.replace("-", " ").title(),
        name_zh=name_zh,
        kind=kind,
        categories=tuple(categories),
        language=language,
        status=status,
        status_since=since,
        status_since_precision="month" if since else "day",
        status_source="src-status",
        status_review_by=FRESH[1],
        owner=owner,
        successors=tuple(successors),
        assessments=FrozenDict(sorted(assessments.items())),
        roles=tuple(roles),
        delivery=delivery,
        providers=tuple(providers),
        maturity=maturity,
        license_family=license_family,
        license=license,
        needs_l2_adjacency=needs_l2_adjacency,
    )


def requires(source: str, target: str, citation: str = "") -> RelationInfo:
    return RelationInfo(source, target, "requires", citation)


def related(source: str, target: str, kind: str = "integrates_with", citation: str = "") -> RelationInfo:
    return RelationInfo(source, target, kind, citation)


def case(slug: str, *stages: tuple[str, ...], scale: str = "unknown", company: str | None = None) -> CaseStudyInfo:
    return CaseStudyInfo(
        slug=slug,
        company=company or slug,
        scale=scale,
        stages=tuple(tuple(sorted(stage)) for stage in stages),
        title_zh=f"{slug} 案例",
        title_en=f"{slug} case",
        source=f"survey-case-{slug}",
        review_by=STALE[1],
    )


def pitfall(slug: str, *technologies: str, severity: str = "medium", triggers: list | None = None) -> PitfallInfo:
    return PitfallInfo(
        slug=slug,
        title_zh=f"{slug} 的坑",
        title_en=f"Pitfall {slug}",
        severity=severity,
        technologies=tuple(sorted(technologies)),
        triggers=freeze_triggers(triggers or []),
        mitigation_zh="这样规避。",
        mitigation_en=f"Mitigate {slug}.",
        trigger_note_zh="触发条件。",
        trigger_note_en=f"When {slug} bites.",
        source="src-pitfalls",
    )


def snapshot(*technologies: TechnologyInfo, relations=(), case_studies=(), pitfalls=(), companies=(), today=TODAY):
    """A snapshot with every contract capability (plus multi_datacenter) and the usual layers."""
    capabilities = [
        CapabilityInfo(key, category, f"{key} 能力", key.replace("_", " ").capitalize(), position)
        for position, (key, category) in enumerate({**contract.REQUIREMENTS, **EXTRA_CAPABILITIES}.items())
    ]
    categories = [
        CategoryInfo(slug, f"{slug} 层", slug.replace("_", " ").title(), order)
        for slug, order in CATEGORY_ORDER.items()
    ]
    company_slugs = {study.company for study in case_studies} | {t.owner for t in technologies if t.owner}
    known = {company.slug for company in companies}
    all_companies = list(companies) + [
        CompanyInfo(slug, f"{slug} 公司", slug.title()) for slug in sorted(company_slugs - known)
    ]
    sources = [SourceInfo(f"src-{t.slug}", f"{t.slug} 来源", f"Source on {t.name}", "web") for t in technologies] + [
        SourceInfo("survey-case-qiniu", "调查：七牛", "Survey: Qiniu", "survey", "业界使用架构 › 七牛云"),
        SourceInfo("survey-kubernetes", "调查：Kubernetes", "Survey: Kubernetes", "survey", "编排选型 › Kubernetes"),
    ]
    # Every case study's source, so the scale line can cite the case study behind its evidence.
    sources += [
        SourceInfo(study.source, f"调查：{study.company}", f"Survey: {study.company.title()}", "survey")
        for study in case_studies
        if study.source not in {source.slug for source in sources}
    ]
    return make_snapshot(
        today=today,
        categories=categories,
        capabilities=capabilities,
        technologies=technologies,
        relations=relations,
        companies=all_companies,
        case_studies=case_studies,
        pitfalls=pitfalls,
        sources=sources,
    )


@pytest.fixture
def kit() -> types.SimpleNamespace:
    """Builders for hand-made snapshots: kit.tech, kit.snapshot, kit.requires, kit.related, kit.case, kit.pitfall."""
    return types.SimpleNamespace(
        tech=tech,
        snapshot=snapshot,
        requires=requires,
        related=related,
        case=case,
        pitfall=pitfall,
        TODAY=TODAY,
    )
