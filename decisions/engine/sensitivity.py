"""Sensitivity: for each category's leader, the smallest single change of one answer that would
make another candidate lead (engine point 8).

The search, in this order, stopping at the first change that changes the leader:

1. a requirement of the category moved one importance step (wont ↔ could ↔ should ↔ must;
   ``unsure`` stands on could's step), then two steps, then three — requirements in question
   order, lower targets first. A move the context floors cancel (stateful_workloads below
   ``should`` while the workloads include databases) changes nothing and is skipped;
2. one context answer changed: include_legacy flipped, environment, hosts (nearest buckets first),
   datacenters, then one value added to or removed from workloads, team_languages, existing_infra.

A change counts when another candidate would then rank ahead of the leader on its merits — a
higher score, or an equal score and a tie-break step before the name (confidence, case-study
evidence, lifecycle: ``scoring.standing``); a tie won only on the name or slug does not count —
or when the leader would be eliminated while another candidate remains. A change that takes the
category out of the evaluation does not count. When nothing changes the leader the entry says so,
with ``requirement``, ``from``, ``to`` and ``new_leader`` set to null. Each try re-ranks only the
category concerned, with ``scoring.Ranker`` (``scoring.rank``'s arithmetic, prepared once per
context). A role with a single candidate is not searched: no change can put another ahead of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, cast

from decisions import contract

from . import rules, text
from .answers import Context
from .scoring import Ranker, Ranking, Table, context_signature, standing, touched
from .snapshot import Snapshot
from .words import msg

_MULTI = ("workloads", "team_languages", "existing_infra", "cloud_providers")
_SINGLE_V2 = ("licence_policy", "delivery", "platform_team", "risk_appetite")


def sensitivity_entries(
    snapshot: Snapshot,
    rankings: list[Ranking],
    importances: Mapping[str, str],
    context: Context,
) -> list[dict[str, Any]]:
    entries = []
    variants = list(_context_variants(context))  # the same for every role; each role keeps those it reads
    for ranking in rankings:
        leader = ranking.leader
        if leader is None:
            continue
        found = None
        if len(ranking.table.members) > 1:  # a lone member leads whatever the answers (or drops out)
            sums: dict = {}  # shared by every try on this role (scoring.Ranker)
            found = _importance_change(ranking, importances, context, sums) or _context_change(
                ranking.table, leader, importances, context, ranking.weights, sums, variants
            )
        category = ranking.table.category
        role = ranking.table.role
        entry = {
            "category": category,
            "role": role,
            "role_name": text.role_name(snapshot, role) if role else None,
            "leader": text.technology_ref(snapshot, leader),
            "requirement": None,
            "from": None,
            "to": None,
            "new_leader": None,
            "message": msg("sensitivity.no_single_change_one_answer")
            % {"category": text.role_name(snapshot, role) if role else text.category_name(snapshot, category)},
        }
        if found is not None:
            key, before, after, new_leader = found
            # A context try's lists are shared by every role (one list of variants): each entry its own.
            before = list(before) if isinstance(before, list) else before
            after = list(after) if isinstance(after, list) else after
            entry.update(
                requirement=key,
                to=after,
                new_leader=text.technology_ref(snapshot, new_leader),
                message=msg("sensitivity.if_were_instead_would_lead")
                % {
                    "question": text.question_label(snapshot, key),
                    "to": text.answer_display(key, after),
                    "from": text.answer_display(key, before),
                    "new_leader": text.technology_name(snapshot, new_leader),
                },
            )
            entry["from"] = before
        entries.append(entry)
    return entries


def _importance_change(ranking: Ranking, importances: Mapping[str, str], context: Context, sums: dict):
    table, weights, leader = ranking.table, ranking.weights, ranking.leader
    if leader is None:
        return None  # nothing leads: nothing to overturn (sensitivity_entries skips these)
    ranker = Ranker(table, context, sums)  # the context is the same for every try below
    for distance in range(1, len(rules.IMPORTANCE_LADDER)):
        for index, key in enumerate(table.keys):
            if table.uniform[index] and key != rules.EXTENSIBILITY:
                continue  # every candidate stands alike on it: no weight can reorder them
            current = importances.get(key) or "wont"
            step = rules.IMPORTANCE_STEP[current]
            for target in rules.IMPORTANCE_LADDER:
                if abs(rules.IMPORTANCE_STEP[target] - step) != distance:
                    continue
                weight = rules.effective_importance(key, target, context).weight
                if weight == weights[index]:
                    continue
                if ranker.keeps_lead(weights, index, weight, leader):
                    continue  # most tries: the leader stays ahead by more than the tie margin
                changed = (*weights[:index], weight, *weights[index + 1 :])
                new_leader = _new_leader(ranker, changed, leader, near=(weights, index))
                if new_leader is not None:
                    return key, importances.get(key, "wont"), target, new_leader
    return None


def _context_change(
    table: Table,
    leader: str,
    importances: Mapping[str, str],
    context: Context,
    base: tuple[int, ...],
    sums: dict,
    variants: list[tuple[str, Any, Any, Context]],
):
    def weights_under(changed: Context) -> tuple[int, ...]:
        # An unanswered key the ranking weighs without a floor is a baseline capability (rules.BASELINE):
        # it keeps its weight whatever the context.
        return tuple(
            weight if importances.get(requirement) is None and not computed and weight == 1 else computed
            for requirement, weight in zip(table.keys, base, strict=True)
            for computed in (rules.effective_importance(requirement, importances.get(requirement), changed).weight,)
        )

    current = weights_under(context)
    unchanged = context_signature(table, current, context)
    floor_keys = {floor.context_key for floor in rules.FLOORS if set(floor.requirements) & set(table.keys)}
    read = _read_by(table, floor_keys)
    for key, before, after, changed in variants:
        if key not in read:
            continue  # the table reads nothing this answer decides
        # Only an answer a floor reads can change the weights (rules.FLOORS); the others keep them.
        weights = weights_under(changed) if key in floor_keys else current
        if context_signature(table, weights, changed) == unchanged:
            continue  # nothing this category reads has changed
        new_leader = _new_leader(Ranker(table, changed, sums), weights, leader)
        if new_leader is not None:
            return key, before, after, new_leader
    return None


def _new_leader(
    ranker: Ranker, weights: tuple[int, ...], leader: str, near: tuple[tuple[int, ...], int] | None = None
) -> str | None:
    """The candidate that would lead instead of ``leader`` — on its merits, not by name or slug —
    or None when the leader keeps its place (or the category would drop out). ``near``: see
    Ranker.top."""
    if not touched(ranker.table, weights, ranker.context):
        return None
    top, entry = ranker.top(weights, leader, near)
    if top is None or top.member.slug == leader:
        return None
    if entry is not None:
        # Placed ahead only by the slug (an undecided tie) is not a change on the merits.
        return top.member.slug if standing(top) != standing(entry) else None
    return top.member.slug  # the leader was eliminated


def _read_by(table: Table, floor_keys: set[str]) -> frozenset[str]:
    """The context answers that can change how this table ranks (what scoring.context_signature reads)."""
    keys = set(floor_keys) | {"environment", "workloads"}
    if table.has_legacy:
        keys.add("include_legacy")
    if table.has_proven:
        keys.add("hosts")
    if rules.EXTENSIBILITY in table.keys:
        keys.add("team_languages")
    if table.infra or table.needs_infra:
        keys.add("existing_infra")
    if table.has_managed:
        keys |= {"delivery", "cloud_providers", "platform_team"}
    if table.has_cloud_bound:
        keys |= {"cloud_providers"}
    if table.has_maturity:
        keys.add("risk_appetite")
    if table.has_restricted_licence:
        keys.add("licence_policy")
    return frozenset(keys)


def _context_variants(context: Context, read: frozenset[str] | None = None) -> Iterator[tuple[str, Any, Any, Context]]:
    """One changed context answer at a time, in the search order of the module docstring; ``read``
    limits them to the answers the table reads (None: all)."""

    def wanted(key: str) -> bool:
        return read is None or key in read

    if wanted("include_legacy"):
        yield (
            "include_legacy",
            "true" if context.include_legacy else "false",
            "false" if context.include_legacy else "true",
            dataclasses.replace(context, include_legacy=not context.include_legacy),
        )
    if wanted("environment"):
        for value in contract.ENVIRONMENTS:
            if value != context.environment:
                yield "environment", context.environment, value, dataclasses.replace(context, environment=value)
    if wanted("hosts"):
        position = contract.HOSTS.index(context.hosts) if context.hosts in contract.HOSTS else -1
        for value in sorted(
            (value for value in contract.HOSTS if value != context.hosts),
            key=lambda value: (
                abs(contract.HOSTS.index(value) - position) if position >= 0 else 0,
                contract.HOSTS.index(value),
            ),
        ):
            yield "hosts", context.hosts, value, dataclasses.replace(context, hosts=value)
    if wanted("datacenters"):
        for value in contract.DATACENTERS:
            if value != context.datacenters:
                yield "datacenters", context.datacenters, value, dataclasses.replace(context, datacenters=value)
    for key in _SINGLE_V2:
        if wanted(key):
            for value in contract.CONTEXT_QUESTIONS[key][0]:
                if value != getattr(context, key):
                    yield (
                        key,
                        getattr(context, key),
                        value,
                        dataclasses.replace(context, **cast(dict[str, Any], {key: value})),
                    )
    for key in _MULTI:
        if not wanted(key):
            continue
        current = getattr(context, key)
        allowed = [value for value in contract.CONTEXT_QUESTIONS[key][0] if value != "none"]
        for value in allowed:
            toggled = current - {value} if value in current else current | {value}
            yield (
                key,
                [item for item in allowed if item in current],
                [item for item in allowed if item in toggled],
                dataclasses.replace(context, **cast(dict[str, Any], {key: frozenset(toggled)})),
            )
