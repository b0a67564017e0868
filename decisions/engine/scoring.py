"""Ranking one category: the numeric core of the engine (no text, no ORM).

:func:`table` compiles a category of a snapshot once into vectors (cached on the snapshot);
:func:`rank` turns effective weights and the context into eliminations and ranked scores. The
result page and the sensitivity search both call :func:`rank`, so they cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from operator import mul

from decisions import contract

from . import rules
from .answers import Context
from .snapshot import Snapshot

_FACTORS = rules.LEVEL_FACTORS


@dataclasses.dataclass(frozen=True, slots=True)
class Member:
    """A candidate technology of one category, compiled."""

    slug: str
    levels: tuple[str, ...]  # per requirement key of the table; "unknown" when not assessed
    factors: tuple[float, ...]
    no_bits: int  # bit i set when levels[i] == "no" (a must on key i eliminates it)
    legacy: bool
    needs_l2: tuple[str, ...]  # what makes it need L2 adjacency (itself, or what it requires); empty if nothing
    proven_at: tuple[str, ...]  # case studies of 500+ hosts using it (any stage), by slug
    language: str
    infra: frozenset[str]  # existing_infra answers it fits


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    category: str
    keys: tuple[str, ...]  # the category's requirement keys, in question order
    members: tuple[Member, ...]  # product and pattern technologies, by slug
    in_house: tuple[str, ...]  # in-house systems of the category, by slug (always eliminated)
    # What parts of the context can matter to this category at all (see context_signature).
    has_legacy: bool = False
    has_l2: bool = False
    has_proven: bool = False
    infra: frozenset[str] = frozenset()
    # Per key: every member has the same level factor and none (or all) are "no". Changing such a
    # key's weight adds the same points to everyone and eliminates no one (or everyone): the order
    # cannot change.
    uniform: tuple[bool, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ContextLine:
    rule: rules.ContextRule
    weight: int
    level: Callable[[Member, Context], str]  # the level a candidate earns on this line


@dataclasses.dataclass(frozen=True, slots=True)
class Ranking:
    table: Table
    weights: tuple[int, ...]
    context: Context
    # Best first, ties by slug: (score rounded to one decimal, points = Σ weight × factor, member).
    ranked: tuple[tuple[float, float, Member], ...]
    # Only filled by rank(..., detail=True): (member, ((code, requirement key or None), ...)).
    eliminated: tuple[tuple[Member, tuple[tuple[str, str | None], ...]], ...]
    context_lines: tuple[ContextLine, ...]
    denominator: int

    @property
    def leader(self) -> str | None:
        return self.ranked[0][2].slug if self.ranked else None


# --- Snapshot-wide lookups, computed once per snapshot


def requirement_categories(snapshot: Snapshot) -> dict[str, str]:
    """Every requirement key -> its category: the snapshot's capabilities, then the contract's keys."""
    cached = snapshot._index.get("requirement_categories")
    if cached is None:
        cached = {slug: capability.category for slug, capability in snapshot.capabilities.items()}
        for key, category in contract.REQUIREMENTS.items():
            cached.setdefault(key, category)
        snapshot._index["requirement_categories"] = cached
    return cached


def category_keys(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Category -> its requirement keys, in question order (capability order, then contract order)."""
    cached = snapshot._index.get("category_keys")
    if cached is None:
        contract_order = {key: position for position, key in enumerate(contract.REQUIREMENTS)}

        def order(key: str) -> tuple:
            capability = snapshot.capabilities.get(key)
            if capability is not None:
                return (0, capability.order, contract_order.get(key, len(contract_order)), key)
            return (1, 0, contract_order[key], key)

        grouped: dict[str, list[str]] = {}
        for key, category in requirement_categories(snapshot).items():
            grouped.setdefault(category, []).append(key)
        cached = {category: tuple(sorted(keys, key=order)) for category, keys in grouped.items()}
        snapshot._index["category_keys"] = cached
    return cached


def category_order(snapshot: Snapshot, slug: str) -> tuple:
    category = snapshot.categories.get(slug)
    return (0, category.order, slug) if category is not None else (1, 0, slug)


def requires(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    cached = snapshot._index.get("requires")
    if cached is None:
        grouped: dict[str, set[str]] = {}
        for relation in snapshot.relations:
            if relation.kind == "requires" and relation.target in snapshot.technologies:
                grouped.setdefault(relation.source, set()).add(relation.target)
        cached = {slug: tuple(sorted(targets)) for slug, targets in grouped.items()}
        snapshot._index["requires"] = cached
    return cached


def requires_closure(snapshot: Snapshot, slug: str) -> frozenset[str]:
    """Everything a technology requires, directly or through what it requires."""
    closures = snapshot._index.setdefault("requires_closure", {})
    cached = closures.get(slug)
    if cached is None:
        required = requires(snapshot)
        seen: set[str] = set()
        queue = list(required.get(slug, ()))
        while queue:
            current = queue.pop()
            if current not in seen:
                seen.add(current)
                queue.extend(required.get(current, ()))
        cached = closures[slug] = frozenset(seen - {slug})
    return cached


def l2_needs(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Technology -> the L2-only technologies that make it need L2 adjacency (only those that do)."""
    cached = snapshot._index.get("l2_needs")
    if cached is None:
        cached = {}
        for slug in snapshot.technologies:
            via = rules.l2_dependencies(slug, requires_closure(snapshot, slug))
            if via:
                cached[slug] = via
        snapshot._index["l2_needs"] = cached
    return cached


def proven_at_scale(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Technology -> case studies of 500+ hosts that use it in any stage."""
    cached = snapshot._index.get("proven_at_scale")
    if cached is None:
        grouped: dict[str, list[str]] = {}
        for case in snapshot.case_studies.values():
            if case.scale in rules.PROVEN_SCALES:
                for slug in sorted(case.technologies):
                    grouped.setdefault(slug, []).append(case.slug)
        cached = {slug: tuple(cases) for slug, cases in grouped.items()}
        snapshot._index["proven_at_scale"] = cached
    return cached


def neighbours(snapshot: Snapshot) -> dict[str, frozenset[str]]:
    """Technology -> technologies related to it by a kind the existing-infrastructure rule counts."""
    cached = snapshot._index.get("neighbours")
    if cached is None:
        grouped: dict[str, set[str]] = {}
        for relation in snapshot.relations:
            if relation.kind in rules.INFRA_RELATION_KINDS:
                grouped.setdefault(relation.source, set()).add(relation.target)
                grouped.setdefault(relation.target, set()).add(relation.source)
        cached = {slug: frozenset(related) for slug, related in grouped.items()}
        snapshot._index["neighbours"] = cached
    return cached


def pools(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Category -> the technologies listed for it (candidates and in-house systems), by slug."""
    cached = snapshot._index.get("pools")
    if cached is None:
        grouped: dict[str, list[str]] = {}
        for slug, technology in snapshot.technologies.items():
            if technology.kind in rules.CANDIDATE_KINDS or technology.kind == rules.IN_HOUSE_KIND:
                for category in technology.categories:
                    grouped.setdefault(category, []).append(slug)
        cached = {category: tuple(sorted(slugs)) for category, slugs in grouped.items()}
        snapshot._index["pools"] = cached
    return cached


def table(snapshot: Snapshot, category: str) -> Table:
    tables = snapshot._index.setdefault("tables", {})
    cached = tables.get(category)
    if cached is None:
        cached = tables[category] = _compile(snapshot, category)
    return cached


def _compile(snapshot: Snapshot, category: str) -> Table:
    keys = category_keys(snapshot).get(category, ())
    proven = proven_at_scale(snapshot)
    related = neighbours(snapshot)
    members, in_house = [], []
    for slug in pools(snapshot).get(category, ()):
        technology = snapshot.technologies[slug]
        if technology.kind == rules.IN_HOUSE_KIND:
            in_house.append(slug)
            continue
        levels = []
        for key in keys:
            assessment = technology.assessments.get(key)
            level = assessment.level if assessment is not None and assessment.level in _FACTORS else "unknown"
            levels.append(level)
        members.append(
            Member(
                slug=slug,
                levels=tuple(levels),
                factors=tuple(_FACTORS[level] for level in levels),
                no_bits=sum(1 << index for index, level in enumerate(levels) if level == "no"),
                legacy=technology.status in rules.LEGACY_STATUSES,
                needs_l2=l2_needs(snapshot).get(slug, ()),
                proven_at=proven.get(slug, ()),
                language=technology.language,
                infra=rules.infra_fit(slug, related.get(slug, ())),
            )
        )
    return Table(
        category,
        keys,
        tuple(members),
        tuple(in_house),
        has_legacy=any(member.legacy for member in members),
        has_l2=any(member.needs_l2 for member in members),
        has_proven=any(member.proven_at for member in members),
        infra=frozenset().union(*(member.infra for member in members)),
        uniform=tuple(
            len({member.factors[index] for member in members}) <= 1
            and len({member.levels[index] == "no" for member in members}) <= 1
            for index in range(len(keys))
        ),
    )


# --- Ranking


def weights_for(table_: Table, effective: Mapping[str, rules.Effective]) -> tuple[int, ...]:
    return tuple(effective[key].weight if key in effective else 0 for key in table_.keys)


def rank(table_: Table, weights: tuple[int, ...], context: Context, *, detail: bool = True) -> Ranking:
    """Eliminate, add the context lines that apply, score and order a category's candidates.

    Elimination codes, in this order: ``legacy_excluded``, ``needs_l2_adjacency``, ``must_unmet``
    (one per unmet must, with its key). In-house systems are not members: the caller lists them.
    ``detail=False`` skips collecting the elimination reasons (the sensitivity search needs only
    the order); scores and order are the same either way.
    """
    must_bits = 0
    for index, weight in enumerate(weights):
        if weight == rules.MUST_WEIGHT:
            must_bits |= 1 << index
    exclude_legacy = not context.include_legacy
    cloud = rules.is_cloud(context)
    remaining: list[Member] = []
    eliminated = []
    for member in table_.members:
        if (member.legacy and exclude_legacy) or (member.needs_l2 and cloud) or (member.no_bits & must_bits):
            if detail:
                eliminated.append((member, _reasons(table_, member, must_bits, exclude_legacy, cloud)))
        else:
            remaining.append(member)

    lines = _context_lines(table_, weights, context, remaining) if remaining else []
    denominator = sum(weights) + sum(line.weight for line in lines)
    scored = []
    for member in remaining:
        points = sum(map(mul, weights, member.factors))
        for line in lines:
            points += line.weight * _FACTORS[line.level(member, context)]
        score = round(100 * points / denominator, 1) if denominator else 0.0
        scored.append((-score, member.slug, points, member))
    scored.sort()
    return Ranking(
        table_,
        weights,
        context,
        tuple((-negative, points, member) for negative, _slug, points, member in scored),
        tuple(eliminated),
        tuple(lines),
        denominator,
    )


def _reasons(table_: Table, member: Member, must_bits: int, exclude_legacy: bool, cloud: bool):
    reasons: list[tuple[str, str | None]] = []
    if member.legacy and exclude_legacy:
        reasons.append(("legacy_excluded", None))
    if member.needs_l2 and cloud:
        reasons.append(("needs_l2_adjacency", None))
    for index, key in enumerate(table_.keys):
        if member.no_bits & must_bits & (1 << index):
            reasons.append(("must_unmet", key))
    return tuple(reasons)


def _scale_level(member: Member, context: Context) -> str:
    return "yes" if member.proven_at else "no"


def _language_level(member: Member, context: Context) -> str:
    return rules.language_level(member.language, context.team_languages)


def _infra_level(member: Member, context: Context) -> str:
    return "yes" if member.infra & context.existing_infra else "no"


def _scheduled_jobs_level(member: Member, context: Context) -> str:
    return "yes"


def _context_lines(table_: Table, weights: tuple[int, ...], context: Context, remaining: list[Member]):
    lines = []
    weight = rules.scale_weight(context)
    if weight and any(member.proven_at for member in remaining):
        lines.append(ContextLine(rules.SCALE, weight, _scale_level))
    if context.team_languages and rules.EXTENSIBILITY in table_.keys:
        weight = weights[table_.keys.index(rules.EXTENSIBILITY)]
        team = context.team_languages
        if weight and any(rules.language_level(member.language, team) == "yes" for member in remaining):
            lines.append(ContextLine(rules.TEAM_LANGUAGES, weight, _language_level))
    existing = context.existing_infra
    if existing and any(member.infra & existing for member in remaining):
        lines.append(ContextLine(rules.EXISTING_INFRA, rules.INFRA_WEIGHT, _infra_level))
    if table_.category == rules.SCHEDULED_JOBS_CATEGORY and rules.SCHEDULED_JOBS_WORKLOAD in context.workloads:
        lines.append(ContextLine(rules.SCHEDULED_JOBS, rules.SCHEDULED_JOBS_WEIGHT, _scheduled_jobs_level))
    # A line that favours nobody would only lower every score alike, so it is left out (above).
    return lines


def context_signature(table_: Table, weights: tuple[int, ...], context: Context) -> tuple:
    """Everything :func:`rank` and :func:`touched` read for this table: two (weights, context) pairs
    with the same signature rank it identically, so the sensitivity search skips the second."""
    return (
        weights,
        context.include_legacy if table_.has_legacy else None,
        rules.is_cloud(context) if table_.has_l2 else None,
        rules.scale_weight(context) if table_.has_proven else None,
        context.team_languages if rules.EXTENSIBILITY in table_.keys else None,
        context.existing_infra & table_.infra,
        table_.category == rules.SCHEDULED_JOBS_CATEGORY and rules.SCHEDULED_JOBS_WORKLOAD in context.workloads,
    )


def touched(table_: Table, weights: tuple[int, ...], context: Context) -> bool:
    """Whether the answers bring this category into the evaluation (engine point 1 and the
    scheduled-jobs rule): a weighted requirement, or scheduled-jobs workloads with candidates."""
    if any(weights):
        return True
    return (
        table_.category == rules.SCHEDULED_JOBS_CATEGORY
        and rules.SCHEDULED_JOBS_WORKLOAD in context.workloads
        and bool(table_.members)
    )
