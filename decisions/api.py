"""The questionnaire and evaluations through the API.

Evaluations are private: every query is filtered by the requesting user, so another user's
evaluation is a 404 (never a 403 that would confirm it exists). Writes go through
decisions.services; a POST creates the evaluation and its first result in one transaction, and a
400 stores nothing.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from platform_survey.api.renderers import JSONRenderer
from platform_survey.api.views import ApiGenericViewSet

from . import services
from .adr import result_to_adr
from .models import Evaluation, Questionnaire, Result
from .result_schema import EvaluationResult, WhyNotAnswer
from .serializers import (
    EvaluationListSerializer,
    EvaluationSerializer,
    EvaluationWriteSerializer,
    QuestionnaireSerializer,
    RevisionSerializer,
    result_payload,
)

# Revisions count from 1; the URL pattern and the ADR's check allow at most nine digits.
REVISION_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 999_999_999}


SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


def _revision(evaluation: Evaluation, request: Request) -> Result:
    """The revision ``?revision=N`` names, else the latest; a 400 for a bad number, a 404 for none."""
    results = evaluation.results.order_by("-revision")
    raw = request.query_params.get("revision")
    if raw is not None:
        if not raw.isdigit() or len(raw) > 9:
            raise exceptions.ValidationError({"revision": [gettext("A revision is a whole number.")]})
        results = results.filter(revision=int(raw))
    result = results.first()
    if result is None:
        raise exceptions.NotFound(gettext("This evaluation has no such revision."))
    return result


class MarkdownRenderer(BaseRenderer):
    media_type = "text/markdown"
    format = "md"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return data.encode("utf-8") if isinstance(data, str) else b""


class QuestionnaireViewSet(ApiGenericViewSet):
    """The current questionnaire: sections, questions, allowed values with labels, help and links."""

    serializer_class = QuestionnaireSerializer
    queryset = Questionnaire.objects.none()  # for the schema; list() reads the current one
    single_object = True  # list() answers the one current questionnaire, not an array
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="The current questionnaire",
        description="Every key an evaluation's `answers` accepts, its allowed values (with labels in the "
        "request's language), the help text explaining the trade-off, and the technologies, pitfalls and case "
        "studies that bear on it.",
        responses={200: QuestionnaireSerializer},
    )
    def list(self, request: Request) -> Response:
        questionnaire = Questionnaire.objects.current()
        return Response(self.get_serializer(questionnaire).data)


@extend_schema_view(
    list=extend_schema(summary="My evaluations", description="Only the requesting user's, newest first."),
    retrieve=extend_schema(summary="One of my evaluations, with its latest result"),
    destroy=extend_schema(summary="Delete one of my evaluations and all its revisions"),
)
class EvaluationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ApiGenericViewSet
):  # fmt: skip
    permission_classes = [IsAuthenticated]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends: list = []
    schema_examples: dict = {}

    def get_queryset(self):
        evaluations = Evaluation.objects.filter(owner=self.request.user).select_related("questionnaire")
        if self.action == "list":
            return evaluations.annotate(latest_revision=Max("results__revision")).order_by("-updated_at", "-pk")
        return evaluations

    def get_serializer_class(self):
        if self.action == "list":
            return EvaluationListSerializer
        if self.action in ("create", "partial_update"):
            return EvaluationWriteSerializer
        return EvaluationSerializer

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "language": get_language()}

    def get_object(self) -> Evaluation:
        try:
            return super().get_object()
        except (Http404, exceptions.ValidationError):
            raise exceptions.NotFound(gettext("No evaluation of yours has this id.")) from None

    # Evaluations are per user and change with every run: no catalog-wide ETag.
    conditional = False

    def _detail(
        self, evaluation: Evaluation, status_code: int = status.HTTP_200_OK, latest: Result | None = None
    ) -> Response:
        # ``latest``: the result just written (a POST), so its large output is not read back and
        # decoded again; it is the latest revision, as the evaluation was created with it.
        evaluation.latest_result = latest if latest is not None else evaluation.results.order_by("-revision").first()
        return Response(
            EvaluationSerializer(evaluation, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(
        summary="Submit answers: store an evaluation and its first result",
        request=EvaluationWriteSerializer,
        responses={201: EvaluationSerializer},
    )
    def create(self, request: Request) -> Response:
        serializer = EvaluationWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        evaluation, result = services.create_and_run(
            owner=request.user,
            title=data["title"],
            answers=data.get("answers", {}),
            notes=data.get("notes", ""),
            questionnaire=serializer.questionnaire,
        )
        return self._detail(evaluation, status.HTTP_201_CREATED, latest=result)

    @extend_schema(
        summary="Change title, notes or answers, and run again",
        description="`answers` is merged into the stored answers (a key set to null is cleared). When the answers "
        "or the catalog changed since the latest run, a new immutable revision is stored.",
        request=EvaluationWriteSerializer,
        responses={200: EvaluationSerializer},
    )
    def partial_update(self, request: Request, id=None) -> Response:
        evaluation = self.get_object()
        serializer = EvaluationWriteSerializer(
            evaluation, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with transaction.atomic():
            if "title" in data or "notes" in data:
                services.update_details(evaluation, title=data.get("title", evaluation.title), notes=data.get("notes"))
            if "answers" in data:
                services.save_answers(evaluation, data["answers"], replace_all=True)
            services.run_evaluation(evaluation)
        return self._detail(evaluation)

    def retrieve(self, request: Request, id=None) -> Response:
        return self._detail(self.get_object())

    def perform_destroy(self, instance: Evaluation) -> None:
        services.delete_evaluation(instance)

    @extend_schema(summary="The revisions of one of my evaluations", responses={200: RevisionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request: Request, id=None) -> Response:
        evaluation = self.get_object()
        return Response(RevisionSerializer(evaluation.results.order_by("-revision"), many=True).data)

    @extend_schema(
        summary="One revision's full result",
        parameters=[OpenApiParameter("revision", REVISION_SCHEMA, OpenApiParameter.PATH)],
        responses={200: EvaluationResult},
    )
    @action(detail=True, methods=["get"], url_path=r"results/(?P<revision>[0-9]{1,9})", pagination_class=None)
    def result(self, request: Request, id=None, revision: str = "") -> Response:
        evaluation = self.get_object()
        result = get_object_or_404(Result, evaluation=evaluation, revision=int(revision))
        return Response(result_payload(result, get_language()))

    @extend_schema(
        summary="Why is a technology not the pick? (latest revision, or ?revision=N)",
        parameters=[
            OpenApiParameter("technology", {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,79}$"},
                             OpenApiParameter.QUERY, required=True, description="A technology's slug."),
            OpenApiParameter("revision", REVISION_SCHEMA, OpenApiParameter.QUERY, description="Default: the latest."),
        ],
        responses={200: WhyNotAnswer},
    )  # fmt: skip
    @action(detail=True, methods=["get"], url_path="why-not", pagination_class=None)
    def why_not(self, request: Request, id=None) -> Response:
        evaluation = self.get_object()  # another user's evaluation is a 404 before anything else
        slug = request.query_params.get("technology", "")
        if not SLUG.fullmatch(slug):  # the pattern the schema states
            raise exceptions.ValidationError({"technology": [gettext("Give the slug of a technology.")]})
        result = _revision(evaluation, request)
        return Response({"revision": result.revision, **result.why_not(slug, get_language())})

    @extend_schema(
        summary="Export a revision as an Architecture Decision Record (MADR, Markdown)",
        parameters=[
            OpenApiParameter(
                "revision", REVISION_SCHEMA, OpenApiParameter.QUERY, description="Default: the latest revision."
            )
        ],
        description="Markdown by default (`text/markdown`, as a file to save); `?format=json` answers the same "
        "Markdown as one JSON string (`application/json`). Errors are JSON in the shared error shape either way.",
        responses={
            (200, "text/markdown"): OpenApiResponse(OpenApiTypes.STR, description="The ADR in MADR form."),
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.STR, description="The ADR in MADR form, as a JSON string (`?format=json`)."
            ),
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[MarkdownRenderer, JSONRenderer], pagination_class=None)
    def adr(self, request: Request, id=None) -> Response:
        if request.query_params.get("format") == "":  # DRF would take it for "not given"
            raise exceptions.ValidationError({"format": [gettext("Give md or json, or leave the parameter out.")]})
        evaluation = self.get_object()
        result = _revision(evaluation, request)
        language = "en" if get_language().startswith("en") else "zh-hans"
        # The chosen renderer labels the body: text/markdown, or application/json for ?format=json
        # (the Markdown as one JSON string).
        response = Response(result_to_adr(result, language))
        extension = "json" if isinstance(request.accepted_renderer, JSONRenderer) else "md"
        response["Content-Disposition"] = (
            f'attachment; filename="adr-{evaluation.public_id}-r{result.revision}.{extension}"'
        )
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON in the shared shape even on the Markdown endpoint — also when content
        # negotiation itself failed (an unknown ?format=), which leaves no renderer chosen.
        if response.status_code >= 400 and isinstance(response, Response):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
