"""Export a result as an Architecture Decision Record in MADR form (Markdown).

Drivers are the weighted requirements, considered options the candidates of each layer, the
outcome the recommended stack, and pros/cons the cited evidence from the explanations. The text is
the template ``decisions/adr.md``; this module gathers what it shows, every code already in the
reader's words (no answer key, importance or level appears raw).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from catalog.choices import Importance, Level

from . import contract
from .models import Result
from .rendering import CONTEXT_KEY_LABELS, LEVEL_LABELS, VALUE_LABELS
from .templatetags.decisions_tags import Words, code_label, list_separator

IMPORTANCE_ORDER = {importance: rank for rank, importance in enumerate(Importance)}
VERDICTS = {
    Level.YES: gettext_noop("Good"),
    Level.PARTIAL: gettext_noop("Neutral"),
    Level.NO: gettext_noop("Bad"),
    Level.UNKNOWN: gettext_noop("Unknown"),
}


def result_to_adr(result: Result, language: str = "en") -> str:
    with translation.override(language):
        return render_to_string("decisions/adr.md", _context(result, result.output(language)))


def _context(result: Result, output: dict) -> dict[str, Any]:
    evaluation = result.evaluation
    answers = result.answers
    words = Words()
    separator = list_separator()
    return {
        "title": evaluation.title,
        "date": result.created_at.date().isoformat(),
        "revision": result.revision,
        "fingerprint": result.catalog_fingerprint[:12],
        # The user's own Markdown, with raw HTML neutralised (the ADR may be rendered elsewhere).
        "notes": evaluation.notes.strip().replace("<", "&lt;"),
        "context": [
            {"name": str(CONTEXT_KEY_LABELS.get(key, key)), "value": _answer(key, answers[key], separator)}
            for key in contract.CONTEXT_QUESTIONS
            if key in answers
        ],
        "drivers": [
            {"name": words.requirement(key), "importance": code_label(importance)}
            for key, importance in sorted(
                (
                    (key, value)
                    for key, value in answers.items()
                    if key not in contract.CONTEXT_QUESTIONS and value != Importance.WONT
                ),
                key=lambda item: (IMPORTANCE_ORDER.get(item[1], 9), item[0]),
            )
        ],
        "trade_offs": output.get("trade_offs", []),
        "options": [
            {
                "label": _layer_label(category, role),
                "names": separator.join(c["technology"]["name"] for c in role.get("candidates", [])),
            }
            for category in output.get("categories", [])
            for role in category.get("roles") or [category]
        ],
        "picks": [_pick(pick, output) for pick in output.get("stack", [])],
        "conflicts": [conflict.get("message", "") for conflict in output.get("conflicts", [])],
        "risks": [risk | {"level": code_label(risk["level"])} for risk in output.get("risks", [])],
        "pitfalls": [pitfall | {"severity": code_label(pitfall["severity"])} for pitfall in output.get("pitfalls", [])],
        "layers": [_layer(category) for category in output.get("categories", [])],
        "open_questions": [
            question.get("name") or question.get("requirement") if isinstance(question, dict) else question
            for question in output.get("open_questions", [])
        ],
    }


def _answer(key: str, value: Any, separator: str) -> str:
    labels = VALUE_LABELS.get(key, {})
    values = value if isinstance(value, list) else [value]
    return separator.join(str(labels.get(item, item)) for item in values)


def _layer_label(category: dict, role: dict) -> str:
    label = category.get("name", category["category"])
    return f"{label} · {role['role_name']}" if role.get("role_name") else label


def _pick(pick: dict, output: dict) -> dict[str, Any]:
    category = next((c for c in output.get("categories", []) if c["category"] == pick["category"]), {})
    role = next((r for r in category.get("roles", []) if r.get("role") == pick.get("role")), {})
    provider = pick.get("provided_by")
    return {
        "label": _layer_label(category or {"category": pick["category"]}, role),
        "name": pick["technology"]["name"],
        "provider": provider["name"] if provider and provider["slug"] != pick["technology"]["slug"] else "",
        "tied_with": list_separator().join(other["name"] for other in pick.get("tied_with") or []),
    }


def _layer(category: dict) -> dict[str, Any]:
    return {
        "name": category.get("name", category["category"]),
        "candidates": [
            {
                "name": candidate["technology"]["name"],
                "score": candidate["score"],
                "confidence": candidate["confidence"],
                "lines": [
                    {
                        "verdict": _(VERDICTS[line["level"]]),
                        "requirement": line.get("name") or line["requirement"],
                        "level": str(LEVEL_LABELS[line["level"]]),
                        "source": _source_text(line),
                    }
                    for line in candidate.get("explanation", [])
                    if line.get("level") in VERDICTS
                ],
            }
            for candidate in category.get("candidates", [])
        ],
        "eliminated": [
            {
                "name": eliminated["technology"]["name"],
                "reasons": "; ".join(reason.get("message", reason.get("code", "")) for reason in eliminated["reasons"]),
            }
            for eliminated in category.get("eliminated", [])
        ],
    }


def _source_text(line: dict) -> str:
    text = line.get("source_title") or line.get("source") or ""
    if line.get("stale"):
        text += " — " + _("stale, not re-confirmed since %(date)s") % {"date": line.get("as_of", "?")}
    return text
