"""Why not X? (decision model v2, point 8) — read from a stored result, so any revision can answer.

It reads the stored, language-free output (``decisions.engine.evaluate``) and answers in the same
scheme: codes with parameters, names as stored; ``decisions.rendering.render_why_not`` words it. It
also reads an old, rendered output (a result stored before outputs were language-free): the names
and messages it copies are then text already.

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

from .words import cat, msg


def _units(result: Mapping[str, Any]):
    for layer in result.get("categories", ()):
        roles = layer.get("roles") or [dict(layer, role=None)]
        for role in roles:
            yield layer, role


def answer(result: Mapping[str, Any], slug: str) -> dict[str, Any]:
    """Why not ``slug``? from a stored output, language-free (codes with parameters)."""
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
                    "message": msg("why_not.ruled_out") % {"reasons": _spaced(r["message"] for r in reasons)},
                }
            )
            continue
        mine = candidates[slug]
        name = mine["technology"]["name"]
        if pick is not None and pick["slug"] == slug:
            answers.append(base | {"verdict": "picked", "reasons": [], "lines": [],
                                   "message": msg("why_not.pick_this_role")})  # fmt: skip
            continue
        leader = candidates.get(pick["slug"]) if pick else None
        if leader is None:
            message = msg("why_not.role_filled_technology_that_comes")
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
            message = msg("why_not.tied_with_against_was_placed") % values
        elif lines:
            message = msg("why_not.scores_against_loses") % values
        else:
            message = msg("why_not.scores_against_context_lines") % values
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
        "message": "" if answers else msg("why_not.no_role_this_evaluation_asked"),
    }


def _stack_pick(result: Mapping[str, Any], category: str, role: str | None):
    for entry in result.get("stack", ()):
        if entry["category"] == category and entry.get("role") == role:
            return entry["technology"]
    return None


def _spaced(parts) -> object:
    """Messages one after another with a space between (as they were joined in every language)."""
    spaced: list[Any] = []
    for part in parts:
        if spaced:
            spaced.append(" ")
        spaced.append(part)
    return cat(*spaced)
