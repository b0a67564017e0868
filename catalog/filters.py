"""FilterSets for the catalog endpoints.

The catalog pages filter through these same FilterSets (``apply``): their lenient forms decide
which of a shared URL's values to keep, and the rule for each filter lives here once.

Rules every filter follows (so the schema tells the truth and bad input is a 400, never ignored):
- a slug filter (``category``, ``technology``, ``used_by``...) takes one slug; an unknown slug
  matches nothing (an empty page), a malformed one is a 400;
- an enum filter takes one or more values (``?status=active&status=maintenance``); a value outside
  the enum is a 400;
- free text (``search``, ``license``) is at most 200 characters without NUL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import reduce
from operator import and_, or_

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import set_override

from platform_survey.api.filters import StrictFilterSet

from . import models
from .choices import KNOWN_LEVELS, Level
from .evidence import evidence

TEXT_MAX = 200
TEXT_SCHEMA = {"type": "string", "maxLength": TEXT_MAX, "pattern": "^[^\\x00]*$"}
# Empty means "no filter" (as an HTML form would send it).
SLUG_SCHEMA = {"type": "string", "maxLength": 100, "pattern": "^[-a-zA-Z0-9_]*$"}
LEVELS = Level.values
CAPABILITY_CONDITION = re.compile(r"^([-a-zA-Z0-9_]+):(" + "|".join(LEVELS) + r")$")
# Each parameter is one condition, or empty (no condition, as an HTML form sends it). Commas are
# accepted too (a:yes,b:no), but the schema keeps to the one form it can state exactly.
CAPABILITY_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "pattern": f"^(?:{CAPABILITY_CONDITION.pattern[1:-1]})?$", "maxLength": 110},
    "maxItems": 20,
}


class DocumentedFilterMixin:
    """Gives the schema this filter's exact JSON schema (``schema``) and its help text."""

    schema: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = self.extra.get("help_text")
        set_override(self, "field", {**self.schema, **({"description": help_text} if help_text else {})})


class SlugFilter(DocumentedFilterMixin, django_filters.CharFilter):
    schema = SLUG_SCHEMA
    field_class = forms.SlugField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)


class TextFilter(DocumentedFilterMixin, django_filters.CharFilter):
    schema = TEXT_SCHEMA

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", TEXT_MAX)
        super().__init__(*args, **kwargs)


class CapabilityConditionsField(forms.Field):
    """``key:level`` conditions from repeated parameters and/or comma-separated lists."""

    default_error_messages = {
        "invalid": _("“%(value)s” is not a capability condition: write capability:level, level one of %(levels)s."),
        "too_many": _("At most 20 capability conditions."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.MultipleHiddenInput)
        super().__init__(*args, **kwargs)

    def to_python(self, value) -> list[tuple[str, str]]:
        raw = value if isinstance(value, list | tuple) else [value] if value else []
        # An empty parameter is no condition; inside a list, an empty item (a:yes,,b:no) is a typo.
        items = [item for chunk in raw if chunk != "" for item in str(chunk).split(",")]
        if len(raw) > 20 or len(items) > 20:  # parameters (the schema's maxItems) and conditions
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        conditions = []
        for item in items:
            match = CAPABILITY_CONDITION.match(item)
            if match is None or "\x00" in item:
                raise forms.ValidationError(
                    self.error_messages["invalid"],
                    code="invalid",
                    params={"value": item[:110], "levels": ", ".join(LEVELS)},
                )
            conditions.append((match.group(1), match.group(2)))
        return conditions


class CapabilityLevelFilter(DocumentedFilterMixin, django_filters.Filter):
    """All conditions must hold. Level ``unknown`` also matches technologies nobody has assessed for
    that capability. An unknown capability key matches nothing except with ``unknown``."""

    schema = CAPABILITY_SCHEMA
    field_class = CapabilityConditionsField
    repeatable = True

    def filter(self, qs: QuerySet, value: list[tuple[str, str]]) -> QuerySet:
        for key, level in value or ():
            if level == Level.UNKNOWN:
                known = models.Assessment.objects.filter(
                    technology=OuterRef("pk"), capability__slug=key, level__in=KNOWN_LEVELS
                )
                qs = qs.filter(~Exists(known))
            else:
                qs = qs.filter(
                    Exists(
                        models.Assessment.objects.filter(technology=OuterRef("pk"), capability__slug=key, level=level)
                    )
                )
        return qs


def search_terms(value: str) -> list[str]:
    return value.split()[:8]


def matches_all_terms(fields: list[str], terms: list[str]) -> Q:
    """Every term (case-insensitively) in at least one of the fields."""
    return reduce(and_, (reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields)) for term in terms))


TECHNOLOGY_SEARCH_FIELDS = ["slug", "name", "name_zh", "aliases", "summary_zh", "summary_en"]


class TechnologyFilter(StrictFilterSet):
    category = SlugFilter(
        field_name="categories__slug", help_text=_("A layer's slug, e.g. orchestration (see /api/v1/categories/).")
    )
    status = django_filters.MultipleChoiceFilter(choices=models.Technology.Status.choices)
    kind = django_filters.MultipleChoiceFilter(choices=models.Technology.Kind.choices)
    language = django_filters.MultipleChoiceFilter(choices=models.Technology.Language.choices)
    license_family = django_filters.MultipleChoiceFilter(choices=models.Technology.LicenseFamily.choices)
    license = TextFilter(
        method="filter_license",
        help_text=_(
            "A license family (permissive, copyleft, ...) or SPDX text, matched case-insensitively within the "
            "license expression, e.g. Apache-2.0 or GPL."
        ),
    )
    capability = CapabilityLevelFilter(
        help_text=_(
            "capability:level, e.g. autoscaling:yes; repeat the parameter or separate with commas — all must "
            "hold. Level unknown also matches technologies not assessed for it."
        )
    )
    used_by = SlugFilter(
        method="filter_used_by", help_text=_("A company's slug: technologies in any stage of its case studies.")
    )
    search = TextFilter(
        method="filter_search",
        help_text=_("Words to find, in either language, in the name, Chinese name, aliases, slug or summary."),
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("slug", "slug"), ("status", "status"), ("updated_at", "updated")),
        help_text=_("Sort by name (default), slug, status or updated; prefix with - to reverse."),
    )

    class Meta:
        model = models.Technology
        fields: list[str] = []

    def filter_license(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(license_family=value) | Q(license__icontains=value))

    def filter_used_by(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(
            Exists(evidence().stack_entries().filter(technology=OuterRef("pk"), stage__case_study__company__slug=value))
        )

    def filter_search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        terms = search_terms(value)
        return qs.filter(matches_all_terms(TECHNOLOGY_SEARCH_FIELDS, terms)) if terms else qs


class CapabilityFilter(StrictFilterSet):
    category = SlugFilter(field_name="category__slug", help_text=_("A layer's slug."))

    class Meta:
        model = models.Capability
        fields: list[str] = []


class PitfallFilter(StrictFilterSet):
    layer = SlugFilter(field_name="categories__slug", help_text=_("A layer's (category's) slug."))
    technology = SlugFilter(field_name="technologies__slug", help_text=_("A technology's slug."))
    severity = django_filters.MultipleChoiceFilter(choices=models.Pitfall.Severity.choices)

    class Meta:
        model = models.Pitfall
        fields: list[str] = []


class SourceFilter(StrictFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=models.Source.Kind.choices)

    class Meta:
        model = models.Source
        fields: list[str] = []


def apply(
    filterset_class: type[StrictFilterSet], queryset: QuerySet, params: Mapping[str, str | list[str]]
) -> QuerySet:
    """``queryset`` narrowed by ``filterset_class`` with ``params`` (a page form's cleaned values,
    a list for a repeatable filter; empty values mean "any"): the pages' way into the API's filters."""
    data = QueryDict(mutable=True)
    for name, value in params.items():
        values = value if isinstance(value, list | tuple) else [value]
        data.setlist(name, [item for item in values if item])
    filterset = filterset_class(data=data, queryset=queryset)
    if not filterset.is_valid():  # a page form offers only values its FilterSet accepts
        raise ValueError(f"{filterset_class.__name__}: {filterset.errors.as_json()}")
    return filterset.qs
