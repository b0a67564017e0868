"""Answers: checking them against the questionnaire contract, and reading them back.

Clean answers (what :func:`validate_answers` returns and what the engine reads) are canonical so
that equal answers serialise identically:

- single-valued context keys (``hosts``, ``environment``, ``datacenters``) hold one allowed string;
- multi-valued keys (``workloads``, ``team_languages``, ``existing_infra``) hold a list of allowed
  strings without duplicates, in the contract's order; an empty list is the same as no answer;
- ``include_legacy`` holds the string ``"true"`` or ``"false"`` — the contract's own values, so
  pitfall triggers (``{"key": "include_legacy", "in": ["true"]}``) match it as stored;
- requirement keys hold an importance: must, should, could, wont or unsure;
- ``None`` means "not answered" and is dropped; keys come out sorted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from decisions import contract

from .words import msg

TRUE_VALUES = {True: "true", False: "false", "true": "true", "false": "false"}


def _allowed(values: Iterable[str]) -> str:
    return ", ".join(values)


def validate_answers(
    raw: Mapping[str, Any], *, requirement_keys: Iterable[str] | None = None
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Check raw answers against the contract; return ``(clean, errors)``.

    Accepted keys are the contract's context keys, its requirement keys, and any extra requirement
    keys passed in ``requirement_keys`` (capability slugs the questionnaire asks about). ``errors``
    maps each offending key to messages (codes with parameters, ``words.py``; worded by
    ``decisions.rendering.render_errors``) that name the key, the bad value and the allowed values.
    ``clean`` holds only the valid answers, in canonical form (module docstring); it is complete
    only when ``errors`` is empty.
    """
    accepted_requirements = set(contract.REQUIREMENTS) | set(requirement_keys or ())
    clean: dict[str, Any] = {}
    errors: dict[str, list[Any]] = {}
    if not isinstance(raw, Mapping):
        return {}, {"answers": [msg("answer.answers_must_be_object_mapping")]}

    for key in sorted(raw, key=str):
        value = raw[key]
        if not isinstance(key, str) or (key not in contract.CONTEXT_QUESTIONS and key not in accepted_requirements):
            errors[str(key)] = [msg("answer.unknown_question_key") % {"key": key}]
            continue
        if value is None:
            continue
        if key in contract.CONTEXT_QUESTIONS:
            allowed, multiple = contract.CONTEXT_QUESTIONS[key]
        else:
            allowed, multiple = contract.IMPORTANCES, False
        problems: list[Any] = []
        if key == "include_legacy":
            normalised = TRUE_VALUES.get(value) if isinstance(value, bool | str) else None
            if normalised is None:
                problems.append(
                    msg("answer.not_valid_answer_allowed")
                    % {"value": _show(value), "key": key, "allowed": "true, false"}
                )
            else:
                clean[key] = normalised
        elif multiple:
            if not isinstance(value, list | tuple):
                problems.append(
                    msg("answer.takes_list_values_not_allowed")
                    % {"key": key, "value": _show(value), "allowed": _allowed(allowed)}
                )
            else:
                chosen = set()
                for item in value:
                    if isinstance(item, str) and item in chosen:
                        problems.append(msg("answer.given_twice") % {"value": item, "key": key})
                    elif isinstance(item, str) and item in allowed:
                        chosen.add(item)
                    else:
                        problems.append(
                            msg("answer.not_valid_answer_allowed")
                            % {"value": _show(item), "key": key, "allowed": _allowed(allowed)}
                        )
                if "none" in chosen and len(chosen) > 1:
                    problems.append(msg("answer.none_cannot_be_combined_with") % {"key": key})
                if not problems and chosen:
                    clean[key] = [item for item in allowed if item in chosen]
        elif isinstance(value, str) and value in allowed:
            clean[key] = value
        else:
            problems.append(
                msg("answer.not_valid_answer_allowed")
                % {"value": _show(value), "key": key, "allowed": _allowed(allowed)}
            )
        if problems:
            errors[key] = problems
    return clean, errors


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return str(value)


@dataclasses.dataclass(frozen=True, slots=True)
class Context:
    """The context answers, read once. Multi-valued answers are frozensets; unanswered is None/empty."""

    hosts: str | None = None
    environment: str | None = None
    workloads: frozenset[str] = frozenset()
    team_languages: frozenset[str] = frozenset()
    datacenters: str | None = None
    existing_infra: frozenset[str] = frozenset()
    include_legacy: bool = False
    # decision model v2
    licence_policy: str | None = None
    delivery: str | None = None
    cloud_providers: frozenset[str] = frozenset()
    platform_team: str | None = None
    risk_appetite: str | None = None

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any]) -> Context:
        return cls(
            hosts=answers.get("hosts"),
            environment=answers.get("environment"),
            workloads=frozenset(answers.get("workloads") or ()),
            team_languages=frozenset(answers.get("team_languages") or ()),
            datacenters=answers.get("datacenters"),
            existing_infra=frozenset(answers.get("existing_infra") or ()) - {"none"},
            include_legacy=TRUE_VALUES.get(answers.get("include_legacy", "false")) == "true",
            licence_policy=answers.get("licence_policy"),
            delivery=answers.get("delivery"),
            cloud_providers=frozenset(answers.get("cloud_providers") or ()),
            platform_team=answers.get("platform_team"),
            risk_appetite=answers.get("risk_appetite"),
        )


def context_answers(context: Context) -> dict[str, Any]:
    """The clean-answer form of a Context (used when sensitivity tries a changed context)."""
    answers: dict[str, Any] = {}
    for key in ("hosts", "environment", "datacenters", "licence_policy", "delivery", "platform_team", "risk_appetite"):
        if getattr(context, key) is not None:
            answers[key] = getattr(context, key)
    for key in ("workloads", "team_languages", "existing_infra", "cloud_providers"):
        values = getattr(context, key)
        if values:
            answers[key] = [value for value in contract.CONTEXT_QUESTIONS[key][0] if value in values]
    answers["include_legacy"] = "true" if context.include_legacy else "false"
    return answers
