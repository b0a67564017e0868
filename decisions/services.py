"""Writes for decisions: start an evaluation, save answers, run the engine into a new revision.

Views and the API both call these; neither touches Evaluation or Result rows directly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.http import Http404

from . import engine, stored_output
from .models import Evaluation, Questionnaire, Result
from .snapshots import current_snapshot


def current_questionnaire() -> Questionnaire:
    """The current questionnaire row alone (pages that show its questions use .current())."""
    return Questionnaire.objects.get(is_current=True)


def requirement_keys(questionnaire: Questionnaire) -> list[str]:
    """Importance keys the questionnaire asks (the contract's plus any extra capability questions)."""
    return list(questionnaire.requirement_keys)


def validate(answers: Mapping[str, Any], questionnaire: Questionnaire) -> dict[str, Any]:
    """Clean answers, or engine.InvalidAnswers naming every bad key and value (as codes with
    parameters: the caller words them for its reader with rendering.render_errors)."""
    clean, errors = engine.validate_answers(answers, requirement_keys=requirement_keys(questionnaire))
    if errors:
        raise engine.InvalidAnswers(errors)
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


def _run(answers: Mapping[str, Any], snapshot: engine.Snapshot) -> dict:
    """One engine run: the language-free output that is stored (rendered when it is read)."""
    return engine.evaluate(answers, snapshot)


def run_evaluation(evaluation: Evaluation, *, snapshot: engine.Snapshot | None = None) -> tuple[Result, bool]:
    """Run the engine on the evaluation's answers. Returns (result, created).

    A new revision is written only when the answers or the catalog (its fingerprint) differ from
    the latest revision's; otherwise the latest result is returned unchanged. The engine runs
    before the write transaction, so the write lock (SQLite has one per database) is held only for
    the insert; inside it the evaluation row is locked and re-read, and if someone changed the
    answers or ran it meanwhile, the work is done again with what is there now.
    """
    snapshot = snapshot or current_snapshot()
    try:
        return _run_current(evaluation, snapshot)
    except Evaluation.DoesNotExist:
        # Deleted by another request before or while the engine ran: to this caller it is gone.
        raise Http404("The evaluation was deleted.") from None


def _run_current(evaluation: Evaluation, snapshot: engine.Snapshot) -> tuple[Result, bool]:
    for _attempt in range(5):
        current = Evaluation.objects.select_related("questionnaire").get(pk=evaluation.pk)
        latest = current.results.order_by("-revision").first()
        if _is_current(latest, current.answers, snapshot):
            return latest, False
        output = _run(current.answers, snapshot)
        with transaction.atomic():
            locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
            latest_now = locked.results.order_by("-revision").first()
            if _canonical(locked.answers) != _canonical(current.answers) or _revision(latest_now) != _revision(latest):
                continue  # changed while the engine ran: start again from the new state
            return _store(locked, latest_now, output, snapshot), True
    raise RuntimeError("The evaluation kept changing while it was being run; try again.")


@transaction.atomic
def create_and_run(
    *, owner, title: str, answers: Mapping[str, Any], notes: str = "", questionnaire: Questionnaire | None = None
) -> tuple[Evaluation, Result]:
    """Validate, run the engine, then store the evaluation and its first result together (the API's
    POST). Invalid answers raise engine.InvalidAnswers before anything is written. ``questionnaire``:
    the current one, when the caller has already read it (the API's serializer validated against it)."""
    questionnaire = questionnaire or current_questionnaire()
    clean = validate(answers, questionnaire)
    snapshot = current_snapshot()
    output = _run(clean, snapshot)
    evaluation = Evaluation.objects.create(
        owner=owner if owner is not None and owner.is_authenticated else None,
        title=title.strip(),
        notes=notes,
        questionnaire=questionnaire,
        answers=clean,
    )
    return evaluation, _store(evaluation, None, output, snapshot)


def _store(evaluation: Evaluation, latest: Result | None, output: dict, snapshot: engine.Snapshot) -> Result:
    return Result.objects.create(
        evaluation=evaluation,
        revision=_revision(latest) + 1,
        catalog_fingerprint=snapshot.fingerprint,
        questionnaire_version=evaluation.questionnaire.version,
        answers=evaluation.answers,
        engine_output=stored_output.compact(output),
    )


def _revision(result: Result | None) -> int:
    return result.revision if result is not None else 0


def _is_current(latest: Result | None, answers: Mapping[str, Any], snapshot: engine.Snapshot) -> bool:
    return (
        latest is not None
        and latest.catalog_fingerprint == snapshot.fingerprint
        and _canonical(latest.answers) == _canonical(answers)
    )


def delete_evaluation(evaluation: Evaluation) -> None:
    evaluation.delete()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
