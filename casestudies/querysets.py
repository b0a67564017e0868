"""QuerySets for case studies (see catalog/querysets.py for the naming habits)."""

from __future__ import annotations

from django.db import models

from catalog.models import Company, Pitfall, Technology


def latest_stage_order(case_study_path: str) -> models.Subquery:
    """The order of the latest (current) stage of the case study at ``case_study_path``.

    Annotate it beside a stage's own order: a stage is current when the two are equal. For a
    StackEntry queryset the path is ``"stage__case_study"``; for a Stage queryset, ``"case_study"``.
    """
    from .models import Stage

    return models.Subquery(
        Stage.objects.filter(case_study=models.OuterRef(case_study_path)).order_by("-order").values("order")[:1]
    )


def companies_for_api() -> models.QuerySet:
    """The companies endpoint: companies with their case studies' slugs (two queries)."""
    from .models import CaseStudy

    return Company.objects.prefetch_related(
        models.Prefetch("case_studies", queryset=CaseStudy.objects.only("slug", "company_id").order_by("slug"))
    )


class CaseStudyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)

    # --- API (casestudies/api.py)

    def for_api_list(self) -> CaseStudyQuerySet:
        """The case-studies endpoint: case studies with company and source (one query)."""
        return self.select_related("company", "source")

    def for_api_detail(self) -> CaseStudyQuerySet:
        """case-studies/{slug}, in seven queries whatever the data size: the case study with company
        and source; stages in order; their stacks (technology, layer) in layer order; metrics with
        sources; lessons with sources; the lessons' technologies; the lessons' pitfalls."""
        from .models import Lesson, Metric

        return (
            self.select_related("company", "source")
            .with_stacks()
            .prefetch_related(
                models.Prefetch("metrics", queryset=Metric.objects.select_related("source").order_by("order", "slug")),
                models.Prefetch(
                    "lessons",
                    queryset=Lesson.objects.select_related("source")
                    .order_by("order", "slug")
                    .prefetch_related(
                        models.Prefetch("technologies", queryset=Technology.objects.names_only()),
                        models.Prefetch("pitfalls", queryset=Pitfall.objects.order_by("slug")),
                    ),
                ),
            )
        )

    # --- pages (views in casestudies/views.py)

    def with_stacks(self) -> CaseStudyQuerySet:
        """Stages in order (with their own source, if any), each with its stack (technology and layer): two more
        queries."""
        from .models import StackEntry, Stage

        return self.prefetch_related(
            models.Prefetch(
                "stages",
                queryset=Stage.objects.select_related("source")
                .order_by("order")
                .prefetch_related(
                    models.Prefetch(
                        "stack",
                        queryset=StackEntry.objects.select_related("technology", "layer").order_by(
                            "layer__order", "layer__slug", "order", "technology__name"
                        ),
                    )
                ),
            )
        )

    def for_list(self) -> CaseStudyQuerySet:
        """Case studies with company and every stage's stack, for the list and the adoption matrix
        (built from every stage's stack): three queries."""
        return self.select_related("company").with_stacks().order_by("company__name_en", "slug")

    def for_detail(self) -> CaseStudyQuerySet:
        """One case study with everything its page shows, in eight queries: the endpoint's seven
        (``for_api_detail``) and the pitfalls the company reported, critical first."""
        return self.for_api_detail().prefetch_related(
            models.Prefetch("company__reported_pitfalls", queryset=Pitfall.objects.by_severity())
        )
