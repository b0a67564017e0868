"""Curator admin for case studies. Stages, metrics and lessons are edited inline on their case
study, and each stage there shows its stack by layer; the stack entries themselves are edited
inline on the stage's own page (Django admin does not nest inlines — each stage row links to it)."""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseStudy, Lesson, Metric, StackEntry, Stage


class StageInline(admin.StackedInline):
    model = Stage
    extra = 0
    fields = ["order", "name_zh", "name_en", "period", "summary_zh", "summary_en", "stack_by_layer"]
    readonly_fields = ["stack_by_layer"]
    show_change_link = True  # the stage's own page edits its stack

    def get_queryset(self, request):
        entries = StackEntry.objects.select_related("layer", "technology")
        return super().get_queryset(request).prefetch_related(Prefetch("stack", queryset=entries))

    @admin.display(description="stack (edit on the stage's page)")
    def stack_by_layer(self, stage: Stage) -> str:
        layers: dict[str, list[str]] = {}
        for entry in stage.stack.all():
            layers.setdefault(entry.layer.slug, []).append(entry.technology.name)
        if not layers:
            return "—"
        return format_html_join(
            "", "<div><strong>{}</strong>: {}</div>", ((layer, ", ".join(names)) for layer, names in layers.items())
        )


class MetricInline(admin.TabularInline):
    model = Metric
    extra = 0
    fields = ["slug", "label_zh", "label_en", "value", "baseline", "unit", "qualifier", "source", "as_of", "review_by"]
    autocomplete_fields = ["source"]


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    fields = [
        "slug",
        "kind",
        "order",
        "title_zh",
        "title_en",
        "body_zh",
        "body_en",
        "technologies",
        "pitfalls",
        "source",
    ]
    autocomplete_fields = ["technologies", "pitfalls", "source"]


@admin.register(CaseStudy)
class CaseStudyAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "company", "title_en", "scale", "coverage", "as_of"]
    list_filter = ["coverage", "scale", "company__industry"]
    search_fields = ["slug", "title_zh", "title_en", "summary_zh", "summary_en", "company__name_zh", "company__name_en"]
    autocomplete_fields = ["company", "source"]
    list_select_related = ["company"]
    inlines = [StageInline, MetricInline, LessonInline]


class StackEntryInline(admin.TabularInline):
    model = StackEntry
    extra = 0
    fields = ["layer", "technology", "order", "note_zh", "note_en"]
    autocomplete_fields = ["technology", "layer"]


@admin.register(Stage)
class StageAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "case_study", "order"]
    list_filter = ["case_study"]
    search_fields = ["name_zh", "name_en", "case_study__slug"]
    inlines = [StackEntryInline]
    list_select_related = ["case_study"]


@admin.register(StackEntry)
class StackEntryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "technology", "layer"]
    list_filter = ["layer"]
    search_fields = ["technology__name", "stage__case_study__slug", "note_zh", "note_en"]
    autocomplete_fields = ["stage", "technology", "layer"]
    list_select_related = ["stage__case_study", "technology", "layer"]
