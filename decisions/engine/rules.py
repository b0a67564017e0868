"""The engine's rules, as data and small functions. Everything that turns answers into weights,
eliminations and context points is here, with the words the explanation uses for it.

Scoring (PRODUCT.md, engine point 1): a candidate's score is

    100 × Σ(weight × level factor) / Σ(weight)

over the category's weighted lines: one line per requirement whose (effective) importance is not
``wont``, plus one line per context rule that applies to the category (below). Every candidate of
a category gets the same lines, so they share one denominator and the ranking is the ranking of
the points earned.

Context rules (engine point 4). Each one either raises an importance (a *floor*), eliminates a
candidate, or adds a weighted line to a category; all three show in the result:

- ``workloads`` databases / message_queues raise ``stateful_workloads`` to at least ``should``;
  ``datacenters`` multi raises ``multi_datacenter`` and ``image_replication`` to at least ``should``.
  A raised requirement's explanation line says so, and the result lists it in ``adjustments``.
- ``environment`` public_cloud / hybrid_cloud eliminates options that need L2 adjacency between
  hosts, or require (transitively) something that does — an SR-IOV CNI plugin needs SR-IOV
  (code ``needs_l2_adjacency``).
- ``hosts`` 500_5000 / gt5000 adds the line ``context:scale`` (weight 1 / 3, the weights of could
  and should: the evidence is the survey's, from 2017): "yes" for a technology that a case study of
  500+ hosts uses in any stage (those case studies are named; the line is stale when they all are).
- ``team_languages`` adds ``context:team_languages`` to the category that owns the
  ``extensibility`` requirement, with that requirement's weight, when extensibility matters:
  "yes" for a system written in a language the team knows (the survey's Go-versus-Scala point:
  Kubernetes is Go and "helps secondary development", Qiniu found Marathon's Scala hard to debug
  and extend).
- ``existing_infra`` adds ``context:existing_infra`` (weight 3): "yes" for the infrastructure itself
  or anything related to it by a relation of any kind.
- ``workloads`` scheduled_jobs brings in the ``scheduled_jobs`` category, which has no capability
  questions: its candidates get the line ``context:workloads`` (weight 3, "yes" for all: each one
  runs timed jobs), so they are ranked by that and by the other context lines (scale), ties by slug.

A context line is added to a category only when at least one of its remaining candidates earns it
("yes"); a rule that favours nobody would lower every score alike and explain nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext, gettext_lazy

from decisions import contract

from . import text
from .answers import Context

# --- Importances and levels (engine point 1)

IMPORTANCE_WEIGHTS: Mapping[str, int] = {"must": 5, "should": 3, "could": 1, "wont": 0, "unsure": 1}
MUST_WEIGHT = IMPORTANCE_WEIGHTS["must"]
# Steps of importance, lowest first; `unsure` sits on `could`'s step (it counts as could).
IMPORTANCE_LADDER: tuple[str, ...] = ("wont", "could", "should", "must")
IMPORTANCE_STEP: Mapping[str, int] = {"wont": 0, "could": 1, "unsure": 1, "should": 2, "must": 3}
WEIGHT_LABELS: Mapping[int, str] = {5: "must", 3: "should", 1: "could", 0: "wont"}

LEVEL_FACTORS: Mapping[str, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unknown": 0.0}

# Confidence (engine point 3): the weight-averaged trust in the levels behind the requirement lines.
#   confidence = Σ(weight × trust) / Σ(weight) over requirement lines (context lines excluded:
#   they are facts about the answers and the case studies, not claims about a capability);
#   trust = 1 for a known level still within its review-by date, STALE_TRUST for a known level
#   past review-by, UNKNOWN_TRUST for an unknown level (no assessment, or one that says unknown).
#   A candidate with no requirement lines has confidence 1.0 (nothing it is ranked on is in doubt).
STALE_TRUST = 0.5
UNKNOWN_TRUST = 0.0

# --- The pool (engine point 1)

CANDIDATE_KINDS = frozenset({"product", "pattern"})  # protocols are building blocks, not choices
IN_HOUSE_KIND = "in_house"  # listed, always eliminated: nobody can adopt another company's system
LEGACY_STATUSES = frozenset({"dormant", "deprecated", "retired"})

# --- Floors: answers that raise a requirement's importance


@dataclasses.dataclass(frozen=True, slots=True)
class Floor:
    context_key: str
    values: frozenset[str]
    requirements: tuple[str, ...]
    importance: str
    source: str  # the survey section the rule comes from


FLOORS: tuple[Floor, ...] = (
    # 主要问题 6: containerising stateful services (Kafka, MySQL) is one of the survey's main problems.
    Floor("workloads", frozenset({"databases", "message_queues"}), ("stateful_workloads",), "should",
          "survey-main-problems"),
    # 主要问题 2: multiple data centres and availability zones; Meizu syncs images between sites.
    Floor("datacenters", frozenset({"multi"}), ("multi_datacenter", "image_replication"), "should",
          "survey-main-problems"),
)  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class Effective:
    """A requirement's importance after the floors: what was answered and what counts."""

    importance: str  # must / should / could / unsure / wont
    weight: int
    answered: str | None  # the answer given, None when unanswered (counts as wont)
    floor: Floor | None = None  # the rule that raised it, if any
    trigger: tuple[str, ...] = ()  # the context values that fired the floor


def effective_importance(key: str, answered: str | None, context: Context) -> Effective:
    importance = answered or "wont"
    raised_by, trigger = None, ()
    for floor in FLOORS:
        if key not in floor.requirements:
            continue
        given = _context_values(context, floor.context_key)
        fired = tuple(sorted(given & floor.values))
        if fired and IMPORTANCE_STEP[floor.importance] > IMPORTANCE_STEP[importance]:
            importance, raised_by, trigger = floor.importance, floor, fired
    return Effective(importance, IMPORTANCE_WEIGHTS[importance], answered, raised_by, trigger)


def _context_values(context: Context, key: str) -> frozenset[str]:
    value = getattr(context, key)
    if isinstance(value, frozenset):
        return value
    return frozenset() if value is None else frozenset({value})


def floor_message(effective: Effective) -> str:
    key = effective.floor.context_key
    return gettext("Raised from %(from)s to %(to)s: your answer to “%(key)s” includes %(values)s.") % {
        "from": text.importance_label(effective.answered),
        "to": text.importance_label(effective.importance),
        "key": text.question_label(None, key, "en"),
        "values": ", ".join(text.value_label(key, value) for value in effective.trigger),
    }


# --- Eliminations by context

CLOUD_ENVIRONMENTS = frozenset({"public_cloud", "hybrid_cloud"})
# Network options that only work when hosts share a layer-2 segment (survey, 网络选型 › 方案类别:
# Macvlan "needs layer-2 support, which most cloud providers do not offer, so it is hard in hybrid
# clouds"; flannel's host-gw has the same limit, facts §7b item 10).
NEEDS_L2_ADJACENCY = frozenset({
    "macvlan", "ipvlan", "sr-iov", "vlan", "large-l2-network", "linux-bridge-l3-switch",
})  # fmt: skip
L2_SOURCE = "survey-network-schemes"


def l2_dependencies(slug: str, required: Iterable[str]) -> tuple[str, ...]:
    """Why a technology needs L2 adjacency: itself, or what it requires (transitively) that does."""
    if slug in NEEDS_L2_ADJACENCY:
        return (slug,)
    return tuple(sorted(NEEDS_L2_ADJACENCY.intersection(required)))


def is_cloud(context: Context) -> bool:
    return context.environment in CLOUD_ENVIRONMENTS


# --- Context lines


@dataclasses.dataclass(frozen=True, slots=True)
class ContextRule:
    key: str  # the explanation line's requirement key
    source: str  # the survey section the rule comes from (cited when the snapshot has it)


SCALE = ContextRule("context:scale", "survey-case-qiniu")  # Qiniu: Mesos "suits large-scale scheduling"
TEAM_LANGUAGES = ContextRule("context:team_languages", "survey-case-qiniu")  # Marathon's Scala
EXISTING_INFRA = ContextRule("context:existing_infra", "survey-case-jd")  # JD and Qunar built on OpenStack
SCHEDULED_JOBS = ContextRule("context:workloads", "survey-stack")  # 分布式计划任务 row of the stack table

CONTEXT_RULES: tuple[ContextRule, ...] = (SCALE, TEAM_LANGUAGES, EXISTING_INFRA, SCHEDULED_JOBS)

RULE_NAMES = {
    SCALE.key: gettext_lazy("Proven at your scale"),
    TEAM_LANGUAGES.key: gettext_lazy("Written in a language your team knows"),
    EXISTING_INFRA.key: gettext_lazy("Fits your existing infrastructure"),
    SCHEDULED_JOBS.key: gettext_lazy("Runs scheduled jobs"),
}

# hosts answer -> weight of the scale line; smaller estates get no scale line.
SCALE_WEIGHTS: Mapping[str, int] = {"500_5000": 1, "gt5000": 3}
# Case studies that count as evidence of operating at scale.
PROVEN_SCALES = frozenset({"500_5000", "gt5000"})

EXTENSIBILITY = "extensibility"
# Technology languages a team-language answer covers (a team answering "other" knows some language
# outside the list; whether it is this technology's cannot be told: level unknown).
KNOWN_TEAM_LANGUAGES = frozenset(value for value in contract.TEAM_LANGUAGES if value != "other")

# existing_infra answer -> the technologies that are that infrastructure. Anything related to one of
# them (a relation of any kind in either direction) fits it too.
INFRA_ANCHORS: Mapping[str, frozenset[str]] = {
    "openstack": frozenset({"openstack", "openstack-neutron", "nova-docker", "openstack-zun"}),
    "vlan": frozenset({"vlan"}),
    "ovs_sdn": frozenset({"open-vswitch", "ovn", "openflow"}),
}
INFRA_RELATION_KINDS = frozenset({"alternative", "requires", "integrates_with"})
INFRA_WEIGHT = 3

SCHEDULED_JOBS_CATEGORY = "scheduled_jobs"
SCHEDULED_JOBS_WORKLOAD = "scheduled_jobs"
SCHEDULED_JOBS_WEIGHT = 3


def scale_weight(context: Context) -> int:
    return SCALE_WEIGHTS.get(context.hosts, 0)


def language_level(language: str, team_languages: frozenset[str]) -> str:
    """yes: the team knows the system's language; no: it does not; unknown: cannot tell."""
    if language in team_languages:
        return "yes"
    if language in KNOWN_TEAM_LANGUAGES:
        return "no"
    return "unknown" if "other" in team_languages or language in ("other", "none") else "no"


def infra_fit(slug: str, neighbours: Iterable[str]) -> frozenset[str]:
    """The existing_infra answers a technology fits: it is the infrastructure, or it is related (a
    relation of a kind in INFRA_RELATION_KINDS, either direction) to one of the infrastructure's anchors."""
    related = {slug, *neighbours}
    return frozenset(infra for infra, anchors in INFRA_ANCHORS.items() if related & anchors)


def scale_message(level: str, companies: list[str], hosts: str) -> str:
    estate = text.value_label("hosts", hosts)
    if level == "yes":
        return gettext("Used at 500 hosts or more by %(companies)s (your estate: %(hosts)s).") % {
            "companies": ", ".join(companies),
            "hosts": estate,
        }
    return gettext("No case study of 500 hosts or more uses it (your estate: %(hosts)s).") % {"hosts": estate}


def language_message(level: str, language: str, team: Iterable[str]) -> str:
    values = {"language": language, "team": ", ".join(team)}
    if level == "yes":
        return (
            gettext("Written in %(language)s, which your team knows (%(team)s): you can extend and debug it.") % values
        )
    if level == "no":
        return (
            gettext(
                "Written in %(language)s, which your team does not list (%(team)s): extending or debugging it "
                "will be harder, as Qiniu found with Marathon's Scala."
            )
            % values
        )
    return gettext("Written in %(language)s; whether your team (%(team)s) knows it cannot be told.") % values


def infra_message(level: str, fits: Iterable[str], existing: Iterable[str]) -> str:
    if level == "yes":
        return gettext("Fits your existing infrastructure: %(infra)s.") % {
            "infra": ", ".join(text.value_label("existing_infra", value) for value in fits)
        }
    return gettext("Has no known relation to your existing infrastructure (%(infra)s).") % {
        "infra": ", ".join(text.value_label("existing_infra", value) for value in existing)
    }


def scheduled_jobs_message() -> str:
    return gettext("Your workloads include scheduled jobs, which this layer runs.")
