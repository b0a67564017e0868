"""Decisions: the questionnaire (versioned data), evaluations (one filled questionnaire each) and
their results (immutable snapshots of what the engine said, one per revision)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casestudies.models import CaseStudy
from catalog.models import Capability, Pitfall, Source, Technology
from platform_survey.i18n import BilingualMixin

from . import contract
from .fields import CompressedJSONField
from .querysets import EvaluationQuerySet, QuestionnaireQuerySet


class Questionnaire(BilingualMixin, models.Model):
    """One version of the questionnaire. Exactly one is current; evaluations remember theirs."""

    version = models.SlugField(max_length=40, unique=True)
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    intro_zh = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    is_current = models.BooleanField(default=False)
    published_on = models.DateField()

    objects = QuestionnaireQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_questionnaire"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.title_en}"

    def natural_key(self) -> tuple[str]:
        return (self.version,)

    @cached_property
    def requirement_keys(self) -> tuple[str, ...]:
        """The importance keys it asks (the contract's plus any extra capability questions), in
        question order. Kept on the instance: a request that validates answers twice against it
        (the API's serializer, then the service) reads them once."""
        return tuple(
            Question.objects.filter(section__questionnaire=self, kind=Question.Kind.IMPORTANCE)
            .order_by("section__order", "order")
            .values_list("key", flat=True)
        )


class Section(BilingualMixin, models.Model):
    """A step of the wizard, following one item of the survey's checklist."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(max_length=40)
    order = models.PositiveSmallIntegerField()
    title_zh = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    intro_zh = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "slug"], name="section_slug_unique"),
            models.UniqueConstraint(fields=["questionnaire", "order"], name="section_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.version}/{self.slug}"


class Question(BilingualMixin, models.Model):
    """One question. ``key`` is the contract key (or an extra capability slug) the answer is stored under."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        BOOLEAN = "boolean", _("Yes or no")
        IMPORTANCE = "importance", _("Importance of a requirement")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    prompt_zh = models.CharField(max_length=300)
    prompt_en = models.CharField(max_length=300)
    help_zh = models.TextField(help_text=_("The trade-off behind the question."))
    help_en = models.TextField()
    capability = models.ForeignKey(
        Capability, null=True, blank=True, on_delete=models.PROTECT, related_name="questions",
        help_text=_("For importance questions: the capability the answer weighs."),
    )  # fmt: skip
    technologies = models.ManyToManyField(Technology, blank=True, related_name="questions")
    pitfalls = models.ManyToManyField(Pitfall, blank=True, related_name="questions")
    case_studies = models.ManyToManyField(CaseStudy, blank=True, related_name="questions")

    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "order"]
        constraints = [
            models.UniqueConstraint(fields=["section", "key"], name="question_key_unique_in_section"),
            models.CheckConstraint(
                condition=Q(kind__in=["single", "multiple", "boolean", "importance"]), name="question_kind_valid"
            ),
            # An importance question must say which capability it weighs; a context question must not.
            models.CheckConstraint(
                condition=(Q(kind="importance") & Q(capability__isnull=False))
                | (~Q(kind="importance") & Q(capability__isnull=True)),
                name="question_capability_iff_importance",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.IMPORTANCE:
            if self.capability_id and self.capability.slug != self.key:
                raise ValidationError({"capability": _("An importance question's key must be its capability's slug.")})
        elif self.key not in contract.CONTEXT_QUESTIONS:
            raise ValidationError({"key": _("%(key)s is not a context key of the contract.") % {"key": self.key}})
        elif self.kind == self.Kind.MULTIPLE and not contract.is_multiple(self.key):
            raise ValidationError({"kind": _("%(key)s takes a single value.") % {"key": self.key}})

    @property
    def allowed_values(self) -> tuple[str, ...]:
        return contract.IMPORTANCES if self.kind == self.Kind.IMPORTANCE else contract.allowed_values(self.key)


class Option(BilingualMixin, models.Model):
    """The label of one allowed value of a context question (importance labels live in code)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    value = models.CharField(max_length=40)
    order = models.PositiveSmallIntegerField()
    label_zh = models.CharField(max_length=120)
    label_en = models.CharField(max_length=120)

    class Meta:
        ordering = ["question", "order"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="option_value_unique")]

    def __str__(self) -> str:
        return f"{self.question.key}={self.value}"

    def clean(self) -> None:
        super().clean()
        question = self.question
        if question.kind != Question.Kind.IMPORTANCE and self.value not in question.allowed_values:
            raise ValidationError(
                {"value": _("%(value)s is not a value of %(key)s.") % {"value": self.value, "key": question.key}}
            )


class Evaluation(models.Model):
    """One filled questionnaire. Private: an owner's evaluation is theirs alone; an anonymous one is
    reachable only through its unguessable ``public_id``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations"
    )
    title = models.CharField(max_length=200)
    notes = models.TextField(
        blank=True,
        max_length=20000,
        help_text=_("Context for the decision, in Markdown; shown on results and in the ADR."),
    )
    # The notes rendered once, when saved (platform_survey/markdown.py: linear-time parser, then nh3);
    # pages show this, never render the Markdown on a view.
    notes_html = models.TextField(blank=True, editable=False, default="")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="evaluations")
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "notes" in update_fields:
            from platform_survey.markdown import markdown_to_html

            self.notes_html = markdown_to_html(self.notes)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "notes_html"}
        super().save(*args, **kwargs)

    @property
    def rendered_notes(self):
        """The stored, sanitised HTML of the notes, safe to put in a page."""
        from django.utils.safestring import mark_safe

        return mark_safe(self.notes_html)  # noqa: S308 - sanitised by nh3 when saved

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.public_id])


class Result(models.Model):
    """What the engine produced for an evaluation at one moment. Never changed once written: a new
    answer or a catalog change followed by a re-run makes a new revision."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    revision = models.PositiveIntegerField()
    catalog_fingerprint = models.CharField(max_length=64)
    questionnaire_version = models.CharField(max_length=40)
    answers = models.JSONField()
    # The engine's one, language-free output (codes with parameters, catalog names as {"zh", "en"}
    # pairs, its engine_version inside); decisions/rendering.py words it when it is read.
    # Stored compressed (decisions/fields.py): it is large, written once and read whole.
    engine_output = CompressedJSONField(null=True, blank=True)
    # Results stored before outputs were language-free hold the output rendered once per language
    # here and no engine_output; they are kept so that those results still render as they were.
    output_zh = models.JSONField(null=True, blank=True)
    output_en = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "-revision"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "revision"], name="result_revision_unique")]

    def __str__(self) -> str:
        return f"{self.evaluation_id} r{self.revision}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A result is immutable; run the evaluation again to make a new revision.")
        super().save(*args, **kwargs)

    def output(self, language: str | None = None) -> dict:
        """The output in the reader's language, in the shape the engine's output always had: the
        language-free ``engine_output`` rendered now, or (a result stored before) the legacy column."""
        from platform_survey.i18n import content_language

        if self.engine_output is not None:
            from .rendering import render_output

            return render_output(self.engine_output, language)
        return self.output_en if content_language(language) == "en" else self.output_zh

    output_for = output

    def why_not(self, slug: str, language: str | None = None) -> dict:
        """Why not ``slug``? answered from this result, in the reader's language."""
        from .rendering import render_why_not

        if self.engine_output is not None:
            return render_why_not(self.engine_output, slug, language)
        return render_why_not(self.output(language), slug, language)

    def get_absolute_url(self) -> str:
        return reverse("decisions:revision", args=[self.evaluation.public_id, self.revision])
