"""Pitfalls to watch for the recommended stack (engine point 7).

A pitfall applies when one of its technologies is in the stack (picks, bundled technologies and
prerequisites) and its triggers hold for the answers (``catalog.triggers.triggers_hold``), read
with the *effective* importances: a requirement raised by a context rule counts at its raised
importance, and ``unsure`` matches both ``unsure`` and ``could`` (it counts as could). Ordered by
severity (critical, high, medium, low), then slug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from catalog.triggers import triggers_hold

from . import text
from .snapshot import Snapshot

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def trigger_answers(answers: Mapping[str, Any], effective: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as pitfall triggers read them."""
    view = dict(answers)
    for key, effect in effective.items():
        if effect.importance == "unsure":
            view[key] = ["unsure", "could"]
        elif effect.importance != "wont" or key in view:
            view[key] = effect.importance
    return view


def pitfalls_for(
    snapshot: Snapshot, stack: Iterable[str], answers: Mapping[str, Any], lang: str
) -> list[dict[str, Any]]:
    in_stack = set(stack)
    found = []
    for pitfall in snapshot.pitfalls.values():
        hit = sorted(in_stack.intersection(pitfall.technologies))
        if not hit or not triggers_hold(list(pitfall.triggers), answers):
            continue
        found.append((SEVERITY_RANK.get(pitfall.severity, len(SEVERITY_RANK)), pitfall.slug, pitfall, hit))
    found.sort(key=lambda item: (item[0], item[1]))
    return [
        {
            "slug": pitfall.slug,
            "title": text.pick(pitfall.title_zh, pitfall.title_en, lang),
            "severity": pitfall.severity,
            "technologies": [text.technology_ref(snapshot, slug, lang) for slug in hit],
            "mitigation": text.pick(pitfall.mitigation_zh, pitfall.mitigation_en, lang),
            "trigger_note": text.pick(pitfall.trigger_note_zh, pitfall.trigger_note_en, lang),
            "source": pitfall.source or None,
        }
        for _rank, _slug, pitfall, hit in found
    ]
