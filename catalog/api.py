"""Catalog endpoints (listed in catalog/api_routes.py).

Public reads, looked up by slug; staff writes for technologies, their assessments and pitfalls.
Each get_queryset() is a QuerySet method with a fixed number of queries (``for_api*()`` where the
endpoint's needs differ from the page's, the page's own method where they are the same).
"""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from platform_survey.api.errors import ErrorSerializer, NotFoundWithErrors
from platform_survey.api.serializers import SLUG_PATTERN
from platform_survey.api.views import SLUG_REGEX, THINGS, ApiGenericViewSet, CuratedViewSet, ReadOnlyViewSet

from . import filters, models, serializers
from .compare import MAX_COMPARE, MIN_COMPARE, rows

SLUG_REGEX_COMPILED = re.compile(SLUG_REGEX)


@extend_schema_view(
    list=extend_schema(summary="List layers (categories)", description="With technology and capability counts."),
    retrieve=extend_schema(summary="One layer"),
)
class CategoryViewSet(ReadOnlyViewSet):
    """The layers of the stack (the survey's stack table plus the layers its case studies need)."""

    serializer_class = serializers.CategorySerializer
    schema_examples = {"slug": "orchestration"}

    def get_queryset(self) -> QuerySet:
        return models.Category.objects.with_counts()


@extend_schema_view(
    list=extend_schema(summary="List capabilities (selection criteria)"),
    retrieve=extend_schema(summary="One capability"),
)
class CapabilityViewSet(ReadOnlyViewSet):
    """Selection criteria, one layer each; a capability's slug is the questionnaire's requirement key."""

    serializer_class = serializers.CapabilitySerializer
    schema_examples = {"slug": "autoscaling", "category": "orchestration"}
    filterset_class = filters.CapabilityFilter

    def get_queryset(self) -> QuerySet:
        # One query; Capability shares SlugQuerySet with Source, so no for_api() of its own.
        return models.Capability.objects.select_related("category")


@extend_schema_view(
    list=extend_schema(summary="List sources (citations)"),
    retrieve=extend_schema(summary="One source"),
)
class SourceViewSet(ReadOnlyViewSet):
    """Citations: sections of the 2017 survey, and external pages with the day they were read."""

    serializer_class = serializers.SourceSerializer
    schema_examples = {"slug": "survey-kubernetes"}
    filterset_class = filters.SourceFilter

    def get_queryset(self) -> QuerySet:
        return models.Source.objects.all()


@extend_schema_view(
    list=extend_schema(
        summary="List technologies",
        description="Filter by layer, status, kind, language, license, capability levels, the companies "
        "that use them, and words in either language.",
    ),
    retrieve=extend_schema(
        summary="One technology",
        description="With its lifecycle, assessments (each with source, as-of and review-by dates and a "
        "stale flag), pitfalls, who uses it (case studies and stages), relations in both directions, "
        "successors and predecessors, and the corrections to what the 2017 survey said.",
    ),
    create=extend_schema(summary="Create a technology (staff)"),
    update=extend_schema(summary="Replace a technology (staff)"),
    partial_update=extend_schema(summary="Change a technology (staff)"),
    destroy=extend_schema(
        summary="Delete a technology (staff)",
        description="Its assessments and relations go with it; a technology a case study uses is a 409.",
    ),
)
class TechnologyViewSet(CuratedViewSet):
    """Products, in-house systems, protocols and network modes. Writes: staff only."""

    serializer_class = serializers.TechnologyListSerializer
    detail_serializer_class = serializers.TechnologyDetailSerializer
    write_serializer_class = serializers.TechnologyWriteSerializer
    filterset_class = filters.TechnologyFilter
    schema_examples = {
        "slug": "kubernetes",
        "category": "orchestration",
        "capability": ["autoscaling:yes"],
        "used_by": "qunar",
        "search": "stateful",
    }

    def get_queryset(self) -> QuerySet:
        if self.action == "list":
            return models.Technology.objects.for_api_list().order_by("name")
        if self.action == "retrieve":
            return models.Technology.objects.for_api_detail()
        return models.Technology.objects.all()


TECHNOLOGY_SLUG_PARAMETER = OpenApiParameter(
    "technology_slug", str, OpenApiParameter.PATH, pattern=SLUG_PATTERN, description="The technology's slug."
)
CAPABILITY_SLUG_PARAMETER = OpenApiParameter(
    "capability", str, OpenApiParameter.PATH, pattern=SLUG_PATTERN, description="The capability's slug."
)


@extend_schema_view(
    list=extend_schema(summary="List a technology's assessments", parameters=[TECHNOLOGY_SLUG_PARAMETER]),
    retrieve=extend_schema(summary="One assessment", parameters=[TECHNOLOGY_SLUG_PARAMETER, CAPABILITY_SLUG_PARAMETER]),
    create=extend_schema(summary="Assess a capability (staff)", parameters=[TECHNOLOGY_SLUG_PARAMETER]),
    update=extend_schema(
        summary="Replace an assessment (staff)", parameters=[TECHNOLOGY_SLUG_PARAMETER, CAPABILITY_SLUG_PARAMETER]
    ),
    partial_update=extend_schema(
        summary="Change an assessment (staff)", parameters=[TECHNOLOGY_SLUG_PARAMETER, CAPABILITY_SLUG_PARAMETER]
    ),
    destroy=extend_schema(
        summary="Delete an assessment (staff)", parameters=[TECHNOLOGY_SLUG_PARAMETER, CAPABILITY_SLUG_PARAMETER]
    ),
)
class AssessmentViewSet(CuratedViewSet):
    """How well a technology meets each capability, with source, as-of and review-by dates. The
    capability's slug is the key: technologies/{technology_slug}/assessments/{capability}/. Writes:
    staff only."""

    serializer_class = serializers.AssessmentSerializer
    write_serializer_class = serializers.AssessmentWriteSerializer
    schema_examples = {"technology_slug": "kubernetes", "capability": "autoscaling"}
    lookup_field = "capability__slug"
    lookup_url_kwarg = "capability"

    @cached_property
    def technology(self) -> models.Technology:
        slug = self.kwargs["technology_slug"]
        technology = models.Technology.objects.only("pk", "slug").filter(slug=slug).first()
        if technology is None:
            raise exceptions.NotFound(
                gettext("No %(thing)s matches “%(slug)s”.") % {"thing": THINGS["technology"], "slug": slug}
            )
        return technology

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no URL kwargs
            return models.Assessment.objects.none()
        return models.Assessment.objects.for_api().filter(technology=self.technology)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if "technology_slug" in self.kwargs:
            context["technology"] = self.technology
        return context

    def get_save_kwargs(self) -> dict:
        return {"technology": self.technology}


class CompareViewSet(ApiGenericViewSet):
    """Side-by-side capability matrix of 2–4 technologies."""

    serializer_class = serializers.CompareSerializer
    schema_examples = {"technologies": ["kubernetes", "mesos"]}
    queryset = models.Technology.objects.none()  # for the schema; list() builds its own
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="Compare 2–4 technologies",
        description="The capability matrix side by side: one row per capability of the technologies' layers "
        "(and any other capability one of them is assessed on), one cell per technology in request order, "
        "`differs` when the levels are not all the same. The URL is shareable. Unknown slugs are a 404 "
        "naming them; fewer than 2, more than 4, repeated or malformed slugs are a 400.",
        parameters=[
            OpenApiParameter(
                "technologies",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80},
                    "minItems": MIN_COMPARE,
                    "maxItems": MAX_COMPARE,
                    "uniqueItems": True,
                },
                OpenApiParameter.QUERY,
                required=True,
                style="form",
                explode=False,
                description="Technology slugs, comma-separated, e.g. kubernetes,mesos,docker-swarm.",
            )
        ],
        responses={
            200: serializers.CompareSerializer,
            404: OpenApiResponse(ErrorSerializer, description="`errors.technologies` names each unknown slug."),
        },
    )
    def list(self, request: Request) -> Response:
        slugs = self._requested_slugs(request)
        technologies = {t.slug: t for t in models.Technology.objects.for_compare(slugs)}
        missing = [slug for slug in slugs if slug not in technologies]
        if missing:
            raise NotFoundWithErrors(
                {"technologies": [gettext("Unknown technology: “%(slug)s”.") % {"slug": slug} for slug in missing]},
                detail=gettext("Some of the technologies to compare do not exist."),
            )
        ordered = [technologies[slug] for slug in slugs]
        data = {"technologies": ordered, "rows": rows(ordered)}
        return Response(self.get_serializer(data).data)

    def _requested_slugs(self, request: Request) -> list[str]:
        raw = request.query_params.getlist("technologies")
        slugs = [slug.strip() for slug in raw[0].split(",")] if raw else []
        errors = []
        if not raw:
            errors.append(gettext("This query parameter is required."))
        elif len(raw) > 1:
            errors.append(gettext("Give this parameter once, with the slugs separated by commas."))
        elif any(not SLUG_REGEX_COMPILED.fullmatch(slug) or len(slug) > 80 for slug in slugs):
            errors.append(gettext("Technology slugs are letters, digits, - and _, separated by commas."))
        elif len(set(slugs)) != len(slugs):
            errors.append(gettext("Each technology may be named only once."))
        elif not MIN_COMPARE <= len(slugs) <= MAX_COMPARE:
            errors.append(
                gettext("Choose between %(min)d and %(max)d technologies; got %(count)d.")
                % {"min": MIN_COMPARE, "max": MAX_COMPARE, "count": len(slugs)}
            )
        if errors:
            raise exceptions.ValidationError({"technologies": errors})
        return slugs


@extend_schema_view(
    list=extend_schema(summary="List pitfalls", description="Critical first. Filter by layer, technology, severity."),
    retrieve=extend_schema(summary="One pitfall"),
    create=extend_schema(summary="Record a pitfall (staff)"),
    update=extend_schema(summary="Replace a pitfall (staff)"),
    partial_update=extend_schema(summary="Change a pitfall (staff)"),
    destroy=extend_schema(summary="Delete a pitfall (staff)"),
)
class PitfallViewSet(CuratedViewSet):
    """Known problems (坑), when they bite (triggers on questionnaire answers) and what to do. Writes: staff only."""

    serializer_class = serializers.PitfallSerializer
    write_serializer_class = serializers.PitfallWriteSerializer
    filterset_class = filters.PitfallFilter
    schema_examples = {"slug": "nf-conntrack-nat-slowdown", "layer": "network", "technology": "kubernetes"}

    def get_queryset(self) -> QuerySet:
        if self.action in ("list", "retrieve"):
            return models.Pitfall.objects.with_remedies()
        return models.Pitfall.objects.all()
