"""Case studies: how the surveyed companies built and evolved their container platforms."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalog.models import Category, Claim, Company, Pitfall, Source, Technology
from platform_survey.i18n import BilingualMixin

from .querysets import CaseStudyQuerySet


class Scale(models.TextChoices):
    """Host counts, on the same scale as the questionnaire's ``hosts`` answer."""

    LT50 = "lt50", _("Fewer than 50 hosts")
    H50_500 = "50_500", _("50–500 hosts")
    H500_5000 = "500_5000", _("500–5,000 hosts")
    GT5000 = "gt5000", _("More than 5,000 hosts")
    UNKNOWN = "unknown", _("Unknown")


class CaseStudy(BilingualMixin, Claim):
    """A company's reference architecture as the survey reports it."""

    class Coverage(models.TextChoices):
        DETAILED = "detailed", _("Detailed")
        OUTLINE = "outline", _("Outline only")
        MINIMAL = "minimal", _("Barely covered")

    slug = models.SlugField(max_length=80, unique=True)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="case_studies")
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    summary_zh = models.TextField()
    summary_en = models.TextField()
    period = models.CharField(max_length=60, blank=True, help_text=_("e.g. 2014–2017"))
    scale = models.CharField(max_length=10, choices=Scale.choices, default=Scale.UNKNOWN)
    coverage = models.CharField(max_length=10, choices=Coverage.choices)
    coverage_note_zh = models.CharField(max_length=300, blank=True)
    coverage_note_en = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="case_studies")

    objects = CaseStudyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["company__name_en", "slug"]
        verbose_name_plural = "case studies"
        constraints = [
            models.CheckConstraint(
                condition=Q(scale__in=[value for value, _label in Scale.choices]), name="case_study_scale_valid"
            ),
            models.CheckConstraint(
                condition=Q(coverage__in=["detailed", "outline", "minimal"]), name="case_study_coverage_valid"
            ),
            models.CheckConstraint(condition=Q(review_by__gte=models.F("as_of")), name="case_study_review_after_as_of"),
        ]

    def __str__(self) -> str:
        return self.title_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("casestudies:case_study_detail", args=[self.slug])


class Stage(BilingualMixin, models.Model):
    """One step of a case study's evolution (the survey's ``=>``). The highest order is the current one."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField()
    name_zh = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    summary_zh = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    period = models.CharField(max_length=60, blank=True)
    # A stage documented after the survey cites its own source (the survey's stages take the case study's).
    source = models.ForeignKey("catalog.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    as_of = models.DateField(null=True, blank=True)
    review_by = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case_study", "order"]
        constraints = [models.UniqueConstraint(fields=["case_study", "order"], name="stage_order_unique")]

    def __str__(self) -> str:
        return f"{self.case_study.slug} #{self.order}: {self.name_en}"

    def natural_key(self) -> tuple[str, int]:
        return (self.case_study.slug, self.order)


class StackEntry(BilingualMixin, models.Model):
    """A technology used at one layer in one stage, with how it was used."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="stack")
    technology = models.ForeignKey(Technology, on_delete=models.PROTECT, related_name="stack_entries")
    layer = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="stack_entries")
    order = models.PositiveSmallIntegerField(default=0)
    note_zh = models.CharField(max_length=300, blank=True)
    note_en = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["stage", "layer__order", "order"]
        verbose_name_plural = "stack entries"
        constraints = [
            models.UniqueConstraint(fields=["stage", "technology", "layer"], name="stack_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} · {self.layer.slug}: {self.technology}"


class Metric(BilingualMixin, Claim):
    """A number the company reported, with its unit. ``baseline`` is the before-value of a change."""

    class Unit(models.TextChoices):
        COUNT = "count", _("count")
        PERCENT = "percent", "%"
        SECONDS = "seconds", _("seconds")
        LAYERS = "layers", _("layers")
        MULTIPLIER = "multiplier", "×"
        HOSTS = "hosts", _("hosts")
        CONTAINERS = "containers", _("containers")
        APPLICATIONS = "applications", _("applications")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        APPROX = "approx", _("about")
        AT_LEAST = "at_least", _("more than")
        PEAK = "peak", _("at peak")

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="metrics")
    slug = models.SlugField(max_length=80)
    label_zh = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=3)
    baseline = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    note_zh = models.CharField(max_length=300, blank=True)
    note_en = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="metrics")

    history = HistoricalRecords()

    class Meta:
        ordering = ["case_study", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["case_study", "slug"], name="metric_slug_unique_per_case_study"),
            models.CheckConstraint(condition=Q(review_by__gte=models.F("as_of")), name="metric_review_after_as_of"),
        ]

    def __str__(self) -> str:
        return f"{self.case_study.slug}: {self.label_en}"

    def natural_key(self) -> tuple[str, str]:
        return (self.case_study.slug, self.slug)


class Lesson(BilingualMixin, models.Model):
    """A practice, problem, solution or optimisation the company reported."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        PROBLEM = "problem", _("Problem")
        SOLUTION = "solution", _("Solution")
        OPTIMISATION = "optimisation", _("Optimisation")
        DECISION = "decision", _("Decision and its reasons")

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    body_zh = models.TextField()
    body_en = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    technologies = models.ManyToManyField(Technology, blank=True, related_name="lessons")
    pitfalls = models.ManyToManyField(Pitfall, blank=True, related_name="lessons")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="lessons")

    history = HistoricalRecords()

    class Meta:
        ordering = ["case_study", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["case_study", "slug"], name="lesson_slug_unique_per_case_study"),
            models.CheckConstraint(
                condition=Q(kind__in=["practice", "problem", "solution", "optimisation", "decision"]),
                name="lesson_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_study.slug}: {self.title_en}"

    def natural_key(self) -> tuple[str, str]:
        return (self.case_study.slug, self.slug)
