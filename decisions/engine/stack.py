"""A coherent stack: one pick per evaluated category that respects ``requires`` relations (engine point 5).

Dependencies flow down the layers (the survey's stack table order: orchestration first). The
categories are picked in that order, each taking its highest-ranked candidate whose requirements
are all met. Walking a candidate's ``requires`` relations transitively, a required technology R is:

- met when it is already in the stack (an earlier pick or something that came with one);
- *with* the candidate when R is listed in the candidate's own category or in a *later* evaluated
  one: it comes along as a component (Marathon brings Mesos; Kubernetes brings etcd, which does not
  take the discovery layer's place — that layer still picks what its own answers rank first);
- a *prerequisite* when R is in no evaluated category (a runtime, a protocol, an untouched layer);
- unmet when R is listed in an *earlier* evaluated category that picked something else
  (``requirement_not_picked``: Marathon-LB needs the orchestration pick to be Marathon) or when R
  cannot be used at all — a legacy technology excluded by include_legacy, an L2-only option in a
  cloud, a public-cloud service on premises, infrastructure the team does not run (OpenStack
  without existing_infra openstack), another company's in-house system
  (``requirement_eliminated``). A component's ``must`` gaps do not count against it: the musts
  judge a layer's pick, not the parts inside another pick (Canal bundles Flannel even when Flannel
  alone fails a must on network policy).

A category where no candidate's requirements can be met keeps its top candidate, and every unmet
requirement is reported in ``conflicts``; so is a category with no candidate left (``no_candidates``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from . import rules, text
from .answers import Context
from .explain import tie_message
from .scoring import Ranking, cloud_needs, infra_needs, l2_needs, requires, targets, tie_break, tied
from .snapshot import Snapshot


class _Check:
    __slots__ = ("prerequisites", "problems", "with_")

    def __init__(self):
        self.with_: list[str] = []
        self.prerequisites: list[str] = []
        self.problems: list[tuple[str, str, str]] = []  # (technology, required technology, code)


def unusable(snapshot: Snapshot, slug: str, context: Context) -> bool:
    """Whether a technology cannot be part of any stack for these answers, whatever it is needed for."""
    technology = snapshot.technologies[slug]
    return (
        technology.kind == rules.IN_HOUSE_KIND
        or (technology.status in rules.LEGACY_STATUSES and not context.include_legacy)
        or (slug in l2_needs(snapshot) and rules.is_cloud(context))
        or (slug in cloud_needs(snapshot) and rules.excludes_public_cloud(context))
        or bool(_missing_infrastructure(snapshot, slug, context))
    )


def _missing_infrastructure(snapshot: Snapshot, slug: str, context: Context) -> list[str]:
    provided = rules.provided_infrastructure(context)
    return [target for target in infra_needs(snapshot).get(slug, ()) if target not in provided]


def unusable_reason(snapshot: Snapshot, slug: str, context: Context, lang: str) -> str:
    technology = snapshot.technologies[slug]
    if technology.kind == rules.IN_HOUSE_KIND:
        return gettext("it is an in-house system of %(company)s.") % {
            "company": text.company_name(snapshot, technology.owner, lang)
        }
    if technology.status in rules.LEGACY_STATUSES and not context.include_legacy:
        return gettext("it is %(status)s and legacy technologies are excluded.") % {
            "status": str(text.STATUS_LABELS.get(technology.status, technology.status)).lower()
        }
    if slug in cloud_needs(snapshot) and rules.excludes_public_cloud(context):
        return gettext("it runs only in the public cloud of %(provider)s, outside a %(environment)s estate.") % {
            "provider": text.join(text.technology_name(snapshot, cloud, lang) for cloud in cloud_needs(snapshot)[slug]),
            "environment": text.value_label("environment", context.environment),
        }
    missing = _missing_infrastructure(snapshot, slug, context)
    if missing:
        return gettext("it needs %(infra)s, which your existing infrastructure does not include.") % {
            "infra": text.join(text.technology_name(snapshot, target, lang) for target in missing)
        }
    return gettext("it needs hosts on one layer-2 network, which a %(environment)s network does not give.") % {
        "environment": text.value_label("environment", context.environment)
    }


def provides(snapshot: Snapshot) -> dict[str, tuple[str, ...]]:
    """Technology -> what picking it brings along, configured (``provides`` relations)."""
    return targets(snapshot, "provides")


def shortfalls(snapshot: Snapshot, slug: str, ranking: Ranking) -> list[tuple[str, int, str]]:
    """The weighted must and should requirements of a role that a technology does not fully meet:
    (key, weight, level). Empty: it does the job as far as the answers ask."""
    technology = snapshot.technologies[slug]
    gaps = []
    for key, weight in zip(ranking.table.keys, ranking.weights, strict=True):
        if weight >= rules.IMPORTANCE_WEIGHTS["should"]:
            assessment = technology.assessments.get(key)
            level = assessment.level if assessment is not None else "unknown"
            if level != "yes":
                gaps.append((key, weight, level))
    return gaps


def build_stack(
    snapshot: Snapshot, rankings: list[Ranking], context: Context, lang: str
) -> tuple[list[dict], list[dict], list[str], list[dict]]:
    """Return (stack entries, conflicts, every technology slug in the stack, one role entry per ranking).

    Rankings come in layer then role order. For each role, what the stack already holds is tried
    first: a pick of an earlier role that also fills this role, or something an earlier pick
    ``provides`` (Kubernetes provides CoreDNS as cluster DNS). It fills the role when it meets every
    must and should requirement of the role; otherwise the role picks its own candidate and says
    which answers needed more. A role whose candidates all need a different earlier pick (an EKS
    needs Kubernetes as the orchestrator) stays empty and says why.
    """
    required = requires(snapshot)
    brought = provides(snapshot)
    listed_in: dict[str, list[int]] = {}  # technology -> evaluated roles (positions) that list it
    for index, ranking in enumerate(rankings):
        for slug in (*(member.slug for member in ranking.table.members), *ranking.table.in_house):
            listed_in.setdefault(slug, []).append(index)

    def check(index: int, slug: str, in_stack: set[str]) -> _Check:
        result = _Check()
        seen = {slug}
        queue = [slug]
        while queue:
            current = queue.pop(0)
            for target in required.get(current, ()):
                if target in seen or target in in_stack:
                    continue
                seen.add(target)
                homes = listed_in.get(target, ())
                earlier = [home for home in homes if home < index]
                if earlier:
                    result.problems.append((current, target, "requirement_not_picked"))
                elif unusable(snapshot, target, context):
                    result.problems.append((current, target, "requirement_eliminated"))
                elif homes:
                    result.with_.append(target)
                    queue.append(target)
                else:
                    result.prerequisites.append(target)
                    queue.append(target)
        return result

    stack, conflicts, roles = [], [], []
    in_stack: dict[str, str | None] = {}  # technology -> the pick that provides it (None: picked itself)
    picks: dict[int, str] = {}

    def add(slug: str, provider: str | None) -> None:
        queue = [(slug, provider)]
        while queue:
            current, by = queue.pop()
            if current in in_stack:
                continue
            in_stack[current] = by
            queue.extend((target, by or current) for target in brought.get(current, ()))

    for index, ranking in enumerate(rankings):  # already in layer, then role, order
        table_ = ranking.table
        category, role = table_.category, table_.role
        ranked = [entry.member.slug for entry in ranking.ranked]
        entry = {
            "category": category,
            "role": role,
            "pick": None,
            "provided_by": None,
            "tied_with": [],
            "reason": None,
            "needs_more": [],
        }
        roles.append(entry)

        # 1. Something the stack already holds does the job.
        filler = None
        if role is not None:
            for slug in in_stack:
                if role in snapshot.technologies[slug].roles and not unusable(snapshot, slug, context):
                    gaps = shortfalls(snapshot, slug, ranking)
                    if not gaps:
                        filler = slug
                        break
                    entry["needs_more"].append(
                        {
                            "technology": text.technology_ref(snapshot, slug, lang),
                            "requirements": [
                                {"requirement": key, "importance": rules.WEIGHT_LABELS[weight], "level": level}
                                for key, weight, level in gaps
                            ],
                        }
                    )
        if filler is not None:
            provider = in_stack[filler] or filler
            entry.update(
                pick=text.technology_ref(snapshot, filler, lang),
                provided_by=text.technology_ref(snapshot, provider, lang),
                reason={
                    "code": "provided" if provider != filler else "already_picked",
                    "message": _provided_message(snapshot, filler, provider, role, lang),
                },
                needs_more=[],
            )
            stack.append(
                {
                    "category": category,
                    "role": role,
                    "technology": text.technology_ref(snapshot, filler, lang),
                    "rank": ranked.index(filler) + 1 if filler in ranked else None,
                    "with": [],
                    "prerequisites": [],
                    "message": entry["reason"]["message"],
                    "provided_by": entry["provided_by"],
                    "tied_with": [],
                }
            )
            continue

        # 2. The role's own candidates.
        if not ranked:
            conflicts.append(
                {
                    "code": "no_candidates",
                    "category": category,
                    "role": role,
                    "technology": None,
                    "requires": None,
                    "message": gettext("No candidate is left in %(category)s: see why each option was eliminated.")
                    % {"category": _unit_name(snapshot, category, role, lang)},
                }
            )
            entry["reason"] = {"code": "no_candidates", "message": conflicts[-1]["message"]}
            continue
        choice = None
        results = {}
        for slug in ranked:
            result = results[slug] = check(index, slug, set(in_stack))
            if not result.problems:
                choice = slug
                break
        if (
            choice is None
            and role is not None
            and all(code == "requirement_not_picked" for result in results.values() for _s, _t, code in result.problems)
        ):
            needed = sorted({target for result in results.values() for _s, target, _c in result.problems})
            entry["reason"] = {
                "code": "no_compatible_candidate",
                "message": gettext("Every option for %(role)s needs %(needed)s, which the stack does not use.")
                % {
                    "role": _unit_name(snapshot, category, role, lang),
                    "needed": text.join(text.technology_name(snapshot, slug, lang) for slug in needed),
                },
            }
            continue
        if choice is None:
            choice = ranked[0]
            result = results[choice]
            for source, target, code in result.problems:
                conflicts.append(
                    _conflict(snapshot, category, source, target, code, picks, listed_in, rankings, context, lang)
                    | {"role": role}
                )
        message = ""
        if choice != ranked[0]:
            passed_over = results[ranked[0]]
            message = gettext("Picked over %(leader)s, which requires %(missing)s: %(reason)s") % {
                "leader": text.technology_name(snapshot, ranked[0], lang),
                "missing": text.join(
                    text.technology_name(snapshot, target, lang)
                    for target in sorted({p[1] for p in passed_over.problems})
                ),
                "reason": text.sentences(
                    *(
                        _conflict(snapshot, category, source, target, code, picks, listed_in, rankings, context, lang)[
                            "message"
                        ]
                        for source, target, code in passed_over.problems
                    )
                ),
            }
        picks[index] = choice
        add(choice, None)
        for slug in (*result.with_, *result.prerequisites):
            add(slug, choice)
        chosen = ranking.ranked[ranked.index(choice)]
        tied_with = [
            text.technology_ref(snapshot, other.member.slug, lang)
            for other in ranking.ranked
            if other.member.slug != choice and tied(chosen, other)
        ]
        reason = None
        if entry["needs_more"]:
            reason = {"code": "needs_more", "message": _needs_more_message(snapshot, entry["needs_more"], lang)}
        elif tied_with and choice == ranked[0] and len(ranked) > 1:
            code = tie_break(ranking.ranked[0], ranking.ranked[1])
            reason = {
                "code": f"tie_{code}",
                "message": tie_message(snapshot, ranking.ranked[0], ranking.ranked[1], lang),
            }
        entry.update(pick=text.technology_ref(snapshot, choice, lang), tied_with=tied_with, reason=reason)
        stack.append(
            {
                "category": category,
                "role": role,
                "technology": text.technology_ref(snapshot, choice, lang),
                "rank": ranked.index(choice) + 1,
                "with": [text.technology_ref(snapshot, slug, lang) for slug in result.with_],
                "prerequisites": [text.technology_ref(snapshot, slug, lang) for slug in result.prerequisites],
                "message": message,
                "provided_by": None,
                "tied_with": tied_with,
            }
        )
    return stack, conflicts, sorted(in_stack), roles


def _unit_name(snapshot: Snapshot, category: str, role: str | None, lang: str) -> str:
    return text.role_name(snapshot, role, lang) if role else text.category_name(snapshot, category, lang)


def _provided_message(snapshot: Snapshot, filler: str, provider: str, role: str, lang: str) -> str:
    values = {
        "technology": text.technology_name(snapshot, filler, lang),
        "provider": text.technology_name(snapshot, provider, lang),
        "role": text.role_name(snapshot, role, lang),
    }
    if filler == provider:
        return gettext("%(technology)s, already in the stack, also covers %(role)s.") % values
    return gettext("Provided by %(provider)s: %(technology)s covers %(role)s as your answers ask.") % values


def _needs_more_message(snapshot: Snapshot, needs_more: list[dict], lang: str) -> str:
    parts = []
    for item in needs_more:
        parts.append(
            gettext("%(technology)s comes with the stack but does not fully meet %(requirements)s.")
            % {
                "technology": item["technology"]["name"],
                "requirements": text.join(
                    f"{text.capability_name(snapshot, gap['requirement'], lang)} "
                    f"({text.importance_label(gap['importance'])}: {gap['level']})"
                    for gap in item["requirements"]
                ),
            }
        )
    return text.sentences(*parts)


def _conflict(snapshot, category, source, target, code, picks, listed_in, rankings, context, lang) -> dict[str, Any]:
    names = {
        "technology": text.technology_name(snapshot, source, lang),
        "required": text.technology_name(snapshot, target, lang),
    }
    if code == "requirement_not_picked":
        home = (
            next(home for home in listed_in[target] if home in picks)
            if any(home in picks for home in listed_in[target])
            else listed_in[target][0]
        )
        unit = rankings[home].table
        names["category"] = _unit_name(snapshot, unit.category, unit.role, lang)
        if home in picks:
            names["pick"] = text.technology_name(snapshot, picks[home], lang)
            message = gettext("%(technology)s requires %(required)s, but the stack picks %(pick)s for %(category)s.")
        else:
            message = gettext("%(technology)s requires %(required)s, which %(category)s has no candidate for.")
        message = message % names
    else:
        names["reason"] = unusable_reason(snapshot, target, context, lang)
        message = gettext("%(technology)s requires %(required)s, which cannot be used: %(reason)s") % names
    return {
        "code": code,
        "category": category,
        "technology": text.technology_ref(snapshot, source, lang),
        "requires": text.technology_ref(snapshot, target, lang),
        "message": message,
    }
