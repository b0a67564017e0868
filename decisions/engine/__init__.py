"""The recommendation engine: pure functions over a plain snapshot of the knowledge base.

Public API (decisions.services, the views and the API call exactly these):

- ``Snapshot`` — the catalog and case studies as immutable data, built outside the engine
  (``decisions.snapshot_builder.build_snapshot``; the engine imports nothing from Django);
  ``snapshot.fingerprint`` (sha256 of the content) and ``snapshot.today`` (the day staleness is
  judged on).
- ``validate_answers(raw, *, requirement_keys=None) -> (clean, errors)`` — the contract check.
- ``evaluate(answers, snapshot) -> dict`` — the full, JSON-ready, language-free result (``words.py``;
  ``decisions.rendering.render_output`` words it in the reader's language at read time).
- ``make_snapshot(...)`` and the ``*Info`` records — for snapshots built by hand (tests, benchmarks).

The result of ``evaluate``, as rendered (stored, every message is a code with parameters and every
catalog name a {"zh", "en"} pair; ``language`` is null until rendered):

- ``engine_version``, ``catalog_fingerprint`` (= ``snapshot.fingerprint``), ``snapshot_date``
  (``snapshot.today``, the day staleness was judged on), ``language``;
- ``answers`` (the clean answers), ``ignored_answers`` (keys that are no longer questions);
- ``adjustments``: requirements a context rule raised — {requirement, name, from, to, rule,
  values, source, message};
- ``open_questions``: requirements answered ``unsure`` — {requirement, name, category};
- ``categories``, in layer order, only those the answers touch — {category, name, candidates,
  eliminated}. A candidate is {technology {slug, name}, rank, score (0–100, one decimal),
  confidence (0–1, two decimals), points, max_points, status, explanation [lines], tie_break
  (how it was placed ahead of the next candidate when their scores are equal, else null)} (the
  lines and tie_break are described in ``explain.py``, the formulas and the tie-break order in
  ``rules.py``); only products and patterns are candidates (protocols and components are building
  blocks); an eliminated technology is {technology, reasons [{code, requirement, message}]} with
  codes ``in_house``, ``legacy_excluded``, ``needs_l2_adjacency``, ``needs_public_cloud``,
  ``needs_missing_infrastructure``, ``must_unmet``;
- ``stack``: one pick per category that has candidates — {category, technology, rank, with,
  prerequisites, message}; ``conflicts``: {code, category, technology, requires, message} with
  codes ``requirement_not_picked``, ``requirement_eliminated``, ``no_candidates`` (``stack.py``);
- ``similar_case_studies``: up to five — {slug, company, company_slug, title, scale, similarity,
  shared [technologies]} (``similar.py``);
- ``pitfalls``: {slug, title, severity, technologies (those in the stack), mitigation,
  trigger_note, source}, by severity then slug (``pitfalls.py``);
- ``sensitivity``: one entry per category with a leader — {category, leader, requirement, from,
  to, new_leader, message}; requirement/from/to/new_leader are null when no single change of one
  answer changes the leader (``sensitivity.py``).

Determinism: ``evaluate`` reads nothing but its arguments (no clock, no database, no randomness),
walks every mapping in sorted order and breaks every tie (finally by name, then slug), so the same answers and the same
snapshot give byte-identical ``json.dumps(result, sort_keys=True)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from decisions import contract

from . import rules, text
from .answers import Context, validate_answers
from .explain import layer_result
from .messages import result_messages
from .pitfalls import pitfalls_for, trigger_answers
from .risks import stack_risks
from .scoring import (
    Ranking,
    category_keys,
    category_order,
    rank,
    requirement_categories,
    requires,
    table,
    touched,
    units,
    weights_for,
    with_followers,
)
from .sensitivity import sensitivity_entries
from .similar import similar_case_studies
from .snapshot import (
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
    make_snapshot,
)
from .stack import build_stack
from .tradeoffs import trade_offs

# Bump when the same answers and catalog would give a different result (the rules changed).
# 2: building blocks out, infrastructure and public-cloud rules, tie-break; 3: listed counts;
# 4: decision model v2 (roles, provided components, evidence-weighted ranges, ties, risks, trade-offs).
ENGINE_VERSION = "4"

__all__ = [
    "ENGINE_VERSION",
    "AssessmentInfo",
    "CapabilityInfo",
    "CaseStudyInfo",
    "CategoryInfo",
    "CompanyInfo",
    "FrozenDict",
    "InvalidAnswers",
    "PitfallInfo",
    "RelationInfo",
    "RoleInfo",
    "Snapshot",
    "SourceInfo",
    "TechnologyInfo",
    "evaluate",
    "make_snapshot",
    "validate_answers",
]


class InvalidAnswers(ValueError):
    """Answers that break the contract. ``errors`` maps each offending key to its messages, as codes
    with parameters (``decisions.rendering.render_errors`` words them)."""

    def __init__(self, errors: Mapping[str, list[Any]]):
        self.errors = dict(errors)
        super().__init__(
            "; ".join(
                f"{key}: {' '.join(str(message.get('$m', message)) for message in messages)}"
                for key, messages in sorted(self.errors.items())
            )
        )


def _declined(snapshot: Snapshot, role_table, layer_units, importances: Mapping[str, str]) -> bool:
    """Whether the answers turn this role down: every requirement that is its own (scored for no
    other role of its layer) was answered "won't". Shared file storage is not wanted when shared
    filesystems are a won't, even though its options also meet the layer's persistent-volume must."""
    if role_table.role is None:
        return False
    others = {
        key
        for category, role in layer_units
        if category == role_table.category and role != role_table.role
        for key in table(snapshot, category, role).keys
    }
    own = [key for key in role_table.keys if key not in others]
    return bool(own) and all(importances.get(key) == "wont" for key in own)


def evaluate(answers: Mapping[str, Any], snapshot: Snapshot) -> dict[str, Any]:
    """The recommendation for ``answers`` over ``snapshot``, as JSON-ready data (PRODUCT.md payload
    fields except ``revision``, which the caller adds).

    ``answers`` may be raw or clean; they are validated against the contract plus the snapshot's
    capabilities. A bad value raises :class:`InvalidAnswers`. A key that is no longer a question
    (say a capability since removed from the catalog) is ignored and listed in ``ignored_answers``,
    so an old evaluation can always be re-run. The result holds no text in any language: messages
    are codes with parameters and names are {"zh", "en"} pairs (``words.py``);
    ``decisions.rendering.render_output`` turns it into text in the reader's language.
    """
    return _evaluate(answers, snapshot)


def _completes(role_table, rankings, required) -> bool:
    """Whether some option of this role requires a candidate of an evaluated role of the same layer."""
    earlier = {
        entry.member.slug for ranking in rankings if ranking.table.category == role_table.category
        for entry in ranking.ranked
    }  # fmt: skip
    return role_table.role is not None and any(
        earlier.intersection(required.get(member.slug, ())) for member in role_table.members
    )


def _evaluate(answers: Mapping[str, Any], snapshot: Snapshot) -> dict[str, Any]:
    categories_of = requirement_categories(snapshot)
    clean, errors = validate_answers(answers, requirement_keys=categories_of)
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(errors)
    bad = {
        key: messages for key, messages in errors.items() if key in contract.CONTEXT_QUESTIONS or key in categories_of
    }
    if bad:
        raise InvalidAnswers(bad)
    context = Context.from_answers(clean)
    importances = {key: value for key, value in clean.items() if key in categories_of}
    keys_by_category = category_keys(snapshot)
    ordered_categories = sorted(
        set(keys_by_category) | {rules.SCHEDULED_JOBS_CATEGORY}, key=lambda slug: category_order(snapshot, slug)
    )
    ordered_keys = [key for category in ordered_categories for key in keys_by_category.get(category, ())]
    # v2 point 9: context rules raise requirements only in layers the user's own answers touch.
    asked = {categories_of[key] for key, value in importances.items() if value != "wont"}
    if rules.SCHEDULED_JOBS_WORKLOAD in context.workloads:
        asked.add(rules.SCHEDULED_JOBS_CATEGORY)
    effective: dict[str, rules.Effective] = {}
    suggested: dict[str, rules.Effective] = {}
    for key in ordered_keys:
        effect = rules.effective_importance(key, importances.get(key), context)
        if effect.floor is not None and categories_of.get(key) not in asked:
            suggested.setdefault(categories_of[key], effect)
            effect = rules.effective_importance(key, importances.get(key), Context())
        effective[key] = effect

    rankings: list[Ranking] = []
    required = requires(snapshot)
    layer_units = units(snapshot, ordered_categories)
    for category, role in layer_units:
        role_table = with_followers(snapshot, table(snapshot, category, role), context)
        if _declined(snapshot, role_table, layer_units, importances):
            continue
        weights = weights_for(role_table, effective)
        # A role is evaluated when the answers weigh one of its requirements, or when its options
        # complete a role already evaluated (the distributions of an orchestrator that was asked for)
        # and something can tell them apart (a shared requirement, or a delivery preference).
        # A delivery preference tells options apart only where some of them are managed services.
        prefers_managed = rules.delivery_weight(context) > 0 and role_table.has_managed
        completes = (any(weights) or prefers_managed) and _completes(role_table, rankings, required)
        if touched(role_table, weights, context) or completes:
            # What makes an option fit a container platform at all counts whenever its role does.
            for key in role_table.keys:
                capability = snapshot.capabilities.get(key)
                if capability is not None and capability.baseline and not effective[key].weight:
                    effective[key] = rules.baseline_importance(effective[key].answered, role)
            weights = weights_for(role_table, effective)
            rankings.append(rank(role_table, weights, context))

    stack, conflicts, stack_members, roles, notes = build_stack(snapshot, rankings, context)
    memo: dict = {}
    layers = []
    for category in ordered_categories:
        of_layer = [ranking for ranking in rankings if ranking.table.category == category]
        if of_layer:
            layers.append(layer_result(snapshot, of_layer, effective, context, memo))
    by_unit = {(role["category"], role["role"]): role for role in roles}
    for layer in layers:
        for role in layer["roles"]:
            decided = by_unit[(layer["category"], role["role"])]
            role.update({key: decided[key] for key in ("pick", "provided_by", "tied_with", "reason", "needs_more")})
    return {
        "engine_version": ENGINE_VERSION,
        "catalog_fingerprint": snapshot.fingerprint,
        "snapshot_date": snapshot.today.isoformat(),
        "language": None,  # language-free: the renderer sets the reader's language
        "answers": clean,
        "ignored_answers": sorted(set(errors) - set(bad)),
        "adjustments": [
            {
                "requirement": key,
                "name": text.capability_name(snapshot, key),
                "from": effect.answered or "wont",
                "to": effect.importance,
                "rule": effect.floor.context_key,
                "values": list(effect.trigger),
                "source": effect.floor.source if effect.floor.source in snapshot.sources else None,
                "message": rules.floor_message(effect),
            }
            for key, effect in effective.items()
            if effect.floor is not None
        ],
        "open_questions": [
            {"requirement": key, "name": text.capability_name(snapshot, key), "category": categories_of[key]}
            for key in ordered_keys
            if importances.get(key) == "unsure"
        ],
        "categories": layers,
        "stack": stack,
        "conflicts": conflicts,
        "risks": stack_risks(snapshot, rankings, roles),
        "trade_offs": trade_offs(snapshot, effective, context, rankings, roles),
        "messages": [*result_messages(snapshot, rankings, suggested), *notes],
        "similar_case_studies": similar_case_studies(snapshot, stack_members, context.hosts),
        "pitfalls": pitfalls_for(snapshot, stack_members, trigger_answers(clean, effective)),
        "sensitivity": sensitivity_entries(snapshot, rankings, importances, context),
    }
