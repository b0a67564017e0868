"""Writes for decisions: start an evaluation, save answers, run the engine into a new revision.

Views and the API both call these; neither touches Evaluation or Result rows directly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import translation

from . import engine
from .models import Evaluation, Question, Questionnaire, Result
from .snapshots import current_snapshot

ENGINE_LANGUAGES = {"zh": "zh-hans", "en": "en"}


class AnswerErrors(Exception):
    """Answers that break the contract; ``errors`` maps each offending key to its messages."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {' '.join(messages)}" for key, messages in self.errors.items()))


def current_questionnaire() -> Questionnaire:
    return Questionnaire.objects.current()


def requirement_keys(questionnaire: Questionnaire) -> list[str]:
    """Importance keys the questionnaire asks (the contract's plus any extra capability questions)."""
    return list(
        Question.objects.filter(section__questionnaire=questionnaire, kind=Question.Kind.IMPORTANCE)
        .order_by("section__order", "order")
        .values_list("key", flat=True)
    )


def validate(answers: Mapping[str, Any], questionnaire: Questionnaire) -> dict[str, Any]:
    """Clean answers or raise AnswerErrors naming every bad key and value."""
    clean, errors = engine.validate_answers(answers, requirement_keys=requirement_keys(questionnaire))
    if errors:
        raise AnswerErrors(errors)
    return clean


@transaction.atomic
def start_evaluation(*, owner, title: str, answers: Mapping[str, Any] | None = None, notes: str = "") -> Evaluation:
    """Create a draft evaluation on the current questionnaire (validating any answers given)."""
    questionnaire = current_questionnaire()
    clean = validate(answers or {}, questionnaire)
    return Evaluation.objects.create(
        owner=owner if owner is not None and owner.is_authenticated else None,
        title=title.strip(),
        notes=notes,
        questionnaire=questionnaire,
        answers=clean,
    )


@transaction.atomic
def save_answers(
    evaluation: Evaluation, answers: Mapping[str, Any], *, replace_keys: Iterable[str] = (), replace_all: bool = False
) -> Evaluation:
    """Merge ``answers`` into the draft. Keys in ``replace_keys`` that ``answers`` leaves out are
    cleared (a wizard step owns its keys); ``replace_all`` replaces every answer. Nothing is saved
    when any answer is invalid."""
    merged = {} if replace_all else dict(evaluation.answers)
    for key in replace_keys:
        merged.pop(key, None)
    merged.update(answers)
    merged = {key: value for key, value in merged.items() if value not in (None, "", [])}
    evaluation.answers = validate(merged, evaluation.questionnaire)
    evaluation.save(update_fields=["answers", "updated_at"])
    return evaluation


def update_details(evaluation: Evaluation, *, title: str, notes: str | None = None) -> Evaluation:
    """Change the title and (when given) the Markdown notes. Neither affects the engine's output."""
    evaluation.title = title.strip()
    fields = ["title", "updated_at"]
    if notes is not None:
        evaluation.notes = notes
        fields.append("notes")
    evaluation.full_clean(exclude=["questionnaire", "owner", "answers"])
    evaluation.save(update_fields=fields)
    return evaluation


def _render(answers: Mapping[str, Any], snapshot: engine.Snapshot) -> dict[str, dict]:
    outputs = {}
    for suffix, language in ENGINE_LANGUAGES.items():
        with translation.override(language):
            outputs[suffix] = engine.evaluate(answers, snapshot, language=language)
    return outputs


def run_evaluation(evaluation: Evaluation, *, snapshot: engine.Snapshot | None = None) -> tuple[Result, bool]:
    """Run the engine on the evaluation's answers. Returns (result, created).

    A new revision is written only when the answers or the catalog (its fingerprint) differ from
    the latest revision's; otherwise the latest result is returned unchanged. The whole write is
    one transaction, and the evaluation row is locked so concurrent runs cannot share a number.
    """
    snapshot = snapshot or current_snapshot()
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        latest = locked.results.order_by("-revision").first()
        if (
            latest is not None
            and latest.catalog_fingerprint == snapshot.fingerprint
            and _canonical(latest.answers) == _canonical(locked.answers)
        ):
            return latest, False
        outputs = _render(locked.answers, snapshot)
        result = Result.objects.create(
            evaluation=locked,
            revision=(latest.revision + 1) if latest else 1,
            catalog_fingerprint=snapshot.fingerprint,
            questionnaire_version=locked.questionnaire.version,
            answers=locked.answers,
            output_zh=outputs["zh"],
            output_en=outputs["en"],
        )
    return result, True


def delete_evaluation(evaluation: Evaluation) -> None:
    evaluation.delete()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
