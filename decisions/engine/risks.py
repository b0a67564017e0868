"""Risks of the picked stack (decision model v2, points 3 and 6).

A pick carries a risk when one of its musts is met only partly or not known to be met, when the
evidence behind it is mostly stale, when its licence is source-available, when its lifecycle is not
plainly active, or when a managed service ties the platform to one cloud. Each risk names the
requirement or fact, the level (high / medium / low) and a mitigation. Codes:

- ``must_unknown`` (high): nobody has shown it meets a must; ``must_partial`` (medium): it meets it in part;
- ``lifecycle_legacy`` (high): deprecated, dormant or retired — its successors named;
- ``lifecycle_unverified`` (medium): no evidence newer than 2017 of what became of it;
- ``lifecycle_maintenance`` (low): fixes only;
- ``licence_source_available`` (medium): not open source (BUSL and the like) — the open alternatives named;
- ``stale_evidence`` (medium): half or more of the weight it is ranked on rests on stale claims;
- ``single_provider`` (low): a managed service of one cloud.
"""

from __future__ import annotations

from typing import Any

from . import rules, text
from .scoring import Ranking
from .snapshot import Snapshot
from .words import Words, msg

LEVEL_ORDER = {"high": 0, "medium": 1, "low": 2}
STALE_SHARE = 0.5


def stack_risks(snapshot: Snapshot, rankings: list[Ranking], roles: list[dict]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for ranking, role in zip(rankings, roles, strict=True):
        if role["pick"] is None:
            continue
        slug = role["pick"]["slug"]
        technology = snapshot.technologies[slug]
        base = {"category": ranking.table.category, "role": ranking.table.role,
                "technology": text.technology_ref(snapshot, slug)}  # fmt: skip
        if role["provided_by"] is None:
            found.extend(base | risk for risk in _must_risks(snapshot, ranking, slug))
            stale = _stale_share(snapshot, ranking, slug)
            if stale >= STALE_SHARE:
                found.append(
                    base
                    | _risk(
                        "medium", "stale_evidence", None,
                        msg("risk.stale_evidence")
                        % {"share": f"{stale:.0%}", "technology": technology.name},
                        msg("risk.check_stale_lines_explanation_against"),
                    )
                )  # fmt: skip
        found.extend(base | risk for risk in _fact_risks(snapshot, ranking, slug))
    seen, unique = set(), []
    for risk in found:  # a technology filling two roles carries its fact risks once
        key = (risk["code"], risk["technology"]["slug"], risk["requirement"])
        if key not in seen:
            seen.add(key)
            unique.append(risk)
    unique.sort(key=lambda risk: (LEVEL_ORDER[risk["level"]], risk["category"], risk["role"] or "", risk["code"]))
    return unique


def _risk(level: str, code: str, requirement: str | None, message: Words, mitigation: Words) -> dict[str, Any]:
    return {"level": level, "code": code, "requirement": requirement, "message": message, "mitigation": mitigation}


def _must_risks(snapshot: Snapshot, ranking: Ranking, slug: str) -> list[dict[str, Any]]:
    technology = snapshot.technologies[slug]
    member = next(entry.member for entry in ranking.ranked if entry.member.slug == slug)
    risks = []
    for index, (key, weight) in enumerate(zip(ranking.table.keys, ranking.weights, strict=True)):
        if weight != rules.MUST_WEIGHT:
            continue
        # The level it is ranked on: its own, or that of the follower that completes it (scoring.with_followers).
        via = member.via[index] if member.via else None
        assessment = snapshot.technologies[via or slug].assessments.get(key)
        level = member.levels[index]
        values = {"technology": technology.name, "requirement": text.capability_name(snapshot, key)}
        if level == "partial":
            note = text.pick(assessment.note_zh, assessment.note_en)
            risks.append(
                _risk(
                    "medium", "must_partial", key,
                    text.sentences(msg("risk.must_partial") % values,
                                   note),
                    msg("risk.prove_missing_part_pilot_before"),
                )
            )  # fmt: skip
        elif level == "unknown":
            risks.append(
                _risk(
                    "high", "must_unknown", key,
                    msg("risk.must_unknown") % values,
                    msg("risk.test_yourself_before_you_rely"),
                )
            )  # fmt: skip
    return risks


def _stale_share(snapshot: Snapshot, ranking: Ranking, slug: str) -> float:
    technology = snapshot.technologies[slug]
    total = stale = 0
    for key, weight in zip(ranking.table.keys, ranking.weights, strict=True):
        if not weight:
            continue
        total += weight
        assessment = technology.assessments.get(key)
        if assessment is not None and assessment.review_by and assessment.review_by < snapshot.today:
            stale += weight
    return stale / total if total else 0.0


def _fact_risks(snapshot: Snapshot, ranking: Ranking, slug: str) -> list[dict[str, Any]]:
    technology = snapshot.technologies[slug]
    risks = []
    successors = text.join(text.technology_name(snapshot, other) for other in technology.successors)
    if technology.status in rules.LEGACY_STATUSES:
        risks.append(
            _risk(
                "high", "lifecycle_legacy", None,
                msg("risk.lifecycle_legacy") % {"technology": technology.name,
                                                           "status": text.status_word(technology.status)},
                msg("risk.plan_move") % {"successors": successors}
                if successors else msg("risk.plan_move_maintained_alternative"),
            )
        )  # fmt: skip
    elif technology.status == "unverified":
        risks.append(
            _risk(
                "medium", "lifecycle_unverified", None,
                msg("risk.lifecycle_unverified")
                % {"technology": technology.name},
                msg("risk.confirm_with_maintainers_that_still"),
            )
        )  # fmt: skip
    elif technology.status == "maintenance":
        risks.append(
            _risk(
                "low", "lifecycle_maintenance", None,
                msg("risk.lifecycle_maintenance") % {"technology": technology.name},
                msg("risk.expect_no_new_features_keep") % {"successors": successors}
                if successors else msg("risk.expect_no_new_features"),
            )
        )  # fmt: skip
    if technology.delivery != rules.MANAGED and technology.license_family == "source_available":
        alternatives = [
            entry.member.slug
            for entry in ranking.ranked
            if entry.member.license_family in ("permissive", "copyleft") and entry.member.delivery != rules.MANAGED
        ][:3]
        risks.append(
            _risk(
                "medium", "licence_source_available", None,
                msg("risk.licence_source_available") % {"technology": technology.name,
                                                       "license": technology.license or technology.license_family},
                msg("risk.have_licence_reviewed_open_alternatives") % {
                    "alternatives": text.join(text.technology_name(snapshot, other) for other in alternatives)}
                if alternatives else msg("risk.have_licence_reviewed_before_you"),
            )
        )  # fmt: skip
    if technology.delivery == rules.MANAGED and rules.cloud_only(technology.providers):
        risks.append(
            _risk(
                "low", "single_provider", None,
                msg("risk.single_provider") % {
                    "technology": technology.name,
                    "providers": text.join(
                        text.value_label("cloud_providers", value) for value in technology.providers
                    ),
                },
                msg("risk.keep_open_interfaces_kubernetes_apis"),
            )
        )  # fmt: skip
    return risks
