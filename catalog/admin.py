"""Curator admin for the catalog. Every model keeps a history (django-simple-history): who changed
what, when — the "History" button on each change page shows it, with a diff per field."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ApproachMember,
    Assessment,
    CampMember,
    Capability,
    Category,
    Company,
    Correction,
    NetworkApproach,
    NetworkCamp,
    PerformanceEntry,
    PerformanceReport,
    Pitfall,
    Role,
    Source,
    Technology,
    TechnologyAdopter,
    TechnologyRelation,
)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "kind", "title_en", "section", "retrieved_on"]
    list_filter = ["kind"]
    search_fields = ["slug", "title_zh", "title_en", "url", "section"]


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_zh", "name_en", "industry"]
    list_filter = ["industry"]
    search_fields = ["slug", "name_zh", "name_en"]


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_zh", "name_en", "survey_label", "order"]
    search_fields = ["slug", "name_zh", "name_en"]
    ordering = ["order"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_en", "name_zh", "category", "order"]
    list_filter = ["category"]
    search_fields = ["slug", "name_zh", "name_en"]
    list_select_related = ["category"]


@admin.register(Capability)
class CapabilityAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_en", "name_zh", "category", "order"]
    list_filter = ["category", "roles"]
    search_fields = ["slug", "name_zh", "name_en"]
    list_select_related = ["category"]
    filter_horizontal = ["roles"]


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ["capability", "level", "note_zh", "note_en", "source", "as_of", "review_by"]
    autocomplete_fields = ["capability", "source"]


class RelationInline(admin.TabularInline):
    model = TechnologyRelation
    fk_name = "from_technology"
    extra = 0
    fields = ["kind", "to_technology", "note_zh", "note_en", "source"]
    autocomplete_fields = ["to_technology", "source"]


@admin.register(Technology)
class TechnologyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "status", "status_since", "language", "license", "in_survey"]
    list_filter = ["status", "kind", "categories", "roles", "delivery", "maturity", "license_family", "in_survey"]
    search_fields = ["slug", "name", "name_zh", "aliases", "summary_zh", "summary_en"]
    autocomplete_fields = ["owner", "survey_source", "status_source", "successors", "maturity_source", "scale_source"]
    filter_horizontal = ["categories", "roles"]
    inlines = [AssessmentInline, RelationInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "name_zh", "aliases", "kind", "categories", "owner", "homepage"]}),
        ("Summary", {"fields": ["summary_zh", "summary_en"]}),
        ("Decision model", {"fields": ["roles", "delivery", "providers", "needs_l2_adjacency", "maturity",
                                       "maturity_source", "scale_hosts", "scale_source", "scale_as_of",
                                       "scale_review_by"]}),
        ("Language and licence", {"fields": ["language", "language_detail", "license", "license_family",
                                             "license_note_zh", "license_note_en"]}),
        ("The 2017 survey", {"fields": ["in_survey", "survey_source", "survey_note_zh", "survey_note_en"]}),
        ("Lifecycle today", {"fields": ["status", "status_since", "status_since_precision", "status_note_zh",
                                        "status_note_en", "status_source", "status_as_of", "status_review_by",
                                        "successors"]}),
    ]  # fmt: skip


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["technology", "capability", "level", "as_of", "review_by", "source"]
    list_filter = ["level", "capability__category", "capability"]
    search_fields = ["technology__name", "technology__slug", "capability__slug", "note_zh", "note_en"]
    autocomplete_fields = ["technology", "capability", "source"]
    list_select_related = ["technology", "capability", "source"]


class PitfallAdminForm(forms.ModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        both = set(cleaned.get("technologies") or ()) & set(cleaned.get("remedies") or ())
        if both:
            names = ", ".join(sorted(technology.name for technology in both))
            raise forms.ValidationError(
                {
                    "remedies": _("A technology cannot be both a subject and a remedy of a pitfall: %(names)s.")
                    % {"names": names}
                }
            )
        return cleaned


@admin.register(Pitfall)
class PitfallAdmin(SimpleHistoryAdmin):
    form = PitfallAdminForm
    list_display = ["slug", "title_en", "severity", "as_of", "review_by"]
    list_filter = ["severity", "categories"]
    search_fields = ["slug", "title_zh", "title_en", "explanation_zh", "explanation_en"]
    autocomplete_fields = ["technologies", "remedies", "reported_by", "source"]
    filter_horizontal = ["categories"]


@admin.register(Correction)
class CorrectionAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "claim_as_of", "as_of", "review_by"]
    search_fields = ["slug", "claim_zh", "claim_en", "correction_zh", "correction_en"]
    autocomplete_fields = ["technologies", "claim_source", "source"]


class ApproachMemberInline(admin.TabularInline):
    model = ApproachMember
    extra = 0
    autocomplete_fields = ["technology"]


@admin.register(NetworkApproach)
class NetworkApproachAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_en", "name_zh", "order"]
    search_fields = ["slug", "name_zh", "name_en"]
    inlines = [ApproachMemberInline]


class CampMemberInline(admin.TabularInline):
    model = CampMember
    extra = 0
    autocomplete_fields = ["technology"]


@admin.register(NetworkCamp)
class NetworkCampAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_en", "name_zh", "order"]
    search_fields = ["slug", "name_zh", "name_en"]
    inlines = [CampMemberInline]


class PerformanceEntryInline(admin.TabularInline):
    model = PerformanceEntry
    extra = 0
    autocomplete_fields = ["technology"]


@admin.register(PerformanceReport)
class PerformanceReportAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "title_en", "reported_by", "as_of"]
    list_filter = ["reported_by"]
    search_fields = ["slug", "title_zh", "title_en"]
    inlines = [PerformanceEntryInline]


@admin.register(TechnologyAdopter)
class TechnologyAdopterAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_zh", "technology", "source", "as_of"]
    list_filter = ["technology"]
    search_fields = ["name_en", "name_zh", "technology__slug"]
    autocomplete_fields = ["technology", "source"]
