"""Company and case-study endpoints (listed in casestudies/api_routes.py)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from platform_survey.api.views import CuratedViewSet, ReadOnlyViewSet

from . import filters, models, serializers
from .querysets import companies_for_api


@extend_schema_view(
    list=extend_schema(summary="List companies"),
    retrieve=extend_schema(summary="One company"),
)
class CompanyViewSet(ReadOnlyViewSet):
    """The companies whose platforms the survey describes."""

    serializer_class = serializers.CompanySerializer
    schema_examples = {"slug": "qunar"}
    filterset_class = filters.CompanyFilter

    def get_queryset(self) -> QuerySet:
        return companies_for_api()


@extend_schema_view(
    list=extend_schema(
        summary="List case studies",
        description="Filter by a technology used in any stage, the company, its industry, scale or coverage.",
    ),
    retrieve=extend_schema(
        summary="One case study",
        description="With its stages in order (the last is current), each with its stack in layer order; "
        "its metrics; and its lessons.",
    ),
    create=extend_schema(summary="Create a case study (staff)"),
    update=extend_schema(summary="Replace a case study (staff)"),
    partial_update=extend_schema(summary="Change a case study (staff)"),
    destroy=extend_schema(summary="Delete a case study with its stages, metrics and lessons (staff)"),
)
class CaseStudyViewSet(CuratedViewSet):
    """Reference architectures: how each company's platform evolved, stage by stage. Writes: staff only."""

    serializer_class = serializers.CaseStudyListSerializer
    detail_serializer_class = serializers.CaseStudyDetailSerializer
    write_serializer_class = serializers.CaseStudyWriteSerializer
    filterset_class = filters.CaseStudyFilter
    schema_examples = {"slug": "qunar", "technology": "mesos", "company": "qunar"}

    def get_queryset(self) -> QuerySet:
        if self.action == "list":
            return models.CaseStudy.objects.for_api_list().order_by("company__name_en", "slug")
        if self.action == "retrieve":
            return models.CaseStudy.objects.for_api_detail()
        return models.CaseStudy.objects.all()
