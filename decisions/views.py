"""The evaluation wizard, result pages, revision diffs and exports.

Privacy: an evaluation with an owner is visible to that owner only; an anonymous one to whoever
holds its unguessable link. Anyone else gets a 404 — not a 403, which would confirm it exists.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from platform_survey import creation_limits
from platform_survey.i18n import content_language, localized

from . import engine, services
from .adr import result_to_adr
from .diff import diff_results
from .forms import IMPORTANCE_CHOICES, DetailsForm, SectionForm, TitleForm
from .models import Evaluation, Question, Result, Section
from .presentation import compare_with_case_studies, lead_over_runner_up
from .rendering import render_errors

SESSION_KEY = "anonymous_evaluations"


def _remember_in_session(request: HttpRequest, evaluation: Evaluation) -> None:
    if evaluation.owner_id is None:
        ids = request.session.get(SESSION_KEY, [])
        if str(evaluation.public_id) not in ids:
            request.session[SESSION_KEY] = [*ids, str(evaluation.public_id)][-50:]


def evaluation_for(request: HttpRequest, public_id) -> Evaluation:
    """The evaluation if this visitor may see it, else 404."""
    evaluation = get_object_or_404(Evaluation.objects.select_related("questionnaire", "owner"), public_id=public_id)
    if evaluation.owner_id is not None and evaluation.owner_id != getattr(request.user, "pk", None):
        raise Http404
    return evaluation


def _sections(evaluation: Evaluation) -> list[Section]:
    return list(
        evaluation.questionnaire.sections.prefetch_related(
            "questions__options", "questions__technologies", "questions__pitfalls", "questions__case_studies__company"
        )
    )


def _section_or_404(sections: list[Section], slug: str) -> tuple[int, Section]:
    for index, section in enumerate(sections):
        if section.slug == slug:
            return index, section
    raise Http404


@never_cache
@require_GET
def evaluation_list(request: HttpRequest) -> HttpResponse:
    evaluations = Evaluation.objects.visible_to(
        request.user, session_ids=request.session.get(SESSION_KEY, [])
    ).for_list()
    return render(request, "decisions/evaluation_list.html", {"evaluations": evaluations})


@never_cache
@require_http_methods(["GET", "POST"])
def evaluation_start(request: HttpRequest) -> HttpResponse:
    form = TitleForm(request.POST or None)
    wait = creation_limits.seconds_until_allowed(request, "evaluation") if request.method == "POST" else 0
    if wait:
        message = _("Too many evaluations were started from your address. Try again in %(minutes)s minute(s).")
        form.add_error(None, message % {"minutes": creation_limits.minutes(wait)})
    elif request.method == "POST" and form.is_valid():
        evaluation = services.start_evaluation(owner=request.user, title=form.cleaned_data["title"])
        creation_limits.record_creation(request, "evaluation")
        _remember_in_session(request, evaluation)
        first = evaluation.questionnaire.sections.order_by("order").first()
        return redirect("decisions:step", evaluation.public_id, first.slug)
    questionnaire = services.current_questionnaire()
    status = 429 if wait else 400 if request.method == "POST" else 200
    response = render(
        request, "decisions/evaluation_start.html", {"form": form, "questionnaire": questionnaire}, status=status
    )
    if wait:
        response["Retry-After"] = str(wait)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def evaluation_step(request: HttpRequest, public_id, section_slug: str) -> HttpResponse:
    """One wizard step. POST saves the step's answers (the draft) and moves back, forth or to the
    review; invalid answers re-render the step with messages and save nothing."""
    evaluation = evaluation_for(request, public_id)
    sections = _sections(evaluation)
    index, section = _section_or_404(sections, section_slug)
    questions = list(section.questions.all())
    if request.method == "POST":
        form = SectionForm(request.POST, section=section, questions=questions)
        if form.is_valid():
            try:
                services.save_answers(evaluation, form.answers(), replace_keys=[q.key for q in questions])
            except engine.InvalidAnswers as error:
                for key, problems in render_errors(error.errors).items():
                    form.add_error(key if key in form.fields else None, problems)
        action = request.POST.get("action", "next")
        if action == "autosave" and request.htmx:
            return _render_save_status(request, form, evaluation, section)
        if form.is_valid():
            target = _target_index(sections, index, action)
            if target is None:
                url = reverse("decisions:review", args=[evaluation.public_id])
                if request.htmx:
                    return HttpResponse(status=204, headers={"HX-Redirect": url})
                return HttpResponseRedirect(url)
            url = reverse("decisions:step", args=[evaluation.public_id, sections[target].slug])
            if request.htmx:
                # Swap the next step in place and keep the address bar in step with it.
                saved = target == index
                response = _render_step(
                    request, evaluation, sections, target, sections[target], partial=True, saved=saved
                )
                response["HX-Push-Url"] = url
                return response
            if action == "save":
                messages.success(request, _("Draft saved."))
            return HttpResponseRedirect(url)
        # htmx swaps only 2xx responses by default, so the partial with its messages comes back as 200.
        return _render_step(
            request, evaluation, sections, index, section, form=form, status=200 if request.htmx else 400
        )
    return _render_step(request, evaluation, sections, index, section)


def _render_save_status(
    request: HttpRequest, form: SectionForm, evaluation: Evaluation, section: Section
) -> HttpResponse:
    """The autosave answer: the status line ("Draft saved." or what is wrong), and this step's
    "n/m answered" in the step list, swapped out of band so that it counts what was just saved."""
    counts = _answered_per_section(evaluation, [section])[section.slug]
    context = {"form": form, "saved": True, "oob": True, "section": section, "counts": counts}
    return render(request, "decisions/evaluation_step.html#save_status", context)


def _target_index(sections: list[Section], index: int, action: str) -> int | None:
    """Where a step's button leads: a section index, or None for the review page."""
    if action == "back":
        return max(index - 1, 0)
    if action == "next":
        return index + 1 if index + 1 < len(sections) else None
    if action in ("save", "autosave"):
        return index
    if action.startswith("goto:"):
        slug = action.removeprefix("goto:")
        for position, section in enumerate(sections):
            if section.slug == slug:
                return position
        return index
    return None


def _render_step(
    request: HttpRequest,
    evaluation: Evaluation,
    sections: list[Section],
    index: int,
    section: Section,
    *,
    form: SectionForm | None = None,
    partial: bool = False,
    saved: bool = False,
    status: int = 200,
) -> HttpResponse:
    questions = list(section.questions.all())
    if form is None:
        form = SectionForm(
            initial=SectionForm.initial_from(evaluation.answers, questions), section=section, questions=questions
        )
    answered = _answered_per_section(evaluation, sections)
    context = {
        "evaluation": evaluation,
        "sections": sections,
        "section": section,
        "index": index,
        "step_number": index + 1,
        "step_count": len(sections),
        "progress_percent": round(100 * index / len(sections)),
        "answered": answered,
        "form": form,
        "questions": {q.key: q for q in questions},
        "is_first": index == 0,
        "is_last": index == len(sections) - 1,
        "saved": saved,
    }
    template = (
        "decisions/evaluation_step.html#wizard" if (partial or request.htmx) else "decisions/evaluation_step.html"
    )
    return render(request, template, context, status=status)


def _answered_per_section(evaluation: Evaluation, sections: list[Section]) -> dict[str, tuple[int, int]]:
    return {
        section.slug: (
            sum(1 for q in section.questions.all() if q.key in evaluation.answers),
            len(section.questions.all()),
        )
        for section in sections
    }


def _answer_summary(evaluation: Evaluation, sections: list[Section]) -> list[tuple[Section, list[tuple]]]:
    """Each section with its questions and the answer in words ("—" when unanswered)."""
    importance = dict(IMPORTANCE_CHOICES)
    summary = []
    for section in sections:
        rows = []
        for question in section.questions.all():
            value = evaluation.answers.get(question.key)
            labels = {option.value: str(localized(option, "label")) for option in question.options.all()}
            if value is None:
                shown = None
            elif question.kind == Question.Kind.IMPORTANCE:
                shown = str(importance.get(value, value))
            elif isinstance(value, list):
                shown = ", ".join(labels.get(v, v) for v in value)
            elif isinstance(value, bool):
                shown = labels.get("true" if value else "false", str(value))
            else:
                shown = labels.get(value, value)
            rows.append((question, shown))
        summary.append((section, rows))
    return summary


@never_cache
@require_GET
def evaluation_review(request: HttpRequest, public_id) -> HttpResponse:
    return _render_review(request, evaluation_for(request, public_id))


def _render_review(
    request: HttpRequest, evaluation: Evaluation, *, details_form: DetailsForm | None = None, status: int = 200
) -> HttpResponse:
    sections = _sections(evaluation)
    latest = evaluation.results.order_by("-revision").first()
    return render(
        request,
        "decisions/evaluation_review.html",
        {
            "evaluation": evaluation,
            "sections": sections,
            "answered": _answered_per_section(evaluation, sections),
            "summary": _answer_summary(evaluation, sections),
            "details_form": details_form or DetailsForm(initial={"title": evaluation.title, "notes": evaluation.notes}),
            "latest": latest,
            "step_number": len(sections) + 1,
            "step_count": len(sections),
        },
        status=status,
    )


@never_cache
@require_POST
def evaluation_run(request: HttpRequest, public_id) -> HttpResponse:
    evaluation = evaluation_for(request, public_id)
    result, created = services.run_evaluation(evaluation)
    if not created:
        messages.info(request, _("Nothing changed since revision %(revision)s.") % {"revision": result.revision})
    return redirect(result.get_absolute_url())


@never_cache
@require_POST
def evaluation_details(request: HttpRequest, public_id) -> HttpResponse:
    """Title and notes; invalid input re-renders the review page with the messages, saving nothing."""
    evaluation = evaluation_for(request, public_id)
    form = DetailsForm(request.POST)
    if form.is_valid():
        services.update_details(evaluation, title=form.cleaned_data["title"], notes=form.cleaned_data["notes"])
        messages.success(request, _("Saved."))
        return redirect("decisions:review", evaluation.public_id)
    return _render_review(request, evaluation, details_form=form, status=400)


@never_cache
@require_POST
def evaluation_delete(request: HttpRequest, public_id) -> HttpResponse:
    evaluation = evaluation_for(request, public_id)
    services.delete_evaluation(evaluation)
    messages.success(request, _("The evaluation was deleted."))
    return redirect("decisions:list")


@never_cache
@require_GET
def evaluation_detail(request: HttpRequest, public_id) -> HttpResponse:
    """The latest revision; before the first run, the review page."""
    evaluation = evaluation_for(request, public_id)
    latest = evaluation.results.order_by("-revision").first()
    if latest is None:
        return redirect("decisions:review", evaluation.public_id)
    return _render_result(request, evaluation, latest)


@never_cache
@require_GET
def evaluation_revision(request: HttpRequest, public_id, revision: int) -> HttpResponse:
    evaluation = evaluation_for(request, public_id)
    result = get_object_or_404(Result, evaluation=evaluation, revision=revision)
    return _render_result(request, evaluation, result)


def _render_result(request: HttpRequest, evaluation: Evaluation, result: Result) -> HttpResponse:
    revisions = list(evaluation.results.order_by("-revision").values_list("revision", "created_at"))
    output = result.output(get_language())
    units = result_units(output)
    asked = request.GET.get("why_not", "")
    choices = why_not_choices(units)
    answer = result.why_not(asked, get_language()) if asked in dict(choices) else None
    return render(
        request,
        "decisions/result_detail.html",
        {
            "evaluation": evaluation,
            "result": result,
            "output": output,
            "revisions": revisions,
            "latest_revision": revisions[0][0],
            "chart": _score_chart(output),
            "units": units,
            "summary": decision_summary(output, units),
            "similar": compare_with_case_studies(output),
            "why_not_choices": choices,
            "why_not_asked": asked,
            "why_not": answer,
            "category_names": {
                category["category"]: category.get("name", category["category"])
                for category in output.get("categories", [])
            },
        },
    )


def result_units(output: dict) -> list[dict]:
    """Every role of the result with its layer's name, for the page (a result from before roles has
    one unit per layer)."""
    units = []
    for layer in output.get("categories", []):
        for role in layer.get("roles") or [dict(layer, role=None)]:
            units.append(dict(role, category=layer["category"], layer_name=layer.get("name", layer["category"])))
    return units


def decision_summary(output: dict, units: list[dict]) -> list[dict]:
    """One row per role for the decision summary: the pick, what provides it, its score range, ties
    and its risks."""
    stack = {(entry["category"], entry.get("role")): entry for entry in output.get("stack", [])}
    rows = []
    for unit in units:
        entry = stack.get((unit["category"], unit.get("role")))
        pick = entry["technology"] if entry else None
        candidate = next(
            (c for c in unit.get("candidates", []) if pick and c["technology"]["slug"] == pick["slug"]), None
        )
        rows.append(
            {
                "unit": unit,
                "pick": pick,
                "entry": entry,
                "candidate": candidate,
                "risks": [
                    risk
                    for risk in output.get("risks", [])
                    if pick and risk["technology"]["slug"] == pick["slug"] and risk["category"] == unit["category"]
                ],
                "lead": lead_over_runner_up(unit, pick["slug"] if pick else None),
            }
        )
    return rows


def why_not_choices(units: list[dict]) -> list[tuple[str, str]]:
    """Every technology a role of the result lists, for the "why not" question, by name."""
    names = {}
    for unit in units:
        for item in (*unit.get("candidates", []), *unit.get("eliminated", [])):
            names[item["technology"]["slug"]] = item["technology"]["name"]
    return sorted(names.items(), key=lambda item: (item[1].casefold(), item[0]))


def _score_chart(output: dict) -> list[dict]:
    """Bars for the SVG score chart: one group per category, one bar per ranked candidate."""
    rows = []
    y = 0
    for category in output.get("categories", []):
        candidates = category.get("candidates", [])[:6]
        if not candidates:
            continue
        rows.append({"kind": "heading", "y": y + 14, "label": category.get("name", category["category"])})
        y += 22
        for candidate in candidates:
            rows.append(
                {
                    "kind": "bar",
                    "y": y,
                    "text_y": y + 13,
                    "width": round(candidate["score"] * 3.5, 1),
                    "value_x": round(candidate["score"] * 3.5 + 242, 1),
                    "short_label": _truncate(candidate["technology"]["name"], 34),
                    "score": candidate["score"],
                    "label": candidate["technology"]["name"],
                    "leader": candidate.get("rank") == 1,
                }
            )
            y += 20
        y += 10
    return [{"height": y, "rows": rows}] if rows else []


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@never_cache
@require_GET
def evaluation_diff(request: HttpRequest, public_id) -> HttpResponse:
    evaluation = evaluation_for(request, public_id)
    try:
        before_n = int(request.GET.get("from", ""))
        after_n = int(request.GET.get("to", ""))
    except ValueError:
        latest = list(evaluation.results.order_by("-revision").values_list("revision", flat=True)[:2])
        if len(latest) < 2:
            messages.info(request, _("There is only one revision so far: change an answer and run it again."))
            return redirect("decisions:detail", evaluation.public_id)
        after_n, before_n = latest
    results = {r.revision: r for r in evaluation.results.filter(revision__in=[before_n, after_n])}
    if before_n not in results or after_n not in results:
        raise Http404
    diff = diff_results(results[before_n], results[after_n], get_language())
    return render(request, "decisions/result_diff.html", {"evaluation": evaluation, "diff": diff})


@never_cache
@require_GET
def evaluation_adr(request: HttpRequest, public_id, revision: int) -> HttpResponse:
    evaluation = evaluation_for(request, public_id)
    result = get_object_or_404(Result.objects.select_related("evaluation"), evaluation=evaluation, revision=revision)
    language = "en" if content_language() == "en" else "zh-hans"
    response = HttpResponse(result_to_adr(result, language), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="adr-{evaluation.public_id}-r{revision}.md"'
    return response


@never_cache
@require_GET
def evaluation_json(request: HttpRequest, public_id, revision: int) -> HttpResponse:
    evaluation = evaluation_for(request, public_id)
    result = get_object_or_404(Result, evaluation=evaluation, revision=revision)
    payload = {
        "id": str(evaluation.public_id),
        "title": evaluation.title,
        "answers": result.answers,
        "result": {"revision": result.revision, **result.output(get_language())},
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.public_id}-r{revision}.json"'
    return response
