"""The catalog: layers, technologies, what they can do, what goes wrong, and where we read it.

Every claim (a technology's lifecycle status, an assessment, a pitfall, a correction) cites a
Source and carries an as-of date and a review-by date. A claim whose review-by date has passed is
*stale*: the pages mark it and the engine trusts it less. The survey's 2017 claims are stale until
someone re-confirms them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from platform_survey.i18n import BilingualMixin, LocalizedText, content_language

from . import choices
from .querysets import (
    AssessmentQuerySet,
    CategoryQuerySet,
    PitfallQuerySet,
    SlugQuerySet,
    TechnologyQuerySet,
)


class Claim(models.Model):
    """Abstract: something we assert, with its citation and the dates that bound our trust in it."""

    source = models.ForeignKey("catalog.Source", on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField(_("as of"), help_text=_("When the claim was last known to be true."))
    review_by = models.DateField(
        _("review by"), help_text=_("After this date the claim is shown as stale until re-confirmed.")
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.as_of and self.review_by and self.review_by < self.as_of:
            raise ValidationError({"review_by": _("Review-by date cannot be before the as-of date.")})

    @property
    def is_stale(self) -> bool:
        return self.review_by < timezone.localdate()


class Source(BilingualMixin, models.Model):
    """A citation: a section of the 2017 survey, or an external page with its retrieval date."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey (2017)")
        WEB = "web", _("Web page")
        REPOSITORY = "repository", _("Source repository")
        DOCUMENTATION = "documentation", _("Documentation")

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title_zh = models.CharField(max_length=300, blank=True)
    title_en = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    section = models.CharField(
        max_length=200, blank=True, help_text=_("Survey section heading, e.g. 业界使用架构 › 京东")
    )
    published_on = models.DateField(null=True, blank=True)
    retrieved_on = models.DateField(null=True, blank=True)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["survey", "web", "repository", "documentation"]),
                name="source_kind_valid",
            ),
            # An external citation is useless without its address and the day we read it.
            models.CheckConstraint(
                condition=Q(kind="survey") | (~Q(url="") & Q(retrieved_on__isnull=False)),
                name="source_external_has_url_and_retrieval_date",
            ),
            models.CheckConstraint(condition=~Q(kind="survey") | ~Q(section=""), name="source_survey_has_section"),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_zh or self.slug

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("catalog:source_list") + f"#source-{self.slug}"


class Industry(models.TextChoices):
    ECOMMERCE = "ecommerce", _("E-commerce")
    ONLINE_TRAVEL = "online_travel", _("Online travel")
    SOCIAL_CONTENT = "social_content", _("Social and content")
    CLOUD = "cloud", _("Cloud services")
    GAMING = "gaming", _("Games and internet services")
    MOBILITY = "mobility", _("Ride-hailing and mobility")
    DEVICES = "devices", _("Consumer devices and services")


class Company(BilingualMixin, models.Model):
    """A company the knowledge base names: it built an in-house system, reported a pitfall or a
    measurement, or has a case study. Reference data like Source, so it lives in the catalog (the
    case studies build on it); its tables keep their original ``casestudies_`` names."""

    slug = models.SlugField(max_length=60, unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    industry = models.CharField(max_length=20, choices=Industry.choices)
    description_zh = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    homepage = models.URLField(max_length=300, blank=True)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords(table_name="casestudies_historicalcompany")

    class Meta:
        db_table = "casestudies_company"
        ordering = ["name_en"]
        verbose_name_plural = "companies"
        constraints = [
            models.CheckConstraint(
                condition=Q(industry__in=[value for value, _label in Industry.choices]),
                name="company_industry_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Category(BilingualMixin, models.Model):
    """A layer of the stack: the rows of the survey's 「容器技术栈」 table plus the layers case studies need."""

    slug = models.SlugField(max_length=60, unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    description_zh = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    survey_label = models.CharField(
        max_length=100, blank=True, help_text=_("The row label in the survey's stack table, if any.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = CategoryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("catalog:category_detail", args=[self.slug])


class Role(BilingualMixin, models.Model):
    """One job inside a layer (decision model v2): the pod network and network policy are both
    network roles, and a stack is picked per role. A capability scores the roles it lists; a
    technology is a candidate only for the roles it fills."""

    slug = models.SlugField(max_length=60, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="roles")
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    description_zh = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # A managed platform chooses this component with the cluster (the CNI of EKS, GKE, ACK, ...):
    # on such a platform only what it provides or what it is recorded to work with fills the role.
    bound_to_platform = models.BooleanField(
        _("bound to a managed platform"),
        default=False,
        help_text=_(
            "On a managed service that provides this component, only the provided one or a technology the service "
            "integrates with can fill the role (the network plugin is chosen with a managed cluster)."
        ),
    )

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order", "order", "slug"]

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Technology(BilingualMixin, models.Model):
    """A product, an in-house system, a protocol, a network mode / pattern, or a building block."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        IN_HOUSE = "in_house", _("In-house system")
        PROTOCOL = "protocol", _("Protocol or standard")
        PATTERN = "pattern", _("Mode or pattern")
        # Part of a larger system (kube-proxy, Docker's log drivers) or a kernel / library mechanism
        # (iptables, conntrack, DPDK, cgroups): catalogued and assessed, but nobody picks it on its own.
        COMPONENT = "component", _("Building block")

    Status = choices.Status
    LEGACY_STATUSES = choices.LEGACY_STATUSES

    class Language(models.TextChoices):
        GO = "go", "Go"
        JAVA = "java", "Java"
        SCALA = "scala", "Scala"
        PYTHON = "python", "Python"
        C_CPP = "c_cpp", "C / C++"
        RUST = "rust", "Rust"
        RUBY = "ruby", "Ruby"
        TYPESCRIPT = "typescript", "JavaScript / TypeScript"
        SHELL = "shell", "Shell"
        PHP = "php", "PHP"
        LUA = "lua", "Lua"
        OTHER = "other", _("Other")
        NONE = "none", _("Not applicable")

    class LicenseFamily(models.TextChoices):
        PERMISSIVE = "permissive", _("Permissive open source")
        COPYLEFT = "copyleft", _("Copyleft open source")
        SOURCE_AVAILABLE = "source_available", _("Source-available (not open source)")
        PROPRIETARY = "proprietary", _("Proprietary / commercial")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    class Delivery(models.TextChoices):
        SELF_HOSTED = "self_hosted", _("Self-hosted")
        MANAGED = "managed", _("Managed service")

    class Maturity(models.TextChoices):
        # CNCF's levels, "or equivalent": an Apache top-level project or a managed service generally
        # available for years counts as graduated (fixtures/README.md).
        GRADUATED = "graduated", _("Graduated or equivalent")
        INCUBATING = "incubating", _("Incubating or equivalent")
        SANDBOX = "sandbox", _("Sandbox or early")
        UNKNOWN = "unknown", _("Not known")

    # The cloud_providers answers of the questionnaire (decisions.contract.CLOUD_PROVIDERS); the
    # catalog keeps its own copy because it may not import decisions.
    PROVIDERS = ("aws", "gcp", "azure", "alibaba", "tencent", "huawei", "other")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, help_text=_("Canonical (English) name."))
    name_zh = models.CharField(max_length=120, blank=True, help_text=_("Chinese name, if it differs."))
    aliases = models.CharField(
        max_length=300, blank=True, help_text=_("Other names, comma-separated; searched but not shown.")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    categories = models.ManyToManyField(Category, related_name="technologies")
    summary_zh = models.TextField()
    summary_en = models.TextField()
    language = models.CharField(_("primary language"), max_length=20, choices=Language.choices)
    language_detail = models.CharField(max_length=120, blank=True, help_text=_("e.g. Scala (UI in React)"))
    license = models.CharField(max_length=120, blank=True, help_text=_("SPDX-style expression, e.g. Apache-2.0"))
    license_family = models.CharField(max_length=20, choices=LicenseFamily.choices)
    license_note_zh = models.TextField(blank=True, help_text=_("Relicensing history, if any."))
    license_note_en = models.TextField(blank=True)
    homepage = models.URLField(max_length=300, blank=True)
    owner = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="in_house_systems",
        help_text=_("For in-house systems: the company that built it."),
    )
    in_survey = models.BooleanField(default=True, help_text=_("Named in the 2017 survey."))
    survey_note_zh = models.TextField(
        blank=True, help_text=_("What the 2017 survey said about it, in our words (kept even when outdated).")
    )
    survey_note_en = models.TextField(blank=True)
    survey_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the survey names it."),
    )

    # Lifecycle today, a claim of its own.
    status = models.CharField(max_length=20, choices=Status.choices)
    status_since = models.DateField(null=True, blank=True)
    status_since_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    status_note_zh = models.TextField(blank=True)
    status_note_en = models.TextField(blank=True)
    status_source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    status_as_of = models.DateField()
    status_review_by = models.DateField()
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        help_text=_("What replaced it, or what an architect would pick instead today."),
    )
    references = models.ManyToManyField(
        Source,
        blank=True,
        related_name="referenced_by",
        help_text=_("Further sources behind the summary and the notes (beside the status source)."),
    )

    roles = models.ManyToManyField(Role, related_name="technologies", blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.SELF_HOSTED)
    providers = models.JSONField(
        default=list, blank=True, help_text=_("Managed services: the clouds that offer it (aws, gcp, azure, ...).")
    )
    maturity = models.CharField(max_length=20, choices=Maturity.choices, default=Maturity.UNKNOWN)
    maturity_source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The survey's network schemes: Macvlan "needs layer-2 support, which most cloud providers do not
    # offer". The engine rules such options out in public and hybrid clouds, and whatever requires them.
    needs_l2_adjacency = models.BooleanField(
        _("needs layer-2 adjacency"),
        default=False,
        help_text=_(
            "Works only where the hosts share a layer-2 segment the team controls (Macvlan, SR-IOV, a VLAN): "
            "ruled out in public and hybrid clouds, with everything that requires it."
        ),
    )
    # 2026 evidence of running at a size (a hosts bucket of the questionnaire), with its claim dates.
    scale_hosts = models.CharField(max_length=10, blank=True)
    scale_source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    scale_as_of = models.DateField(null=True, blank=True)
    scale_review_by = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TechnologyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "technologies"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=choices.Status.values),
                name="technology_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["product", "in_house", "protocol", "pattern", "component"]),
                name="technology_kind_valid",
            ),
            # An in-house system is only meaningful with the company that built it.
            models.CheckConstraint(
                condition=~Q(kind="in_house") | Q(owner__isnull=False), name="technology_in_house_has_owner"
            ),
            models.CheckConstraint(
                condition=Q(status_review_by__gte=models.F("status_as_of")),
                name="technology_review_after_as_of",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.providers, list) or any(p not in self.PROVIDERS for p in self.providers):
            raise ValidationError({"providers": _("A list of: %(values)s.") % {"values": ", ".join(self.PROVIDERS)}})
        if self.scale_hosts and self.scale_hosts not in ("lt50", "50_500", "500_5000", "gt5000"):
            raise ValidationError({"scale_hosts": _("One of lt50, 50_500, 500_5000, gt5000.")})
        if self.scale_hosts and not (self.scale_source_id and self.scale_as_of and self.scale_review_by):
            raise ValidationError({"scale_hosts": _("Scale evidence needs a source, an as-of and a review-by date.")})

    def get_absolute_url(self) -> str:
        return reverse("catalog:technology_detail", args=[self.slug])

    @property
    def name_local(self) -> LocalizedText:
        if content_language() == "zh" and self.name_zh:
            return LocalizedText(self.name_zh, "zh", False)
        return LocalizedText(self.name, "en", False)

    @property
    def is_legacy(self) -> bool:
        return self.status in self.LEGACY_STATUSES

    @property
    def status_is_stale(self) -> bool:
        return self.status_review_by < timezone.localdate()

    @property
    def status_since_display(self) -> str:
        if not self.status_since:
            return ""
        if self.status_since_precision == self.DatePrecision.YEAR:
            return f"{self.status_since:%Y}"
        if self.status_since_precision == self.DatePrecision.MONTH:
            return f"{self.status_since:%Y-%m}"
        return self.status_since.isoformat()


class TechnologyRelation(BilingualMixin, models.Model):
    """A directed link between two technologies. "Alternative" is read both ways by the pages."""

    class Kind(models.TextChoices):
        ALTERNATIVE = "alternative", _("Alternative to")
        REQUIRES = "requires", _("Requires")
        INTEGRATES_WITH = "integrates_with", _("Works with")
        # Comes with it, configured, when you pick it (Kubernetes provides CoreDNS and kube-proxy).
        PROVIDES = "provides", _("Provides")

    from_technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="relations_out")
    to_technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note_zh = models.CharField(max_length=300, blank=True)
    note_en = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_technology__name", "kind", "to_technology__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_technology", "to_technology", "kind"], name="technology_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_technology=models.F("to_technology")), name="technology_relation_not_self"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["alternative", "requires", "integrates_with", "provides"]),
                name="technology_relation_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_technology} {self.get_kind_display()} {self.to_technology}"


class Capability(BilingualMixin, models.Model):
    """A selection criterion, scoped to one layer. Its slug is the questionnaire's requirement key."""

    slug = models.SlugField(max_length=60, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="capabilities")
    name_zh = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    description_zh = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    roles = models.ManyToManyField(Role, related_name="capabilities", blank=True)
    baseline = models.BooleanField(
        default=False,
        help_text=_("What makes an option fit a container platform at all: weighed (as could) whenever its role is."),
    )

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order", "order", "slug"]
        verbose_name_plural = "capabilities"

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Assessment(BilingualMixin, Claim):
    """How well one technology meets one capability, and who says so."""

    Level = choices.Level

    technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="assessments")
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="assessments")
    level = models.CharField(max_length=10, choices=Level.choices)
    note_zh = models.CharField(max_length=400, blank=True)
    note_en = models.CharField(max_length=400, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="assessments")

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["technology__name", "capability__order"]
        constraints = [
            models.UniqueConstraint(fields=["technology", "capability"], name="assessment_one_per_capability"),
            models.CheckConstraint(condition=Q(level__in=choices.Level.values), name="assessment_level_valid"),
            models.CheckConstraint(condition=Q(review_by__gte=models.F("as_of")), name="assessment_review_after_as_of"),
        ]

    def __str__(self) -> str:
        return f"{self.technology} · {self.capability}: {self.level}"

    def natural_key(self) -> tuple[str, str]:
        return (self.technology.slug, self.capability.slug)


class Pitfall(BilingualMixin, Claim):
    """A known problem (「坑」) and when it bites.

    ``triggers`` is a list of conditions, all of which must hold for the pitfall to apply to an
    evaluation: ``{"key": "<questionnaire key>", "in": [values]}``. A requirement key's values are
    importances (must/should/...); a context key's values are its answers. An empty list means the
    pitfall applies whenever one of its technologies is in the recommended stack.

    ``technologies`` are the pitfall's subjects (the problem happens when one is used); ``remedies``
    are what the mitigation recommends, shown beside it and never matched against a stack.
    """

    Severity = choices.Severity

    slug = models.SlugField(max_length=100, unique=True)
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    explanation_zh = models.TextField()
    explanation_en = models.TextField()
    mitigation_zh = models.TextField()
    mitigation_en = models.TextField()
    # The mitigation is often written later than the problem was reported: it carries its own claim.
    mitigation_source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    mitigation_as_of = models.DateField(null=True, blank=True)
    mitigation_review_by = models.DateField(null=True, blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    categories = models.ManyToManyField(Category, related_name="pitfalls")
    # Subjects and remedies are kept apart (issue 13): a stack that picks a remedy (cosign) must not
    # be warned about the problem it fixes (Notary v1's retirement). A technology is never both.
    technologies = models.ManyToManyField(
        Technology,
        blank=True,
        related_name="pitfalls",
        help_text=_("The technologies the problem happens with: the pitfall applies to a stack that uses one."),
    )
    remedies = models.ManyToManyField(
        Technology,
        blank=True,
        related_name="remedy_for_pitfalls",
        help_text=_("The technologies the mitigation recommends; picking one does not make the pitfall apply."),
    )
    reported_by = models.ManyToManyField(Company, blank=True, related_name="reported_pitfalls")
    triggers = models.JSONField(default=list, blank=True)
    trigger_note_zh = models.CharField(max_length=300, blank=True, help_text=_("The triggers, in words."))
    trigger_note_en = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="pitfalls")

    objects = PitfallQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(condition=Q(severity__in=choices.Severity.values), name="pitfall_severity_valid"),
            models.CheckConstraint(condition=Q(review_by__gte=models.F("as_of")), name="pitfall_review_after_as_of"),
        ]

    def __str__(self) -> str:
        return self.title_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("catalog:pitfall_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        from .triggers import trigger_errors  # here to keep the model import light

        errors = trigger_errors(self.triggers)
        if errors:
            raise ValidationError({"triggers": errors})


class TechnologyAdopter(BilingualMixin, Claim):
    """A company a source names as using a technology (the survey's list of Kubernetes adopters),
    by name only: most have no case study here."""

    technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="adopters")
    name_en = models.CharField(max_length=120)
    name_zh = models.CharField(max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["technology", "order", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["technology", "name_en"], name="technology_adopter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} uses {self.technology}"


class Correction(BilingualMixin, Claim):
    """Where the 2017 survey is now wrong: its claim, dated, beside today's correction and source."""

    slug = models.SlugField(max_length=100, unique=True)
    technologies = models.ManyToManyField(Technology, blank=True, related_name="corrections")
    claim_zh = models.TextField(help_text=_("What the survey said, paraphrased."))
    claim_en = models.TextField()
    claim_source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    claim_as_of = models.DateField(default=dt.date(2017, 6, 1))
    correction_zh = models.TextField()
    correction_en = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(condition=Q(review_by__gte=models.F("as_of")), name="correction_review_after_as_of"),
        ]

    def __str__(self) -> str:
        return self.slug

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


# --- The network guide: the survey's overlay-vs-routing comparison, the CNM/CNI camps, and the
# reported performance orderings, as records linked to technologies.


class NetworkApproach(BilingualMixin, models.Model):
    """A family of container-networking schemes (tunnel/overlay, routing, L2 underlay, ...)."""

    slug = models.SlugField(max_length=60, unique=True)
    name_zh = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    summary_zh = models.TextField()
    summary_en = models.TextField()
    strengths_zh = models.TextField(blank=True)
    strengths_en = models.TextField(blank=True)
    weaknesses_zh = models.TextField(blank=True)
    weaknesses_en = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    technologies = models.ManyToManyField(Technology, through="ApproachMember", related_name="network_approaches")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name_plural = "network approaches"

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ApproachMember(BilingualMixin, models.Model):
    approach = models.ForeignKey(NetworkApproach, on_delete=models.CASCADE, related_name="members")
    technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="approach_memberships")
    note_zh = models.CharField(max_length=300, blank=True)
    note_en = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "technology"], name="approach_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.approach_id} · {self.technology_id}"


class NetworkCamp(BilingualMixin, models.Model):
    """A container-network interface camp (CNM or CNI): what the survey said then, what holds now."""

    slug = models.SlugField(max_length=60, unique=True)
    name_zh = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    then_zh = models.TextField(help_text=_("The survey's 2017 view."))
    then_en = models.TextField()
    now_zh = models.TextField(help_text=_("Where it stands today."))
    now_en = models.TextField()
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    now_source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    technologies = models.ManyToManyField(Technology, through="CampMember", related_name="network_camps")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class CampMember(BilingualMixin, models.Model):
    camp = models.ForeignKey(NetworkCamp, on_delete=models.CASCADE, related_name="members")
    technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="camp_memberships")
    listed_in_survey = models.BooleanField(default=True)
    note_zh = models.CharField(max_length=300, blank=True)
    note_en = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["camp", "technology"], name="camp_member_unique")]

    def __str__(self) -> str:
        return f"{self.camp_id} · {self.technology_id}"


class PerformanceReport(BilingualMixin, Claim):
    """A reported performance ordering or measurement, e.g. Meizu's iperf: Native > SR-IOV > OVS > Bridge."""

    slug = models.SlugField(max_length=80, unique=True)
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    metric_zh = models.CharField(max_length=200, help_text=_("What was measured, and how."))
    metric_en = models.CharField(max_length=200)
    higher_is_better = models.BooleanField(default=True)
    reported_by = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="performance_reports"
    )
    note_zh = models.TextField(blank=True)
    note_en = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_by__gte=models.F("as_of")), name="performance_review_after_as_of"
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class PerformanceEntry(BilingualMixin, models.Model):
    """One contender in a report. ``rank`` 1 is the best; ``value`` is optional (orderings have none)."""

    report = models.ForeignKey(PerformanceReport, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveSmallIntegerField()
    label_zh = models.CharField(max_length=120)
    label_en = models.CharField(max_length=120)
    technology = models.ForeignKey(
        Technology, null=True, blank=True, on_delete=models.PROTECT, related_name="performance_entries"
    )
    value = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["rank", "label_en"]
        constraints = [
            models.UniqueConstraint(fields=["report", "label_en"], name="performance_entry_unique_label"),
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.label_en}"
