"""API representations of the catalog (read: localized; write: both languages, staff only).

Read serializers show each bilingual field once, in the request's language (see
platform_survey/api/serializers.py); every claim carries its source, ``as_of``, ``review_by`` and
``stale`` (past review-by). Write serializers take the ``_zh`` / ``_en`` fields and validate like the
admin does (the model's full_clean).
"""

from __future__ import annotations

from collections import OrderedDict

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from platform_survey.api.serializers import (
    FullCleanModelSerializer,
    LocalizedField,
    SlugRefField,
    UntranslatedField,
)
from platform_survey.i18n import LocalizedText

from . import models

TRIGGERS_SCHEMA = {
    "type": "array",
    "description": "Conditions on questionnaire answers, all of which must hold for the pitfall to apply.",
    "items": {
        "type": "object",
        "properties": {
            "key": {"type": "string", "description": "A questionnaire key (decisions/contract.py)."},
            "in": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        },
        "required": ["key", "in"],
        "additionalProperties": False,
    },
}


class TechnologyNameField(LocalizedField):
    """A technology's name: its Chinese name in zh-hans when it has one, else the canonical name."""

    def localized(self, obj) -> LocalizedText:
        return obj.name_local


@extend_schema_field(TRIGGERS_SCHEMA)
class TriggersField(serializers.JSONField):
    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        # The model's clean() checks keys and values against the questionnaire contract; it
        # assumes this shape (a hashable key), so the shape is checked first.
        if not isinstance(data, list) or not all(
            isinstance(item, dict)
            and isinstance(item.get("key"), str)
            and isinstance(item.get("in"), list)
            and all(isinstance(value, str) for value in item["in"])
            for item in data
        ):
            raise serializers.ValidationError(_('Must be a list of {"key": "...", "in": ["...", ...]} conditions.'))
        return data


# --- small references embedded in other resources


class SourceRefSerializer(serializers.ModelSerializer):
    title = LocalizedField()

    class Meta:
        model = models.Source
        fields = ["slug", "kind", "title", "url", "section"]


class CategoryRefSerializer(serializers.ModelSerializer):
    name = LocalizedField()

    class Meta:
        model = models.Category
        fields = ["slug", "name"]


class TechnologyRefSerializer(serializers.ModelSerializer):
    name = TechnologyNameField()

    class Meta:
        model = models.Technology
        fields = ["slug", "name", "status"]


class CompanyRefSerializer(serializers.ModelSerializer):
    name = LocalizedField()

    class Meta:
        model = models.Company
        fields = ["slug", "name", "industry"]


class CapabilityRefSerializer(serializers.ModelSerializer):
    name = LocalizedField()
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = models.Capability
        fields = ["slug", "name", "category"]


class PitfallRefSerializer(serializers.ModelSerializer):
    title = LocalizedField()
    stale = serializers.BooleanField(source="is_stale", read_only=True)

    class Meta:
        model = models.Pitfall
        fields = ["slug", "title", "severity", "stale"]


# --- resources


class SourceSerializer(serializers.ModelSerializer):
    title = LocalizedField()
    untranslated = UntranslatedField()

    class Meta:
        model = models.Source
        fields = ["slug", "kind", "title", "url", "section", "published_on", "retrieved_on", "untranslated"]
        extra_kwargs = {"url": {"help_text": _("The cited page; empty for the survey.")}}


class CategorySerializer(serializers.ModelSerializer):
    name = LocalizedField()
    description = LocalizedField()
    technology_count = serializers.IntegerField(read_only=True)
    capability_count = serializers.IntegerField(read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Category
        fields = [
            "slug", "name", "description", "survey_label", "order", "technology_count", "capability_count",
            "untranslated",
        ]  # fmt: skip


class CapabilitySerializer(serializers.ModelSerializer):
    name = LocalizedField()
    description = LocalizedField()
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Capability
        fields = ["slug", "name", "description", "category", "order", "untranslated"]


class TechnologyListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="technology-detail", lookup_field="slug")
    name = TechnologyNameField()
    summary = LocalizedField()
    categories = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    owner = CompanyRefSerializer(read_only=True, allow_null=True, help_text=_("For in-house systems."))
    status_since = serializers.CharField(
        source="status_since_display", read_only=True, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown.")
    )
    status_stale = serializers.BooleanField(
        source="status_is_stale", read_only=True, help_text=_("The status claim is past its review-by date.")
    )
    untranslated = UntranslatedField()

    class Meta:
        model = models.Technology
        fields = [
            "url", "slug", "name", "kind", "categories", "summary", "language", "license", "license_family",
            "homepage", "owner", "in_survey", "status", "status_since", "status_stale", "untranslated",
        ]  # fmt: skip


class LifecycleSerializer(serializers.ModelSerializer):
    since = serializers.CharField(source="status_since_display", read_only=True)
    since_precision = serializers.CharField(source="status_since_precision", read_only=True)
    note = LocalizedField("status_note")
    source = SourceRefSerializer(source="status_source", read_only=True)
    as_of = serializers.DateField(source="status_as_of", read_only=True)
    review_by = serializers.DateField(source="status_review_by", read_only=True)
    stale = serializers.BooleanField(source="status_is_stale", read_only=True)

    class Meta:
        model = models.Technology
        fields = ["status", "since", "since_precision", "note", "source", "as_of", "review_by", "stale"]


class AssessmentSerializer(serializers.ModelSerializer):
    capability = CapabilityRefSerializer(read_only=True)
    note = LocalizedField()
    source = SourceRefSerializer(read_only=True)
    stale = serializers.BooleanField(source="is_stale", read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Assessment
        fields = ["capability", "level", "note", "source", "as_of", "review_by", "stale", "untranslated"]


class CorrectionSerializer(serializers.ModelSerializer):
    claim = LocalizedField(help_text=_("What the 2017 survey said."))
    claim_source = SourceRefSerializer(read_only=True)
    correction = LocalizedField(help_text=_("What is true today."))
    source = SourceRefSerializer(read_only=True)
    stale = serializers.BooleanField(source="is_stale", read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Correction
        fields = [
            "slug", "claim", "claim_source", "claim_as_of", "correction", "source", "as_of", "review_by", "stale",
            "untranslated",
        ]  # fmt: skip


class RelationSerializer(serializers.Serializer):
    """A relation seen from the technology being shown: ``outgoing`` (it → other) or ``incoming``."""

    kind = serializers.ChoiceField(choices=models.TechnologyRelation.Kind.choices, read_only=True)
    direction = serializers.ChoiceField(choices=["outgoing", "incoming"], read_only=True)
    technology = TechnologyRefSerializer(read_only=True)
    note = serializers.CharField(read_only=True)
    source = SourceRefSerializer(read_only=True)


class UsedByStageSerializer(serializers.Serializer):
    order = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    current = serializers.BooleanField(read_only=True, help_text=_("The case study's latest stage."))
    layer = CategoryRefSerializer(read_only=True)
    note = serializers.CharField(read_only=True)


class UsedBySerializer(serializers.Serializer):
    case_study = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    company = CompanyRefSerializer(read_only=True)
    current = serializers.BooleanField(read_only=True, help_text=_("Still used in the case study's latest stage."))
    stages = UsedByStageSerializer(many=True, read_only=True)


class TechnologyDetailSerializer(TechnologyListSerializer):
    aliases = serializers.SerializerMethodField()
    license_note = LocalizedField()
    survey_note = LocalizedField(help_text=_("What the 2017 survey said about it (kept even when outdated)."))
    survey_source = SourceRefSerializer(read_only=True, allow_null=True)
    lifecycle = LifecycleSerializer(source="*", read_only=True)
    successors = TechnologyRefSerializer(many=True, read_only=True)
    predecessors = TechnologyRefSerializer(many=True, read_only=True)
    relations = serializers.SerializerMethodField()
    assessments = AssessmentSerializer(many=True, read_only=True)
    pitfalls = PitfallRefSerializer(many=True, read_only=True)
    used_by = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta(TechnologyListSerializer.Meta):
        fields = [
            *TechnologyListSerializer.Meta.fields[:-1],
            "aliases", "language_detail", "license_note", "survey_note", "survey_source", "lifecycle",
            "successors", "predecessors", "relations", "assessments", "pitfalls", "used_by", "corrections",
            "untranslated",
        ]  # fmt: skip

    def get_aliases(self, obj) -> list[str]:
        return [alias.strip() for alias in obj.aliases.split(",") if alias.strip()]

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, obj) -> list:
        rows = [
            {"kind": r.kind, "direction": "outgoing", "technology": r.to_technology, "note": r.tr("note").text,
             "source": r.source}
            for r in obj.relations_out.all()
        ] + [
            {"kind": r.kind, "direction": "incoming", "technology": r.from_technology, "note": r.tr("note").text,
             "source": r.source}
            for r in obj.relations_in.all()
        ]  # fmt: skip
        return RelationSerializer(rows, many=True, context=self.context).data

    @extend_schema_field(UsedBySerializer(many=True))
    def get_used_by(self, obj) -> list:
        by_case: OrderedDict[int, dict] = OrderedDict()
        for entry in obj.stack_entries.all():
            stage = entry.stage
            case = stage.case_study
            current = stage.order == entry.latest_order
            item = by_case.setdefault(
                case.pk,
                {"case_study": case.slug, "title": case.tr("title").text, "company": case.company,
                 "current": False, "stages": []},
            )  # fmt: skip
            item["current"] = item["current"] or current
            item["stages"].append(
                {"order": stage.order, "name": stage.tr("name").text, "current": current, "layer": entry.layer,
                 "note": entry.tr("note").text}
            )  # fmt: skip
        return UsedBySerializer(list(by_case.values()), many=True, context=self.context).data


class CompareCellSerializer(serializers.Serializer):
    technology = serializers.SlugField(read_only=True)
    level = serializers.ChoiceField(choices=models.Assessment.Level.choices, read_only=True)
    assessed = serializers.BooleanField(read_only=True, help_text=_("False: nobody has assessed it (level unknown)."))
    note = serializers.CharField(read_only=True)
    source = SourceRefSerializer(read_only=True, allow_null=True)
    as_of = serializers.DateField(read_only=True, allow_null=True)
    review_by = serializers.DateField(read_only=True, allow_null=True)
    stale = serializers.BooleanField(read_only=True)


class CompareRowSerializer(serializers.Serializer):
    capability = CapabilityRefSerializer(read_only=True)
    differs = serializers.BooleanField(read_only=True, help_text=_("The technologies' levels are not all the same."))
    cells = CompareCellSerializer(
        source="entries", many=True, read_only=True, help_text=_("One per technology, in request order.")
    )


@extend_schema_serializer(many=False)
class CompareSerializer(serializers.Serializer):
    technologies = TechnologyListSerializer(many=True, read_only=True)
    rows = CompareRowSerializer(many=True, read_only=True)


class PitfallSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="pitfall-detail", lookup_field="slug")
    title = LocalizedField()
    explanation = LocalizedField()
    mitigation = LocalizedField()
    categories = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    technologies = TechnologyRefSerializer(
        many=True, read_only=True, help_text=_("The technologies the problem happens with.")
    )
    remedies = TechnologyRefSerializer(many=True, read_only=True, help_text=_("The technologies the mitigation names."))
    reported_by = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    triggers = TriggersField(read_only=True)
    trigger_note = LocalizedField()
    source = SourceRefSerializer(read_only=True)
    stale = serializers.BooleanField(source="is_stale", read_only=True)
    untranslated = UntranslatedField()

    class Meta:
        model = models.Pitfall
        fields = [
            "url", "slug", "title", "explanation", "mitigation", "severity", "categories", "technologies",
            "remedies", "reported_by", "triggers", "trigger_note", "source", "as_of", "review_by", "stale",
            "untranslated",
        ]  # fmt: skip


# --- writes (staff)


class TechnologyWriteSerializer(FullCleanModelSerializer):
    """A technology as curators write it: both languages, references by slug. Validated like the
    admin (the model's full_clean: e.g. review-by not before as-of, an in-house system has an owner)."""

    categories = SlugRefField(many=True, queryset=models.Category.objects.all())
    successors = SlugRefField(many=True, required=False, queryset=models.Technology.objects.all())
    owner = SlugRefField(required=False, allow_null=True, queryset=models.Company.objects.all())
    survey_source = SlugRefField(required=False, allow_null=True, queryset=models.Source.objects.all())
    status_source = SlugRefField(queryset=models.Source.objects.all())

    class Meta:
        model = models.Technology
        fields = [
            "slug", "name", "name_zh", "aliases", "kind", "categories", "summary_zh", "summary_en", "language",
            "language_detail", "license", "license_family", "license_note_zh", "license_note_en", "homepage",
            "owner", "in_survey", "survey_note_zh", "survey_note_en", "survey_source", "status", "status_since",
            "status_since_precision", "status_note_zh", "status_note_en", "status_source", "status_as_of",
            "status_review_by", "successors",
        ]  # fmt: skip

    def validate_successors(self, value: list) -> list:
        if self.instance is not None and any(successor.pk == self.instance.pk for successor in value):
            raise serializers.ValidationError(_("A technology cannot succeed itself."))
        return value


class AssessmentWriteSerializer(FullCleanModelSerializer):
    """One assessment of the technology in the URL, validated like the admin (one per capability;
    review-by not before as-of). ``capability`` is fixed once created."""

    capability = SlugRefField(queryset=models.Capability.objects.all())
    source = SlugRefField(queryset=models.Source.objects.all())

    class Meta:
        model = models.Assessment
        fields = ["capability", "level", "note_zh", "note_en", "source", "as_of", "review_by"]

    def validate_capability(self, value):
        if self.instance is not None and value.pk != self.instance.capability_id:
            raise serializers.ValidationError(_("The capability of an assessment cannot change; delete it instead."))
        return value

    def prepare_instance(self, instance) -> None:
        instance.technology = self.context["technology"]


class PitfallWriteSerializer(FullCleanModelSerializer):
    """A pitfall as curators write it: both languages, references by slug; triggers use the
    questionnaire's keys and values. Validated like the admin (the model's full_clean)."""

    categories = SlugRefField(many=True, queryset=models.Category.objects.all())
    technologies = SlugRefField(many=True, required=False, queryset=models.Technology.objects.all())
    remedies = SlugRefField(many=True, required=False, queryset=models.Technology.objects.all())
    reported_by = SlugRefField(many=True, required=False, queryset=models.Company.objects.all())
    triggers = TriggersField(required=False)
    source = SlugRefField(queryset=models.Source.objects.all())

    class Meta:
        model = models.Pitfall
        fields = [
            "slug", "title_zh", "title_en", "explanation_zh", "explanation_en", "mitigation_zh", "mitigation_en",
            "severity", "categories", "technologies", "remedies", "reported_by", "triggers", "trigger_note_zh",
            "trigger_note_en", "source", "as_of", "review_by",
        ]  # fmt: skip

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        # As in the admin: the problem's technologies and the fix's are two different lists.
        subjects = attrs.get("technologies", self.instance.technologies.all() if self.instance else ())
        remedies = attrs.get("remedies", self.instance.remedies.all() if self.instance else ())
        both = sorted({technology.slug for technology in subjects} & {technology.slug for technology in remedies})
        if both:
            message = _("A technology cannot be both a subject and a remedy of a pitfall: %(slugs)s.")
            raise serializers.ValidationError({"remedies": [message % {"slugs": ", ".join(both)}]})
        return attrs
