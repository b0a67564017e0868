"""Serializer building blocks shared by the apps' serializers.py.

Bilingual output: a localized field (``name``, ``title``, ``summary``, ...) holds the text in the
request's language (Accept-Language), falling back to the other language when that one is empty;
``untranslated`` lists the fields of the object that fell back. Writes use the explicit ``_zh`` /
``_en`` fields instead.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import model_meta

from platform_survey.i18n import LocalizedText, localized

from .errors import flatten_errors

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


@extend_schema_field(OpenApiTypes.STR)
class LocalizedField(serializers.Field):
    """Read-only: ``<field>_zh`` / ``<field>_en`` of the object, in the request's language."""

    def __init__(self, field: str | None = None, **kwargs):
        self.base = field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name: str, parent) -> None:
        super().bind(field_name, parent)
        if self.base is None:
            self.base = field_name

    def localized(self, obj) -> LocalizedText:
        return localized(obj, self.base)

    def to_representation(self, obj) -> str:
        return self.localized(obj).text


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class UntranslatedField(serializers.Field):
    """Read-only: names of this object's localized fields shown in the other language."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        kwargs.setdefault(
            "help_text",
            _("Localized fields of this object whose text is in the other language (no translation yet)."),
        )
        super().__init__(**kwargs)

    def to_representation(self, obj) -> list[str]:
        return [
            name
            for name, field in self.parent.fields.items()
            if isinstance(field, LocalizedField) and field.localized(obj).fallback
        ]


class _StringsOnly:
    """Text must arrive as a JSON string: DRF's CharField turns 0 into "0", so a client that sent a
    number by mistake would not hear about it (and the schema says string)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("Give text (a JSON string)."), code="invalid")
        return super().to_internal_value(data)


class StrictCharField(_StringsOnly, serializers.CharField):
    pass


class StrictSlugField(_StringsOnly, serializers.SlugField):
    pass


class StrictURLField(_StringsOnly, serializers.URLField):
    pass


class FullCleanModelSerializer(serializers.ModelSerializer):
    """A write serializer that validates like the admin: after DRF's field checks, the model's
    ``full_clean()`` runs on the would-be instance (field validators, ``clean()``, unique and check
    constraints), and its errors come back under the serializer's field names. Text fields take
    JSON strings only (StrictCharField)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.URLField: StrictURLField,
    }

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        model = self.Meta.model
        info = model_meta.get_field_info(model)
        many = {name for name, relation in info.relations.items() if relation.to_many}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many:
                setattr(instance, name, value)
        self.prepare_instance(instance)
        try:
            instance.full_clean(exclude=sorted(many | self.full_clean_exclude()))
        except DjangoValidationError as error:
            raise serializers.ValidationError(flatten_errors(error.message_dict)) from None
        return attrs

    def prepare_instance(self, instance) -> None:
        """Hook: set what the URL (not the body) decides, e.g. the parent object."""

    def full_clean_exclude(self) -> set[str]:
        return set()


class SlugRefField(serializers.SlugRelatedField):
    """A reference to another record by its slug (writes)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)
