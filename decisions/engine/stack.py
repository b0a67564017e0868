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

import functools
from typing import Any

from . import rules, text
from .answers import Context
from .explain import tie_message
from .scoring import Ranking, cloud_needs, infra_needs, l2_needs, requires, standing, targets, tie_break, tied
from .snapshot import Snapshot
from .words import Words, msg


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


def unusable_reason(snapshot: Snapshot, slug: str, context: Context) -> Words:
    technology = snapshot.technologies[slug]
    if technology.kind == rules.IN_HOUSE_KIND:
        return msg("stack.house_system") % {"company": text.company_name(snapshot, technology.owner)}
    if technology.status in rules.LEGACY_STATUSES and not context.include_legacy:
        return msg("stack.legacy_technologies_are_excluded") % {"status": text.status_word(technology.status)}
    if slug in cloud_needs(snapshot) and rules.excludes_public_cloud(context):
        return msg("stack.runs_only_public_cloud_outside") % {
            "provider": text.join(text.technology_name(snapshot, cloud) for cloud in cloud_needs(snapshot)[slug]),
            "environment": text.value_label("environment", context.environment),
        }
    missing = _missing_infrastructure(snapshot, slug, context)
    if missing:
        return msg("stack.needs_which_your_existing_infrastructure") % {
            "infra": text.join(text.technology_name(snapshot, target) for target in missing)
        }
    return msg("stack.needs_hosts_one_layer_2") % {"environment": text.value_label("environment", context.environment)}


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
    snapshot: Snapshot, rankings: list[Ranking], context: Context
) -> tuple[list[dict], list[dict], list[str], list[dict], list[dict]]:
    """Return (stack entries, conflicts, every technology slug in the stack, one role entry per
    ranking, notes for the result's messages: the platforms the answers imply).

    Rankings come in layer then role order. For each role, what the stack already holds is tried
    first: a pick of an earlier role that also fills this role, or something an earlier pick
    ``provides`` (Kubernetes provides CoreDNS as cluster DNS). It fills the role when it meets every
    must and should requirement of the role; otherwise the role picks its own candidate and says
    which answers needed more. A role whose candidates all need a different earlier pick (an EKS
    needs Kubernetes as the orchestrator) stays empty and says why.
    """
    required = requires(snapshot)
    brought = provides(snapshot)
    partners = works_with(snapshot)
    listed_in: dict[str, list[int]] = {}  # technology -> evaluated roles (positions) that list it
    for index, ranking in enumerate(rankings):
        for slug in (*(member.slug for member in ranking.table.members), *ranking.table.in_house):
            listed_in.setdefault(slug, []).append(index)

    def check(index: int, slug: str, in_stack: set[str]) -> _Check:
        result = _Check()
        seen = {slug}
        queue = [(slug, False)]  # (technology, reached through a prerequisite)
        while queue:
            current, beyond = queue.pop(0)
            for target in required.get(current, ()):
                if target in seen or (target in in_stack and target not in implied):
                    continue
                seen.add(target)
                homes = listed_in.get(target, ())
                earlier = [home for home in homes if home < index]
                if earlier and not beyond:
                    result.problems.append((current, target, "requirement_not_picked"))
                elif unusable(snapshot, target, context):
                    result.problems.append((current, target, "requirement_eliminated"))
                elif homes and not beyond:
                    result.with_.append(target)
                    queue.append((target, False))
                else:
                    # What a prerequisite needs is its own part, not a pick of this stack: cert-manager
                    # needs Kubernetes (no layer evaluated picks it), which brings its own etcd
                    # whatever the discovery layer picks as the service registry.
                    result.prerequisites.append(target)
                    queue.append((target, True))
        return result

    def closure(slug: str) -> set[str]:
        """What picking ``slug`` needs from the evaluated roles: its requirements listed in one,
        directly or through others listed in one. The walk stops at a prerequisite (listed in none):
        what that needs is its own part (see ``check``)."""
        known = closures.get(slug)
        if known is None:
            known, queue = set(), [slug]
            while queue:
                for target in required.get(queue.pop(), ()):
                    if target not in known and target in listed_in:
                        known.add(target)
                        queue.append(target)
            closures[slug] = known
        return known

    closures: dict[str, set[str]] = {}
    must = rules.IMPORTANCE_WEIGHTS["must"]
    must_keys = [
        {key for key, weight in zip(ranking.table.keys, ranking.weights, strict=True) if weight >= must}
        for ranking in rankings
    ]

    def stranded(index: int, slug: str) -> list[int]:
        """Later roles with a must of their own (a key the role at ``index`` is not scored on) whose
        every candidate requires a rival of ``slug`` for the role at ``index``: picking ``slug``
        would leave that must with no option (Nomad leaves GitOps without one: Argo CD and Flux
        require Kubernetes)."""
        found = []
        own_keys = set(rankings[index].table.keys)
        for later in range(index + 1, len(rankings)):
            if not must_keys[later] - own_keys or not rankings[later].ranked:
                continue
            if all(
                any(target != slug and index in listed_in.get(target, ()) for target in closure(candidate.member.slug))
                for candidate in rankings[later].ranked
            ):
                found.append(later)
        return found

    def platforms(slug: str) -> set[str]:
        """What ``slug`` itself needs that no evaluated role lists: a platform it runs on, which no
        answered layer picks. (What a listed requirement needs in turn is that pick's own part.)"""
        return {target for target in required.get(slug, ()) if target not in listed_in}

    # A must that only options needing one platform can meet implies that platform, even when its
    # layer was not answered: every certificate manager in the catalog needs Kubernetes, so the
    # stack assumes Kubernetes, and what Kubernetes provides (CoreDNS, kube-proxy) fills its roles.
    implied: dict[str, list[int]] = {}
    for index, ranking in enumerate(rankings):
        if not must_keys[index] or not ranking.ranked:
            continue
        common = set.intersection(*(platforms(entry.member.slug) for entry in ranking.ranked))
        for platform in sorted(common):
            if not unusable(snapshot, platform, context):
                implied.setdefault(platform, []).append(index)

    stack, conflicts, roles, notes = [], [], [], []
    decided: dict[tuple[str, str], str] = {}  # (layer, role) -> the technology that fills it
    in_stack: dict[str, str | None] = {}  # technology -> the pick that provides it (None: picked itself)
    picks: dict[int, str] = {}
    filled: set[str] = set()  # technologies that fill a role of the stack so far

    def add(slug: str, provider: str | None) -> None:
        queue = [(slug, provider)]
        while queue:
            current, by = queue.pop()
            if current in in_stack:
                continue
            in_stack[current] = by
            queue.extend((target, by or current) for target in brought.get(current, ()))

    for platform, indexes in implied.items():
        add(platform, None)
        notes.append(
            {
                "code": "implied_platform",
                "category": rankings[indexes[0]].table.category,
                "technology": text.technology_ref(snapshot, platform),
                "message": msg("message.implied_platform")
                % {
                    "platform": text.technology_name(snapshot, platform),
                    "roles": text.join(
                        _unit_name(snapshot, rankings[index].table.category, rankings[index].table.role)
                        for index in indexes
                    ),
                },
            }
        )

    for index, ranking in enumerate(rankings):  # already in layer, then role, order
        table_ = ranking.table
        category, role = table_.category, table_.role
        ranked = [entry.member.slug for entry in ranking.ranked]
        entry: dict[str, Any] = {
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
                            "technology": text.technology_ref(snapshot, slug),
                            "requirements": [
                                {"requirement": key, "importance": rules.WEIGHT_LABELS[weight], "level": level}
                                for key, weight, level in gaps
                            ],
                        }
                    )
        if filler is not None:
            filled.add(filler)
            if role is not None:
                decided[(category, role)] = filler
            provider = in_stack[filler] or filler
            entry.update(
                pick=text.technology_ref(snapshot, filler),
                provided_by=text.technology_ref(snapshot, provider),
                reason={
                    "code": "provided" if provider != filler else "already_picked",
                    "message": _provided_message(snapshot, filler, provider, role),
                },
                needs_more=[],
            )
            stack.append(
                {
                    "category": category,
                    "role": role,
                    "technology": text.technology_ref(snapshot, filler),
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
                    "message": msg("stack.no_candidate_left_see_why")
                    % {"category": _unit_name(snapshot, category, role)},
                }
            )
            entry["reason"] = {"code": "no_candidates", "message": conflicts[-1]["message"]}
            continue
        bound = _bound_by_platform(snapshot, role, in_stack, brought, partners)
        order = ranked if bound is None else [slug for slug in ranked if slug in bound[1]]
        if not order:
            assert bound is not None  # ranked is not empty
            entry["reason"] = {"code": "platform_bound", "message": _platform_bound_message(snapshot, bound[0], role)}
            continue
        # An option that also fills an earlier role of this layer, where something else was picked,
        # would replace that pick (Kube-OVN as IP management is also a second pod network): it
        # comes after the options that work with the earlier picks, unless none does.
        displaces = {slug: _displaces(snapshot, category, slug, decided, partners) for slug in order}
        compatible = [slug for slug in order if displaces[slug] is None]
        if compatible and len(compatible) < len(order):
            order = compatible
        choice = None
        results = {}
        for slug in order:
            result = results[slug] = check(index, slug, set(in_stack))
            if not result.problems:
                choice = slug
                break
        fit_partners: list[str] = []
        if choice == order[0] == ranked[0] and in_stack:
            held = set(in_stack)
            choice, fit_partners = _better_fit(
                ranking, choice, held, partners, functools.partial(check, index, in_stack=held)
            )
            if fit_partners:
                result = results[choice] = check(index, choice, set(in_stack))
        strands: list[int] = []
        if choice is not None and (strands := stranded(index, choice)):
            # A must elsewhere that only a rival can serve decides this role: the first candidate
            # (in rank order) that strands fewer of those musts, if any, is picked instead.
            leader, fewest = choice, len(strands)
            for slug in order[order.index(leader) + 1 :]:
                result = results[slug] = check(index, slug, set(in_stack))
                if result.problems:
                    continue
                count = len(stranded(index, slug))
                if count < fewest:
                    choice, fewest = slug, count
                    if not count:
                        break
            result = results[choice]
            strands = strands if choice != leader else []
        if (
            choice is None
            and role is not None
            and all(code == "requirement_not_picked" for result in results.values() for _s, _t, code in result.problems)
        ):
            needed = sorted({target for result in results.values() for _s, target, _c in result.problems})
            entry["reason"] = {
                "code": "no_compatible_candidate",
                "message": msg("stack.every_option_needs_which_stack")
                % {
                    "role": _unit_name(snapshot, category, role),
                    "needed": text.join(text.technology_name(snapshot, slug) for slug in needed),
                },
            }
            continue
        if choice is None:
            choice = order[0]
            result = results[choice]
            for source, target, code in result.problems:
                conflicts.append(
                    _conflict(snapshot, category, source, target, code, picks, listed_in, rankings, context)
                    | {"role": role}
                )
        message: Words = ""
        if fit_partners:
            message = msg("stack.tie_fits_stack") % {
                "leader": text.technology_name(snapshot, ranked[0]),
                "partners": text.join(text.technology_name(snapshot, slug) for slug in fit_partners),
            }
        elif strands:
            needed = sorted(
                {
                    target
                    for later in strands
                    for candidate in rankings[later].ranked
                    for target in closure(candidate.member.slug)
                    if index in listed_in.get(target, ()) and target != ranked[0]
                }
            )
            message = msg("stack.picked_over_leaves_must") % {
                "leader": text.technology_name(snapshot, ranked[0]),
                "roles": text.join(
                    _unit_name(snapshot, rankings[later].table.category, rankings[later].table.role)
                    for later in strands
                ),
                "needed": text.join(text.technology_name(snapshot, slug) for slug in needed),
            }
        elif choice != ranked[0] and (displaced := displaces.get(ranked[0])) is not None and ranked[0] not in order:
            earlier_role, earlier = displaced
            message = msg("stack.picked_over_would_replace") % {
                "leader": text.technology_name(snapshot, ranked[0]),
                "earlier": text.technology_name(snapshot, earlier),
                "role": _unit_name(snapshot, category, earlier_role),
            }
        elif choice != ranked[0] and ranked[0] not in order:
            assert bound is not None
            message = msg("stack.picked_over_platform_bound") % {
                "leader": text.technology_name(snapshot, ranked[0]),
                "platform": text.technology_name(snapshot, bound[0]),
                "role": _unit_name(snapshot, category, role),
            }
        elif choice != ranked[0]:
            passed_over = results[ranked[0]]
            message = msg("stack.picked_over_which_requires") % {
                "leader": text.technology_name(snapshot, ranked[0]),
                "missing": text.join(
                    text.technology_name(snapshot, target) for target in sorted({p[1] for p in passed_over.problems})
                ),
                "reason": text.sentences(
                    *(
                        _conflict(snapshot, category, source, target, code, picks, listed_in, rankings, context)[
                            "message"
                        ]
                        for source, target, code in passed_over.problems
                    )
                ),
            }
        left_open = _cloud_left_open(ranking, ranking.ranked[ranked.index(choice)], context) if not strands else []
        if left_open:
            entry["reason"] = {
                "code": "choose_cloud",
                "message": msg("stack.choose_cloud")
                % {
                    "services": text.join(
                        msg("stack.service_on_cloud")
                        % {
                            "service": text.technology_name(snapshot, member.slug),
                            "cloud": text.value_label("cloud_providers", provider),
                        }
                        for member, provider in left_open
                    )
                },
            }
            continue
        picks[index] = choice
        # A component that came with an earlier pick and fell short here is replaced by this pick:
        # it no longer runs, so it fills no later role (Calico taking the pods off the VPC CNI also
        # takes its network policy). One that already fills a role stays.
        for item in entry["needs_more"]:
            replaced = item["technology"]["slug"]
            if in_stack.get(replaced) is not None and replaced not in filled:
                del in_stack[replaced]
        add(choice, None)
        for slug in (*result.with_, *result.prerequisites):
            add(slug, choice)
        filled.add(choice)
        if role is not None:
            decided[(category, role)] = choice
        chosen = ranking.ranked[ranked.index(choice)]
        tied_with = [
            text.technology_ref(snapshot, other.member.slug)
            for other in ranking.ranked
            if other.member.slug != choice and other.member.slug in order and tied(chosen, other)
        ]
        reason: dict[str, Any] | None = None
        if entry["needs_more"]:
            reason = {"code": "needs_more", "message": _needs_more_message(snapshot, entry["needs_more"])}
        elif tied_with and choice == ranked[0] and len(order) > 1:
            tie = tie_break(ranking.ranked[0], ranking.ranked[1])
            reason = {
                "code": f"tie_{tie}",
                "message": tie_message(snapshot, ranking.ranked[0], ranking.ranked[1]),
            }
        if fit_partners and reason is None:
            reason = {"code": "tie_fit", "message": message}
        per_cloud = _one_per_cloud(ranking, chosen, context)
        if per_cloud:
            # You run on several clouds: each has its own managed service for the role.
            reason = {
                "code": "per_provider",
                "message": msg("stack.one_per_cloud")
                % {
                    "services": text.join(
                        msg("stack.service_on_cloud")
                        % {
                            "service": text.technology_name(snapshot, member.slug),
                            "cloud": text.value_label("cloud_providers", provider),
                        }
                        for member, provider in per_cloud
                    )
                },
            }
        entry.update(pick=text.technology_ref(snapshot, choice), tied_with=tied_with, reason=reason)
        stack.append(
            {
                "category": category,
                "role": role,
                "technology": text.technology_ref(snapshot, choice),
                "rank": ranked.index(choice) + 1,
                "with": [text.technology_ref(snapshot, slug) for slug in result.with_],
                "prerequisites": [text.technology_ref(snapshot, slug) for slug in result.prerequisites],
                "message": message,
                "provided_by": None,
                "tied_with": tied_with,
            }
        )
    return stack, conflicts, sorted(in_stack), roles, notes


def _bound_by_platform(
    snapshot: Snapshot, role: str | None, in_stack: dict[str, str | None], brought, partners
) -> tuple[str, set[str]] | None:
    """On a managed platform, who may fill a role bound to it (``RoleInfo.bound_to_platform``).

    A managed service in the stack that provides a component of such a layer (EKS brings the VPC
    CNI) decides that role: only what it provides, or a technology it is recorded to work with
    (AWS lists Calico, Cilium and Antrea for EKS), can fill it. Returns (the platform, the allowed
    technologies), or None when no managed pick binds the role.
    """
    info = snapshot.roles.get(role) if role is not None else None
    if info is None or not info.bound_to_platform:
        return None
    bound_roles = {slug for slug, other in snapshot.roles.items() if other.bound_to_platform}
    for platform, provider in in_stack.items():
        if provider is not None or snapshot.technologies[platform].delivery != rules.MANAGED:
            continue
        own: set[str] = set()
        queue = list(brought.get(platform, ()))
        while queue:
            current = queue.pop()
            if current not in own:
                own.add(current)
                queue.extend(brought.get(current, ()))
        if any(bound_roles.intersection(snapshot.technologies[slug].roles) for slug in own):
            return platform, own | partners.get(platform, set())
    return None


def _displaces(
    snapshot: Snapshot, category: str, slug: str, decided: dict[tuple[str, str], str], partners
) -> tuple[str, str] | None:
    """(role, pick) of an earlier role of ``category`` that ``slug`` also fills while another
    technology, not recorded to work with it, was picked there; None when there is none."""
    for (layer, role), earlier in decided.items():
        if (
            layer == category
            and earlier != slug
            and role in snapshot.technologies[slug].roles
            and slug not in partners.get(earlier, ())
        ):
            return role, earlier
    return None


def _platform_bound_message(snapshot: Snapshot, platform: str, role: str | None) -> Words:
    return msg("stack.platform_bound") % {
        "platform": text.technology_name(snapshot, platform),
        "role": _unit_name(snapshot, snapshot.roles[role].category if role else "", role),
    }


def _one_per_cloud(ranking: Ranking, chosen, context: Context) -> list[tuple[Any, str]]:
    """When the pick is a managed service of one of several clouds you named and tied options are
    managed services of the others: (member, cloud) for each cloud, the pick's first. Empty otherwise."""
    return _per_cloud(ranking, chosen, sorted(context.cloud_providers))


def _cloud_left_open(ranking: Ranking, chosen, context: Context) -> list[tuple[Any, str]]:
    """When you named no cloud and the pick is one cloud's managed service, tied with other clouds'
    own: which one is right depends only on the cloud you use, so nothing is picked by name.
    (member, cloud) for each cloud; empty when the pick stands."""
    if context.cloud_providers or not rules.cloud_only(chosen.member.providers):
        return []
    return _per_cloud(ranking, chosen, sorted(rules.CLOUD_PROVIDER_VALUES))


def _per_cloud(ranking: Ranking, chosen, clouds: list[str]) -> list[tuple[Any, str]]:
    member = chosen.member
    if len(clouds) < 2 or member.delivery != rules.MANAGED:
        return []
    found: dict[str, Any] = {}
    for entry in (chosen, *(other for other in ranking.ranked if other is not chosen and tied(chosen, other))):
        if entry.member.delivery != rules.MANAGED:
            continue
        for cloud in clouds:
            if cloud in entry.member.providers and cloud not in found:
                found[cloud] = entry.member
                break
    if len(found) < 2:
        return []
    first = next(cloud for cloud in clouds if found.get(cloud) is member)
    order = [first, *(cloud for cloud in clouds if cloud in found and cloud != first)]
    return [(found[cloud], cloud) for cloud in order]


def works_with(snapshot: Snapshot) -> dict[str, set[str]]:
    """Technology -> what it is recorded to work with (``integrates_with``, either direction; cached)."""
    found = snapshot._index.get("works_with")
    if found is None:
        found = {}
        for source, linked in targets(snapshot, "integrates_with").items():
            for target in linked:
                found.setdefault(source, set()).add(target)
                found.setdefault(target, set()).add(source)
        snapshot._index["works_with"] = found
    return found


def _better_fit(ranking: Ranking, leader: str, in_stack: set[str], partners, check) -> tuple[str, list[str]]:
    """In an undecided tie (nothing but the name separates the options), the option recorded to work
    with more of what the stack already holds: Alertmanager beside Prometheus. Returns the pick and
    the partners that decided it (empty: the leader stays)."""
    first = ranking.ranked[0]
    in_stack = in_stack - {entry.member.slug for entry in ranking.ranked}  # partners, not rivals
    best, best_partners = leader, sorted(partners.get(leader, set()) & in_stack)
    for other in ranking.ranked[1:]:
        if standing(other) != standing(first):
            break
        slug = other.member.slug
        found = sorted(partners.get(slug, set()) & in_stack)
        if len(found) > len(best_partners) and not check(slug).problems:
            best, best_partners = slug, found
    return (best, best_partners) if best != leader else (leader, [])


def _unit_name(snapshot: Snapshot, category: str, role: str | None) -> str:
    return text.role_name(snapshot, role) if role else text.category_name(snapshot, category)


def _provided_message(snapshot: Snapshot, filler: str, provider: str, role: str | None) -> Words:
    values = {
        "technology": text.technology_name(snapshot, filler),
        "provider": text.technology_name(snapshot, provider),
        "role": text.role_name(snapshot, role),
    }
    if filler == provider:
        return msg("stack.already_stack_also_covers") % values
    return msg("stack.provided_covers_as_your_answers") % values


def _needs_more_message(snapshot: Snapshot, needs_more: list[dict]) -> str:
    parts = []
    for item in needs_more:
        parts.append(
            msg("stack.comes_with_stack_but_does")
            % {
                "technology": item["technology"]["name"],
                "requirements": text.join(
                    text.cat(
                        text.capability_name(snapshot, gap["requirement"]),
                        " (",
                        text.importance_label(gap["importance"]),
                        ": ",
                        text.level_label(gap["level"]),
                        ")",
                    )
                    for gap in item["requirements"]
                ),
            }
        )
    return text.sentences(*parts)


def _conflict(snapshot, category, source, target, code, picks, listed_in, rankings, context) -> dict[str, Any]:
    names = {
        "technology": text.technology_name(snapshot, source),
        "required": text.technology_name(snapshot, target),
    }
    if code == "requirement_not_picked":
        home = (
            next(home for home in listed_in[target] if home in picks)
            if any(home in picks for home in listed_in[target])
            else listed_in[target][0]
        )
        unit = rankings[home].table
        names["category"] = _unit_name(snapshot, unit.category, unit.role)
        if home in picks:
            names["pick"] = text.technology_name(snapshot, picks[home])
            message = msg("stack.requires_but_stack_picks")
        else:
            message = msg("stack.requires_which_has_no_candidate")
        message = message % names
    else:
        names["reason"] = unusable_reason(snapshot, target, context)
        message = msg("stack.requires_which_cannot_be_used") % names
    return {
        "code": code,
        "category": category,
        "technology": text.technology_ref(snapshot, source),
        "requires": text.technology_ref(snapshot, target),
        "message": message,
    }
