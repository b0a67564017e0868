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
- ``environment`` bare_metal / private_cloud eliminates managed services that exist only in one
  provider's public cloud — those that require (transitively) a public cloud (a managed record of
  an infrastructure layer), as Alibaba Cloud's disks, OSS and RDS require Alibaba Cloud (code
  ``needs_public_cloud``). In a
  hybrid or public cloud (or when the environment is not given) they stay, and their explanation
  carries the line ``context:provider`` (weight 0: it changes no score) saying that they tie you to
  that provider.
- ``existing_infra`` says which infrastructure the team already runs (``INFRA_PROVIDES``). A
  candidate that requires (transitively) infrastructure in ``INFRASTRUCTURE`` that the answer does
  not provide is eliminated (code ``needs_missing_infrastructure``): nobody adopts OpenStack to get
  Neutron. A required technology that is itself a candidate of a layer the questionnaire asks about
  does not count (Contiv or OVN can bring Open vSwitch along); only what no layer offers does.
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
("yes"); a rule that favours nobody would lower every score alike and explain nothing. Each line
cites what it rests on: the scale line the source of the case study that gives the evidence, the
team-language line the survey section behind its verdict, the existing-infrastructure line the
source of the relation that makes the fit.

Ties (engine point 1). Candidates with the same rounded score are ordered by higher confidence,
then stronger evidence of use (more case studies with it in their latest stage, then in any stage),
then lifecycle (active before maintenance), then name, then slug: a deterministic order in which
every step but the last two is a reason an architect would give. A candidate placed ahead of an
equal-scored one says which step decided it (``tie_break``); the sensitivity search counts a
change as a new leader only when it wins on something other than the name (``standing``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from decisions import contract

from . import text
from .answers import Context
from .snapshot import EMPTY, FrozenDict
from .words import Words, label, msg

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

# Protocols (VXLAN, BGP, CNI) and components (iptables, kube-proxy, Docker's log drivers) are what
# the choices are made of, not choices: they stay in the catalog, assessed, but never in the pool.
CANDIDATE_KINDS = frozenset({"product", "pattern"})
IN_HOUSE_KIND = "in_house"  # listed, always eliminated: nobody can adopt another company's system
LEGACY_STATUSES = frozenset({"dormant", "deprecated", "retired"})
# Tie-break order of lifecycle statuses (engine point 1, ties).
LIFECYCLE_ORDER: Mapping[str, int] = {"active": 0, "maintenance": 1, "dormant": 2, "deprecated": 3, "retired": 4}

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
    # v2: a platform team of fewer than three cannot afford a platform that is hard to run (checklist).
    Floor("platform_team", frozenset({"lt3"}), ("operational_simplicity",), "should", "survey-checklist"),
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
    raised_by: Floor | None = None
    trigger: tuple[str, ...] = ()
    for floor in FLOORS:
        if key not in floor.requirements:
            continue
        given = _context_values(context, floor.context_key)
        fired = tuple(sorted(given & floor.values))
        if fired and IMPORTANCE_STEP[floor.importance] > IMPORTANCE_STEP[importance]:
            importance, raised_by, trigger = floor.importance, floor, fired
    return Effective(importance, IMPORTANCE_WEIGHTS[importance], answered, raised_by, trigger)


# A baseline capability (catalog data: what makes an option fit a container platform at all, such as
# per-container metrics or CNI support) counts as could whenever one of its roles is evaluated.
BASELINE = Floor("baseline", frozenset(), (), "could", "")


def baseline_importance(answered: str | None, role: str | None) -> Effective:
    return Effective("could", IMPORTANCE_WEIGHTS["could"], answered, BASELINE, (role or "",))


def _context_values(context: Context, key: str) -> frozenset[str]:
    value = getattr(context, key)
    if isinstance(value, frozenset):
        return value
    return frozenset() if value is None else frozenset({value})


def floor_message(effective: Effective) -> Words:
    if effective.floor is None:
        raise ValueError("only a raised requirement has a floor message")
    key = effective.floor.context_key
    if effective.floor is BASELINE:
        return msg("rule.raised_from_could_role_evaluated") % {"from": text.importance_label(effective.answered)}
    return msg("rule.raised_from_your_answer_includes") % {
        "from": text.importance_label(effective.answered),
        "to": text.importance_label(effective.importance),
        "key": text.question_label(None, key),
        "values": text.join(text.value_label(key, value) for value in effective.trigger),
    }


# --- Eliminations by context

CLOUD_ENVIRONMENTS = frozenset({"public_cloud", "hybrid_cloud"})
# Network options that only work when hosts share a layer-2 segment are catalog data
# (Technology.needs_l2_adjacency; survey, 网络选型 › 方案类别: Macvlan "needs layer-2 support, which
# most cloud providers do not offer, so it is hard in hybrid clouds"; flannel's host-gw has the same
# limit, facts §7b item 10).
L2_SOURCE = "survey-network-schemes"


def l2_dependencies(slug: str, required: Iterable[str], needs_l2: Callable[[str], bool]) -> tuple[str, ...]:
    """Why a technology needs L2 adjacency: itself, or what it requires (transitively) that does;
    ``needs_l2`` says whether one technology does (its catalog record)."""
    if needs_l2(slug):
        return (slug,)
    return tuple(sorted(other for other in required if needs_l2(other)))


def is_cloud(context: Context) -> bool:
    return context.environment in CLOUD_ENVIRONMENTS


# --- Eliminations by what the team runs: existing infrastructure, public clouds

# existing_infra answer -> the technologies the team thereby runs already.
INFRA_PROVIDES: Mapping[str, frozenset[str]] = {
    "openstack": frozenset({"openstack"}),
    "vlan": frozenset({"vlan"}),
    "ovs_sdn": frozenset({"open-vswitch", "ovn", "openflow"}),
}
# Infrastructure nobody adopts for the sake of one layer's pick. The survey's companies used Neutron
# and nova-docker because they already ran OpenStack (业界使用架构 › 京东, 去哪儿), and a VLAN-isolated
# large layer-2 network because they ran the switches (魅族云).
INFRASTRUCTURE = frozenset().union(*INFRA_PROVIDES.values())
INFRA_SOURCE = "survey-case-jd"
# Layers of what a team runs beneath the platform (the cloud it is on, its hosts): their records are
# infrastructure a team has, never something deployed to satisfy another pick (nobody builds an
# OpenStack cloud to run OpenStack Zun), so they are never "obtainable" (scoring.obtainable).
INFRASTRUCTURE_LAYERS = frozenset({"iaas", "host"})

# Public clouds, whose managed services (which `requires` them in the catalog) exist only there, are
# the catalog's managed records of an infrastructure layer (scoring.public_clouds): Alibaba Cloud and
# UCloud's public cloud are, OpenStack (self-hosted) is not.
ON_PREMISES = frozenset({"bare_metal", "private_cloud"})


def provided_infrastructure(context: Context) -> frozenset[str]:
    """The technologies the existing_infra answer says the team runs."""
    return _provided(context.existing_infra)


@functools.lru_cache(maxsize=256)  # a few dozen answer sets exist; the search asks thousands of times
def _provided(existing_infra: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(INFRA_PROVIDES.get(value, frozenset()) for value in existing_infra))


def excludes_public_cloud(context: Context) -> bool:
    return context.environment in ON_PREMISES


def missing_infrastructure_message(infra: str, via: str, existing: str) -> Words:
    values = {"infra": infra, "via": via, "existing": existing}
    if via:
        return msg("rule.needs_through_your_existing_infrastructure") % values
    return msg("elimination.needs_missing_infrastructure") % values


def public_cloud_message(provider: str, environment: str) -> Words:
    return msg("elimination.needs_public_cloud") % {"provider": provider, "environment": environment}


def provider_message(provider: str) -> Words:
    return msg("explanation.provider") % {"provider": provider}


# --- Context lines


@dataclasses.dataclass(frozen=True, slots=True)
class ContextRule:
    key: str  # the explanation line's requirement key
    # level -> the source its line cites when nothing more specific does (and the snapshot has it):
    # the scale line cites the case study behind its evidence, the existing-infrastructure line the
    # relation that makes the fit. A level without an entry cites nothing: there is no claim to cite.
    sources: FrozenDict = EMPTY


SCALE = ContextRule("context:scale")  # cites the case study that shows the scale
# yes: survey, Kubernetes item 5 (Go "有助于二次开发"); no: Qiniu found Marathon's Scala hard to debug.
TEAM_LANGUAGES = ContextRule(
    "context:team_languages", FrozenDict({"yes": "survey-kubernetes", "no": "survey-case-qiniu"})
)
EXISTING_INFRA = ContextRule("context:existing_infra", FrozenDict({"yes": INFRA_SOURCE}))  # JD: OpenStack + OVS
SCHEDULED_JOBS = ContextRule("context:workloads", FrozenDict({"yes": "survey-stack"}))  # 分布式计划任务 row
# Weightless: a public-cloud service in a hybrid or public cloud says that it ties you to its provider.
PROVIDER = ContextRule("context:provider")

CONTEXT_RULES: tuple[ContextRule, ...] = (SCALE, TEAM_LANGUAGES, EXISTING_INFRA, SCHEDULED_JOBS, PROVIDER)

RULE_NAMES = {
    SCALE.key: label("rule_name", SCALE.key),
    TEAM_LANGUAGES.key: label("rule_name", TEAM_LANGUAGES.key),
    EXISTING_INFRA.key: label("rule_name", EXISTING_INFRA.key),
    SCHEDULED_JOBS.key: label("rule_name", SCHEDULED_JOBS.key),
    PROVIDER.key: label("rule_name", PROVIDER.key),
}

# hosts answer -> weight of the scale line; smaller estates get no scale line.
SCALE_WEIGHTS: Mapping[str, int] = {"500_5000": 1, "gt5000": 3}
# Case studies that count as evidence of operating at scale.
PROVEN_SCALES = frozenset({"500_5000", "gt5000"})

EXTENSIBILITY = "extensibility"
# Technology languages a team-language answer covers (a team answering "other" knows some language
# outside the list; whether it is this technology's cannot be told: level unknown).
KNOWN_TEAM_LANGUAGES = frozenset(value for value in contract.TEAM_LANGUAGES if value != "other")

# existing_infra answer -> the technologies that are that infrastructure or its own parts. Anything
# related to one of them (a relation of any kind in either direction) fits it too.
INFRA_ANCHORS: Mapping[str, frozenset[str]] = {
    "openstack": INFRA_PROVIDES["openstack"] | {"openstack-neutron", "nova-docker", "openstack-zun"},
    "vlan": INFRA_PROVIDES["vlan"],
    "ovs_sdn": INFRA_PROVIDES["ovs_sdn"],
}
INFRA_RELATION_KINDS = frozenset({"alternative", "requires", "integrates_with"})
INFRA_WEIGHT = 3

SCHEDULED_JOBS_CATEGORY = "scheduled_jobs"
SCHEDULED_JOBS_WORKLOAD = "scheduled_jobs"
SCHEDULED_JOBS_WEIGHT = 3


def scale_weight(context: Context) -> int:
    return SCALE_WEIGHTS.get(context.hosts, 0) if context.hosts else 0


def language_level(language: str, team_languages: frozenset[str]) -> str:
    """yes: the team knows the system's language; no: it does not; unknown: cannot tell."""
    if language in team_languages:
        return "yes"
    if language in KNOWN_TEAM_LANGUAGES:
        return "no"
    return "unknown" if "other" in team_languages or language in ("other", "none") else "no"


def infra_fit(slug: str, neighbours: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The existing_infra answers a technology fits, each with the source that shows the fit.

    It fits when it is related (a relation of a kind in INFRA_RELATION_KINDS, either direction) to
    one of the infrastructure's anchors — citing that relation's source, a relation to the
    infrastructure itself first — or when it is an anchor itself (citing the rule's source).
    ``neighbours`` holds (related technology, the relation's source) pairs.
    """
    fits = {}
    for infra in sorted(INFRA_ANCHORS):
        for anchors in (INFRA_PROVIDES[infra], INFRA_ANCHORS[infra]):
            citations = sorted(citation for other, citation in neighbours if other in anchors)
            if citations:
                fits[infra] = citations[0] or INFRA_SOURCE
                break
        else:
            if slug in INFRA_ANCHORS[infra]:
                fits[infra] = INFRA_SOURCE
    return fits


def scale_message(level: str, companies: list[str], hosts: str) -> Words:
    estate = text.value_label("hosts", hosts)
    if level == "yes":
        return msg("rule.documented_2026_run_your_scale") % {"hosts": estate}
    if level == "partial":
        return msg("rule.used_500_hosts_or_more") % {
            "companies": text.join(companies, ordered=True),
            "hosts": estate,
        }
    return msg("rule.no_case_study_500_hosts") % {"hosts": estate}


def language_message(level: str, language: str, team: Iterable[str]) -> Words:
    values = {"language": language, "team": text.join(team)}
    if level == "yes":
        return msg("rule.written_which_your_team_knows") % values
    if level == "no":
        return msg("rule.written_which_your_team_does") % values
    return msg("rule.written_whether_your_team_knows") % values


def infra_message(level: str, fits: Iterable[str], existing: Iterable[str]) -> Words:
    if level == "yes":
        return msg("rule.fits_your_existing_infrastructure") % {
            "infra": text.join(text.value_label("existing_infra", value) for value in fits)
        }
    return msg("rule.has_no_known_relation_your") % {
        "infra": text.join(text.value_label("existing_infra", value) for value in existing)
    }


def scheduled_jobs_message() -> Words:
    return msg("rule.your_workloads_include_scheduled_jobs")


def tie_break_message(code: str, values: Mapping[str, str]) -> Words:
    """Why a candidate is placed ahead of ``values["other"]``, which it is tied with (within
    TIE_MARGIN points). Never by name: what no consideration separates is said to be undecided."""
    if code == "lifecycle":
        message = msg("tie.lifecycle")
    elif code == "licence":
        message = msg("tie.licence")
    elif code == "maturity":
        message = msg("tie.maturity")
    elif code == "portability":
        message = msg("tie.portability")
    elif code == "confidence":
        message = msg("tie.confidence")
    elif code == "score":
        message = msg("tie.score")
    else:
        message = msg("tie.undecided")
    return message % {**values, "margin": f"{TIE_MARGIN:g}"}


# --- Decision model v2 (PRODUCT.md, "Decision model v2")

# Evidence strength (v2 point 4). A line's level counts in full when its claim is fresh; a stale claim
# (past its review-by date) keeps STALE_WEIGHT of it. The line's range runs from what the evidence
# verifies (low: level × trust) to that plus everything it leaves open (high: the unverified share
# could be a "yes"), so a stale or unknown line widens the candidate's score range.
STALE_WEIGHT = (1 + STALE_TRUST) / 2


def evidence_points(weight: int, factor: float, trust: float) -> tuple[float, float, float]:
    """(points, low, high) of one weighted line."""
    return (
        weight * factor * (1 + trust) / 2,
        weight * factor * trust,
        weight * (factor * trust + (1 - trust)),
    )


# Ties (v2 point 5): candidates whose scores are within TIE_MARGIN points (of 100) are tied. Among
# tied candidates the order follows named considerations, never the name: lifecycle first, then
# licence openness, then maturity; what none of them separates stays "undecided".
TIE_MARGIN = 2.0
# Portability: a managed service of a cloud the answers do not name yields to a portable option.
CONSIDERATIONS: tuple[str, ...] = ("lifecycle", "licence", "portability", "maturity")
# The codes a ``tie_break`` note carries (scoring.tie_break): a consideration, then the score, the
# confidence, or "undecided" where nothing separates the two.
TIE_BREAKS: tuple[str, ...] = (*CONSIDERATIONS, "score", "confidence", "undecided")
# Licence openness for self-hosted software (a managed service is judged by delivery, not licence).
OPENNESS: Mapping[str, int] = {
    "permissive": 0,
    "copyleft": 0,
    "not_applicable": 0,
    "source_available": 2,
    "proprietary": 3,
}
# An open licence offered only as one choice beside source-available ones ("AGPL-3.0-only OR
# Elastic-2.0 OR SSPL-1.0") is open, and passes an OSI-only policy; but the vendor's own builds ship
# under the restrictive choice and it has changed the terms before, so in a tie it yields to a
# project that is open without alternatives (between the open families and source-available).
OPEN_BESIDE_SOURCE_AVAILABLE = 1
# SPDX identifiers (and the LicenseRef the catalog uses) of the source-available licences.
SOURCE_AVAILABLE_LICENCES = frozenset({"BUSL-1.1", "Elastic-2.0", "SSPL-1.0", "LicenseRef-RSALv2"})


def openness(license_family: str, license: str) -> int:
    """A self-hosted technology's place in the licence consideration of a tie (lower is more open)."""
    rank = OPENNESS.get(license_family, 0)
    if rank == 0 and SOURCE_AVAILABLE_LICENCES.intersection(license.replace("(", " ").replace(")", " ").split()):
        return OPEN_BESIDE_SOURCE_AVAILABLE
    return rank


MATURITY_ORDER: Mapping[str, int] = {"graduated": 0, "incubating": 1, "sandbox": 2, "unknown": 3}
LIFECYCLE_ORDER_V2: Mapping[str, int] = {
    "active": 0,
    "maintenance": 1,
    "unverified": 2,
    "dormant": 3,
    "deprecated": 4,
    "retired": 5,
}

# Context lines of v2. Maturity: how much a graduated (or equivalent) pick is preferred, by risk
# appetite (unanswered counts as balanced). Delivery: a managed service preferred when asked for, or
# a little in a public or hybrid cloud, and more for a platform team of fewer than three. Lifecycle:
# active over maintenance or unverified, and legacy options (when included at all) heavily penalised.
MATURITY = ContextRule("context:maturity")
DELIVERY = ContextRule("context:delivery")
LIFECYCLE = ContextRule("context:lifecycle")
RULE_NAMES |= {
    MATURITY.key: label("rule_name", MATURITY.key),
    DELIVERY.key: label("rule_name", DELIVERY.key),
    LIFECYCLE.key: label("rule_name", LIFECYCLE.key),
}
MATURITY_LEVELS: Mapping[str, str] = {"graduated": "yes", "incubating": "partial", "sandbox": "no", "unknown": "no"}
MATURITY_WEIGHTS: Mapping[str | None, int] = {"conservative": 3, "balanced": 1, None: 1, "adventurous": 0}
LIFECYCLE_LEVELS: Mapping[str, str] = {
    "active": "yes",
    "maintenance": "partial",
    "unverified": "partial",
    "dormant": "no",
    "deprecated": "no",
    "retired": "no",
}
LIFECYCLE_WEIGHT = 2  # maintenance / unverified against active
LEGACY_LIFECYCLE_WEIGHT = 5  # when legacy options are ranked at all: as much as a must
MANAGED = "managed"
CLOUD_PROVIDER_VALUES = frozenset({"aws", "gcp", "azure", "alibaba", "tencent", "huawei"})


def maturity_weight(context: Context) -> int:
    return MATURITY_WEIGHTS.get(context.risk_appetite, 1)


def delivery_weight(context: Context) -> int:
    if context.delivery == "managed":
        return 3
    if context.delivery == "self_hosted":
        return 0
    weight = 1 if context.environment in CLOUD_ENVIRONMENTS else 0
    if context.platform_team == "lt3" and context.environment not in ON_PREMISES:
        weight += 2
    return min(weight, 3)


def cloud_only(providers: Iterable[str]) -> bool:
    """A managed service that only a public cloud offers (not an independent SaaS such as Docker Hub)."""
    providers = frozenset(providers)
    return bool(providers) and providers <= CLOUD_PROVIDER_VALUES


def licence_excluded(license_family: str, delivery: str, policy: str | None) -> bool:
    """Whether the licence policy rules out self-hosted software of this licence family."""
    if delivery == MANAGED or policy in (None, "commercial_ok"):
        return False
    if policy == "osi_only":
        return license_family in ("source_available", "proprietary")
    return license_family == "proprietary"  # source_available_ok


def maturity_message(maturity: str) -> Words:
    return msg("explanation.maturity") % {"maturity": text.maturity_word(maturity)}


def delivery_message(level: str, through: Any = None) -> Words:
    """``through``: the managed service that runs a self-hosted platform for you (Amazon EKS)."""
    if through is not None:
        return msg("rule.managed_through") % {"service": through}
    if level == "yes":
        return msg("rule.managed_service_provider_runs_upgrades")
    return msg("rule.self_hosted_your_team_runs")


def lifecycle_message(status: str) -> Words:
    return msg("rule.lifecycle_today") % {"status": text.status_word(status)}


# Trade-offs (v2 point 7): tensions between requirements, reported when both sides are must or should.
TRADE_OFFS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("simplicity_vs_extensibility", ("operational_simplicity",), ("extensibility",)),
    ("simplicity_vs_preemption", ("operational_simplicity",), ("priority_preemption",)),
    ("simplicity_vs_multi_tenancy", ("operational_simplicity",), ("multi_tenancy",)),
    ("simplicity_vs_service_mesh", ("operational_simplicity",), ("service_mesh",)),
    ("fixed_ip_vs_no_ip_planning", ("fixed_ip",), ("no_manual_ip_planning",)),
    ("performance_vs_encryption", ("network_performance",), ("encryption_in_transit",)),
)
STRONG = frozenset({"must", "should"})
