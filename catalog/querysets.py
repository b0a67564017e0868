"""QuerySets: the catalog's read vocabulary (djangoproject.com habit).

Adjectives filter, ``with_*`` annotates, ``for_<screen>`` fetches everything a page or endpoint
needs in a fixed number of queries. ``objects`` stays unfiltered.
"""

from __future__ import annotations

from django.db import models


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class CategoryQuerySet(SlugQuerySet):
    def with_technology_counts(self) -> CategoryQuerySet:
        return self.annotate(technology_count=models.Count("technologies", distinct=True))


class TechnologyQuerySet(SlugQuerySet):
    def current(self) -> TechnologyQuerySet:
        """Technologies not dormant, deprecated or retired."""
        return self.filter(status__in=["active", "maintenance"])

    def legacy(self) -> TechnologyQuerySet:
        return self.filter(status__in=["dormant", "deprecated", "retired"])


class AssessmentQuerySet(models.QuerySet):
    def get_by_natural_key(self, technology_slug: str, capability_slug: str):
        return self.get(technology__slug=technology_slug, capability__slug=capability_slug)


class PitfallQuerySet(SlugQuerySet):
    pass
