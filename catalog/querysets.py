"""QuerySets: the catalog's read vocabulary (djangoproject.com habit).

Adjectives filter, ``with_*`` annotates, ``for_<screen>`` fetches everything a page or endpoint
needs in a fixed number of queries. ``objects`` stays unfiltered.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from .choices import SEVERITY_RANK
from .evidence import evidence


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class CategoryQuerySet(SlugQuerySet):
    def with_technology_counts(self) -> CategoryQuerySet:
        return self.annotate(technology_count=models.Count("technologies", distinct=True))

    def with_counts(self) -> CategoryQuerySet:
        """Every layer with its technology and capability counts, in layer order, for the home page
        and the categories endpoint: one query."""
        return (
            self.with_technology_counts()
            .annotate(capability_count=models.Count("capabilities", distinct=True))
            .order_by("order", "slug")  # Meta.ordering does not apply to aggregating queries
        )


class TechnologyQuerySet(SlugQuerySet):
    def names_only(self) -> TechnologyQuerySet:
        """What a link to a technology needs (slug, both names, status for the legacy badge), by name."""
        return self.only("slug", "name", "name_zh", "status").order_by("name")

    # --- API (catalog/api.py)

    def for_api_list(self) -> TechnologyQuerySet:
        """The technologies endpoint: rows with their owner company, then their layers (two queries)."""
        return self.select_related("owner").prefetch_related("categories")

    def for_api_detail(self) -> TechnologyQuerySet:
        """technologies/{slug}, in ten queries whatever the data size: the technology with owner,
        survey source and status source; layers; successors; predecessors; relations out (with the
        other technology and source); relations in (same); assessments (with capability, its layer,
        and source); pitfalls (with source); corrections (with both sources); stack entries (with
        stage, case study, company and layer, annotated with ``latest_order``, the order of the
        case study's current stage)."""
        from .models import Assessment, Pitfall

        return self.select_related("owner", "survey_source", "status_source").prefetch_related(
            "categories",
            models.Prefetch("assessments", queryset=Assessment.objects.for_api()),
            models.Prefetch("pitfalls", queryset=Pitfall.objects.select_related("source").order_by("slug")),
            *_lifecycle_and_usage(),
        )

    # --- pages (views in catalog/views.py)

    def with_case_study_counts(self) -> TechnologyQuerySet:
        """``case_study_count``: how many case studies use it in any stage."""
        return self.annotate(
            case_study_count=models.Count("stack_entries__stage__case_study", distinct=True),
        )

    def facet_counts(self, field: str) -> dict[str, int]:
        """``{value: number of technologies}`` for one field, in one query."""
        return dict(self.order_by().values_list(field).annotate(n=models.Count("pk", distinct=True)))

    def for_list(self) -> TechnologyQuerySet:
        """A technology list: layers prefetched and case-study counts annotated (two queries)."""
        return self.with_case_study_counts().prefetch_related("categories").order_by("name")

    def for_detail(self) -> TechnologyQuerySet:
        """Everything the technology page shows, in a fixed number of queries (14):

        the technology with its sources and owner; its layers and their capabilities (2); its
        assessments with capability and source; successors; predecessors; pitfalls; corrections;
        relations out and in; stack entries with stage, case study, company and layer (annotated
        with ``latest_order``, the case study's current stage); lessons that mention it; its
        network-guide memberships; and its further references.
        """
        from .models import ApproachMember, Assessment, Capability, Category, Pitfall

        return self.select_related("status_source", "survey_source", "owner").prefetch_related(
            models.Prefetch(
                "categories",
                queryset=Category.objects.prefetch_related(
                    models.Prefetch("capabilities", queryset=Capability.objects.order_by("order", "slug"))
                ),
            ),
            models.Prefetch("assessments", queryset=Assessment.objects.select_related("capability", "source")),
            models.Prefetch("pitfalls", queryset=Pitfall.objects.select_related("source").by_severity()),
            *_lifecycle_and_usage(),
            models.Prefetch(
                "lessons",
                queryset=evidence()
                .lessons()
                .select_related("case_study__company")
                .order_by("case_study__company__name_en", "order"),
            ),
            models.Prefetch("approach_memberships", queryset=ApproachMember.objects.select_related("approach")),
            "references",
        )

    def for_compare(self, slugs: Iterable[str]) -> TechnologyQuerySet:
        """The technologies to compare, with layers, the layers' capabilities and all assessments
        (with capability, its layer and source): four queries."""
        from .models import Assessment, Capability, Category

        return (
            self.filter(slug__in=list(slugs))
            .with_case_study_counts()
            .prefetch_related(
                models.Prefetch(
                    "categories",
                    queryset=Category.objects.prefetch_related(
                        models.Prefetch("capabilities", queryset=Capability.objects.select_related("category"))
                    ),
                ),
                models.Prefetch(
                    "assessments", queryset=Assessment.objects.select_related("capability__category", "source")
                ),
            )
        )

    def for_picker(self) -> TechnologyQuerySet:
        """Names and layers for the compare picker: two queries."""
        return self.names_only().prefetch_related("categories")

    def for_radar(self) -> TechnologyQuerySet:
        """Technologies the radar places, with layers and successors: three queries. In-house systems
        (nobody else can adopt them) and building blocks (never chosen on their own) are left out."""
        return (
            self.exclude(kind__in=[self.model.Kind.IN_HOUSE, self.model.Kind.COMPONENT])
            .prefetch_related("categories", models.Prefetch("successors", queryset=self.model.objects.order_by("name")))
            .order_by("name")
        )


class AssessmentQuerySet(models.QuerySet):
    def get_by_natural_key(self, technology_slug: str, capability_slug: str):
        return self.get(technology__slug=technology_slug, capability__slug=capability_slug)

    def for_api(self) -> AssessmentQuerySet:
        """technologies/{slug}/assessments: with capability, its layer, and source (one query)."""
        return self.select_related("capability__category", "source").order_by(
            "capability__category__order", "capability__order", "capability__slug"
        )


class PitfallQuerySet(SlugQuerySet):
    def by_severity(self) -> PitfallQuerySet:
        """Critical first, then high, medium, low; alphabetical by slug within a severity."""
        rank = models.Case(
            *(models.When(severity=severity, then=models.Value(n)) for severity, n in SEVERITY_RANK.items()),
            default=models.Value(len(SEVERITY_RANK)),
        )
        return self.alias(severity_rank=rank).order_by("severity_rank", "slug")

    def for_list(self) -> PitfallQuerySet:
        """Pitfalls by severity with source, layers, technologies (the subjects) and reporting
        companies, for the pitfall list: four queries."""
        return (
            self.by_severity()
            .select_related("source")
            .prefetch_related(
                "categories", "reported_by", models.Prefetch("technologies", queryset=_technology_names())
            )
        )

    def with_remedies(self) -> PitfallQuerySet:
        """:meth:`for_list` plus the remedies (names only), for the pitfalls endpoint (list and
        detail): five queries."""
        return self.for_list().prefetch_related(models.Prefetch("remedies", queryset=_technology_names()))

    def for_detail(self) -> PitfallQuerySet:
        """One pitfall with everything above plus the case-study lessons about it: six queries."""
        return self.with_remedies().prefetch_related(
            models.Prefetch("lessons", queryset=evidence().lessons().select_related("case_study__company", "source")),
        )


def _lifecycle_and_usage() -> list[models.Prefetch]:
    """What the technology page and technologies/{slug} both show, six queries: successors and
    predecessors (names only); corrections with both sources; relations out and in, each with the
    other technology and the source; stack entries with stage, case study, company and layer
    (annotated with ``latest_order``, the order of the case study's current stage)."""
    from .models import Correction, TechnologyRelation

    return [
        models.Prefetch("successors", queryset=_technology_names()),
        models.Prefetch("predecessors", queryset=_technology_names()),
        models.Prefetch("corrections", queryset=Correction.objects.select_related("source", "claim_source")),
        models.Prefetch(
            "relations_out",
            queryset=TechnologyRelation.objects.select_related("to_technology", "source").order_by(
                "kind", "to_technology__name"
            ),
        ),
        models.Prefetch(
            "relations_in",
            queryset=TechnologyRelation.objects.select_related("from_technology", "source").order_by(
                "kind", "from_technology__name"
            ),
        ),
        models.Prefetch(
            "stack_entries",
            queryset=evidence()
            .stack_entries()
            .select_related("stage__case_study__company", "layer")
            .order_by("stage__case_study__company__name_en", "stage__case_study__slug", "stage__order"),
        ),
    ]


def _technology_names() -> TechnologyQuerySet:
    from .models import Technology

    return Technology.objects.names_only()
