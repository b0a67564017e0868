"""The case studies' side of catalog/evidence.py: the querysets the catalog's pages show."""

from __future__ import annotations

from django.db.models import QuerySet

from catalog.evidence import Evidence

from .models import CaseStudy, Lesson, StackEntry
from .querysets import latest_stage_order


class CaseStudyEvidence(Evidence):
    def case_studies(self) -> QuerySet:
        return CaseStudy.objects.all()

    def lessons(self) -> QuerySet:
        return Lesson.objects.all()

    def stack_entries(self) -> QuerySet:
        return StackEntry.objects.annotate(latest_order=latest_stage_order("stage__case_study"))
