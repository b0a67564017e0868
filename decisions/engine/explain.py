"""A category's part of the result: ranked candidates with their explanation lines, eliminations
with their reasons. Turns a :class:`scoring.Ranking` into JSON-ready dicts (engine points 1–4).

Every explanation line has the same fields, so a page can render them alike:
``requirement`` (a requirement key, or ``context:<rule>``), ``kind`` ("requirement" / "context"),
``name``, ``importance``, ``answered`` (the answer given, None if unanswered or a context line),
``weight``, ``level``, ``points`` (weight × level factor), ``source`` (slug) and ``source_title``,
``as_of``, ``review_by``, ``stale``, ``note`` (the assessment's note), ``message`` (what a context
rule did, or why an importance was raised) and ``evidence`` (case-study slugs behind a line).
Requirement lines come first, in question order; context lines follow. A public-cloud service that
is ranked ends with the weightless line ``context:provider`` (importance None, weight 0, level "no"):
it says the service ties you to its provider and changes no score.

A candidate ranked just ahead of one with the same score carries ``tie_break``: {over (the
technology it is placed ahead of), by (a code of rules.TIE_BREAKS), message}; otherwise None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from decisions import contract

from . import rules, text
from .answers import Context
from .scoring import Member, Ranking, line_trust, requires, tie_break, tied
from .snapshot import Snapshot
from .words import Words, msg


def layer_result(
    snapshot: Snapshot,
    rankings: list[Ranking],
    effective: Mapping[str, rules.Effective],
    context: Context,
    memo: dict | None = None,
) -> dict[str, Any]:
    """A layer's part of the result: its roles (decision model v2), each ranked on its own. The
    layer's ``candidates`` and ``eliminated`` are those of its first touched role (the fields of v1,
    where a layer was one role)."""
    roles = [category_result(snapshot, ranking, effective, context, memo) for ranking in rankings]
    first = roles[0]
    return {
        "category": first["category"],
        "name": first["name"],
        "candidate_count": first["candidate_count"],
        "candidates": first["candidates"],
        "eliminated_count": first["eliminated_count"],
        "eliminated": first["eliminated"],
        "roles": [
            {key: value for key, value in role.items() if key not in ("category", "name")}
            for role in roles
            if role.get("role") is not None
        ],
    }


def category_result(
    snapshot: Snapshot,
    ranking: Ranking,
    effective: Mapping[str, rules.Effective],
    context: Context,
    memo: dict | None = None,
) -> dict[str, Any]:
    """``memo`` caches messages across the categories of one evaluation (they repeat a lot).

    The stored result lists the top ``LISTED_CANDIDATES`` candidates and ``LISTED_ELIMINATED``
    eliminations of a layer (with the full counts): enough to decide and to explain, and a result
    stays small even on a catalog with thousands of technologies per layer.
    """
    table = ranking.table
    memo = {} if memo is None else memo
    eliminated = _eliminated(snapshot, ranking, context, memo)
    return {
        "category": table.category,
        "name": text.category_name(snapshot, table.category),
        "role": table.role,
        "role_name": text.role_name(snapshot, table.role) if table.role else None,
        "candidate_count": len(ranking.ranked),
        "candidates": [
            _candidate(snapshot, ranking, position, effective, context, memo)
            for position in range(1, min(len(ranking.ranked), LISTED_CANDIDATES) + 1)
        ],
        "eliminated_count": len(eliminated),
        "eliminated": eliminated[:LISTED_ELIMINATED],
    }


LISTED_CANDIDATES = 25
LISTED_ELIMINATED = 40


def _cached(memo: dict, key: tuple, make):
    value = memo.get(key)
    if value is None:
        value = memo[key] = make()
    return value


def _candidate(snapshot, ranking, rank, effective, context, memo) -> dict:
    score, points, member, confidence, low, high, _considerations = ranking.ranked[rank - 1]
    table = ranking.table
    technology = snapshot.technologies[member.slug]
    lines = []
    parts = snapshot._index.setdefault("explanation_parts", {})
    for index, key in enumerate(table.keys):
        weight = ranking.weights[index]
        if not weight:
            continue
        level = member.levels[index]
        via = member.via[index] if member.via else None
        name, evidence = parts.get((via or member.slug, key, level)) or _evidence_part(
            snapshot, parts, via or member.slug, key, level
        )
        effect = effective[key]
        line_points = rules.evidence_points(weight, member.factors[index], member.trust[index])[0]
        lines.append(
            {
                "requirement": key,
                "kind": "requirement",
                "name": name,
                "importance": effect.importance,
                "answered": effect.answered,
                "weight": weight,
                "level": level,
                "points": round(float(line_points), 3),
                **evidence,
                "via": text.technology_ref(snapshot, via) if via else None,
                "message": _via_message(snapshot, via, memo)
                if via
                else _cached(memo, ("floor", key), lambda effect=effect: rules.floor_message(effect))
                if effect.floor
                else "",
                "evidence": [],
            }
        )
    for line in ranking.context_lines:
        lines.append(_context_line(snapshot, line, member, context, memo))
    if member.public_cloud:
        lines.append(_provider_line(snapshot, member, memo))
    return {
        "technology": text.technology_ref(snapshot, member.slug),
        "rank": rank,
        "score": score,
        "score_range": {"low": low, "high": high},
        "confidence": confidence,
        "points": round(float(points), 3),
        "max_points": float(ranking.denominator),
        "status": technology.status,
        "delivery": technology.delivery,
        "maturity": technology.maturity,
        "license": technology.license,
        "license_family": technology.license_family,
        "explanation": lines,
        "tie_break": _tie_break(snapshot, ranking, rank),
        "tied_with": [
            text.technology_ref(snapshot, other.member.slug)
            for other in ranking.ranked[:LISTED_CANDIDATES]
            if other.member.slug != member.slug and tied(ranking.ranked[rank - 1], other)
        ],
    }


def _evidence_part(snapshot: Snapshot, parts: dict, slug: str, key: str, level: str) -> tuple[Any, dict]:
    """What a requirement line says about its evidence, which depends only on the snapshot, the
    technology whose assessment it reads, the key and the level: (the capability's name, the fields
    from ``strength`` to ``note``). Built once per snapshot (its lookup tables), as the same lines
    recur in every evaluation; each line copies the fields into its own dict."""
    assessment = snapshot.technologies[slug].assessments.get(key)
    stale = bool(assessment and assessment.review_by and assessment.review_by < snapshot.today)
    part = parts[(slug, key, level)] = (
        text.capability_name(snapshot, key),
        {
            "strength": _strength(level, stale),
            "source_kind": _source_kind(snapshot, assessment.source) if assessment else None,
            "source": (assessment.source or None) if assessment else None,
            "source_title": text.source_title(snapshot, assessment.source) if assessment else None,
            "as_of": assessment.as_of.isoformat() if assessment and assessment.as_of else None,
            "review_by": assessment.review_by.isoformat() if assessment and assessment.review_by else None,
            "stale": stale,
            "note": text.pick(assessment.note_zh, assessment.note_en) if assessment else "",
        },
    )
    return part


def _via_message(snapshot: Snapshot, via: str, memo: dict) -> str:
    name = text.technology_name(snapshot, via)
    return _cached(memo, ("via", via), lambda: msg("explanation.via") % {"technology": name})


# How strong the evidence behind a line is (a line's ``strength``).
STRENGTHS: tuple[str, ...] = ("fresh", "stale", "missing")


def _strength(level: str, stale: bool) -> str:
    """How strong the evidence behind a line is: fresh, stale (past review-by) or missing."""
    if level == "unknown":
        return "missing"
    return "stale" if stale else "fresh"


def _source_kind(snapshot: Snapshot, slug: str | None) -> str | None:
    source = snapshot.sources.get(slug) if slug else None
    return source.kind if source is not None else None


def _tie_break(snapshot: Snapshot, ranking: Ranking, rank: int) -> dict[str, Any] | None:
    if rank >= len(ranking.ranked):
        return None
    first, second = ranking.ranked[rank - 1], ranking.ranked[rank]
    code = tie_break(first, second)
    if code is None:
        return None
    return {
        "over": text.technology_ref(snapshot, second.member.slug),
        "by": code,
        "message": tie_message(snapshot, first, second),
    }


def tie_message(snapshot: Snapshot, first, second) -> Words:
    """Why ``first`` (a scoring.Scored) is placed ahead of ``second``, which it is tied with."""
    code = tie_break(first, second) or "undecided"  # they are tied: tie_break names a step
    mine, theirs = snapshot.technologies[first.member.slug], snapshot.technologies[second.member.slug]
    values = {
        "score": f"{first.score:.1f}",
        "their_score": f"{second.score:.1f}",
        "other": text.technology_name(snapshot, theirs.slug),
    }
    if code == "lifecycle":
        values |= {"mine": text.status_word(mine.status), "theirs": text.status_word(theirs.status)}
    elif code == "licence":
        values |= {"mine": mine.license or mine.license_family, "theirs": theirs.license or theirs.license_family}
    elif code == "maturity":
        values |= {"mine": text.maturity_word(mine.maturity), "theirs": text.maturity_word(theirs.maturity)}
    elif code == "confidence":
        values |= {"mine": f"{first.confidence:.2f}", "theirs": f"{second.confidence:.2f}"}
    return rules.tie_break_message(code, values)


def _cited(snapshot: Snapshot, slug: str | None) -> str | None:
    """A source slug when the snapshot has that source, else None (a line never cites a dangling slug)."""
    return slug if slug and slug in snapshot.sources else None


def _provider_line(snapshot: Snapshot, member: Member, memo) -> dict[str, Any]:
    """The weightless line of a public-cloud service: it ties you to its provider."""
    direct = [
        relation.citation
        for relation in snapshot.relations
        if relation.source == member.slug and relation.kind == "requires" and relation.target in member.public_cloud
    ]
    source = _cited(snapshot, min(direct, default=None))
    providers = text.join(text.technology_name(snapshot, slug) for slug in member.public_cloud)
    return {
        "requirement": rules.PROVIDER.key,
        "kind": "context",
        "name": _cached(memo, ("rule name", rules.PROVIDER.key), lambda: rules.RULE_NAMES[rules.PROVIDER.key]),
        "importance": None,
        "answered": None,
        "weight": 0,
        "level": "no",
        "points": 0.0,
        "strength": "fresh",
        "source_kind": _source_kind(snapshot, source),
        "source": source,
        "source_title": text.source_title(snapshot, source),
        "as_of": None,
        "review_by": None,
        "stale": False,
        "note": "",
        "message": _cached(memo, (rules.PROVIDER.key, member.public_cloud), lambda: rules.provider_message(providers)),
        "evidence": [],
    }


def _context_line(snapshot, line, member: Member, context: Context, memo) -> dict[str, Any]:
    level = line.level(member, context)
    rule = line.rule
    evidence: list[str] = []
    stale = False
    source = rule.sources.get(level)
    trust = line_trust(line, member, context)
    if rule is rules.SCALE:
        evidence = list(member.proven_at) if level == "partial" else []
        stale = level == "partial"
        if level == "yes":  # 2026 evidence in the catalog
            source = snapshot.technologies[member.slug].scale_source or None
        else:
            # The source of the strongest evidence: the largest-scale case study (proven_at's order).
            source = snapshot.case_studies[evidence[0]].source if evidence else None

        def scale() -> Words:
            # One name per company, in the reader's alphabetical order (the renderer sorts them).
            companies = {snapshot.case_studies[slug].company for slug in member.proven_at}
            names = [text.company_name(snapshot, company) for company in sorted(companies, key=str)]
            return rules.scale_message(level, names, context.hosts or "")

        message = _cached(memo, (rule.key, level, member.proven_at), scale)
    elif rule is rules.TEAM_LANGUAGES:

        def language() -> Words:
            team = [text.language_label(value) for value in sorted(context.team_languages)]
            return rules.language_message(level, text.language_label(member.language), team)

        message = _cached(memo, (rule.key, level, member.language), language)
    elif rule is rules.MATURITY:
        technology = snapshot.technologies[member.slug]
        message = _cached(memo, (rule.key, technology.maturity), lambda: rules.maturity_message(technology.maturity))
    elif rule is rules.DELIVERY:
        through = member.managed_via if member.delivery != rules.MANAGED and level != "no" else None
        message = _cached(
            memo,
            (rule.key, level, through),
            lambda: rules.delivery_message(level, text.technology_name(snapshot, through) if through else None),
        )
    elif rule is rules.LIFECYCLE:
        status = snapshot.technologies[member.slug].status
        message = _cached(memo, (rule.key, status), lambda: rules.lifecycle_message(status))
    elif rule is rules.EXISTING_INFRA:
        fits = tuple(sorted(member.infra & context.existing_infra))
        if fits:  # the source of the relation that makes the first fit
            source = dict(member.infra_citations)[fits[0]]
        message = _cached(
            memo, (rule.key, level, fits), lambda: rules.infra_message(level, fits, sorted(context.existing_infra))
        )
    else:
        message = _cached(memo, (rule.key,), rules.scheduled_jobs_message)
    source = _cited(snapshot, source)
    return {
        "requirement": rule.key,
        "kind": "context",
        "name": _cached(memo, ("rule name", rule.key), lambda: rules.RULE_NAMES[rule.key]),
        "importance": rules.WEIGHT_LABELS.get(line.weight, "should"),
        "answered": None,
        "weight": line.weight,
        "level": level,
        "points": round(rules.evidence_points(line.weight, rules.LEVEL_FACTORS[level], trust)[0], 3),
        "strength": "stale" if stale else "fresh",
        "source_kind": _source_kind(snapshot, source),
        "source": source,
        "source_title": text.source_title(snapshot, source),
        "as_of": None,
        "review_by": None,
        "stale": stale,
        "note": "",
        "message": message,
        "evidence": evidence,
    }


def _eliminated(snapshot: Snapshot, ranking: Ranking, context: Context, memo: dict) -> list[dict[str, Any]]:
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
                        "message": msg("elimination.in_house")
                        % {
                            "company": text.company_name(snapshot, owner) or msg("elimination.in_house_unknown_company")
                        },
                    }
                ],
            )
        )
    for member, reasons in ranking.eliminated:
        entries.append((member.slug, [_reason(snapshot, member, code, key, context, memo) for code, key in reasons]))
    entries.sort(key=lambda entry: entry[0])
    return [{"technology": text.technology_ref(snapshot, slug), "reasons": reasons} for slug, reasons in entries]


def _reason(snapshot, member: Member, code: str, key: str | None, context: Context, memo) -> dict:
    technology = snapshot.technologies[member.slug]
    message: Words
    if code == "legacy_excluded":
        status = text.status_label(technology.status)
        since = text.since_display(technology.status_since, technology.status_since_precision)
        successors = text.join(text.technology_name(snapshot, slug) for slug in technology.successors)
        values = {"status": status, "since": since, "successors": successors}
        if since and successors:
            message = msg("elimination.legacy_since_successors") % values
        elif since:
            message = msg("elimination.legacy_since") % values
        elif successors:
            message = msg("elimination.legacy_successors") % values
        else:
            message = msg("elimination.legacy_status") % values
        message = text.sentences(message, msg("elimination.legacy_hint"))
    elif code == "needs_public_cloud":
        providers = [text.technology_name(snapshot, slug) for slug in member.public_cloud] or [
            text.value_label("cloud_providers", value) for value in member.providers
        ]
        message = rules.public_cloud_message(text.join(providers), text.value_label("environment", context.environment))
    elif code == "needs_missing_infrastructure":
        provided = rules.provided_infrastructure(context)
        missing = [slug for slug in member.needs_infra if slug not in provided]
        message = rules.missing_infrastructure_message(
            text.join(text.technology_name(snapshot, slug) for slug in missing),
            text.join(text.technology_name(snapshot, slug) for slug in _through(snapshot, member.slug, missing)),
            text.join(text.value_label("existing_infra", value) for value in _existing(context))
            or text.value_label("existing_infra", "none"),
        )
    elif code == "needs_l2_adjacency":
        environment = text.value_label("environment", context.environment)
        if member.needs_l2 == (member.slug,):
            message = msg("elimination.needs_l2_adjacency") % {"environment": environment}
        else:
            message = msg("elimination.needs_l2_adjacency_via") % {
                "via": text.join(text.technology_name(snapshot, slug) for slug in member.needs_l2),
                "environment": environment,
            }
    elif code == "licence_excluded":
        message = msg("elimination.licence_excluded") % {
            "license": technology.license or text.license_family_label(technology.license_family),
            "policy": text.value_label("licence_policy", context.licence_policy),
        }
    elif code == "delivery_excluded":
        message = msg("elimination.delivery_excluded")
    elif code == "provider_excluded":
        message = msg("elimination.provider_excluded") % {
            "providers": text.join(text.value_label("cloud_providers", value) for value in technology.providers),
            "yours": text.join(text.value_label("cloud_providers", value) for value in sorted(context.cloud_providers)),
        }
    else:  # must_unmet
        message = _cached(
            memo,
            ("must_unmet", key),
            lambda: msg("elimination.must_unmet") % {"requirement": text.capability_name(snapshot, key)},
        )
    return {"code": code, "requirement": key, "message": message}


def _existing(context: Context) -> list[str]:
    """The existing_infra answers, in the contract's order."""
    order = contract.CONTEXT_QUESTIONS["existing_infra"][0]
    return [value for value in order if value in context.existing_infra]


def _through(snapshot: Snapshot, slug: str, missing: list[str]) -> list[str]:
    """The direct requirements of ``slug`` through which it needs the ``missing`` infrastructure;
    empty when it requires that infrastructure directly (or is that infrastructure)."""
    required = requires(snapshot)
    direct = required.get(slug, ())
    if slug in missing or any(target in direct for target in missing):
        return []
    via = []
    for target in direct:
        seen, queue = set(), [target]
        while queue:
            current = queue.pop()
            if current in missing:
                via.append(target)
                break
            if current not in seen:
                seen.add(current)
                queue.extend(required.get(current, ()))
    return via
