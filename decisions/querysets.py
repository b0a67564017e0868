"""QuerySets for decisions (see catalog/querysets.py for the naming habits)."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch


class QuestionnaireQuerySet(models.QuerySet):
    def get_by_natural_key(self, version: str):
        return self.get(version=version)

    def current(self):
        """The current questionnaire with its sections, questions, options and links (5 queries)."""
        from .models import Question

        questions = Question.objects.select_related("capability").prefetch_related(
            "options", "technologies", "pitfalls", "case_studies__company"
        )
        return (
            self.filter(is_current=True)
            .prefetch_related("sections__source", Prefetch("sections__questions", queryset=questions))
            .get()
        )


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user, *, session_ids: list[str] | tuple[str, ...] = ()):
        """Evaluations a user may list: their own; for an anonymous visitor, the ones this browser made."""
        if user.is_authenticated:
            return self.filter(owner=user)
        return self.filter(owner__isnull=True, public_id__in=list(session_ids))

    def for_list(self):
        """With the latest revision number annotated (1 query)."""
        return self.select_related("questionnaire").annotate(latest_revision=models.Max("results__revision"))
