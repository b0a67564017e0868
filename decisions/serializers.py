"""API representations of the questionnaire, evaluations and their results."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from platform_survey.api.serializers import StrictCharField
from platform_survey.i18n import localized

from . import contract, engine, services
from .forms import IMPORTANCE_CHOICES
from .models import Evaluation, Question, Questionnaire, Result, Section
from .rendering import render_errors
from .result_schema import EvaluationResult

NO_NUL = r"^[^\x00]*$"
# Not blank as DRF trims (str.strip): one character that is neither NUL nor whitespace. Written out,
# because a schema's \S is ECMA-262's, which counts \x1c-\x1f and \x85 as visible where Python strips
# them (a fuzzer sent a title of those and was refused).
NOT_BLANK = r"^[^\x00]*[^\x00\s\x1c-\x1f\x85][^\x00]*$"


# --- questionnaire -----------------------------------------------------------------------------


class ValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class QuestionSerializer(serializers.ModelSerializer):
    key = serializers.CharField(help_text="The answer's key in an evaluation's `answers`.")
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    multiple = serializers.SerializerMethodField(help_text="True when the answer is a list of values.")
    prompt = serializers.SerializerMethodField()
    help = serializers.SerializerMethodField(help_text="The trade-off behind the question.")
    capability = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    allowed_values = serializers.SerializerMethodField()
    technologies = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    pitfalls = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    case_studies = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "key", "kind", "multiple", "prompt", "help", "capability", "allowed_values", "technologies", "pitfalls",
            "case_studies",
        ]  # fmt: skip

    def get_prompt(self, question: Question) -> str:
        return str(localized(question, "prompt"))

    def get_help(self, question: Question) -> str:
        return str(localized(question, "help"))

    @extend_schema_field(ValueSerializer(many=True))
    def get_allowed_values(self, question: Question) -> list[dict[str, str]]:
        if question.kind == Question.Kind.IMPORTANCE:
            return [{"value": value, "label": str(label)} for value, label in IMPORTANCE_CHOICES]
        return [{"value": option.value, "label": str(localized(option, "label"))} for option in question.options.all()]

    def get_multiple(self, question: Question) -> bool:
        return contract.is_multiple(question.key)


class SectionSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    intro = serializers.SerializerMethodField()
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["slug", "title", "intro", "source", "questions"]

    def get_title(self, section) -> str:
        return str(localized(section, "title"))

    def get_intro(self, section) -> str:
        return str(localized(section, "intro"))


class QuestionnaireSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    intro = serializers.SerializerMethodField()
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Questionnaire
        fields = ["version", "title", "intro", "published_on", "sections"]

    def get_title(self, questionnaire) -> str:
        return str(localized(questionnaire, "title"))

    def get_intro(self, questionnaire) -> str:
        return str(localized(questionnaire, "intro"))


# --- answers, as the schema states them exactly -------------------------------------------------


def answers_schema(requirement_keys: list[str] | None = None) -> dict:
    """The JSON Schema of `answers`: every key and value the API accepts, nothing else."""
    if requirement_keys is None:
        try:
            requirement_keys = services.requirement_keys(services.current_questionnaire())
        except Exception:
            requirement_keys = list(contract.REQUIREMENTS)
    properties: dict[str, Any] = {}
    for key, (values, multiple) in contract.CONTEXT_QUESTIONS.items():
        if key == "include_legacy":
            properties[key] = {"oneOf": [{"type": "boolean"}, {"type": "string", "enum": list(values)}]}
        elif key == "existing_infra":
            # "none" cannot be combined with the others.
            others = [value for value in values if value != "none"]
            properties[key] = {
                "anyOf": [
                    {"type": "array", "items": {"type": "string", "enum": ["none"]}, "maxItems": 1},
                    {"type": "array", "items": {"type": "string", "enum": others}, "uniqueItems": True},
                ]
            }
        elif multiple:
            properties[key] = {"type": "array", "items": {"type": "string", "enum": list(values)}, "uniqueItems": True}
        else:
            properties[key] = {"type": "string", "enum": list(values)}
    for key in sorted(set(requirement_keys) | set(contract.REQUIREMENTS)):
        properties[key] = {"type": "string", "enum": list(contract.IMPORTANCES)}
    for schema in properties.values():
        # null = unanswered (in a PATCH: clear the stored answer). OpenAPI 3.0 wants null in the
        # enum too, or "nullable" does not let it through.
        schema["nullable"] = True
        if "enum" in schema:
            schema["enum"].append(None)
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "description": "Context answers and requirement importances (must / should / could / wont / unsure). "
        "Unanswered requirements count as wont; null means unanswered (a PATCH clears that key). "
        "See GET /api/v1/questionnaire/ for labels and help.",
    }


@extend_schema_field({"$ref": "#/components/schemas/Answers"})
class AnswersField(serializers.JSONField):
    """Its schema, components/schemas/Answers, is made when the schema is generated (it lists the
    questionnaire's keys, which live in the database): see add_answers_schema()."""


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Result
        fields = ["revision", "created_at", "catalog_fingerprint", "questionnaire_version"]


def result_payload(result: Result | None, language: str | None) -> dict | None:
    if result is None:
        return None
    return {"revision": result.revision, **result.output(language)}


class EvaluationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    questionnaire_version = serializers.CharField(source="questionnaire.version", read_only=True)
    answers = AnswersField(read_only=True)
    result = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "title",
            "notes",
            "questionnaire_version",
            "answers",
            "created_at",
            "updated_at",
            "result",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(EvaluationResult(allow_null=True))
    def get_result(self, evaluation: Evaluation) -> dict | None:
        latest = getattr(evaluation, "latest_result", None)
        if latest is None:
            latest = evaluation.results.order_by("-revision").first()
        return result_payload(latest, self.context.get("language"))

    @extend_schema_field(
        {
            "type": "object",
            "properties": {key: {"type": "string"} for key in ("self", "results", "adr", "html")},
        }
    )
    def get_links(self, evaluation: Evaluation) -> dict[str, str]:
        public_id = evaluation.public_id
        return {
            "self": reverse("evaluation-detail", args=[public_id]),
            "results": reverse("evaluation-results", args=[public_id]),
            "adr": reverse("evaluation-adr", args=[public_id]),
            "html": reverse("decisions:detail", args=[public_id]),
        }


class EvaluationListSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    latest_revision = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Evaluation
        fields = ["id", "title", "created_at", "updated_at", "latest_revision"]
        read_only_fields = fields


class EvaluationWriteSerializer(serializers.Serializer):
    """POST creates and runs; PATCH changes the title, notes and/or answers and runs again."""

    # Trimmed here, not by the field: the schema's maxLength is on the title as sent, so the length
    # check must see it before the spaces go (a fuzzer's 201 characters with leading spaces passed).
    title = StrictCharField(max_length=200, allow_blank=False, trim_whitespace=False)
    notes = StrictCharField(max_length=20000, allow_blank=True, required=False, trim_whitespace=False)
    answers = AnswersField(required=False)
    # Set by validate_answers: the questionnaire the answers were checked against (None: no answers).
    questionnaire: Questionnaire | None = None

    def validate_title(self, value: str) -> str:
        value = _no_nul(value).strip()
        if not value:
            raise serializers.ValidationError(self.fields["title"].error_messages["blank"])
        return value

    def validate_notes(self, value: str) -> str:
        return _no_nul(value)

    def validate_answers(self, value: Any) -> dict:
        if not isinstance(value, dict):
            raise serializers.ValidationError("Answers must be an object mapping question keys to values.")
        # null means unanswered: in a PATCH, which merges, it clears the key. The whole must be valid.
        merged = {**self.instance.answers, **value} if self.partial and self.instance else dict(value)
        merged = {key: answer for key, answer in merged.items() if answer is not None}
        try:
            questionnaire = self.instance.questionnaire if self.instance else services.current_questionnaire()
            self.questionnaire = questionnaire  # what the answers were checked against (the POST runs on it)
            return services.validate(merged, questionnaire)
        except engine.InvalidAnswers as error:
            raise serializers.ValidationError(render_errors(error.errors)) from None


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise serializers.ValidationError("Text may not contain NUL characters.")
    return value


def add_answers_schema(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: the exact `answers` schema, read from the current
    questionnaire, and the evaluation request bodies' title/notes rules (no NUL, not blank)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Answers"] = answers_schema()
    for name in ("EvaluationWriteRequest", "PatchedEvaluationWriteRequest"):
        properties = schemas.get(name, {}).get("properties", {})
        if "title" in properties:
            properties["title"].update({"pattern": NOT_BLANK})
        if "notes" in properties:
            properties["notes"].update({"pattern": NO_NUL})
    return result
