"""scoring.Ranker (the sensitivity search's prepared ranking) against scoring.rank, the reference.

The Ranker keeps what does not depend on the weights per context, and two caches: per weight vector
the requirement-line sums (shared by the rankers of one table across contexts) and per must set the
remaining members and context lines. Each test below reuses rankers and caches across many weight
vectors and contexts, so a cached value that does not belong to the question asked makes it fail.
"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.engine import rules, scoring
from decisions.engine.answers import Context, validate_answers
from decisions.engine.scoring import Ranker, rank, requirement_categories, table, units, with_followers
from decisions.engine.sensitivity import _context_variants

from .test_engine_properties import PROPERTY_SETTINGS, answers, snapshots

WEIGHTS = sorted(set(rules.IMPORTANCE_WEIGHTS.values()))


def reference(role_table, weights, context, slug):
    """What the search needs from a full ranking: its first entry and the entry of ``slug``."""
    ranked = rank(role_table, weights, context, detail=False).ranked
    if not ranked:
        return None, None
    return ranked[0], next((entry for entry in ranked if entry.member.slug == slug), None)


def comparable(entry):
    """Everything the search reads of an entry (the Ranker leaves ``high`` out: nothing reads it)."""
    if entry is None:
        return None
    return (entry.score, entry.points, entry.member, entry.confidence, entry.low, entry.considerations)


def tables_of(snap, context):
    categories = sorted({category for category in requirement_categories(snap).values()})
    for category, role in units(snap, categories):
        role_table = with_followers(snap, table(snap, category, role), context)
        if role_table.members and role_table.keys:
            yield role_table


@settings(PROPERTY_SETTINGS, max_examples=80)
@given(snap=snapshots(), raw=answers(), seed=st.integers(0, 2**32 - 1))
def test_ranker_leads_like_rank_under_many_weights_and_contexts(snap, raw, seed):
    rng = random.Random(seed)
    clean, _errors = validate_answers(raw, requirement_keys=requirement_categories(snap))
    context = Context.from_answers(clean)
    contexts = [context, *[changed for *_change, changed in _context_variants(context)][:6]]
    compared = 0
    for role_table in tables_of(snap, context):
        sums: dict = {}  # shared across the contexts, as the search shares it
        vectors = [tuple(rng.choice(WEIGHTS) for _ in role_table.keys) for _ in range(6)]
        vectors += vectors[:3]  # asked again: answered from the caches
        for changed in contexts:
            ranker = Ranker(role_table, changed, sums)
            for weights in vectors:
                for member in role_table.members[:3]:
                    got = ranker.top(weights, member.slug)
                    want = reference(role_table, weights, changed, member.slug)
                    assert tuple(map(comparable, got)) == tuple(map(comparable, want)), (weights, member.slug)
                    compared += 1
    assert compared or not any(tables_of(snap, context))


def test_a_wrong_cached_sum_is_caught():
    """The comparison above sees the caches: a sum stored for one weight vector and handed out for
    another gives a different score."""
    from .conftest import snapshot, tech

    snap = snapshot(
        tech("alpha", categories=("orchestration",), levels={"rolling_update": "yes", "autoscaling": "no"}),
        tech("beta", categories=("orchestration",), levels={"rolling_update": "no", "autoscaling": "yes"}),
    )
    context = Context()
    role_table = next(tables_of(snap, context))
    keys = role_table.keys
    first = tuple(3 if key == "rolling_update" else 0 for key in keys)
    second = tuple(3 if key == "autoscaling" else 0 for key in keys)
    sums: dict = {}
    ranker = Ranker(role_table, context, sums)
    assert ranker.top(first, "alpha")[0].member.slug == "alpha"
    assert ranker.top(second, "alpha")[0].member.slug == "beta"
    sums[second] = sums[first]  # poison: the second vector's cache holds the first one's sums
    poisoned = Ranker(role_table, context, sums).top(second, "alpha")
    assert comparable(poisoned[0]) != comparable(reference(role_table, second, context, "alpha")[0])


def test_sensitivity_searches_only_roles_with_rivals(monkeypatch):
    """A role with one candidate is never searched (no change can put another ahead of it)."""
    from decisions.engine import sensitivity

    from .conftest import snapshot, tech

    snap = snapshot(tech("alone", categories=("orchestration",), levels={"rolling_update": "yes"}))
    context = Context()
    role_table = next(tables_of(snap, context))
    weights = tuple(3 for _ in role_table.keys)
    ranking = rank(role_table, weights, context)
    tried = []
    monkeypatch.setattr(sensitivity, "_new_leader", lambda *args, **kwargs: tried.append(args))
    entries = sensitivity.sensitivity_entries(snap, [ranking], {key: "should" for key in role_table.keys}, context)
    assert tried == []
    assert entries[0]["new_leader"] is None
    assert scoring.rank(role_table, weights, context).leader == "alone"


def test_the_team_language_line_follows_the_extensibility_weight():
    """The remaining members and context lines are cached per must set and extensibility weight (the
    team-language line's weight): asked at two extensibility weights with the same musts, the
    Ranker gives rank()'s two different answers."""
    from .conftest import snapshot, tech

    snap = snapshot(
        tech("gopher", categories=("orchestration",), language="go", levels={rules.EXTENSIBILITY: "partial"}),
        tech("javan", categories=("orchestration",), language="java", levels={rules.EXTENSIBILITY: "yes"}),
    )
    context = Context(team_languages=frozenset({"go"}))
    role_table = next(tables_of(snap, context))
    ranker = Ranker(role_table, context)
    for extensibility in (1, 3, 0, 1):
        weights = tuple(extensibility if key == rules.EXTENSIBILITY else 0 for key in role_table.keys)
        weights = tuple(
            1 if key == "rolling_update" else weight for key, weight in zip(role_table.keys, weights, strict=True)
        )
        got = ranker.top(weights, "gopher")
        want = reference(role_table, weights, context, "gopher")
        assert tuple(map(comparable, got)) == tuple(map(comparable, want)), extensibility
    lines = rank(role_table, weights, context).context_lines
    assert any(line.rule is rules.TEAM_LANGUAGES for line in lines)


def _reference_new_leader(ranker, weights, leader, near=None):
    """sensitivity._new_leader as it was, on a full scoring.rank() of the role (``near``, the
    Ranker's shortcut, is ignored)."""
    from decisions.engine.scoring import standing, touched

    if not touched(ranker.table, weights, ranker.context):
        return None
    ranked = rank(ranker.table, weights, ranker.context, detail=False).ranked
    if not ranked or ranked[0].member.slug == leader:
        return None
    top = ranked[0]
    for entry in ranked:
        if entry.member.slug == leader:
            return top.member.slug if standing(top) != standing(entry) else None
    return top.member.slug


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(snap=snapshots(), raw=answers())
def test_the_whole_result_is_the_same_with_the_reference_search(snap, raw):
    """evaluate() with the Ranker and with every try re-ranked by rank(): the same JSON."""
    import json

    from decisions.engine import evaluate, sensitivity

    fast = json.dumps(evaluate(raw, snap), sort_keys=True)
    original, shortcut = sensitivity._new_leader, Ranker.keeps_lead
    sensitivity._new_leader = _reference_new_leader
    Ranker.keeps_lead = lambda *args: False  # every try re-ranked in full
    try:
        slow = json.dumps(evaluate(raw, snap), sort_keys=True)
    finally:
        sensitivity._new_leader, Ranker.keeps_lead = original, shortcut
    assert fast == slow


def one_weight_changed(snap, raw, seed, tries=8):
    """For each role of the answers' context, ``tries`` times: (the role's table, the context, one
    Ranker kept across the tries, random weights, an index, the same weights changed at it)."""
    rng = random.Random(seed)
    clean, _errors = validate_answers(raw, requirement_keys=requirement_categories(snap))
    context = Context.from_answers(clean)
    for role_table in tables_of(snap, context):
        ranker = Ranker(role_table, context)
        for _ in range(tries):
            weights = tuple(rng.choice(WEIGHTS) for _ in role_table.keys)
            index = rng.randrange(len(role_table.keys))
            changed = (*weights[:index], rng.choice(WEIGHTS), *weights[index + 1 :])
            yield role_table, context, ranker, weights, index, changed


@settings(PROPERTY_SETTINGS, max_examples=80)
@given(snap=snapshots(), raw=answers(), seed=st.integers(0, 2**32 - 1))
def test_sums_from_nearby_weights_are_the_sums_rank_adds(snap, raw, seed):
    """top(..., near=(weights, index)) starts from the nearby weights' sums plus the one change:
    the same floats as rank()'s sums over every key."""
    for role_table, context, ranker, weights, index, changed in one_weight_changed(snap, raw, seed):
        ranker.top(weights, role_table.members[0].slug)  # the nearby sums, as the search has them
        for member in role_table.members[:3]:
            got = ranker.top(changed, member.slug, near=(weights, index))
            want = reference(role_table, changed, context, member.slug)
            assert tuple(map(comparable, got)) == tuple(map(comparable, want)), (weights, changed)


@settings(PROPERTY_SETTINGS, max_examples=80)
@given(snap=snapshots(), raw=answers(), seed=st.integers(0, 2**32 - 1))
def test_keeps_lead_only_when_the_leader_is_alone_at_the_top(snap, raw, seed):
    """keeps_lead says True only when rank() puts that member first, tied with nobody."""
    for role_table, context, ranker, weights, index, changed in one_weight_changed(snap, raw, seed):
        for member in role_table.members[:3]:
            if not ranker.keeps_lead(weights, index, changed[index], member.slug):
                continue
            ranked = rank(role_table, changed, context, detail=False).ranked
            assert ranked[0].member.slug == member.slug
            assert not any(scoring.tied(ranked[0], other) for other in ranked[1:])


def test_a_clear_leader_is_confirmed_without_ranking_again(monkeypatch):
    """A leader far ahead of the rest: every importance try that moves no must is settled by
    keeps_lead, and Ranker.top (a re-ranking) is asked only for the tries that make or unmake a must
    (they change which members remain) or weigh extensibility (the team-language line's weight)."""
    from decisions.engine import sensitivity

    from .conftest import snapshot, tech

    keys = ("rolling_update", "autoscaling", "self_healing")
    snap = snapshot(
        tech("strong", categories=("orchestration",), levels=dict.fromkeys(keys, "yes")),
        tech("weak", categories=("orchestration",), levels=dict.fromkeys(keys, "no")),
    )
    context = Context()
    role_table = next(tables_of(snap, context))
    importances = {key: "should" if key in keys else "wont" for key in role_table.keys}
    weights = tuple(3 if key in keys else 0 for key in role_table.keys)
    ranking = rank(role_table, weights, context)
    asked = []
    real_top = Ranker.top
    monkeypatch.setattr(Ranker, "top", lambda self, *args, **kwargs: asked.append(args) or real_top(self, *args))
    found = sensitivity._importance_change(ranking, importances, context, {})
    assert found is None
    assert asked, "the tries that make a must are ranked again"
    for changed, _slug, (before, index) in asked:
        moves_must = rules.MUST_WEIGHT in (changed[index], before[index])
        assert moves_must or role_table.keys[index] == rules.EXTENSIBILITY, (before, changed)
