"""QuerySets for case studies (see catalog/querysets.py for the naming habits)."""

from __future__ import annotations

from django.db import models


class CompanyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class CaseStudyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)
