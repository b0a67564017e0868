"""Ranking one category: the numeric core of the engine (no text, no ORM).

:func:`table` compiles a category of a snapshot once into vectors (cached on the snapshot);
:func:`rank` turns effective weights and the context into eliminations and ranked scores. The
result page and the sensitivity search both call :func:`rank`, so they cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from operator import mul
from typing import NamedTuple

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
    proven_at: tuple[str, ...]  # case studies of 500+ hosts using it (any stage), largest scale first, then slug
    language: str
    infra: frozenset[str]  # existing_infra answers it fits
    trust: tuple[float, ...] = ()  # per requirement key: 1 fresh, STALE_TRUST stale, UNKNOWN_TRUST unknown
    infra_citations: tuple[tuple[str, str], ...] = ()  # (existing_infra answer it fits, source showing the fit)
    needs_infra: tuple[str, ...] = ()  # infrastructure it requires that no layer offers (rules.INFRASTRUCTURE)
    public_cloud: tuple[str, ...] = ()  # the public clouds it runs only in (public_clouds)
    # Tie-break data (rules.py, "Ties").
    cases_current: int = 0  # case studies with it in their latest stage
    cases_any: int = 0  # case studies with it in any stage
    lifecycle: int = 0  # rules.LIFECYCLE_ORDER of its status
    sort_name: str = ""  # its (English) name, case-folded
    # Decision model v2.
    status: str = "active"
    delivery: str = "self_hosted"
    providers: tuple[str, ...] = ()
    maturity: str = "unknown"
    license_family: str = "permissive"
    scale_fresh: int = -1  # index in contract.HOSTS of the 2026 scale evidence still within review-by, else -1
    considerations: tuple[int, ...] = (0, 0, 0)  # rules.CONSIDERATIONS: lifecycle, licence openness, maturity
    # Per key: the technology of a later role that lifts this level (Kubernetes is simple to run
    # through a managed distribution), or None (see with_followers).
    via: tuple[str | None, ...] = ()
    # A managed service of a later role that completes it (Amazon EKS runs Kubernetes for you), usable
    # for these answers: the platform can be had managed, which the delivery line credits.
    managed_via: str | None = None
    managed_providers: tuple[str, ...] = ()
    # Derived in __post_init__ (also after dataclasses.replace). Per key, what one unit of weight
    # earns (rules.evidence_points): the points, the verified part (low) and the verified part plus
    # what is unverified (high) — precomputed, as the sensitivity search ranks the same members
    # hundreds of times; and whether a context rule can eliminate it at all.
    point_factors: tuple[float, ...] = dataclasses.field(init=False, default=())
    low_factors: tuple[float, ...] = dataclasses.field(init=False, default=())
    high_factors: tuple[float, ...] = dataclasses.field(init=False, default=())
    excludable: bool = dataclasses.field(init=False, default=True)

    def __post_init__(self) -> None:
        trust = self.trust or (1.0,) * len(self.factors)
        pairs = tuple(zip(self.factors, trust, strict=True))
        object.__setattr__(self, "point_factors", tuple(f * (1 + t) / 2 for f, t in pairs))
        object.__setattr__(self, "low_factors", tuple(f * t for f, t in pairs))
        object.__setattr__(self, "high_factors", tuple(f * t + 1 - t for f, t in pairs))
        object.__setattr__(
            self,
            "excludable",
            bool(self.legacy or self.needs_l2 or self.public_cloud or self.needs_infra)
            or self.delivery == rules.MANAGED
            or rules.cloud_only(self.providers)
            or self.license_family in ("source_available", "proprietary"),
        )


class Scored(NamedTuple):
    """A ranked candidate: score (0–100, one decimal), points, the member, confidence, and the score
    range (low, high) that the evidence allows (rules.evidence_points)."""

    score: float
    points: float
    member: Member
    confidence: float
    low: float = 0.0
    high: float = 0.0
    considerations: tuple[int, ...] = (0, 0, 0, 0)  # rules.CONSIDERATIONS, for these answers (lower is better)


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    category: str
    role: str | None = None  # None: the whole layer is one role (a snapshot without roles, as before v2)
    keys: tuple[str, ...] = ()  # the requirement keys it is scored on, in question order
    members: tuple[Member, ...] = ()  # product and pattern technologies, by slug
    in_house: tuple[str, ...] = ()  # in-house systems of the category, by slug (always eliminated)
    # What parts of the context can matter to this category at all (see context_signature).
    has_legacy: bool = False
    has_l2: bool = False
    has_proven: bool = False
    infra: frozenset[str] = frozenset()
    needs_infra: frozenset[str] = frozenset()  # the infrastructure some member needs
    has_public_cloud: bool = False
    has_managed: bool = False
    has_cloud_bound: bool = False  # some member works only through some clouds (rules.cloud_only providers)
    has_maturity: bool = False  # some member is graduated or equivalent
    has_lifecycle_spread: bool = False  # members differ in lifecycle
    has_restricted_licence: bool = False  # some self-hosted member is source-available or proprietary
    scheduled_role: str | None = None  # the first role of the scheduled-jobs layer (its context rule)
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
    # Best first, ties ordered as rules.py says (Scored entries).
    ranked: tuple[Scored, ...]
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


def targets(snapshot: Snapshot, kind: str) -> dict[str, tuple[str, ...]]:
    """Technology -> the technologies its relations of ``kind`` point at, sorted (cached per kind)."""
    cached = snapshot._index.get(("targets", kind))
    if cached is None:
        grouped: dict[str, set[str]] = {}
        for relation in snapshot.relations:
            if relation.kind == kind and relation.target in snapshot.technologies:
                grouped.setdefault(relation.source, set()).add(relation.target)
        cached = {slug: tuple(sorted(found)) for slug, found in grouped.items()}
        snapshot._index[("targets", kind)] = cached
    return cached


def requires(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    return targets(snapshot, "requires")


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

        def needs_l2(other: str) -> bool:
            technology = snapshot.technologies.get(other)
            return technology is not None and technology.needs_l2_adjacency

        cached = {}
        for slug in snapshot.technologies:
            via = rules.l2_dependencies(slug, requires_closure(snapshot, slug), needs_l2)
            if via:
                cached[slug] = via
        snapshot._index["l2_needs"] = cached
    return cached


def proven_at_scale(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Technology -> case studies of 500+ hosts that use it in any stage, largest scale first, then by slug."""
    cached = snapshot._index.get("proven_at_scale")
    if cached is None:
        grouped: dict[str, list[tuple[int, str]]] = {}
        largest_first = {scale: -position for position, scale in enumerate(contract.HOSTS)}
        for case in snapshot.case_studies.values():
            if case.scale in rules.PROVEN_SCALES:
                for slug in case.technologies:
                    grouped.setdefault(slug, []).append((largest_first[case.scale], case.slug))
        cached = {slug: tuple(case for _scale, case in sorted(cases)) for slug, cases in grouped.items()}
        snapshot._index["proven_at_scale"] = cached
    return cached


def case_counts(snapshot: Snapshot) -> dict[str, tuple[int, int]]:
    """Technology -> (case studies with it in their latest stage, case studies with it in any stage)."""
    cached = snapshot._index.get("case_counts")
    if cached is None:
        current: dict[str, int] = {}
        anywhere: dict[str, int] = {}
        for case in snapshot.case_studies.values():
            for slug in set(case.current):
                current[slug] = current.get(slug, 0) + 1
            for slug in case.technologies:
                anywhere[slug] = anywhere.get(slug, 0) + 1
        cached = {slug: (current.get(slug, 0), count) for slug, count in anywhere.items()}
        snapshot._index["case_counts"] = cached
    return cached


def neighbours(snapshot: Snapshot) -> dict[str, tuple[tuple[str, str], ...]]:
    """Technology -> (related technology, the relation's source) for every relation of a kind the
    existing-infrastructure rule counts, either direction, sorted."""
    cached = snapshot._index.get("neighbours")
    if cached is None:
        grouped: dict[str, set[tuple[str, str]]] = {}
        for relation in snapshot.relations:
            if relation.kind in rules.INFRA_RELATION_KINDS:
                grouped.setdefault(relation.source, set()).add((relation.target, relation.citation))
                grouped.setdefault(relation.target, set()).add((relation.source, relation.citation))
        cached = {slug: tuple(sorted(related)) for slug, related in grouped.items()}
        snapshot._index["neighbours"] = cached
    return cached


def obtainable(snapshot: Snapshot) -> frozenset[str]:
    """Technologies that are candidates of a layer the questionnaire asks about: a requirement on one
    of them can be met by deploying it along with its dependant."""
    cached = snapshot._index.get("obtainable")
    if cached is None:
        asked = {
            category
            for category, keys in category_keys(snapshot).items()
            if keys and category not in rules.INFRASTRUCTURE_LAYERS
        }
        cached = frozenset(
            slug
            for slug, technology in snapshot.technologies.items()
            if technology.kind in rules.CANDIDATE_KINDS and asked.intersection(technology.categories)
        )
        snapshot._index["obtainable"] = cached
    return cached


def infra_needs(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Technology -> the infrastructure (rules.INFRASTRUCTURE) it is or requires, directly or
    transitively, that no layer offers as a candidate (only those that need some)."""
    cached = snapshot._index.get("infra_needs")
    if cached is None:
        wanted = rules.INFRASTRUCTURE - obtainable(snapshot)
        cached = {}
        for slug in snapshot.technologies:
            needed = wanted.intersection({slug} | requires_closure(snapshot, slug))
            if needed:
                cached[slug] = tuple(sorted(needed))
        snapshot._index["infra_needs"] = cached
    return cached


def public_clouds(snapshot: Snapshot) -> frozenset[str]:
    """The public clouds of the catalog: its managed records of an infrastructure layer (a cloud you
    rent, as Alibaba Cloud; OpenStack, which you run, is self-hosted)."""
    cached = snapshot._index.get("public_clouds")
    if cached is None:
        cached = snapshot._index["public_clouds"] = frozenset(
            slug
            for slug, technology in snapshot.technologies.items()
            if technology.delivery == rules.MANAGED and rules.INFRASTRUCTURE_LAYERS.intersection(technology.categories)
        )
    return cached


def cloud_needs(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Technology -> the public clouds (public_clouds) it is or requires, directly or transitively."""
    cached = snapshot._index.get("cloud_needs")
    if cached is None:
        cached = {}
        clouds_of_catalog = public_clouds(snapshot)
        for slug in snapshot.technologies:
            clouds = clouds_of_catalog.intersection({slug} | requires_closure(snapshot, slug))
            if clouds:
                cached[slug] = tuple(sorted(clouds))
        snapshot._index["cloud_needs"] = cached
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


def category_roles(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Category -> its roles in order; a category without roles is absent (it is one role, None)."""
    cached = snapshot._index.get("category_roles")
    if cached is None:
        grouped: dict[str, list] = {}
        for role in snapshot.roles.values():
            grouped.setdefault(role.category, []).append((role.order, role.slug))
        cached = {category: tuple(slug for _order, slug in sorted(roles)) for category, roles in grouped.items()}
        snapshot._index["category_roles"] = cached
    return cached


def role_keys(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Role -> the requirement keys that score it (capabilities listing the role), in question order."""
    cached = snapshot._index.get("role_keys")
    if cached is None:
        position = {
            key: (category_order(snapshot, category), index)
            for category, keys in category_keys(snapshot).items()
            for index, key in enumerate(keys)
        }
        grouped: dict[str, list[str]] = {}
        for slug, capability in snapshot.capabilities.items():
            for role in capability.roles:
                grouped.setdefault(role, []).append(slug)
        cached = {
            role: tuple(sorted(keys, key=lambda key: position.get(key, ((9,), 0)))) for role, keys in grouped.items()
        }
        snapshot._index["role_keys"] = cached
    return cached


def units(snapshot: Snapshot, categories) -> list[tuple[str, str | None]]:
    """The (category, role) pairs of the given categories, in layer then role order."""
    roles = category_roles(snapshot)
    return [(category, role) for category in categories for role in roles.get(category, (None,))]


def table(snapshot: Snapshot, category: str, role: str | None = None) -> Table:
    tables = snapshot._index.setdefault("tables", {})
    cached = tables.get((category, role))
    if cached is None:
        cached = tables[(category, role)] = _compile(snapshot, category, role)
    return cached


def _compile(snapshot: Snapshot, category: str, role: str | None = None) -> Table:
    pool: tuple[str, ...] | list[str]
    if role is None:
        keys = category_keys(snapshot).get(category, ())
        pool = pools(snapshot).get(category, ())
    else:
        keys = role_keys(snapshot).get(role, ())
        first_role = category_roles(snapshot)[category][0] == role
        pool = [
            slug
            for slug in pools(snapshot).get(category, ())
            if role in snapshot.technologies[slug].roles
            or (first_role and snapshot.technologies[slug].kind == rules.IN_HOUSE_KIND)
        ]
    proven = proven_at_scale(snapshot)
    related = neighbours(snapshot)
    counts = case_counts(snapshot)
    today = snapshot.today
    members, in_house = [], []
    hosts_order = {value: index for index, value in enumerate(contract.HOSTS)}
    for slug in pool:
        technology = snapshot.technologies[slug]
        if technology.kind == rules.IN_HOUSE_KIND:
            in_house.append(slug)
            continue
        levels, trust = [], []
        for key in keys:
            assessment = technology.assessments.get(key)
            level = assessment.level if assessment is not None and assessment.level in _FACTORS else "unknown"
            levels.append(level)
            if level == "unknown":
                trust.append(rules.UNKNOWN_TRUST)
            elif assessment.review_by and assessment.review_by < today:
                trust.append(rules.STALE_TRUST)
            else:
                trust.append(1.0)
        fits = rules.infra_fit(slug, related.get(slug, ()))
        current, anywhere = counts.get(slug, (0, 0))
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
                infra=frozenset(fits),
                trust=tuple(trust),
                infra_citations=tuple(sorted(fits.items())),
                # Asked which cloud or hosts to build on, a candidate of that layer is not held to
                # being there already (OpenStack is the answer, not a precondition of itself).
                needs_infra=tuple(
                    need
                    for need in infra_needs(snapshot).get(slug, ())
                    if need != slug or category not in rules.INFRASTRUCTURE_LAYERS
                ),
                public_cloud=cloud_needs(snapshot).get(slug, ()),
                cases_current=current,
                cases_any=anywhere,
                lifecycle=rules.LIFECYCLE_ORDER.get(technology.status, len(rules.LIFECYCLE_ORDER)),
                sort_name=technology.name.casefold(),
                status=technology.status,
                delivery=technology.delivery,
                providers=technology.providers,
                maturity=technology.maturity,
                license_family=technology.license_family,
                scale_fresh=hosts_order.get(technology.scale_hosts, -1)
                if technology.scale_review_by is None or technology.scale_review_by >= today
                else -1,
                considerations=(
                    rules.LIFECYCLE_ORDER_V2.get(technology.status, len(rules.LIFECYCLE_ORDER_V2)),
                    0
                    if technology.delivery == rules.MANAGED
                    else rules.openness(technology.license_family, technology.license),
                    rules.MATURITY_ORDER.get(technology.maturity, len(rules.MATURITY_ORDER)),
                ),
            )
        )
    return Table(
        category,
        role,
        tuple(keys),
        tuple(members),
        tuple(in_house),
        has_legacy=any(member.legacy for member in members),
        has_l2=any(member.needs_l2 for member in members),
        has_proven=any(member.proven_at for member in members),
        infra=frozenset().union(*(member.infra for member in members)),
        needs_infra=frozenset().union(*(member.needs_infra for member in members)),
        has_public_cloud=any(member.public_cloud for member in members),
        has_managed=any(member.delivery == rules.MANAGED for member in members),
        has_cloud_bound=any(rules.cloud_only(member.providers) for member in members),
        scheduled_role=(category_roles(snapshot).get(category) or (None,))[0],
        has_maturity=any(member.maturity == "graduated" for member in members),
        has_lifecycle_spread=len({rules.LIFECYCLE_LEVELS.get(member.status, "no") for member in members}) > 1,
        has_restricted_licence=any(
            member.delivery != rules.MANAGED and member.license_family in ("source_available", "proprietary")
            for member in members
        ),
        uniform=tuple(
            len({member.factors[index] for member in members}) <= 1
            and len({member.levels[index] == "no" for member in members}) <= 1
            for index in range(len(keys))
        ),
    )


# --- Completing a pick with what follows it in its layer


def with_followers(snapshot: Snapshot, table_: Table, context: Context) -> Table:
    """The table with each member's levels lifted by what it can be completed with.

    A later role of the same layer may hold technologies that ``require`` a member and are scored
    on some of the same requirements (a distribution of an orchestrator: Amazon EKS requires
    Kubernetes and is scored on operational simplicity). A member is judged on such a requirement
    by the best of its own level and those of its usable followers (not eliminated for these
    answers), and the line says through which one. What a platform becomes with the pieces made for
    it is what an architect compares.
    """
    roles = category_roles(snapshot).get(table_.category, ())
    if table_.role is None or table_.role not in roles or not table_.members:
        return table_
    by_slug = {member.slug: member for member in table_.members}
    lifted: dict[str, dict[int, tuple[float, str, float, str]]] = {}
    managed: dict[str, Member] = {}  # member -> the managed completion that delivers it best
    required = requires(snapshot)
    for role in roles[roles.index(table_.role) + 1 :]:
        follower_table = table(snapshot, table_.category, role)
        shared = [(table_.keys.index(key), follower_table.keys.index(key)) for key in follower_table.keys
                  if key in table_.keys]  # fmt: skip
        for follower in follower_table.members:
            # A completion fills a later role and cannot fill this one (Amazon EKS completes Kubernetes);
            # something that could itself fill this role is a rival, not a completion (Canal and Flannel).
            if table_.role in snapshot.technologies[follower.slug].roles:
                continue
            targets = [target for target in required.get(follower.slug, ()) if target in by_slug]
            if not targets or elimination_codes(follower, 0, context, follower_table):
                continue
            if follower.delivery == rules.MANAGED:
                for target in targets:
                    known = managed.get(target)
                    fit = _DELIVERY_FIT[_delivery_level(follower, context)]
                    if known is None or fit > _DELIVERY_FIT[_delivery_level(known, context)]:
                        managed[target] = follower  # one of your clouds beats another provider
            for target in targets:
                mine = by_slug[target]
                for index, follower_index in shared:
                    factor = follower.factors[follower_index]
                    best = lifted.get(target, {}).get(index)
                    current = best[0] if best else mine.factors[index]
                    if factor > current:
                        lifted.setdefault(target, {})[index] = (
                            factor, follower.levels[follower_index], follower.trust[follower_index], follower.slug
                        )  # fmt: skip
    managed = {slug: follower for slug, follower in managed.items() if by_slug[slug].delivery != rules.MANAGED}
    if not lifted and not managed:
        return table_
    members = []
    for member in table_.members:
        if member.slug in managed:
            member = dataclasses.replace(
                member, managed_via=managed[member.slug].slug, managed_providers=managed[member.slug].providers
            )
        changes = lifted.get(member.slug)
        if not changes:
            members.append(member)
            continue
        levels, factors, trust = list(member.levels), list(member.factors), list(member.trust)
        via: list[str | None] = list(member.via) or [None] * len(levels)
        for index, (factor, level, line_trust_, slug) in changes.items():
            levels[index], factors[index], trust[index], via[index] = level, factor, line_trust_, slug
        members.append(
            dataclasses.replace(
                member,
                levels=tuple(levels),
                factors=tuple(factors),
                trust=tuple(trust),
                via=tuple(via),
                no_bits=sum(1 << index for index, level in enumerate(levels) if level == "no"),
            )
        )
    return dataclasses.replace(table_, members=tuple(members), has_managed=table_.has_managed or bool(managed))


# --- Ranking


def weights_for(table_: Table, effective: Mapping[str, rules.Effective]) -> tuple[int, ...]:
    return tuple(effective[key].weight if key in effective else 0 for key in table_.keys)


def must_bits(weights: tuple[int, ...]) -> int:
    """The positions weighed as musts, one bit each (Member.no_bits has the same layout)."""
    bits = 0
    for index, weight in enumerate(weights):
        if weight == rules.MUST_WEIGHT:
            bits |= 1 << index
    return bits


def elimination_codes(member: Member, musts: int, context: Context, table_: Table) -> list[tuple[str, str | None]]:
    """Why a member cannot be a candidate for these answers, in a fixed order (empty: it stays)."""
    reasons = _context_reasons(member, context)
    for index, key in enumerate(table_.keys):
        if member.no_bits & musts & (1 << index):
            reasons.append(("must_unmet", key))
    return reasons


def _context_reasons(member: Member, context: Context) -> list[tuple[str, str | None]]:
    """The eliminations that the context alone decides (every code but ``must_unmet``)."""
    reasons: list[tuple[str, str | None]] = []
    if member.legacy and not context.include_legacy:
        reasons.append(("legacy_excluded", None))
    if member.needs_l2 and rules.is_cloud(context):
        reasons.append(("needs_l2_adjacency", None))
    on_premises = rules.excludes_public_cloud(context)
    # Providers hold a managed service and also a self-hosted tool that works only through some
    # clouds' APIs (Karpenter launches nodes through AWS, Azure or Huawei Cloud): neither runs on
    # premises, nor on a cloud it does not know.
    if on_premises and (member.public_cloud or rules.cloud_only(member.providers)):
        reasons.append(("needs_public_cloud", None))
    if member.needs_infra and not rules.provided_infrastructure(context).issuperset(member.needs_infra):
        reasons.append(("needs_missing_infrastructure", None))
    if rules.licence_excluded(member.license_family, member.delivery, context.licence_policy):
        reasons.append(("licence_excluded", None))
    if member.delivery == rules.MANAGED and context.delivery == "self_hosted":
        reasons.append(("delivery_excluded", None))
    if (
        context.cloud_providers
        and rules.cloud_only(member.providers)
        and not context.cloud_providers.intersection(member.providers)
        and not on_premises
    ):
        reasons.append(("provider_excluded", None))
    return reasons


def rank(table_: Table, weights: tuple[int, ...], context: Context, *, detail: bool = True) -> Ranking:
    """Eliminate, add the context lines that apply, score and order a role's candidates.

    Elimination codes, in this order: ``legacy_excluded``, ``needs_l2_adjacency``,
    ``needs_public_cloud``, ``needs_missing_infrastructure``, ``licence_excluded``,
    ``delivery_excluded``, ``provider_excluded``, ``must_unmet`` (one per unmet must, with its key).
    In-house systems are not members: the caller lists them. Scores weigh each line by its evidence
    (rules.evidence_points) and carry a range; the order is :func:`ordered`'s. ``detail=False``
    skips collecting the elimination reasons (the sensitivity search needs only the order).
    """
    musts = must_bits(weights)
    remaining: list[Member] = []
    eliminated = []
    for member in table_.members:
        # Most members can fail only a must: the full check runs for those a context rule can touch.
        if not member.excludable and not (member.no_bits & musts):
            remaining.append(member)
            continue
        reasons = elimination_codes(member, musts, context, table_)
        if reasons:
            if detail:
                eliminated.append((member, tuple(reasons)))
        else:
            remaining.append(member)

    lines = _context_lines(table_, weights, context, remaining) if remaining else []
    denominator = sum(weights) + sum(line.weight for line in lines)
    weighed = sum(weights)  # confidence reads the requirement lines only (rules.py)
    scored = []
    for member in remaining:
        points = sum(map(mul, weights, member.point_factors))
        low = sum(map(mul, weights, member.low_factors))
        high = sum(map(mul, weights, member.high_factors))
        for line in lines:
            level, trust = line.level(member, context), line_trust(line, member, context)
            line_points, line_low, line_high = rules.evidence_points(line.weight, _FACTORS[level], trust)
            points += line_points
            low += line_low
            high += line_high
        if denominator:
            score = round(100 * points / denominator, 1)
            score_low, score_high = round(100 * low / denominator, 1), round(100 * high / denominator, 1)
        else:
            score = score_low = score_high = 0.0
        confidence = round(sum(map(mul, weights, member.trust)) / weighed, 2) if weighed and member.trust else 1.0
        lifecycle, openness, maturity = member.considerations
        scored.append(
            Scored(score, points, member, confidence, score_low, score_high,
                   (lifecycle, openness, _lock_in(member, context), maturity))
        )  # fmt: skip
    return Ranking(table_, weights, context, ordered(scored), tuple(eliminated), tuple(lines), denominator)


def _lock_in(member: Member, context: Context) -> int:
    """1 for a managed service of a cloud the answers do not name: in a tie it yields to a portable option."""
    if member.delivery != rules.MANAGED or not rules.cloud_only(member.providers):
        return 0
    return 0 if context.cloud_providers.intersection(member.providers) else 1


def ordered(scored: list[Scored]) -> tuple[Scored, ...]:
    """Best first. Candidates within rules.TIE_MARGIN of the best remaining one are tied: among them
    the considerations decide (lifecycle, licence, portability, maturity), then the higher score, then confidence;
    the slug only makes the order total where nothing else separates them ("undecided")."""
    pending = sorted(scored, key=lambda entry: (-entry.score, -entry.confidence, entry.member.slug))
    result: list[Scored] = []
    while pending:
        cluster = [entry for entry in pending if tied(pending[0], entry)]
        cluster.sort(key=lambda entry: (entry.considerations, -entry.score, -entry.confidence, entry.member.slug))
        result.extend(cluster)
        chosen = {id(entry) for entry in cluster}
        pending = [entry for entry in pending if id(entry) not in chosen]
    return tuple(result)


def order_key(score: float, confidence: float, member: Member) -> tuple:
    """The order within a tie: considerations, score, confidence, slug (see :func:`ordered`)."""
    return (member.considerations, -score, -confidence, member.slug)


def tied(first: Scored, second: Scored) -> bool:
    """Within the margin on the score, or on the verified part of it (``low``): a lead that rests
    only on stale or unverified lines is not a lead (v2 point 6), so the considerations decide."""
    return abs(first.score - second.score) <= rules.TIE_MARGIN or abs(first.low - second.low) <= rules.TIE_MARGIN


def standing(entry: Scored) -> tuple:
    """What ranks a ranked entry apart from its slug: two entries with the same standing are
    separated only by the slug (an undecided tie)."""
    return (entry.score, entry.considerations, entry.confidence)


def tie_break(first: Scored, second: Scored) -> str | None:
    """How ``first`` came to be ranked ahead of ``second`` when they are tied (within the margin):
    the first consideration (rules.CONSIDERATIONS) that favours it, ``score`` when only the points
    do, ``confidence`` when only its evidence does, ``undecided`` when nothing does; None when they
    are not tied."""
    if not tied(first, second):
        return None
    for code, mine, theirs in zip(rules.CONSIDERATIONS, first.considerations, second.considerations,
                                  strict=False):  # fmt: skip
        if mine != theirs:
            return code if mine < theirs else "score"
    if first.score != second.score:
        return "score"
    if first.confidence != second.confidence:
        return "confidence"
    return "undecided"


def _scale_level(member: Member, context: Context) -> str:
    """yes: 2026 evidence of running at the asked size; partial: only a 2017 case study of 500+ hosts
    (it shows what ran then, not what runs now); no: neither."""
    wanted = contract.HOSTS.index(context.hosts) if context.hosts in contract.HOSTS else len(contract.HOSTS)
    if member.scale_fresh >= wanted:
        return "yes"
    return "partial" if member.proven_at else "no"


def _language_level(member: Member, context: Context) -> str:
    return rules.language_level(member.language, context.team_languages)


def _infra_level(member: Member, context: Context) -> str:
    return "yes" if member.infra & context.existing_infra else "no"


def _scheduled_jobs_level(member: Member, context: Context) -> str:
    return "yes"


def _maturity_level(member: Member, context: Context) -> str:
    return rules.MATURITY_LEVELS.get(member.maturity, "no")


_DELIVERY_FIT = {"no": 0, "partial": 1, "yes": 2}


def _delivery_level(member: Member, context: Context) -> str:
    """yes: a managed service (of one of your clouds, when you named them); partial: an independent
    SaaS when you named your clouds (it adds a vendor beside them); no: self-hosted."""
    if member.delivery != rules.MANAGED:
        if member.managed_via is None:
            return "no"
        providers = member.managed_providers  # delivered through a managed completion
    else:
        providers = member.providers
    if context.cloud_providers and not context.cloud_providers.intersection(providers):
        return "partial"
    return "yes"


def _lifecycle_level(member: Member, context: Context) -> str:
    return rules.LIFECYCLE_LEVELS.get(member.status, "no")


def line_trust(line: ContextLine, member: Member, context: Context) -> float:
    """The evidence behind a context line: the scale line rests on 2026 evidence when the catalog
    has it (full trust) and on the 2017 case studies otherwise (stale); the other lines are facts
    about the answers and the catalog's own records."""
    if line.rule is rules.SCALE and line.level(member, context) == "partial":
        return rules.STALE_TRUST  # the 2017 case studies are past their review date
    return 1.0


def _context_lines(table_: Table, weights: tuple[int, ...], context: Context, remaining: list[Member]):
    lines = []
    weight = rules.scale_weight(context)
    if weight and any(_scale_level(member, context) != "no" for member in remaining):
        lines.append(ContextLine(rules.SCALE, weight, _scale_level))
    if context.team_languages and rules.EXTENSIBILITY in table_.keys:
        weight = weights[table_.keys.index(rules.EXTENSIBILITY)]
        team = context.team_languages
        if weight and any(rules.language_level(member.language, team) == "yes" for member in remaining):
            lines.append(ContextLine(rules.TEAM_LANGUAGES, weight, _language_level))
    existing = context.existing_infra
    if existing and any(member.infra & existing for member in remaining):
        lines.append(ContextLine(rules.EXISTING_INFRA, rules.INFRA_WEIGHT, _infra_level))
    if _runs_scheduled_jobs(table_, context):
        lines.append(ContextLine(rules.SCHEDULED_JOBS, rules.SCHEDULED_JOBS_WEIGHT, _scheduled_jobs_level))
    # v2: maturity, delivery and lifecycle (rules.py); each only where the candidates differ on it.
    weight = rules.maturity_weight(context)
    if weight and len({_maturity_level(member, context) for member in remaining}) > 1:
        lines.append(ContextLine(rules.MATURITY, weight, _maturity_level))
    weight = rules.delivery_weight(context)
    if weight and len({_delivery_level(member, context) for member in remaining}) > 1:
        lines.append(ContextLine(rules.DELIVERY, weight, _delivery_level))
    if len({_lifecycle_level(member, context) for member in remaining}) > 1:
        weight = rules.LEGACY_LIFECYCLE_WEIGHT if any(member.legacy for member in remaining) else rules.LIFECYCLE_WEIGHT
        lines.append(ContextLine(rules.LIFECYCLE, weight, _lifecycle_level))
    # A line that favours nobody would only lower every score alike, so it is left out (above).
    return lines


def _runs_scheduled_jobs(table_: Table, context: Context) -> bool:
    return (
        table_.category == rules.SCHEDULED_JOBS_CATEGORY
        and rules.SCHEDULED_JOBS_WORKLOAD in context.workloads
        and (table_.role is None or table_.role == table_.scheduled_role)
    )


def context_signature(table_: Table, weights: tuple[int, ...], context: Context) -> tuple:
    """Everything :func:`rank` and :func:`touched` read for this table: two (weights, context) pairs
    with the same signature rank it identically, so the sensitivity search skips the second."""
    return (
        weights,
        context.include_legacy if table_.has_legacy else None,
        rules.is_cloud(context) if table_.has_l2 else None,
        rules.scale_weight(context) if table_.has_proven else None,
        context.hosts if table_.has_proven else None,
        context.team_languages if rules.EXTENSIBILITY in table_.keys else None,
        context.existing_infra & table_.infra,
        _runs_scheduled_jobs(table_, context),
        rules.provided_infrastructure(context) & table_.needs_infra,
        rules.excludes_public_cloud(context)
        if table_.has_public_cloud or table_.has_managed or table_.has_cloud_bound
        else None,
        (context.delivery, context.cloud_providers, rules.delivery_weight(context))
        if table_.has_managed or table_.has_cloud_bound
        else None,
        rules.maturity_weight(context) if table_.has_maturity else None,
        context.licence_policy if table_.has_restricted_licence else None,
    )


def touched(table_: Table, weights: tuple[int, ...], context: Context) -> bool:
    """Whether the answers bring this role into the evaluation: a weighted requirement, or
    scheduled-jobs workloads with candidates (the first role of the scheduled-jobs layer)."""
    if any(weights):
        return True
    return _runs_scheduled_jobs(table_, context) and bool(table_.members)


# --- One role ranked under many weight vectors (the sensitivity search)


class _Prepared(NamedTuple):
    """What :func:`rank` reads of a member that does not depend on the weights, for one context."""

    member: Member
    # (level factor, trust) on each context line, in the order of the positions below (line_trust:
    # only the scale line can be stale).
    lines: tuple[tuple[float, float], ...]
    scale: str  # _scale_level
    language: str  # _language_level
    infra: bool  # _infra_level == "yes"
    maturity: str
    delivery: str
    lifecycle: str
    considerations: tuple[int, ...]  # Scored.considerations


# keeps_lead's arithmetic is exact only while every level factor and trust is a multiple of 1/16
# (then every product and sum of them with integer weights is a float without rounding).
_EXACT = all(
    (value * 16).is_integer() for value in (*rules.LEVEL_FACTORS.values(), rules.STALE_TRUST, rules.UNKNOWN_TRUST, 1.0)
)
# Each of two scores rounded to one decimal moves by at most 0.05; a little more for the division.
_ROUNDING_ROOM = 0.11

# The context lines' positions in _Prepared.lines, in the order _context_lines adds them.
_SCALE, _LANGUAGE, _INFRA, _SCHEDULED, _MATURITY, _DELIVERY, _LIFECYCLE = range(7)


class Ranker:
    """``rank(table_, weights, context, detail=False)`` for one table and one context under many
    weight vectors, answering only who leads (:meth:`top`).

    Hand-made because no library does this: the sensitivity search ranks each role a few hundred
    times with one weight changed, and everything but the weights (the context's eliminations, each
    member's level on every context line, its considerations) is the same each time. That part is
    computed once here; :meth:`top` then does :func:`rank`'s arithmetic in the same order, so its
    scores are the same floats, and finds the first of :func:`ordered` without ordering the rest.
    ``tests/decisions/test_engine_ranker.py`` compares it with :func:`rank` on random catalogs.
    """

    __slots__ = (
        "context", "delivery_weight", "lead_base", "maturity_weight", "prepared", "scale_weight", "sums",
        "survivors", "table",
    )  # fmt: skip

    def __init__(self, table_: Table, context: Context, sums: dict | None = None):
        """``sums``: a dict shared by the rankers of one table (weights -> per member the sums of
        its requirement lines and its confidence); they do not depend on the context."""
        self.table = table_
        self.context = context
        self.sums: dict = {} if sums is None else sums
        self.survivors: dict = {}  # (must bits, extensibility weight) -> (remaining, lines, their weight)
        self.lead_base: dict = {}  # weights -> (remaining, each one's points and low, denominator): keeps_lead
        self.scale_weight = rules.scale_weight(context)
        self.maturity_weight = rules.maturity_weight(context)
        self.delivery_weight = rules.delivery_weight(context)
        prepared = []
        team, existing = context.team_languages, context.existing_infra
        for member in table_.members:
            if member.excludable and _context_reasons(member, context):
                continue
            scale = _scale_level(member, context)
            language = rules.language_level(member.language, team)
            infra = bool(member.infra & existing)
            maturity, delivery = _maturity_level(member, context), _delivery_level(member, context)
            lifecycle = _lifecycle_level(member, context)
            lines = (
                (_FACTORS[scale], rules.STALE_TRUST if scale == "partial" else 1.0),
                (_FACTORS[language], 1.0),
                (_FACTORS["yes" if infra else "no"], 1.0),
                (_FACTORS["yes"], 1.0),
                (_FACTORS[maturity], 1.0),
                (_FACTORS[delivery], 1.0),
                (_FACTORS[lifecycle], 1.0),
            )
            first, openness, mature = member.considerations
            considerations = (first, openness, _lock_in(member, context), mature)
            prepared.append(
                _Prepared(member, lines, scale, language, infra, maturity, delivery, lifecycle, considerations)
            )
        self.prepared = tuple(prepared)

    def _lines(self, weights: tuple[int, ...], remaining: list[_Prepared]) -> tuple[tuple[int, int], ...]:
        """(weight, position in _Prepared.lines) per context line, as _context_lines adds them."""
        table_, context = self.table, self.context
        lines: list[tuple[int, int]] = []
        if self.scale_weight and any(entry.scale != "no" for entry in remaining):
            lines.append((self.scale_weight, _SCALE))
        if context.team_languages and rules.EXTENSIBILITY in table_.keys:
            weight = weights[table_.keys.index(rules.EXTENSIBILITY)]
            if weight and any(entry.language == "yes" for entry in remaining):
                lines.append((weight, _LANGUAGE))
        if context.existing_infra and any(entry.infra for entry in remaining):
            lines.append((rules.INFRA_WEIGHT, _INFRA))
        if _runs_scheduled_jobs(table_, context):
            lines.append((rules.SCHEDULED_JOBS_WEIGHT, _SCHEDULED))
        if self.maturity_weight and len({entry.maturity for entry in remaining}) > 1:
            lines.append((self.maturity_weight, _MATURITY))
        if self.delivery_weight and len({entry.delivery for entry in remaining}) > 1:
            lines.append((self.delivery_weight, _DELIVERY))
        if len({entry.lifecycle for entry in remaining}) > 1:
            legacy = any(entry.member.legacy for entry in remaining)
            lines.append((rules.LEGACY_LIFECYCLE_WEIGHT if legacy else rules.LIFECYCLE_WEIGHT, _LIFECYCLE))
        return tuple(lines)

    def keeps_lead(self, weights: tuple[int, ...], index: int, weight: int, slug: str) -> bool:
        """True when ``slug`` certainly still leads alone (tied with nobody) once the weight at
        ``index`` becomes ``weight``; False means "ask :meth:`top`" (it may or may not lead).

        A shortcut for the sensitivity search, whose tries mostly leave the leader where it was:
        when the change moves no must and not the team-language line's weight, the same members
        remain under the same context lines, so each one's points move by the weight's change times
        its factor on that line — exactly, as every factor and trust is a multiple of 1/16 (checked
        at import: _EXACT) and the sums stay far below 2**40. The leader is alone at the top when
        it is ahead of every other member by more than the tie margin on the score and on its
        verified part, with room for the rounding of both scores to one decimal."""
        before = weights[index]
        keys = self.table.keys
        if (
            not _EXACT
            or before == rules.MUST_WEIGHT
            or weight == rules.MUST_WEIGHT
            or keys[index] == rules.EXTENSIBILITY
        ):
            return False
        base = self.lead_base.get(weights)
        if base is None:
            base = self.lead_base[weights] = self._lead_base(weights)
        remaining, totals, denominator = base
        change = weight - before
        denominator += change
        if denominator <= 0 or slug not in totals:
            return False
        points, low = totals[slug]
        member = remaining[slug]
        points += change * member.point_factors[index]
        low += change * member.low_factors[index]
        margin = (rules.TIE_MARGIN + _ROUNDING_ROOM) * denominator / 100
        for other, (their_points, their_low) in totals.items():
            if other == slug:
                continue
            them = remaining[other]
            if points - (their_points + change * them.point_factors[index]) <= margin:
                return False
            if low - (their_low + change * them.low_factors[index]) <= margin:
                return False
        return True

    def _lead_base(self, weights: tuple[int, ...]) -> tuple[dict, dict, int]:
        """keeps_lead's starting point: the remaining members, each one's points and verified part
        under ``weights`` (requirement lines and context lines), and the denominator."""
        remaining, lines, extra = self._survivors(weights)
        sums = self._sums(weights)
        totals = {}
        for entry in remaining:
            member = entry.member
            points, low, _confidence, _trust = sums.get(member.slug) or _member_sums(sums, member, weights)
            totals[member.slug] = _with_context_lines(points, low, entry.lines, lines)
        return {entry.member.slug: entry.member for entry in remaining}, totals, sum(weights) + extra

    def _survivors(self, weights: tuple[int, ...]) -> tuple[list[_Prepared], tuple[tuple[int, int], ...], int]:
        """(the members no must eliminates, the context lines that apply, their total weight).
        They depend on the weights only through the musts and the extensibility weight (the
        team-language line's), so they are kept per pair of those."""
        keys = self.table.keys
        extensibility = weights[keys.index(rules.EXTENSIBILITY)] if rules.EXTENSIBILITY in keys else 0
        musts = must_bits(weights)
        found = self.survivors.get((musts, extensibility))
        if found is None:
            remaining = [entry for entry in self.prepared if not (entry.member.no_bits & musts)]
            lines = self._lines(weights, remaining) if remaining else ()
            found = self.survivors[(musts, extensibility)] = (remaining, lines, sum(w for w, _ in lines))
        return found

    def _sums(self, weights: tuple[int, ...]) -> dict:
        """Per member, the sums of its requirement lines under ``weights`` (filled as they are
        needed). They depend on the weights alone, so the rankers of one table share them across
        contexts: the context tries of the search mostly leave the weights as they are."""
        sums = self.sums.get(weights)
        if sums is None:
            sums = self.sums[weights] = {}
        return sums

    def top(
        self, weights: tuple[int, ...], slug: str, near: tuple[tuple[int, ...], int] | None = None
    ) -> tuple[Scored | None, Scored | None]:
        """(the first of ``rank(...).ranked``, the entry of ``slug`` in it), None for what is not
        there. Only what :func:`tied` and :func:`standing` read is filled in (``high`` is 0).
        ``near``: (weights that differ from ``weights`` only at this index, the index): each
        member's requirement sums are then those of the nearby weights plus the change (exact while
        _EXACT holds), not summed again over every key."""
        remaining, lines, extra = self._survivors(weights)
        if not remaining:
            return None, None
        weighed = sum(weights)
        denominator = weighed + extra
        sums = self._sums(weights)
        if near is not None and _EXACT:
            reference, index = near
            change = weights[index] - reference[index]
            nearby = self._sums(reference)
        else:
            nearby = None
        scored = []
        for entry in remaining:
            member = entry.member
            base = sums.get(member.slug)
            if base is None:
                if nearby is not None and member.point_factors:
                    start = nearby.get(member.slug) or _member_sums(nearby, member, reference)
                    trust = member.trust[index] if member.trust else 0.0
                    base = (
                        start[0] + change * member.point_factors[index],
                        start[1] + change * member.low_factors[index],
                        0.0,
                        start[3] + change * trust,
                    )
                    confidence = round(base[3] / weighed, 2) if weighed and member.trust else 1.0
                    base = sums[member.slug] = (base[0], base[1], confidence, base[3])
                else:
                    base = _member_sums(sums, member, weights)
            points, low, confidence, _trust = base
            points, low = _with_context_lines(points, low, entry.lines, lines)
            if denominator:
                score, score_low = round(100 * points / denominator, 1), round(100 * low / denominator, 1)
            else:
                score = score_low = 0.0
            scored.append(Scored(score, points, member, confidence, score_low, 0.0, entry.considerations))
        if len(scored) == 1:
            only = scored[0]
            return only, only if only.member.slug == slug else None
        # ordered()'s first entry: the best of the cluster tied with the best by score.
        best = min(scored, key=_by_score)
        first = min((entry for entry in scored if tied(best, entry)), key=_in_tie)
        mine = next((entry for entry in scored if entry.member.slug == slug), None)
        return first, mine


def _with_context_lines(
    points: float, low: float, levels: tuple[tuple[float, float], ...], lines: tuple[tuple[int, int], ...]
) -> tuple[float, float]:
    """A member's points and verified part with the context lines added: rules.evidence_points
    written out (the same operations in the same order as rank's, so the same floats)."""
    for weight, position in lines:
        factor, trust = levels[position]
        points += weight * factor * (1 + trust) / 2
        low += weight * factor * trust
    return points, low


def _member_sums(sums: dict, member: Member, weights: tuple[int, ...]) -> tuple[float, float, float, float]:
    """(points, verified points, confidence, trust sum) of a member's requirement lines under
    ``weights``, kept in ``sums`` (Ranker.sums[weights])."""
    weighed = sum(weights)
    trust = sum(map(mul, weights, member.trust))
    base = sums[member.slug] = (
        sum(map(mul, weights, member.point_factors)),
        sum(map(mul, weights, member.low_factors)),
        round(trust / weighed, 2) if weighed and member.trust else 1.0,
        trust,
    )
    return base


def _by_score(entry: Scored) -> tuple:
    return (-entry.score, -entry.confidence, entry.member.slug)


def _in_tie(entry: Scored) -> tuple:
    return (entry.considerations, -entry.score, -entry.confidence, entry.member.slug)
