"""The evaluation result's OpenAPI components (issue 14, point 7; decision model v2 of issue 10).

These serializers exist only for the schema: the views answer the engine's output as it is
(``serializers.result_payload``), and nothing here reads or reshapes it. Each one names a part of
the payload so that a client generated from /api/schema/ gets typed classes — ``EvaluationResult``,
``Candidate``, ``ExplanationLine``, ``StackPick``, ``Risk``, ``WhyNotAnswer``... — instead of
untyped dictionaries.

What a client may rely on:

- **required** are the fields of PRODUCT.md's "Evaluation payloads" contract, which every stored
  result has, old ones included; the fields decision model v2 added (``roles``, ``score_range``,
  ``risks``, ``trade_offs``, ``messages``...) are optional, since a result stored before them has
  none;
- codes (``level``, ``code``, ``verdict``...) are plain strings with their current values listed in
  the description, not enums: the engine may add a code, and a strict client must not crash on it;
- texts (``name``, ``message``, ``mitigation``...) are in the request's language (Accept-Language).

Field names that are Python keywords (``from``, ``with``) are declared through ``component()``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.choices import Level, Severity, Status

from .engine.explain import STRENGTHS
from .engine.rules import TIE_BREAKS


def component(name: str, doc: str, fields: dict[str, serializers.Field]) -> type[serializers.Serializer]:
    """A schema-only serializer class called ``<name>Serializer``, so its component is ``<name>``."""
    return type(f"{name}Serializer", (serializers.Serializer,), {"__doc__": doc, "__module__": __name__, **fields})


def text(help_text: str = "", **kwargs) -> serializers.CharField:
    return serializers.CharField(help_text=help_text, **kwargs)


def optional_text(help_text: str = "", nullable: bool = True) -> serializers.CharField:
    return serializers.CharField(help_text=help_text, required=False, allow_null=nullable, allow_blank=True)


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}], "nullable": True})
class AnswerValueField(serializers.JSONField):
    """An answer: one value (an importance, ``hosts``...) or several (``existing_infra``, ``workloads``)."""


def answer_value(help_text: str = "") -> AnswerValueField:
    return AnswerValueField(help_text=help_text, required=False, allow_null=True)


def codes(*values: str) -> str:
    return "One of (more may be added): " + ", ".join(f"`{value}`" for value in values) + "."


TechnologyRef = component(
    "NamedTechnology",
    "A technology named in a result: its slug and its name in the request's language.",
    {"slug": text(), "name": text()},
)


def ref(help_text: str = "", *, required: bool = True, nullable: bool = False) -> serializers.Serializer:
    return TechnologyRef(help_text=help_text, required=required, allow_null=nullable)


def refs(help_text: str = "", *, required: bool = False) -> serializers.ListSerializer:
    return TechnologyRef(many=True, help_text=help_text, required=required)


ScoreRange = component(
    "ScoreRange",
    "The score a candidate could have once stale or weak evidence is confirmed or refuted (0–100).",
    {"low": serializers.FloatField(), "high": serializers.FloatField()},
)

ExplanationLine = component(
    "ExplanationLine",
    "One line of a candidate's explanation: a requirement the user weighted (kind `requirement`) or a context "
    "rule (kind `context`: scale, existing infrastructure, team languages, maturity, lifecycle, delivery, "
    "provider), with the evidence and its source.",
    {
        "requirement": text("The requirement key or the context rule's key."),
        "kind": text(codes("requirement", "context"), required=False),
        "name": text("The requirement's or rule's name.", required=False),
        "importance": serializers.CharField(
            allow_null=True, help_text="must / should / could / wont (null on a weightless line)."
        ),
        "answered": optional_text("The importance the user gave, before context rules raised it; null if unanswered."),
        "weight": serializers.IntegerField(required=False),
        "level": text(codes(*Level.values)),
        "points": serializers.FloatField(),
        "strength": optional_text(codes(*STRENGTHS)),
        "source_kind": optional_text("The kind of the cited source (docs, benchmark, case study, survey...)."),
        "source": optional_text("The cited source's slug (GET /api/v1/sources/)."),
        "source_title": optional_text(),
        "as_of": optional_text("When the evidence was current (ISO date)."),
        "review_by": optional_text("When the evidence is due for review (ISO date)."),
        "stale": serializers.BooleanField(required=False, help_text="Past its review date: worth less."),
        "note": optional_text(),
        "via": ref(
            "The technology that brings this capability, when not the candidate itself.", required=False, nullable=True
        ),
        "message": optional_text(nullable=False),
        "evidence": serializers.ListField(
            child=serializers.CharField(), required=False, help_text="Case studies behind a scale line."
        ),
    },
)

TieBreak = component(
    "TieBreak",
    "Why a candidate is ranked above one it is tied with: a named consideration, never its name.",
    {"over": ref(), "by": text(codes(*TIE_BREAKS)), "message": text()},
)

Candidate = component(
    "Candidate",
    "A candidate that passed every must, ranked by weighted fit.",
    {
        "technology": ref(),
        "rank": serializers.IntegerField(),
        "score": serializers.FloatField(help_text="0–100."),
        "score_range": ScoreRange(required=False),
        "confidence": serializers.FloatField(help_text="0–1: how much of the score rests on fresh, strong evidence."),
        "points": serializers.FloatField(required=False),
        "max_points": serializers.FloatField(required=False),
        "status": optional_text(codes(*Status.values)),
        "delivery": optional_text(codes("self_hosted", "managed")),
        "maturity": optional_text(),
        "license": optional_text("SPDX expression."),
        "license_family": optional_text(codes("permissive", "copyleft", "source_available", "proprietary")),
        "explanation": ExplanationLine(many=True),
        "tied_with": refs("Candidates whose score ranges overlap this one's."),
        "tie_break": TieBreak(required=False, allow_null=True),
    },
)

EliminationReason = component(
    "EliminationReason",
    "Why a technology was ruled out.",
    {
        "code": text(
            codes(
                "must_unmet",
                "legacy_excluded",
                "needs_l2_adjacency",
                "licence_excluded",
                "delivery_excluded",
                "provider_excluded",
            )
        ),
        "requirement": optional_text("The requirement concerned, if any."),
        "message": text(),
    },
)

Elimination = component(
    "Elimination",
    "A technology of the layer that is not ranked, with every reason.",
    {"technology": ref(), "reasons": EliminationReason(many=True)},
)

RoleReason = component("RoleReason", "A coded explanation with its message.", {"code": text(), "message": text()})

NeededRequirement = component(
    "NeededRequirement",
    "A requirement a technology already in the stack falls short on.",
    {"requirement": text(), "importance": text(), "level": text()},
)

NeedsMore = component(
    "NeedsMore",
    "A technology in the stack that could fill the role, and the answers it does not meet.",
    {"technology": ref(), "requirements": NeededRequirement(many=True)},
)

RoleResult = component(
    "RoleResult",
    "One role of a layer (decision model v2): its pick, what fills it already, ties, and its own ranking.",
    {
        "role": text(),
        "role_name": optional_text(nullable=False),
        "pick": ref("Null when the role stays empty (see reason).", required=False, nullable=True),
        "provided_by": ref("The chosen technology that brings this role's component.", required=False, nullable=True),
        "tied_with": refs(),
        "reason": RoleReason(required=False, allow_null=True, help_text="Why the role is filled this way, or empty."),
        "needs_more": NeedsMore(many=True, required=False),
        "candidate_count": serializers.IntegerField(required=False),
        "candidates": Candidate(many=True, required=False),
        "eliminated_count": serializers.IntegerField(required=False),
        "eliminated": Elimination(many=True, required=False),
    },
)

CategoryResult = component(
    "CategoryResult",
    "A layer the answers touch. `candidates` and `eliminated` are those of its first role; `roles` has each.",
    {
        "category": text("The layer's slug."),
        "name": optional_text(nullable=False),
        "candidate_count": serializers.IntegerField(required=False),
        "candidates": Candidate(many=True),
        "eliminated_count": serializers.IntegerField(required=False),
        "eliminated": Elimination(many=True),
        "roles": RoleResult(many=True, required=False),
    },
)

StackEntry = component(
    "StackPick",
    "One pick of the coherent stack, per layer and role.",
    {
        "category": text("The layer's slug."),
        "role": optional_text("The role it fills (null in a result from before roles)."),
        "technology": ref(),
        "rank": serializers.IntegerField(required=False, allow_null=True, help_text="Its rank in the role's ranking."),
        "with": refs("Chosen along with it."),
        "prerequisites": refs("What it needs in the stack."),
        "message": optional_text(nullable=False),
        "provided_by": ref(required=False, nullable=True),
        "tied_with": refs(),
    },
)

Conflict = component(
    "Conflict",
    "A pick that does not fit the other picks, or a layer left with no candidate.",
    {
        "code": text(codes("requirement_not_picked", "requirement_unusable", "no_candidates")),
        "category": text(),
        "role": optional_text(),
        "technology": ref(required=False, nullable=True),
        "requires": ref(required=False, nullable=True),
        "message": text(),
    },
)

Risk = component(
    "Risk",
    "A risk of the picked stack: a must met only partly or of unknown level, stale evidence, lifecycle, licence, "
    "provider lock-in.",
    {
        "level": text(codes(*Severity.values)),  # a risk's level is on the pitfall severity scale
        "category": text(),
        "role": optional_text(),
        "technology": ref(),
        "requirement": optional_text(),
        "code": text(),
        "message": text(),
        "mitigation": optional_text(nullable=False),
    },
)

TradeOff = component(
    "TradeOff",
    "A tension between answers, and which way the picks went.",
    {
        "code": text(),
        "requirements": serializers.ListField(child=serializers.CharField(), help_text="The answer keys in tension."),
        "message": text(),
        "resolution": optional_text(nullable=False),
    },
)

ResultMessage = component(
    "ResultMessage",
    "A note on the result as a whole, e.g. nothing answered, or a layer an answer matters for.",
    {"code": text(codes("nothing_answered", "suggested_layer")), "category": optional_text(), "message": text()},
)

Adjustment = component(
    "Adjustment",
    "A requirement's importance raised by a context answer.",
    {
        "requirement": text(),
        "name": optional_text(nullable=False),
        "from": text("The importance answered (wont if unanswered)."),
        "to": text("The importance used."),
        "rule": optional_text("The context question that raised it."),
        "values": serializers.ListField(child=serializers.CharField(), required=False),
        "source": optional_text(),
        "message": optional_text(nullable=False),
    },
)

OpenQuestion = component(
    "OpenQuestion",
    "A requirement answered `unsure`.",
    {"requirement": text(), "name": optional_text(nullable=False), "category": optional_text()},
)

SimilarCaseStudy = component(
    "SimilarCaseStudy",
    "A company whose stack is near the picked one.",
    {
        "slug": text(),
        "title": optional_text(nullable=False),
        "company": text(),
        "company_slug": optional_text(nullable=False),
        "scale": optional_text(nullable=False),
        "similarity": serializers.FloatField(required=False, help_text="0–1."),
        "shared": refs("Technologies shared with the picked stack.", required=True),
    },
)

ResultPitfall = component(
    "ResultPitfall",
    "A pitfall of the picked stack that the answers trigger.",
    {
        "slug": text(),
        "title": text(),
        "severity": text(codes(*Severity.values)),
        "technologies": refs(required=True),
        "mitigation": optional_text(nullable=False),
        "remedies": refs("What the mitigation recommends; absent from results saved before remedies were recorded."),
        "trigger_note": optional_text(nullable=False),
        "source": optional_text(),
    },
)

SensitivityEntry = component(
    "SensitivityEntry",
    "The smallest answer change that flips a role's pick (or none does).",
    {
        "category": text(),
        "role": optional_text(),
        "role_name": optional_text(),
        "requirement": optional_text("The requirement whose importance would change; null if no change flips it."),
        "from": answer_value("The answer now: an importance, or a context answer (a list where it takes several)."),
        "to": answer_value("The answer that would flip the pick."),
        "leader": ref(required=False),
        "new_leader": ref(nullable=True, required=False),
        "message": optional_text(nullable=False),
    },
)

EvaluationResult = component(
    "EvaluationResult",
    "What the engine produced for one revision, rendered in the request's language (PRODUCT.md, Evaluation "
    "payloads; decision model v2).",
    {
        "revision": serializers.IntegerField(),
        "engine_version": optional_text(nullable=False),
        "catalog_fingerprint": text(),
        "snapshot_date": optional_text(nullable=False),
        "language": optional_text(nullable=False),
        "answers": serializers.DictField(required=False, help_text="The answers the engine ran on."),
        "ignored_answers": serializers.ListField(child=serializers.CharField(), required=False),
        "adjustments": Adjustment(many=True, required=False),
        "open_questions": OpenQuestion(many=True, required=False),
        "categories": CategoryResult(many=True),
        "stack": StackEntry(many=True),
        "conflicts": Conflict(many=True),
        "risks": Risk(many=True, required=False),
        "trade_offs": TradeOff(many=True, required=False),
        "messages": ResultMessage(many=True, required=False),
        "similar_case_studies": SimilarCaseStudy(many=True, required=False),
        "pitfalls": ResultPitfall(many=True, required=False),
        "sensitivity": SensitivityEntry(many=True, required=False),
    },
)

WhyNotLine = component(
    "WhyNotLine",
    "A requirement on which the technology loses points to the pick.",
    {
        "requirement": text(),
        "name": optional_text(nullable=False),
        "importance": optional_text(),
        "level": text(),
        "pick_level": optional_text(),
        "points": serializers.FloatField(),
        "pick_points": serializers.FloatField(required=False),
        "gap": serializers.FloatField(required=False),
        "source": optional_text(),
    },
)

WhyNotRole = component(
    "WhyNotRole",
    "The answer for one role the technology could fill.",
    {
        "category": text(),
        "role": optional_text(),
        "role_name": optional_text(),
        "pick": ref(required=False, nullable=True),
        "verdict": text(codes("picked", "eliminated", "outranked")),
        "score": serializers.FloatField(required=False),
        "score_range": ScoreRange(required=False, allow_null=True),
        "pick_score": serializers.FloatField(required=False),
        "pick_score_range": ScoreRange(required=False, allow_null=True),
        "tied": serializers.BooleanField(required=False),
        "reasons": EliminationReason(many=True),
        "lines": WhyNotLine(many=True),
        "message": text(),
    },
)

WhyNotAnswer = component(
    "WhyNotAnswer",
    "Why a technology is not the pick: per role it could fill, its eliminating reasons or the lines where it loses.",
    {
        "revision": serializers.IntegerField(),
        "technology": ref(),
        "verdict": text(codes("picked", "eliminated", "outranked", "not_evaluated")),
        "roles": WhyNotRole(many=True),
        "message": optional_text(nullable=False),
    },
)
