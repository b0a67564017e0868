"""FilterSets for the case-study endpoints (same rules as catalog/filters.py)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from catalog.filters import SlugFilter
from catalog.models import Industry
from platform_survey.api.filters import StrictFilterSet

from . import models


class CompanyFilter(StrictFilterSet):
    industry = django_filters.MultipleChoiceFilter(choices=Industry.choices)

    class Meta:
        model = models.Company
        fields: list[str] = []


class CaseStudyFilter(StrictFilterSet):
    technology = SlugFilter(
        method="filter_technology", help_text=_("A technology's slug: case studies using it in any stage.")
    )
    company = SlugFilter(field_name="company__slug", help_text=_("A company's slug."))
    industry = django_filters.MultipleChoiceFilter(field_name="company__industry", choices=Industry.choices)
    scale = django_filters.MultipleChoiceFilter(choices=models.Scale.choices)
    coverage = django_filters.MultipleChoiceFilter(choices=models.CaseStudy.Coverage.choices)

    class Meta:
        model = models.CaseStudy
        fields: list[str] = []

    def filter_technology(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(
            Exists(models.StackEntry.objects.filter(stage__case_study=OuterRef("pk"), technology__slug=value))
        )
