"""Why not X? (decision model v2, point 8) — read from a stored result, so any revision can answer.

For a technology, every role of the result that lists it says one of:

- ``picked``: it is the role's pick (or fills it, provided by another pick);
- ``eliminated``: the reasons it was ruled out, as the result recorded them;
- ``outranked``: the lines on which it earns fewer points than the pick, largest gap first, each
  with both levels, and the scores with their ranges; a tie says so.

A technology no evaluated role lists gets ``not_evaluated`` (its layer was not asked about, or it
is a building block nobody picks on its own).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext


def _units(result: Mapping[str, Any]):
    for layer in result.get("categories", ()):
        roles = layer.get("roles") or [dict(layer, role=None)]
        for role in roles:
            yield layer, role


def why_not(result: Mapping[str, Any], slug: str) -> dict[str, Any]:
    answers = []
    name = slug
    for layer, role in _units(result):
        candidates = {entry["technology"]["slug"]: entry for entry in role.get("candidates", ())}
        eliminated = {entry["technology"]["slug"]: entry for entry in role.get("eliminated", ())}
        if slug not in candidates and slug not in eliminated:
            continue
        pick = role.get("pick") or _stack_pick(result, layer["category"], role.get("role"))
        base = {"category": layer["category"], "role": role.get("role"), "role_name": role.get("role_name"),
                "pick": pick}  # fmt: skip
        if slug in eliminated:
            name = eliminated[slug]["technology"]["name"]
            reasons = eliminated[slug]["reasons"]
            answers.append(
                base
                | {
                    "verdict": "eliminated",
                    "reasons": reasons,
                    "lines": [],
                    "message": gettext("Ruled out: %(reasons)s") % {"reasons": " ".join(r["message"] for r in reasons)},
                }
            )
            continue
        mine = candidates[slug]
        name = mine["technology"]["name"]
        if pick is not None and pick["slug"] == slug:
            answers.append(base | {"verdict": "picked", "reasons": [], "lines": [],
                                   "message": gettext("It is the pick for this role.")})  # fmt: skip
            continue
        leader = candidates.get(pick["slug"]) if pick else None
        if leader is None:
            message = gettext("The role is filled by a technology that comes with the stack.")
            answers.append(base | {"verdict": "outranked", "reasons": [], "lines": [], "message": message})
            continue
        theirs = {line["requirement"]: line for line in leader["explanation"]}
        lines = []
        for line in mine["explanation"]:
            other = theirs.get(line["requirement"])
            if other is None:
                continue
            gap = round(other["points"] - line["points"], 3)
            if gap > 0:
                lines.append(
                    {
                        "requirement": line["requirement"],
                        "name": line["name"],
                        "importance": line["importance"],
                        "level": line["level"],
                        "pick_level": other["level"],
                        "points": line["points"],
                        "pick_points": other["points"],
                        "gap": gap,
                        "source": line.get("source"),
                    }
                )
        lines.sort(key=lambda line: (-line["gap"], line["requirement"]))
        tied = any(other["slug"] == pick["slug"] for other in mine.get("tied_with", ()))
        values = {
            "technology": name,
            "pick": pick["name"],
            "score": f"{mine['score']:.1f}",
            "pick_score": f"{leader['score']:.1f}",
        }
        if tied:
            message = (
                gettext(
                    "Tied with %(pick)s (%(score)s against %(pick_score)s): %(pick)s was placed first on the "
                    "considerations shown with the pick."
                )
                % values
            )
        elif lines:
            message = (
                gettext("%(technology)s scores %(score)s against %(pick)s's %(pick_score)s; it loses on:") % values
            )
        else:
            message = (
                gettext("%(technology)s scores %(score)s against %(pick)s's %(pick_score)s on the context lines.")
                % values
            )
        answers.append(
            base
            | {
                "verdict": "outranked",
                "score": mine["score"],
                "score_range": mine.get("score_range"),
                "pick_score": leader["score"],
                "pick_score_range": leader.get("score_range"),
                "tied": tied,
                "reasons": [],
                "lines": lines,
                "message": message,
            }
        )
    return {
        "technology": {"slug": slug, "name": name},
        "verdict": answers[0]["verdict"] if answers else "not_evaluated",
        "roles": answers,
        "message": ""
        if answers
        else gettext(
            "No role this evaluation asked about lists it: its layer was not evaluated, or it is a "
            "building block that comes with other choices."
        ),
    }


def _stack_pick(result: Mapping[str, Any], category: str, role: str | None):
    for entry in result.get("stack", ()):
        if entry["category"] == category and entry.get("role") == role:
            return entry["technology"]
    return None
