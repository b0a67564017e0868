"""Pitfall trigger conditions: their shape, their validation and their evaluation.

A trigger list is ``[{"key": "environment", "in": ["public_cloud", "hybrid_cloud"]}, ...]``; every
condition must hold. Keys and values are the questionnaire contract's, so a typo is caught when
the fixture loads, not silently never matched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import contract


def trigger_errors(triggers: Any) -> list[str]:
    """Describe everything wrong with a trigger list; an empty list means it is valid."""
    if not isinstance(triggers, list):
        return ["triggers must be a list of conditions"]
    errors = []
    for index, condition in enumerate(triggers):
        where = f"condition {index + 1}"
        if not isinstance(condition, Mapping) or set(condition) != {"key", "in"}:
            errors.append(f"{where}: must have exactly the fields 'key' and 'in'")
            continue
        key, values = condition["key"], condition["in"]
        if key not in contract.ALL_KEYS:
            errors.append(f"{where}: unknown questionnaire key {key!r}")
            continue
        if not isinstance(values, list) or not values:
            errors.append(f"{where}: 'in' must be a non-empty list")
            continue
        allowed = contract.allowed_values(key)
        for value in values:
            if value not in allowed:
                errors.append(f"{where}: {value!r} is not a value of {key!r} (allowed: {', '.join(allowed)})")
    return errors


def triggers_hold(triggers: list[Mapping[str, Any]], answers: Mapping[str, Any]) -> bool:
    """True when every condition matches the answers. A multi-valued answer matches on any overlap.

    Unanswered requirement keys count as ``wont`` (the contract's rule); an unanswered context key
    matches nothing.
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
