"""A category's part of the result: ranked candidates with their explanation lines, eliminations
with their reasons. Turns a :class:`scoring.Ranking` into JSON-ready dicts (engine points 1–4).

Every explanation line has the same fields, so a page can render them alike:
``requirement`` (a requirement key, or ``context:<rule>``), ``kind`` ("requirement" / "context"),
``name``, ``importance``, ``answered`` (the answer given, None if unanswered or a context line),
``weight``, ``level``, ``points`` (weight × level factor), ``source`` (slug) and ``source_title``,
``as_of``, ``review_by``, ``stale``, ``note`` (the assessment's note), ``message`` (what a context
rule did, or why an importance was raised) and ``evidence`` (case-study slugs behind a line).
Requirement lines come first, in question order; context lines follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from . import rules, text
from .answers import Context
from .scoring import Member, Ranking
from .snapshot import Snapshot


def category_result(
    snapshot: Snapshot,
    ranking: Ranking,
    effective: Mapping[str, rules.Effective],
    context: Context,
    lang: str,
    memo: dict | None = None,
) -> dict[str, Any]:
    """``memo`` caches messages across the categories of one evaluation (they repeat a lot)."""
    table = ranking.table
    memo = {} if memo is None else memo
    return {
        "category": table.category,
        "name": text.category_name(snapshot, table.category, lang),
        "candidates": [
            _candidate(snapshot, ranking, position, member, score, points, effective, context, lang, memo)
            for position, (score, points, member) in enumerate(ranking.ranked, start=1)
        ],
        "eliminated": _eliminated(snapshot, ranking, context, lang, memo),
    }


def _cached(memo: dict, key: tuple, make):
    value = memo.get(key)
    if value is None:
        value = memo[key] = make()
    return value


def _candidate(snapshot, ranking, rank, member: Member, score, points, effective, context, lang, memo) -> dict:
    table = ranking.table
    technology = snapshot.technologies[member.slug]
    today = snapshot.today
    lines = []
    trusted = weighed = 0.0
    for index, key in enumerate(table.keys):
        weight = ranking.weights[index]
        if not weight:
            continue
        level = member.levels[index]
        assessment = technology.assessments.get(key)
        stale = bool(assessment and assessment.review_by and assessment.review_by < today)
        effect = effective[key]
        weighed += weight
        if level == "unknown":
            trusted += weight * rules.UNKNOWN_TRUST
        else:
            trusted += weight * (rules.STALE_TRUST if stale else 1.0)
        lines.append(
            {
                "requirement": key,
                "kind": "requirement",
                "name": text.capability_name(snapshot, key, lang),
                "importance": effect.importance,
                "answered": effect.answered,
                "weight": weight,
                "level": level,
                "points": float(weight * member.factors[index]),
                "source": (assessment.source or None) if assessment else None,
                "source_title": text.source_title(snapshot, assessment.source, lang) if assessment else None,
                "as_of": assessment.as_of.isoformat() if assessment and assessment.as_of else None,
                "review_by": assessment.review_by.isoformat() if assessment and assessment.review_by else None,
                "stale": stale,
                "note": text.pick(assessment.note_zh, assessment.note_en, lang) if assessment else "",
                "message": _cached(memo, ("floor", key), lambda effect=effect: rules.floor_message(effect))
                if effect.floor
                else "",
                "evidence": [],
            }
        )
    for line in ranking.context_lines:
        lines.append(_context_line(snapshot, line, member, context, lang, memo))
    confidence = round(trusted / weighed, 2) if weighed else 1.0
    return {
        "technology": text.technology_ref(snapshot, member.slug, lang),
        "rank": rank,
        "score": score,
        "confidence": confidence,
        "points": float(points),
        "max_points": float(ranking.denominator),
        "status": technology.status,
        "explanation": lines,
    }


def _context_line(snapshot, line, member: Member, context: Context, lang, memo) -> dict[str, Any]:
    level = line.level(member, context)
    rule = line.rule
    evidence: list[str] = []
    stale = False
    if rule is rules.SCALE:
        evidence = list(member.proven_at) if level == "yes" else []
        reviews = [snapshot.case_studies[slug].review_by for slug in evidence]
        stale = bool(reviews) and all(review and review < snapshot.today for review in reviews)

        def scale() -> str:
            companies = {
                text.company_name(snapshot, snapshot.case_studies[slug].company, lang) for slug in member.proven_at
            }
            return rules.scale_message(level, sorted(companies), context.hosts or "")

        message = _cached(memo, (rule.key, level, member.proven_at), scale)
    elif rule is rules.TEAM_LANGUAGES:

        def language() -> str:
            team = [text.language_label(value) for value in sorted(context.team_languages)]
            return rules.language_message(level, text.language_label(member.language), team)

        message = _cached(memo, (rule.key, level, member.language), language)
    elif rule is rules.EXISTING_INFRA:
        fits = tuple(sorted(member.infra & context.existing_infra))
        message = _cached(
            memo, (rule.key, level, fits), lambda: rules.infra_message(level, fits, sorted(context.existing_infra))
        )
    else:
        message = _cached(memo, (rule.key,), rules.scheduled_jobs_message)
    source = rule.source if rule.source in snapshot.sources else None
    return {
        "requirement": rule.key,
        "kind": "context",
        "name": _cached(memo, ("rule name", rule.key), lambda: str(rules.RULE_NAMES[rule.key])),
        "importance": rules.WEIGHT_LABELS.get(line.weight, "should"),
        "answered": None,
        "weight": line.weight,
        "level": level,
        "points": float(line.weight * rules.LEVEL_FACTORS[level]),
        "source": source,
        "source_title": text.source_title(snapshot, source, lang),
        "as_of": None,
        "review_by": None,
        "stale": stale,
        "note": "",
        "message": message,
        "evidence": evidence,
    }


def _eliminated(snapshot: Snapshot, ranking: Ranking, context: Context, lang: str, memo: dict) -> list[dict[str, Any]]:
    entries = []
    for slug in ranking.table.in_house:
        owner = snapshot.technologies[slug].owner
        entries.append(
            (
                slug,
                [
                    {
                        "code": "in_house",
                        "requirement": None,
                        "message": gettext(
                            "An in-house system of %(company)s: nobody outside %(company)s can adopt it."
                        )
                        % {"company": text.company_name(snapshot, owner, lang) or gettext("another company")},
                    }
                ],
            )
        )
    for member, reasons in ranking.eliminated:
        entries.append(
            (member.slug, [_reason(snapshot, member, code, key, context, lang, memo) for code, key in reasons])
        )
    entries.sort(key=lambda entry: entry[0])
    return [{"technology": text.technology_ref(snapshot, slug, lang), "reasons": reasons} for slug, reasons in entries]


def _reason(snapshot, member: Member, code: str, key: str | None, context: Context, lang: str, memo) -> dict:
    technology = snapshot.technologies[member.slug]
    if code == "legacy_excluded":
        status = str(text.STATUS_LABELS.get(technology.status, technology.status))
        since = text.since_display(technology.status_since, technology.status_since_precision)
        successors = ", ".join(text.technology_name(snapshot, slug, lang) for slug in technology.successors)
        values = {"status": status, "since": since, "successors": successors}
        if since and successors:
            message = gettext("%(status)s since %(since)s; consider %(successors)s instead.") % values
        elif since:
            message = gettext("%(status)s since %(since)s.") % values
        elif successors:
            message = gettext("%(status)s; consider %(successors)s instead.") % values
        else:
            message = gettext("%(status)s.") % values
        message += " " + gettext("Answer include_legacy = true to rank it anyway.")
    elif code == "needs_l2_adjacency":
        environment = text.value_label("environment", context.environment)
        if member.needs_l2 == (member.slug,):
            message = gettext(
                "Needs hosts on one layer-2 network, which a %(environment)s network does not give containers."
            ) % {"environment": environment}
        else:
            message = gettext(
                "Relies on %(via)s, which needs hosts on one layer-2 network; a %(environment)s network does not "
                "give containers that."
            ) % {
                "via": ", ".join(text.technology_name(snapshot, slug, lang) for slug in member.needs_l2),
                "environment": environment,
            }
    else:  # must_unmet
        message = _cached(
            memo,
            ("must_unmet", key),
            lambda: (
                gettext("Does not meet the must requirement “%(requirement)s” (level: no).")
                % {"requirement": text.capability_name(snapshot, key, lang)}
            ),
        )
    return {"code": code, "requirement": key, "message": message}
