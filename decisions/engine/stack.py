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
from .scoring import Ranking, category_order, cloud_needs, infra_needs, l2_needs, requires
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


def build_stack(
    snapshot: Snapshot, rankings: list[Ranking], context: Context, lang: str
) -> tuple[list[dict], list[dict], list[str]]:
    """Return (stack entries, conflicts, every technology slug in the stack)."""
    required = requires(snapshot)
    layer = {ranking.table.category: category_order(snapshot, ranking.table.category) for ranking in rankings}
    listed_in: dict[str, list[str]] = {}  # technology -> evaluated categories that list it
    for ranking in rankings:
        for slug in (*(member.slug for member in ranking.table.members), *ranking.table.in_house):
            listed_in.setdefault(slug, []).append(ranking.table.category)

    def check(category: str, slug: str, in_stack: set[str]) -> _Check:
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
                earlier = [home for home in homes if layer[home] < layer[category]]
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

    stack, conflicts, in_stack = [], [], set()
    picks: dict[str, str] = {}
    for ranking in rankings:  # already in layer order
        category = ranking.table.category
        ranked = [member.slug for _score, _points, member, _confidence in ranking.ranked]
        if not ranked:
            conflicts.append(
                {
                    "code": "no_candidates",
                    "category": category,
                    "technology": None,
                    "requires": None,
                    "message": gettext("No candidate is left in %(category)s: see why each option was eliminated.")
                    % {"category": text.category_name(snapshot, category, lang)},
                }
            )
            continue
        choice = None
        for slug in ranked:
            result = check(category, slug, in_stack)
            if not result.problems:
                choice = slug
                break
        if choice is None:
            choice = ranked[0]
            result = check(category, choice, in_stack)
            for source, target, code in result.problems:
                conflicts.append(_conflict(snapshot, category, source, target, code, picks, listed_in, context, lang))
        message = ""
        if choice != ranked[0]:
            passed_over = check(category, ranked[0], in_stack)
            message = gettext("Picked over %(leader)s, which requires %(missing)s: %(reason)s") % {
                "leader": text.technology_name(snapshot, ranked[0], lang),
                "missing": text.join(
                    text.technology_name(snapshot, target, lang)
                    for target in sorted({p[1] for p in passed_over.problems})
                ),
                "reason": text.sentences(
                    *(
                        _conflict(snapshot, category, source, target, code, picks, listed_in, context, lang)["message"]
                        for source, target, code in passed_over.problems
                    )
                ),
            }
        picks[category] = choice
        in_stack.add(choice)
        in_stack.update(result.with_)
        in_stack.update(result.prerequisites)
        stack.append(
            {
                "category": category,
                "technology": text.technology_ref(snapshot, choice, lang),
                "rank": ranked.index(choice) + 1,
                "with": [text.technology_ref(snapshot, slug, lang) for slug in result.with_],
                "prerequisites": [text.technology_ref(snapshot, slug, lang) for slug in result.prerequisites],
                "message": message,
            }
        )
    return stack, conflicts, sorted(in_stack)


def _conflict(snapshot, category, source, target, code, picks, listed_in, context, lang) -> dict[str, Any]:
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
        names["category"] = text.category_name(snapshot, home, lang)
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
