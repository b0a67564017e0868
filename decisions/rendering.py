"""Read-time rendering of the engine's language-free output (``decisions/engine/words.py``).

The engine stores codes with parameters and bilingual catalog data; this module, outside the
engine, words them in the reader's language with gettext. A rendered output has exactly the keys
and meaning the engine's output always had when it ran once per language (API clients, pages, the
ADR export and the diff read it unchanged); ``language`` is the reader's ("zh-hans" or "en").

- ``render_output(output, language)`` — a stored result, worded;
- ``render_why_not(output, slug, language)`` — the why-not answer for a technology, worded;
- ``render_errors(errors)`` — validation errors, worded in the active language;
- ``render(value)`` — any language-free value, in the active language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from django.utils.translation import gettext_lazy as _

from catalog.choices import LEVEL_WORDS, Importance, Status
from platform_survey.i18n import content_language

from . import stored_output
from .engine import whynot

# The engine's message codes and their English text (the msgid gettext translates).
MESSAGES = {
    "answer.answers_must_be_object_mapping": gettext_noop("Answers must be an object mapping question keys to values."),
    "answer.given_twice": gettext_noop("“%(value)s” is given twice in “%(key)s”."),
    "answer.none_cannot_be_combined_with": gettext_noop("“none” cannot be combined with other values in “%(key)s”."),
    "answer.not_valid_answer_allowed": gettext_noop(
        "“%(value)s” is not a valid answer for “%(key)s”; allowed: %(allowed)s."
    ),
    "answer.takes_list_values_not_allowed": gettext_noop(
        "“%(key)s” takes a list of values, not “%(value)s”; allowed: %(allowed)s."
    ),
    "answer.unknown_question_key": gettext_noop("Unknown question key “%(key)s”."),
    "elimination.delivery_excluded": gettext_noop("A managed service, and you want to run the platform yourselves."),
    "elimination.in_house": gettext_noop("An in-house system of %(company)s: nobody outside %(company)s can adopt it."),
    "elimination.in_house_unknown_company": gettext_noop("another company"),
    "elimination.legacy_hint": gettext_noop("To rank it anyway, answer yes to “include legacy technologies”."),
    "elimination.legacy_since": gettext_noop("%(status)s since %(since)s."),
    "elimination.legacy_since_successors": gettext_noop("%(status)s since %(since)s; consider %(successors)s instead."),
    "elimination.legacy_status": gettext_noop("%(status)s."),
    "elimination.legacy_successors": gettext_noop("%(status)s; consider %(successors)s instead."),
    "elimination.licence_excluded": gettext_noop(
        "Its licence (%(license)s) is not open source, and your policy is “%(policy)s”."
    ),
    "elimination.must_unmet": gettext_noop("Does not meet the must requirement “%(requirement)s” (level: no)."),
    "elimination.needs_l2_adjacency": gettext_noop(
        "Needs hosts on one layer-2 network, which a %(environment)s network does not give containers."
    ),
    "elimination.needs_l2_adjacency_via": gettext_noop(
        "Relies on %(via)s, which needs hosts on one layer-2 network; a %(environment)s network "
        "does not give containers that."
    ),
    "elimination.needs_missing_infrastructure": gettext_noop(
        "Needs %(infra)s, which your existing infrastructure (%(existing)s) does not include: worth"
        " it only where %(infra)s already runs."
    ),
    "elimination.needs_public_cloud": gettext_noop(
        "Runs only in %(provider)s's public cloud, outside a %(environment)s estate: choose it only"
        " if you move workloads there."
    ),
    "elimination.provider_excluded": gettext_noop("Offered only by %(providers)s, which you do not use (%(yours)s)."),
    "explanation.maturity": gettext_noop("It is %(maturity)s."),
    "explanation.provider": gettext_noop(
        "Runs only in %(provider)s's public cloud: choosing it ties you to that provider."
    ),
    "explanation.via": gettext_noop("Through %(technology)s, which completes it."),
    "message.no_requirement_answered_so_no": gettext_noop(
        "No requirement is answered, so no layer is evaluated. Answer must, should or could for the"
        " requirements of the layers you are choosing; the context answers then adjust them."
    ),
    "message.your_answer_matters_which_you": gettext_noop(
        "Your answer to “%(key)s” (%(values)s) matters for %(category)s, which you did not ask "
        "about: answer its requirements to have it evaluated."
    ),
    "risk.check_stale_lines_explanation_against": gettext_noop(
        "Check the stale lines of its explanation against its current documentation."
    ),
    "risk.confirm_with_maintainers_that_still": gettext_noop(
        "Confirm with its maintainers that it is still developed before you adopt it."
    ),
    "risk.expect_no_new_features": gettext_noop("Expect no new features."),
    "risk.expect_no_new_features_keep": gettext_noop("Expect no new features; keep an eye on %(successors)s."),
    "risk.have_licence_reviewed_before_you": gettext_noop("Have the licence reviewed before you build on it."),
    "risk.have_licence_reviewed_open_alternatives": gettext_noop(
        "Have the licence reviewed; open alternatives: %(alternatives)s."
    ),
    "risk.keep_open_interfaces_kubernetes_apis": gettext_noop(
        "Keep to open interfaces (Kubernetes APIs, CSI, OCI, OpenTelemetry) so you can move."
    ),
    "risk.licence_source_available": gettext_noop(
        "%(technology)s is source-available (%(license)s), not open source: its terms can restrict "
        "competing or hosted use."
    ),
    "risk.lifecycle_legacy": gettext_noop("%(technology)s is %(status)s."),
    "risk.lifecycle_maintenance": gettext_noop("%(technology)s gets fixes only."),
    "risk.lifecycle_unverified": gettext_noop("Nothing newer than 2017 tells what became of %(technology)s."),
    "risk.must_partial": gettext_noop("%(technology)s meets the must “%(requirement)s” only in part."),
    "risk.must_unknown": gettext_noop("Nobody has shown that %(technology)s meets the must “%(requirement)s”."),
    "risk.plan_move": gettext_noop("Plan the move to %(successors)s."),
    "risk.plan_move_maintained_alternative": gettext_noop("Plan a move to a maintained alternative."),
    "risk.prove_missing_part_pilot_before": gettext_noop(
        "Prove the missing part in a pilot before you commit, or plan the add-on that covers it."
    ),
    "risk.single_provider": gettext_noop("%(technology)s exists only at %(providers)s."),
    "risk.stale_evidence": gettext_noop(
        "%(share)s of what %(technology)s is ranked on rests on claims past their review date."
    ),
    "risk.test_yourself_before_you_rely": gettext_noop("Test it yourself before you rely on it."),
    "rule.documented_2026_run_your_scale": gettext_noop(
        "Documented in 2026 to run at your scale (your estate: %(hosts)s)."
    ),
    "rule.fits_your_existing_infrastructure": gettext_noop("Fits your existing infrastructure: %(infra)s."),
    "rule.has_no_known_relation_your": gettext_noop(
        "Has no known relation to your existing infrastructure (%(infra)s)."
    ),
    "rule.lifecycle_today": gettext_noop("Lifecycle today: %(status)s."),
    "rule.managed_service_provider_runs_upgrades": gettext_noop(
        "A managed service: the provider runs, upgrades and scales it."
    ),
    "rule.needs_through_your_existing_infrastructure": gettext_noop(
        "Needs %(infra)s through %(via)s, and your existing infrastructure (%(existing)s) does not "
        "include it: worth it only where %(infra)s already runs."
    ),
    "rule.no_case_study_500_hosts": gettext_noop(
        "No case study of 500 hosts or more uses it (your estate: %(hosts)s)."
    ),
    "rule.raised_from_could_role_evaluated": gettext_noop(
        "Raised from %(from)s to could: the role is evaluated, and this is what makes an option fit"
        " a container platform at all."
    ),
    "rule.raised_from_your_answer_includes": gettext_noop(
        "Raised from %(from)s to %(to)s: your answer to “%(key)s” includes %(values)s."
    ),
    "rule.self_hosted_your_team_runs": gettext_noop("Self-hosted: your team runs, upgrades and is on call for it."),
    "rule.used_500_hosts_or_more": gettext_noop(
        "Used at 500 hosts or more by %(companies)s in the 2017 survey: history, not 2026 evidence "
        "(your estate: %(hosts)s)."
    ),
    "rule.written_whether_your_team_knows": gettext_noop(
        "Written in %(language)s; whether your team (%(team)s) knows it cannot be told."
    ),
    "rule.written_which_your_team_does": gettext_noop(
        "Written in %(language)s, which your team does not list (%(team)s): extending or debugging "
        "it will be harder, as Qiniu found with Marathon's Scala."
    ),
    "rule.written_which_your_team_knows": gettext_noop(
        "Written in %(language)s, which your team knows (%(team)s): you can extend and debug it."
    ),
    "rule.your_workloads_include_scheduled_jobs": gettext_noop(
        "Your workloads include scheduled jobs, which this layer runs."
    ),
    "sensitivity.if_were_instead_would_lead": gettext_noop(
        "If “%(question)s” were %(to)s instead of %(from)s, %(new_leader)s would lead."
    ),
    "sensitivity.no_single_change_one_answer": gettext_noop(
        "No single change of one answer makes another candidate lead %(category)s."
    ),
    "stack.already_stack_also_covers": gettext_noop("%(technology)s, already in the stack, also covers %(role)s."),
    "stack.comes_with_stack_but_does": gettext_noop(
        "%(technology)s comes with the stack but does not fully meet %(requirements)s."
    ),
    "stack.every_option_needs_which_stack": gettext_noop(
        "Every option for %(role)s needs %(needed)s, which the stack does not use."
    ),
    "stack.house_system": gettext_noop("it is an in-house system of %(company)s."),
    "stack.legacy_technologies_are_excluded": gettext_noop("it is %(status)s and legacy technologies are excluded."),
    "stack.needs_hosts_one_layer_2": gettext_noop(
        "it needs hosts on one layer-2 network, which a %(environment)s network does not give."
    ),
    "stack.needs_which_your_existing_infrastructure": gettext_noop(
        "it needs %(infra)s, which your existing infrastructure does not include."
    ),
    "stack.no_candidate_left_see_why": gettext_noop(
        "No candidate is left in %(category)s: see why each option was eliminated."
    ),
    "stack.picked_over_which_requires": gettext_noop("Picked over %(leader)s, which requires %(missing)s: %(reason)s"),
    "stack.picked_over_would_replace": gettext_noop(
        "Picked over %(leader)s, which would also take over %(role)s from %(earlier)s, picked there."
    ),
    "stack.picked_over_platform_bound": gettext_noop(
        "Picked over %(leader)s: %(platform)s chooses %(role)s with the cluster, and supports only its own "
        "component or the ones it lists."
    ),
    "stack.platform_bound": gettext_noop(
        "%(platform)s chooses %(role)s with the cluster, and none of the options that meet your answers is its own "
        "component or one it supports: it stays with what %(platform)s provides."
    ),
    "rule.managed_through": gettext_noop(
        "Available as a managed service through %(service)s: the provider runs and upgrades its control plane."
    ),
    "stack.one_per_cloud": gettext_noop(
        "You run on several clouds, and each has its own managed service for this role: %(services)s."
    ),
    "stack.service_on_cloud": gettext_noop("%(service)s on %(cloud)s"),
    "stack.choose_cloud": gettext_noop(
        "Each public cloud has its own managed service for this role, and they tie: %(services)s. "
        "Say which clouds you use (cloud providers) to get a pick."
    ),
    "stack.tie_fits_stack": gettext_noop(
        "Tied with %(leader)s, and nothing else separates them; picked because it works with %(partners)s, "
        "already in the stack."
    ),
    "message.implied_platform": gettext_noop(
        "Every option for %(roles)s needs %(platform)s, so the stack assumes it, with what it provides, "
        "although you did not answer its layer."
    ),
    "stack.picked_over_leaves_must": gettext_noop(
        "Picked over %(leader)s: every option for %(roles)s, which your must answers ask for, needs %(needed)s."
    ),
    "stack.provided_covers_as_your_answers": gettext_noop(
        "Provided by %(provider)s: %(technology)s covers %(role)s as your answers ask."
    ),
    "stack.requires_but_stack_picks": gettext_noop(
        "%(technology)s requires %(required)s, but the stack picks %(pick)s for %(category)s."
    ),
    "stack.requires_which_cannot_be_used": gettext_noop(
        "%(technology)s requires %(required)s, which cannot be used: %(reason)s"
    ),
    "stack.requires_which_has_no_candidate": gettext_noop(
        "%(technology)s requires %(required)s, which %(category)s has no candidate for."
    ),
    "stack.runs_only_public_cloud_outside": gettext_noop(
        "it runs only in the public cloud of %(provider)s, outside a %(environment)s estate."
    ),
    "text.no_answer": gettext_noop("(no answer)"),
    "tie.confidence": gettext_noop(
        "Tied with %(other)s at %(score)s; placed ahead because more of its evidence is current "
        "(confidence %(mine)s against %(theirs)s)."
    ),
    "tie.licence": gettext_noop(
        "Tied with %(other)s (%(score)s against %(their_score)s); placed ahead for its more open "
        "licence (%(mine)s against %(theirs)s)."
    ),
    "tie.lifecycle": gettext_noop(
        "Tied with %(other)s (%(score)s against %(their_score)s); placed ahead because it is "
        "%(mine)s and %(other)s is %(theirs)s."
    ),
    "tie.maturity": gettext_noop(
        "Tied with %(other)s (%(score)s against %(their_score)s); placed ahead because it is more "
        "mature (%(mine)s against %(theirs)s)."
    ),
    "tie.portability": gettext_noop(
        "Tied with %(other)s (%(score)s against %(their_score)s); placed ahead because %(other)s "
        "exists only in a cloud you did not name."
    ),
    "tie.score": gettext_noop(
        "Tied with %(other)s: %(score)s against %(their_score)s is within the margin of %(margin)s "
        "points, and no consideration (lifecycle, licence, portability, maturity) separates them. "
        "Either is a sound choice."
    ),
    "tie.undecided": gettext_noop(
        "Tied with %(other)s at %(score)s, and no consideration (lifecycle, licence, portability, "
        "maturity) separates them: undecided. Either is a sound choice."
    ),
    "trade_off.cloud_managed_service_proprietary_even": gettext_noop(
        "A cloud's managed service is proprietary even when the software inside it is open source."
    ),
    "trade_off.fixed_ips_vlan_designs_rely": gettext_noop(
        "Fixed IPs and VLAN designs rely on layer-2 adjacency, which public and hybrid clouds do not give containers."
    ),
    "trade_off.licence_policy_was_applied_software": gettext_noop(
        "The licence policy was applied to software you run; managed services were judged by the delivery answer."
    ),
    "trade_off.no_pick_scored_both_sides": gettext_noop("No pick is scored on both sides."),
    "trade_off.operational_simplicity_was_raised_should": gettext_noop(
        "Operational simplicity was raised to should; consider managed services for the layers you "
        "do not differentiate on."
    ),
    "trade_off.options_that_need_layer_2": gettext_noop(
        "Options that need layer 2 were eliminated; fixed IPs come from the CNI's IP management "
        "instead (see the IP management role)."
    ),
    "trade_off.pull_against_each_other_few": gettext_noop(
        "“%(left)s” and “%(right)s” pull against each other: few options are strong at both."
    ),
    "trade_off.resolution_pick": gettext_noop("%(technology)s (%(role)s) — %(levels)s."),
    "trade_off.running_every_layer_yourselves_with": gettext_noop(
        "Running every layer yourselves with fewer than three people leaves nobody spare for upgrades and on-call."
    ),
    "why_not.no_role_this_evaluation_asked": gettext_noop(
        "No role this evaluation asked about lists it: its layer was not evaluated, or it is a "
        "building block that comes with other choices."
    ),
    "why_not.pick_this_role": gettext_noop("It is the pick for this role."),
    "why_not.role_filled_technology_that_comes": gettext_noop(
        "The role is filled by a technology that comes with the stack."
    ),
    "why_not.ruled_out": gettext_noop("Ruled out: %(reasons)s"),
    "why_not.scores_against_context_lines": gettext_noop(
        "%(technology)s scores %(score)s against %(pick)s's %(pick_score)s on the context lines."
    ),
    "why_not.scores_against_loses": gettext_noop(
        "%(technology)s scores %(score)s against %(pick)s's %(pick_score)s; it loses on:"
    ),
    "why_not.tied_with_against_was_placed": gettext_noop(
        "Tied with %(pick)s (%(score)s against %(pick_score)s): %(pick)s was placed first on the "
        "considerations shown with the pick."
    ),
}

# --- Label tables (``{"$l": table, "k": key}``)

STATUS_LABELS = dict(Status.choices)

MATURITY_LABELS = {
    "graduated": _("graduated or equivalent"),
    "incubating": _("incubating or equivalent"),
    "sandbox": _("early (sandbox or equivalent)"),
    "unknown": _("of unknown maturity"),
}

IMPORTANCE_LABELS = dict(Importance.choices)

LANGUAGE_LABELS = {
    "go": "Go",
    "java": "Java",
    "scala": "Scala",
    "python": "Python",
    "c_cpp": "C / C++",
    "rust": "Rust",
    "ruby": "Ruby",
    "typescript": "JavaScript / TypeScript",
    "shell": "Shell",
    "php": "PHP",
    "lua": "Lua",
    "other": _("another language"),
    "none": _("no programming language"),
}

CONTEXT_KEY_LABELS = {
    "hosts": _("number of hosts"),
    "environment": _("environment"),
    "workloads": _("workloads"),
    "team_languages": _("team languages"),
    "datacenters": _("data centres"),
    "existing_infra": _("existing infrastructure"),
    "include_legacy": _("include legacy technologies"),
    "licence_policy": _("licence policy"),
    "delivery": _("delivery"),
    "cloud_providers": _("cloud providers"),
    "platform_team": _("platform team"),
    "risk_appetite": _("risk appetite"),
}


VALUE_LABELS = {
    "hosts": {
        "lt50": _("Fewer than 50 hosts"),
        "50_500": _("50–500 hosts"),
        "500_5000": _("500–5,000 hosts"),
        "gt5000": _("More than 5,000 hosts"),
    },
    "environment": {
        "bare_metal": _("bare metal"),
        "private_cloud": _("private cloud"),
        "public_cloud": _("public cloud"),
        "hybrid_cloud": _("hybrid cloud"),
    },
    "workloads": {
        "stateless": _("stateless services"),
        "databases": _("databases"),
        "message_queues": _("message queues"),
        "scheduled_jobs": _("scheduled jobs"),
        "big_data": _("big data"),
    },
    "team_languages": {
        "go": "Go",
        "java": "Java",
        "scala": "Scala",
        "python": "Python",
        "c_cpp": "C / C++",
        "other": _("other languages"),
    },
    "datacenters": {"single": _("one data centre"), "multi": _("several data centres")},
    "existing_infra": {"openstack": "OpenStack", "vlan": "VLAN", "ovs_sdn": "OVS / SDN", "none": _("none")},
    "include_legacy": {"true": _("yes"), "false": _("no")},
    "licence_policy": {
        "osi_only": _("open source only"),
        "source_available_ok": _("source-available acceptable"),
        "commercial_ok": _("commercial acceptable"),
    },
    "delivery": {"managed": _("managed services"), "self_hosted": _("self-hosted"), "either": _("either")},
    "cloud_providers": {
        "aws": "AWS",
        "gcp": "Google Cloud",
        "azure": "Azure",
        "alibaba": _("Alibaba Cloud"),
        "tencent": _("Tencent Cloud"),
        "huawei": _("Huawei Cloud"),
        "other": _("another provider"),
    },
    "platform_team": {"lt3": _("fewer than 3 people"), "3_10": _("3 to 10 people"), "gt10": _("more than 10 people")},
    "risk_appetite": {"conservative": _("conservative"), "balanced": _("balanced"), "adventurous": _("adventurous")},
}


LICENSE_FAMILY_LABELS = {
    "permissive": _("permissive open source"),
    "copyleft": _("copyleft open source"),
    "source_available": _("source-available"),
    "proprietary": _("proprietary"),
    "not_applicable": _("not applicable"),
}


LEVEL_LABELS = LEVEL_WORDS


RULE_NAMES = {
    "context:scale": gettext_lazy("Proven at your scale"),
    "context:team_languages": gettext_lazy("Written in a language your team knows"),
    "context:existing_infra": gettext_lazy("Fits your existing infrastructure"),
    "context:workloads": gettext_lazy("Runs scheduled jobs"),
    "context:provider": gettext_lazy("Independent of one cloud provider"),
    "context:maturity": gettext_lazy("Mature and widely adopted"),
    "context:delivery": gettext_lazy("Delivered the way you prefer"),
    "context:lifecycle": gettext_lazy("Actively maintained"),
}


def _value_label(key_value: Any) -> str:
    key, value = key_value
    return str(VALUE_LABELS.get(key, {}).get(value, value or ""))


def _table(table: Mapping[str, Any]):
    def label(key: Any) -> str:
        return str(table.get(key, key))

    return label


LABELS = {
    "status": _table(STATUS_LABELS),
    "status_word": lambda key: str(STATUS_LABELS.get(key, key)).lower(),
    "maturity": _table(MATURITY_LABELS),
    "importance": _table(IMPORTANCE_LABELS),
    "language": _table(LANGUAGE_LABELS),
    "context_key": _table(CONTEXT_KEY_LABELS),
    "value": _value_label,
    "license_family": _table(LICENSE_FAMILY_LABELS),
    "level": _table(LEVEL_LABELS),
    "rule_name": _table(RULE_NAMES),
}


_PLAIN = frozenset({str, int, float, bool, type(None)})

# Punctuation the engine writes between the parts of a "$cat" (as whole parts, never inside a name),
# in its Chinese full-width form. The stored output is language-free, so results stored before this
# mapping read correctly too.
CHINESE_PUNCTUATION = {" (": "（", ")": "）", ": ": "："}


class _Renderer:
    """Words language-free values in one language (gettext must already speak it)."""

    __slots__ = ("chinese", "labels", "memo")

    def __init__(self, language: str):
        self.chinese = language.startswith("zh")
        self.memo: dict[str, str] = {}
        self.labels: dict[tuple[str, Any], str] = {}

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is list:
            return [item if type(item) in _PLAIN else self(item) for item in value]
        if not isinstance(value, dict):
            return value
        if len(value) <= 3:  # every marker has at most three keys
            if "$m" in value:
                return self.message(value)
            if "$l" in value:
                return self.label(value["$l"], value["k"])
            if "$join" in value:
                items = [str(self(item)) for item in value["$join"]]
                if value.get("sorted"):
                    items = sorted(set(items))
                return ("、" if self.chinese else ", ").join(items)
            if "$s" in value:
                return ("" if self.chinese else " ").join(str(self(part)) for part in value["$s"] if part)
            if "$cat" in value:
                parts = value["$cat"]
                if self.chinese:  # the engine's separators, e.g. "固定 IP（必须：否）", not "固定 IP (必须: 否)"
                    parts = [CHINESE_PUNCTUATION.get(part, part) if type(part) is str else part for part in parts]
                return "".join(str(self(part)) for part in parts)
            if len(value) == 2 and "zh" in value and "en" in value:
                return value["zh"] if self.chinese else value["en"]
        return {key: item if type(item) in _PLAIN else self(item) for key, item in value.items()}

    def label(self, table: str, key: Any) -> str:
        # The same few labels recur thousands of times in a result: each is translated once.
        memo_key = (table, tuple(key) if type(key) is list else key)  # keys are strings or [key, value]
        word = self.labels.get(memo_key)
        if word is None:
            word = self.labels[memo_key] = LABELS[table](key)
        return word

    def message(self, value: Mapping[str, Any]) -> str:
        code = value["$m"]
        template = self.memo.get(code)
        if template is None:
            template = self.memo[code] = gettext(MESSAGES[code])
        params = value.get("p")
        if params is None:
            return template
        return template % {key: self(item) for key, item in params.items()}


def render(value: Any, language: str | None = None) -> Any:
    """A language-free value worded in ``language`` (default: the active language)."""
    language = content_language_code(language)
    with translation.override(language):
        return _Renderer(language)(value)


def content_language_code(language: str | None) -> str:
    """The two languages outputs are rendered in: "zh-hans" or "en" (``content_language``'s rule:
    English for en-*, Chinese otherwise and when nothing is active)."""
    return "en" if content_language(language) == "en" else "zh-hans"


def render_output(output: Mapping[str, Any], language: str | None) -> dict[str, Any]:
    """A stored, language-free result in the reader's language, in the shape the engine's output
    always had (``language`` set to the reader's)."""
    code = content_language_code(language)
    # Each layer's first role is worded once and shared by its two places (stored_output).
    rendered = stored_output.expanded(render(stored_output.compact(output), code))
    rendered["language"] = code
    return rendered


def render_why_not(output: Mapping[str, Any], slug: str, language: str | None) -> dict[str, Any]:
    """The why-not answer (``decisions.engine.whynot``) for ``slug``, worded for the reader."""
    return render(whynot.answer(output, slug), content_language_code(language))


def render_errors(errors: Mapping[str, list[Any]]) -> dict[str, list[str]]:
    """Validation errors (codes with parameters) in the active language."""
    return {key: [str(render(message)) for message in messages] for key, messages in errors.items()}


def evaluate(answers: Mapping[str, Any], snapshot: Any, language: str = "en") -> dict[str, Any]:
    """Run the engine and render its output at once (tests, benchmarks, the equivalence check).
    The application stores the language-free output and renders it when it is read."""
    from . import engine

    return render_output(engine.evaluate(answers, snapshot), language)


def validate_answers(raw: Any, *, requirement_keys: Any = None) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``engine.validate_answers`` with its errors worded in the active language."""
    from . import engine

    clean, errors = engine.validate_answers(raw, requirement_keys=requirement_keys)
    return clean, render_errors(errors)
