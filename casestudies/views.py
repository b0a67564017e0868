"""Case-study pages: the list (filtered in place with htmx), one case study, the adoption matrix."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from catalog.models import Category, Technology
from platform_survey.page_cache import cached_page
from platform_survey.pages import render_page

from .forms import AdoptionForm, CaseStudyFilterForm
from .models import CaseStudy, Lesson


@require_GET
@cached_page
def case_study_list(request: HttpRequest) -> HttpResponse:
    technologies = list(
        Technology.objects.filter(stack_entries__isnull=False)
        .distinct()
        .only("slug", "name", "name_zh")
        .order_by("name")
    )
    form = CaseStudyFilterForm(request.GET or None, technologies=technologies)
    filters: dict = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "technology": next((t for t in technologies if t.slug == data["technology"]), None),
            "industries": data["industry"],
            "scales": data["scale"],
            "coverages": data["coverage"],
        }
    case_studies = CaseStudy.objects.matching(**filters).for_list()
    context = {
        "form": form,
        "case_studies": case_studies,
        "ignored": form.ignored(),
        "filtered": form.is_filtered(),
    }
    return render_page(request, "casestudies/case_study_list.html", context)


@dataclass(frozen=True)
class LayerRow:
    """One row of the stack grid: a layer, and the stack entries of each stage at that layer."""

    layer: Category
    cells: list[list]  # one list of StackEntry per stage, in stage order


def stack_grid(stages: list) -> list[LayerRow]:
    """Layers (in layer order) × stages: which technologies each stage used at each layer."""
    layers: dict[int, Category] = {}
    cells: dict[tuple[int, int], list] = defaultdict(list)
    for index, stage in enumerate(stages):
        for entry in stage.stack.all():
            layers.setdefault(entry.layer_id, entry.layer)
            cells[(entry.layer_id, index)].append(entry)
    ordered = sorted(layers.values(), key=lambda layer: (layer.order, layer.slug))
    return [LayerRow(layer, [cells.get((layer.pk, i), []) for i in range(len(stages))]) for layer in ordered]


@dataclass(frozen=True)
class TimelineStep:
    """A stage and what changed since the one before: technologies added and dropped."""

    stage: object
    added: list[Technology]
    dropped: list[Technology]
    current: bool


def timeline(stages: list) -> list[TimelineStep]:
    steps, previous = [], {}
    for index, stage in enumerate(stages):
        technologies = {entry.technology_id: entry.technology for entry in stage.stack.all()}
        added = [t for pk, t in technologies.items() if pk not in previous] if index else []
        dropped = [t for pk, t in previous.items() if pk not in technologies]
        steps.append(TimelineStep(stage, added, dropped, index == len(stages) - 1))
        previous = technologies
    return steps


@require_GET
@cached_page
def case_study_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case_study = get_object_or_404(CaseStudy.objects.for_detail(), slug=slug)
    stages = list(case_study.stages.all())
    lessons_by_kind = [
        (value, label, [lesson for lesson in case_study.lessons.all() if lesson.kind == value])
        for value, label in Lesson.Kind.choices
    ]
    context = {
        "case_study": case_study,
        "stages": stages,
        "grid": stack_grid(stages),
        "timeline": timeline(stages),
        "lessons_by_kind": [group for group in lessons_by_kind if group[2]],
    }
    return render(request, "casestudies/case_study_detail.html", context)


@dataclass(frozen=True)
class MatrixRow:
    technology: Technology
    layer: Category
    marks: list[str]  # per case study: "current", "earlier" or ""

    @property
    def count(self) -> int:
        return sum(1 for mark in self.marks if mark)


@require_GET
@cached_page
def adoption_matrix(request: HttpRequest) -> HttpResponse:
    case_studies = list(CaseStudy.objects.for_adoption_matrix())
    layers: dict[int, Category] = {}
    uses: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)  # (layer, technology) → {case study: mark}
    technologies: dict[int, Technology] = {}
    for case_study in case_studies:
        stages = list(case_study.stages.all())
        for index, stage in enumerate(stages):
            current = index == len(stages) - 1
            for entry in stage.stack.all():
                layers.setdefault(entry.layer_id, entry.layer)
                technologies.setdefault(entry.technology_id, entry.technology)
                marks = uses[(entry.layer_id, entry.technology_id)]
                if current or marks.get(case_study.pk) != "current":
                    marks[case_study.pk] = "current" if current else "earlier"
    ordered_layers = sorted(layers.values(), key=lambda c: (c.order, c.slug))
    form = AdoptionForm(request.GET or None, layers=ordered_layers)
    stage_mode, layer_slug = "latest", ""
    if form.is_bound and form.is_valid():
        stage_mode = form.cleaned_data["stages"] or "latest"
        layer_slug = form.cleaned_data["layer"]
    groups = []
    for layer in ordered_layers:
        if layer_slug and layer.slug != layer_slug:
            continue
        rows = []
        for (layer_id, technology_id), marks in uses.items():
            if layer_id != layer.pk:
                continue
            row_marks = [marks.get(cs.pk, "") for cs in case_studies]
            if stage_mode == "latest":
                row_marks = [mark if mark == "current" else "" for mark in row_marks]
            row = MatrixRow(technologies[technology_id], layer, row_marks)
            if row.count:
                rows.append(row)
        rows.sort(key=lambda row: (-row.count, row.technology.name.lower()))
        if rows:
            groups.append((layer, rows))
    context = {
        "case_studies": case_studies,
        "groups": groups,
        "form": form,
        "stage_mode": stage_mode,
        "column_count": len(case_studies) + 2,
    }
    return render_page(request, "casestudies/adoption_matrix.html", context)
