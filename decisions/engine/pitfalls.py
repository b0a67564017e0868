"""Pitfalls to watch for the recommended stack (engine point 7).

A pitfall applies when one of its technologies (its subjects) is in the stack (picks, bundled
technologies and prerequisites) and its triggers hold for the answers (``triggers_hold`` below), read
with the *effective* importances: a requirement raised by a context rule counts at its raised
importance, and ``unsure`` matches both ``unsure`` and ``could`` (it counts as could). Ordered by
severity (critical, high, medium, low), then slug. Its remedies, the technologies the mitigation
recommends, never make it apply: a stack that picks cosign is not warned about Notary v1. They come
with the entry, in the catalog's order (by slug), whether or not the stack has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from decisions import contract

from . import text
from .snapshot import Snapshot

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def triggers_hold(triggers: Iterable[Mapping[str, Any]], answers: Mapping[str, Any]) -> bool:
    """True when every condition matches the answers; a multi-valued answer matches on any overlap.

    The same rule as ``catalog.triggers.triggers_hold`` (which the catalog uses to validate and
    preview triggers), kept here so that the engine imports nothing from the catalog app: the
    snapshot carries the triggers as data. Unanswered requirement keys count as ``wont``; an
    unanswered context key matches nothing.
    """
    for condition in triggers:
        key = condition["key"]
        answer = answers.get(key)
        if answer is None and key in contract.REQUIREMENTS:
            answer = "wont"
        given = set(answer) if isinstance(answer, list | tuple) else {answer}
        if not given & set(condition["in"]):
            return False
    return True


def trigger_answers(answers: Mapping[str, Any], effective: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as pitfall triggers read them."""
    view = dict(answers)
    for key, effect in effective.items():
        if effect.importance == "unsure":
            view[key] = ["unsure", "could"]
        elif effect.importance != "wont" or key in view:
            view[key] = effect.importance
    return view


def pitfalls_for(snapshot: Snapshot, stack: Iterable[str], answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    in_stack = set(stack)
    found = []
    for pitfall in snapshot.pitfalls.values():
        hit = sorted(in_stack.intersection(pitfall.technologies))
        if not hit or not triggers_hold(pitfall.triggers, answers):
            continue
        found.append((SEVERITY_RANK.get(pitfall.severity, len(SEVERITY_RANK)), pitfall.slug, pitfall, hit))
    found.sort(key=lambda item: (item[0], item[1]))
    return [
        {
            "slug": pitfall.slug,
            "title": text.pick(pitfall.title_zh, pitfall.title_en),
            "severity": pitfall.severity,
            "technologies": [text.technology_ref(snapshot, slug) for slug in hit],
            "mitigation": text.pick(pitfall.mitigation_zh, pitfall.mitigation_en),
            "remedies": [text.technology_ref(snapshot, slug) for slug in pitfall.remedies],
            "trigger_note": text.pick(pitfall.trigger_note_zh, pitfall.trigger_note_en),
            "source": pitfall.source or None,
        }
        for _rank, _slug, pitfall, hit in found
    ]
