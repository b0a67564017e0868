"""Curators edit the questionnaire in the admin (with history); evaluations and results are
read-only there — results are immutable by design."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, Option, Question, Questionnaire, Result, Section


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "slug", "title_zh", "title_en", "source"]
    show_change_link = True


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    list_display = ["version", "title_en", "is_current", "published_on"]
    list_filter = ["is_current"]
    search_fields = ["version", "title_zh", "title_en"]
    inlines = [SectionInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["order", "key", "kind", "capability", "prompt_zh", "prompt_en", "help_zh", "help_en"]
    show_change_link = True


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "title_en", "order"]
    list_filter = ["questionnaire"]
    search_fields = ["slug", "title_zh", "title_en"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["key", "kind", "section", "order"]
    list_filter = ["kind", "section__questionnaire", "section"]
    search_fields = ["key", "prompt_zh", "prompt_en", "help_zh", "help_en"]
    autocomplete_fields = ["capability", "technologies", "pitfalls", "case_studies"]
    inlines = [OptionInline]


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0
    fields = ["revision", "catalog_fingerprint", "questionnaire_version", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "questionnaire", "created_at", "updated_at"]
    list_filter = ["questionnaire"]
    search_fields = ["title", "owner__username"]
    readonly_fields = ["public_id", "owner", "questionnaire", "answers", "created_at", "updated_at"]
    inlines = [ResultInline]
