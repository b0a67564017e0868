"""Messages about the evaluation as a whole (decision model v2, point 9): nothing is silent.

- ``nothing_answered``: no requirement is weighted, so no layer is evaluated — say what to answer;
- ``suggested_layer``: a context answer would raise a requirement in a layer you did not touch (it
  was not raised: nothing appears unasked) — the layer is suggested instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import rules, text
from .scoring import Ranking
from .snapshot import Snapshot
from .words import msg


def result_messages(
    snapshot: Snapshot, rankings: list[Ranking], suggested: Mapping[str, rules.Effective]
) -> list[dict[str, Any]]:
    messages = []
    if not rankings:
        messages.append(
            {
                "code": "nothing_answered",
                "category": None,
                "message": msg("message.no_requirement_answered_so_no"),
            }
        )
    for category, effect in sorted(suggested.items(), key=lambda item: item[0]):
        floor = effect.floor
        if floor is None:
            continue  # only a floor that fired suggests a layer (see engine._evaluate)
        messages.append(
            {
                "code": "suggested_layer",
                "category": category,
                "message": msg("message.your_answer_matters_which_you")
                % {
                    "key": text.question_label(None, floor.context_key),
                    "values": text.join(text.value_label(floor.context_key, value) for value in effect.trigger),
                    "category": text.category_name(snapshot, category),
                },
            }
        )
    return messages
