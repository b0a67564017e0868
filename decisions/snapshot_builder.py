"""Reads the knowledge base into the engine's plain snapshot (``decisions.engine.snapshot``).

It lives outside ``decisions/engine/`` because it reads Django models; the engine imports nothing
from Django and works on what this builds.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from casestudies.models import CaseStudy, Company, StackEntry, Stage
from catalog.models import (
    Assessment,
    Capability,
    Category,
    Pitfall,
    Role,
    Source,
    Technology,
    TechnologyRelation,
)

from .engine.snapshot import (
    AssessmentInfo,
    CapabilityInfo,
    CaseStudyInfo,
    CategoryInfo,
    CompanyInfo,
    FrozenDict,
    PitfallInfo,
    RelationInfo,
    RoleInfo,
    Snapshot,
    SourceInfo,
    TechnologyInfo,
    freeze_triggers,
    make_snapshot,
)


def build_snapshot(*, today: dt.date | None = None) -> Snapshot:
    """Read the knowledge base into a :class:`Snapshot` in exactly 18 queries, whatever its size:

    categories, roles, capabilities, capability↔role links, sources, companies, technologies,
    technology↔category links, technology↔role links, successor links, relations, assessments,
    case studies, stages, stack entries, pitfalls, pitfall↔technology links, pitfall↔remedy links.
    Only ``values_list`` is used: no model instances are built.
    ``today`` defaults to the local date.
    """
    categories = [
        CategoryInfo(slug, name_zh, name_en, order)
        for slug, name_zh, name_en, order in Category.objects.order_by("slug").values_list(
            "slug", "name_zh", "name_en", "order"
        )
    ]
    roles = [
        RoleInfo(*row)
        for row in Role.objects.order_by("slug").values_list(
            "slug", "category__slug", "name_zh", "name_en", "order", "bound_to_platform"
        )
    ]
    roles_of_capability: dict[str, list[str]] = {}
    for capability, role in Capability.roles.through.objects.values_list("capability__slug", "role__slug"):
        roles_of_capability.setdefault(capability, []).append(role)
    capabilities = [
        CapabilityInfo(
            slug, category, name_zh, name_en, order, tuple(sorted(roles_of_capability.get(slug, ()))), baseline
        )
        for slug, category, name_zh, name_en, order, baseline in Capability.objects.order_by("slug").values_list(
            "slug", "category__slug", "name_zh", "name_en", "order", "baseline"
        )
    ]
    sources = [
        SourceInfo(*row)
        for row in Source.objects.order_by("slug").values_list("slug", "title_zh", "title_en", "kind", "section")
    ]
    companies = [
        CompanyInfo(*row) for row in Company.objects.order_by("slug").values_list("slug", "name_zh", "name_en")
    ]

    technology_rows = Technology.objects.order_by("slug").values_list(
        "id", "slug", "name", "name_zh", "kind", "language", "status", "status_since", "status_since_precision",
        "status_source__slug", "status_review_by", "owner__slug", "delivery", "providers", "maturity", "license",
        "license_family", "scale_hosts", "scale_source__slug", "scale_review_by", "needs_l2_adjacency",
    )  # fmt: skip
    slug_of = {}
    fields_of = {}
    for pk, slug, *rest in technology_rows:
        slug_of[pk] = slug
        fields_of[slug] = rest
    categories_of: dict[str, list[str]] = {slug: [] for slug in fields_of}
    for technology_id, category_slug in Technology.categories.through.objects.values_list(
        "technology_id", "category__slug"
    ):
        categories_of[slug_of[technology_id]].append(category_slug)
    roles_of: dict[str, list[str]] = {slug: [] for slug in fields_of}
    for technology_id, role_slug in Technology.roles.through.objects.values_list("technology_id", "role__slug"):
        roles_of[slug_of[technology_id]].append(role_slug)
    successors_of: dict[str, list[str]] = {slug: [] for slug in fields_of}
    for from_id, to_id in Technology.successors.through.objects.values_list("from_technology_id", "to_technology_id"):
        successors_of[slug_of[from_id]].append(slug_of[to_id])
    relations = [
        RelationInfo(slug_of[from_id], slug_of[to_id], kind, citation)
        for from_id, to_id, kind, citation in TechnologyRelation.objects.order_by().values_list(
            "from_technology_id", "to_technology_id", "kind", "source__slug"
        )
    ]
    assessments_of: dict[str, dict[str, AssessmentInfo]] = {slug: {} for slug in fields_of}
    for (
        technology_id,
        capability,
        level,
        source,
        as_of,
        review_by,
        note_zh,
        note_en,
    ) in Assessment.objects.order_by().values_list(
        "technology_id", "capability__slug", "level", "source__slug", "as_of", "review_by", "note_zh", "note_en"
    ):
        assessments_of[slug_of[technology_id]][capability] = AssessmentInfo(
            level, source, as_of, review_by, note_zh, note_en
        )
    technologies = []
    for slug, (
        name,
        name_zh,
        kind,
        language,
        status,
        since,
        precision,
        status_source,
        review_by,
        owner,
        delivery,
        providers,
        maturity,
        license_,
        license_family,
        scale_hosts,
        scale_source,
        scale_review_by,
        needs_l2_adjacency,
    ) in fields_of.items():
        technologies.append(
            TechnologyInfo(
                slug=slug,
                name=name,
                kind=kind,
                categories=tuple(sorted(categories_of[slug])),
                name_zh=name_zh,
                language=language,
                status=status,
                status_since=since,
                status_since_precision=precision,
                status_source=status_source,
                status_review_by=review_by,
                owner=owner,
                successors=tuple(sorted(successors_of[slug])),
                assessments=FrozenDict(sorted(assessments_of[slug].items())),
                roles=tuple(sorted(roles_of[slug])),
                delivery=delivery,
                providers=tuple(providers or ()),
                maturity=maturity,
                license=license_,
                license_family=license_family,
                scale_hosts=scale_hosts,
                scale_source=scale_source or "",
                scale_review_by=scale_review_by,
                needs_l2_adjacency=needs_l2_adjacency,
            )
        )

    case_rows = CaseStudy.objects.order_by("slug").values_list(
        "id", "slug", "company__slug", "scale", "title_zh", "title_en", "source__slug", "review_by"
    )
    case_slug_of = {}
    case_fields = {}
    for pk, slug, *rest in case_rows:
        case_slug_of[pk] = slug
        case_fields[slug] = rest
    stages_of: dict[str, dict[int, list[str]]] = {slug: {} for slug in case_fields}
    stage_key = {}
    for pk, case_id, order in Stage.objects.order_by().values_list("id", "case_study_id", "order"):
        stages_of[case_slug_of[case_id]][order] = []
        stage_key[pk] = (case_slug_of[case_id], order)
    for stage_id, technology_id in StackEntry.objects.order_by().values_list("stage_id", "technology_id"):
        case_slug, order = stage_key[stage_id]
        technology = slug_of[technology_id]
        if technology not in stages_of[case_slug][order]:  # one technology may sit at two layers
            stages_of[case_slug][order].append(technology)
    case_studies = [
        CaseStudyInfo(
            slug=slug,
            company=company,
            scale=scale,
            stages=tuple(tuple(sorted(stages_of[slug][order])) for order in sorted(stages_of[slug])),
            title_zh=title_zh,
            title_en=title_en,
            source=source,
            review_by=review_by,
        )
        for slug, (company, scale, title_zh, title_en, source, review_by) in case_fields.items()
    ]

    pitfall_rows = Pitfall.objects.order_by("slug").values_list(
        "id", "slug", "title_zh", "title_en", "severity", "triggers", "mitigation_zh", "mitigation_en",
        "trigger_note_zh", "trigger_note_en", "source__slug",
    )  # fmt: skip
    pitfall_technologies: dict[int, list[str]] = {}
    for pitfall_id, technology_id in Pitfall.technologies.through.objects.values_list("pitfall_id", "technology_id"):
        pitfall_technologies.setdefault(pitfall_id, []).append(slug_of[technology_id])
    pitfall_remedies: dict[int, list[str]] = {}
    for pitfall_id, technology_id in Pitfall.remedies.through.objects.values_list("pitfall_id", "technology_id"):
        pitfall_remedies.setdefault(pitfall_id, []).append(slug_of[technology_id])
    pitfalls = [
        PitfallInfo(
            slug=slug,
            title_zh=title_zh,
            title_en=title_en,
            severity=severity,
            technologies=tuple(sorted(pitfall_technologies.get(pk, ()))),
            triggers=freeze_triggers(triggers),
            mitigation_zh=mitigation_zh,
            mitigation_en=mitigation_en,
            trigger_note_zh=note_zh,
            trigger_note_en=note_en,
            source=source,
            remedies=tuple(sorted(pitfall_remedies.get(pk, ()))),
        )
        for (pk, slug, title_zh, title_en, severity, triggers, mitigation_zh, mitigation_en, note_zh, note_en,
             source) in pitfall_rows
    ]  # fmt: skip

    return make_snapshot(
        today=today or timezone.localdate(),
        categories=categories,
        capabilities=capabilities,
        technologies=technologies,
        relations=relations,
        companies=companies,
        case_studies=case_studies,
        pitfalls=pitfalls,
        sources=sources,
        roles=roles,
    )
