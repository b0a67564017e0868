"""API representations of companies and case studies (read: localized; write: both languages, staff)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalog.models import Source
from catalog.serializers import (
    CategoryRefSerializer,
    CompanyRefSerializer,
    SourceRefSerializer,
    TechnologyRefSerializer,
)
from platform_survey.api.serializers import FullCleanModelSerializer, LocalizedField, SlugRefField, UntranslatedField

from . import models


class CompanySerializer(serializers.ModelSerializer):
    name = LocalizedField()
    description = LocalizedField()
    case_studies = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Company
        fields = ["slug", "name", "industry", "description", "homepage", "case_studies", "untranslated"]


class CaseStudyListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="case-study-detail", lookup_field="slug")
    company = CompanyRefSerializer(read_only=True)
    title = LocalizedField()
    summary = LocalizedField()
    source = SourceRefSerializer(read_only=True)
    stale = serializers.BooleanField(source="is_stale", read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.CaseStudy
        fields = [
            "url", "slug", "company", "title", "summary", "period", "scale", "coverage", "source", "as_of",
            "review_by", "stale", "untranslated",
        ]  # fmt: skip


class StackEntrySerializer(serializers.ModelSerializer):
    technology = TechnologyRefSerializer(read_only=True)
    layer = CategoryRefSerializer(read_only=True)
    note = LocalizedField()

    class Meta:
        model = models.StackEntry
        fields = ["technology", "layer", "order", "note"]


class StageSerializer(serializers.ModelSerializer):
    name = LocalizedField()
    summary = LocalizedField()
    stack = StackEntrySerializer(many=True, read_only=True, help_text=_("In layer order."))
    untranslated = UntranslatedField()

    class Meta:
        model = models.Stage
        fields = ["order", "name", "summary", "period", "stack", "untranslated"]


class MetricSerializer(serializers.ModelSerializer):
    label = LocalizedField()
    note = LocalizedField()
    source = SourceRefSerializer(read_only=True)
    stale = serializers.BooleanField(source="is_stale", read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Metric
        fields = [
            "slug", "label", "value", "baseline", "unit", "qualifier", "note", "source", "as_of", "review_by",
            "stale", "untranslated",
        ]  # fmt: skip


class LessonSerializer(serializers.ModelSerializer):
    title = LocalizedField()
    body = LocalizedField(help_text=_("Markdown."))
    technologies = TechnologyRefSerializer(many=True, read_only=True)
    pitfalls = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    source = SourceRefSerializer(read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Lesson
        fields = ["slug", "kind", "title", "body", "technologies", "pitfalls", "source", "untranslated"]


class CaseStudyDetailSerializer(CaseStudyListSerializer):
    coverage_note = LocalizedField()
    stages = StageSerializer(many=True, read_only=True, help_text=_("In order; the last is the current one."))
    metrics = MetricSerializer(many=True, read_only=True)
    lessons = LessonSerializer(many=True, read_only=True)

    class Meta(CaseStudyListSerializer.Meta):
        fields = [
            *CaseStudyListSerializer.Meta.fields[:-1], "coverage_note", "stages", "metrics", "lessons", "untranslated",
        ]  # fmt: skip


class CaseStudyWriteSerializer(FullCleanModelSerializer):
    """A case study's own fields, validated like the admin (the model's full_clean); its stages,
    metrics and lessons are curated in the admin."""

    company = SlugRefField(queryset=models.Company.objects.all())
    source = SlugRefField(queryset=Source.objects.all())

    class Meta:
        model = models.CaseStudy
        fields = [
            "slug", "company", "title_zh", "title_en", "summary_zh", "summary_en", "period", "scale", "coverage",
            "coverage_note_zh", "coverage_note_en", "source", "as_of", "review_by",
        ]  # fmt: skip
