"""Case-study pages: the list (filtered in place with htmx), one case study, the adoption matrix."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from catalog import filters
from catalog.models import Technology
from platform_survey.page_cache import cached_page
from platform_survey.pages import render_page

from . import stacks
from .filters import CaseStudyFilter
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
    case_studies = filters.apply(CaseStudyFilter, CaseStudy.objects.all(), form.filters()).for_list()
    context = {
        "form": form,
        "case_studies": case_studies,
        "ignored": form.ignored(),
        "filtered": form.is_filtered(),
    }
    return render_page(request, "casestudies/case_study_list.html", context)


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
        "grid": stacks.stack_grid(stages),
        "timeline": stacks.timeline(stages),
        "lessons_by_kind": [group for group in lessons_by_kind if group[2]],
    }
    return render(request, "casestudies/case_study_detail.html", context)


@require_GET
@cached_page
def adoption_matrix(request: HttpRequest) -> HttpResponse:
    case_studies = list(CaseStudy.objects.for_list())
    adoption = stacks.adoption(case_studies)
    form = AdoptionForm(request.GET or None, layers=adoption.layers)
    stage_mode, layer_slug = "latest", ""
    if form.is_bound and form.is_valid():
        stage_mode = form.cleaned_data["stages"] or "latest"
        layer_slug = form.cleaned_data["layer"]
    groups = adoption.groups(any_stage=stage_mode == "any", layer_slug=layer_slug)
    context = {
        "case_studies": case_studies,
        "groups": groups,
        "form": form,
        "stage_mode": stage_mode,
        "column_count": len(case_studies) + 2,
    }
    return render_page(request, "casestudies/adoption_matrix.html", context)
