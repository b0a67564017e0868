"""What changed between two revisions of an evaluation, and why.

A change in a candidate's score is traced to its explanation lines: a line whose *importance*
changed is explained by an answer, a line whose *level* changed by the catalog. The fingerprint
tells whether the catalog changed at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .models import Result


@dataclass
class AnswerChange:
    key: str
    before: Any
    after: Any


@dataclass
class LineChange:
    requirement: str
    cause: str  # "answer" or "catalog"
    before: Any
    after: Any


@dataclass
class CandidateChange:
    slug: str
    name: str
    score_before: float | None
    score_after: float | None
    rank_before: int | None
    rank_after: int | None
    lines: list[LineChange] = field(default_factory=list)


@dataclass
class CategoryChange:
    category: str  # the layer, or "layer · role" in the reader's language for a result with roles
    leader_before: str | None
    leader_after: str | None
    candidates: list[CandidateChange] = field(default_factory=list)
    newly_eliminated: list[str] = field(default_factory=list)
    no_longer_eliminated: list[str] = field(default_factory=list)

    @property
    def leader_changed(self) -> bool:
        return self.leader_before != self.leader_after


@dataclass
class ResultDiff:
    before: Result
    after: Result
    answers: list[AnswerChange]
    catalog_changed: bool
    categories: list[CategoryChange]
    stack_before: dict[str, str]
    stack_after: dict[str, str]
    pitfalls_added: list[str]
    pitfalls_removed: list[str]
    risks_added: list[str] = field(default_factory=list)
    risks_removed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (
            self.answers
            or self.catalog_changed
            or any(
                c.leader_changed or c.candidates or c.newly_eliminated or c.no_longer_eliminated
                for c in self.categories
            )
            or self.pitfalls_added
            or self.pitfalls_removed
            or self.risks_added
            or self.risks_removed
        )


def diff_answers(before: dict, after: dict) -> list[AnswerChange]:
    keys = sorted(set(before) | set(after))
    return [AnswerChange(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


def _candidates(category: dict) -> dict[str, dict]:
    return {c["technology"]["slug"]: c for c in category.get("candidates", [])}


def _eliminated(category: dict) -> set[str]:
    return {e["technology"]["slug"] for e in category.get("eliminated", [])}


def _leader(category: dict | None) -> str | None:
    if not category:
        return None
    if category.get("pick"):
        return category["pick"]["name"]
    if not category.get("candidates"):
        return None
    return category["candidates"][0]["technology"].get("name") or category["candidates"][0]["technology"]["slug"]


def _units(output: dict) -> dict[str, dict]:
    """Every role of a result by its label (a result from before roles: every layer)."""
    units = {}
    for layer in output.get("categories", []):
        name = layer.get("name", layer["category"])
        for role in layer.get("roles") or [layer]:
            label = f"{name} · {role['role_name']}" if role.get("role_name") else name
            units[label] = role
    return units


def _risks(output: dict) -> dict[str, str]:
    return {
        f"{risk['code']}:{risk['technology']['slug']}:{risk.get('requirement')}": risk["message"]
        for risk in output.get("risks", [])
    }


def _line_changes(before: dict, after: dict) -> list[LineChange]:
    lines_before = {line["requirement"]: line for line in before.get("explanation", [])}
    lines_after = {line["requirement"]: line for line in after.get("explanation", [])}
    changes = []
    for requirement in sorted(set(lines_before) | set(lines_after)):
        old, new = lines_before.get(requirement, {}), lines_after.get(requirement, {})
        if old.get("importance") != new.get("importance"):
            changes.append(LineChange(requirement, "answer", old.get("importance"), new.get("importance")))
        elif old.get("level") != new.get("level"):
            changes.append(LineChange(requirement, "catalog", old.get("level"), new.get("level")))
        elif old.get("points") != new.get("points"):
            # Same importance and level but other points: a context rule (scale, languages, ...).
            changes.append(LineChange(requirement, "context", old.get("points"), new.get("points")))
    return changes


def diff_results(before: Result, after: Result, language: str | None = None) -> ResultDiff:
    old, new = before.output(language), after.output(language)
    old_categories, new_categories = _units(old), _units(new)
    categories = []
    for name in [*new_categories, *(label for label in old_categories if label not in new_categories)]:
        old_cat, new_cat = old_categories.get(name, {}), new_categories.get(name, {})
        change = CategoryChange(name, _leader(old_cat), _leader(new_cat))
        old_cands, new_cands = _candidates(old_cat), _candidates(new_cat)
        for slug in sorted(set(old_cands) | set(new_cands)):
            a, b = old_cands.get(slug), new_cands.get(slug)
            if a and b and a.get("score") == b.get("score") and a.get("rank") == b.get("rank"):
                continue
            name_ = (b or a)["technology"].get("name", slug)
            change.candidates.append(
                CandidateChange(
                    slug,
                    name_,
                    a and a.get("score"),
                    b and b.get("score"),
                    a and a.get("rank"),
                    b and b.get("rank"),
                    _line_changes(a or {}, b or {}),
                )
            )
        change.newly_eliminated = sorted(_eliminated(new_cat) - _eliminated(old_cat))
        change.no_longer_eliminated = sorted(_eliminated(old_cat) - _eliminated(new_cat))
        categories.append(change)
    old_pitfalls = {p["slug"]: p.get("title", p["slug"]) for p in old.get("pitfalls", [])}
    new_pitfalls = {p["slug"]: p.get("title", p["slug"]) for p in new.get("pitfalls", [])}
    old_risks, new_risks = _risks(old), _risks(new)
    return ResultDiff(
        before=before,
        after=after,
        answers=diff_answers(before.answers, after.answers),
        catalog_changed=before.catalog_fingerprint != after.catalog_fingerprint,
        categories=categories,
        stack_before={s["category"]: s["technology"]["slug"] for s in old.get("stack", [])},
        stack_after={s["category"]: s["technology"]["slug"] for s in new.get("stack", [])},
        pitfalls_added=sorted(new_pitfalls[slug] for slug in set(new_pitfalls) - set(old_pitfalls)),
        pitfalls_removed=sorted(old_pitfalls[slug] for slug in set(old_pitfalls) - set(new_pitfalls)),
        risks_added=sorted(new_risks[key] for key in set(new_risks) - set(old_risks)),
        risks_removed=sorted(old_risks[key] for key in set(old_risks) - set(new_risks)),
    )
