"""Messages about the evaluation as a whole (decision model v2, point 9): nothing is silent.

- ``nothing_answered``: no requirement is weighted, so no layer is evaluated — say what to answer;
- ``suggested_layer``: a context answer would raise a requirement in a layer you did not touch (it
  was not raised: nothing appears unasked) — the layer is suggested instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from . import rules, text
from .scoring import Ranking
from .snapshot import Snapshot


def result_messages(
    snapshot: Snapshot, rankings: list[Ranking], suggested: Mapping[str, rules.Effective], lang: str
) -> list[dict[str, Any]]:
    messages = []
    if not rankings:
        messages.append(
            {
                "code": "nothing_answered",
                "category": None,
                "message": gettext(
                    "No requirement is answered, so no layer is evaluated. Answer must, should or could for the "
                    "requirements of the layers you are choosing; the context answers then adjust them."
                ),
            }
        )
    for category, effect in sorted(suggested.items(), key=lambda item: item[0]):
        messages.append(
            {
                "code": "suggested_layer",
                "category": category,
                "message": gettext(
                    "Your answer to “%(key)s” (%(values)s) matters for %(category)s, which you did not ask about: "
                    "answer its requirements to have it evaluated."
                )
                % {
                    "key": text.question_label(None, effect.floor.context_key, lang),
                    "values": text.join(text.value_label(effect.floor.context_key, value) for value in effect.trigger),
                    "category": text.category_name(snapshot, category, lang),
                },
            }
        )
    return messages
