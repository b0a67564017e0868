"""Forms of the wizard: one form per questionnaire section, built from its questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.choices import Importance
from platform_survey.i18n import localized

from .models import Question, Section

# The questionnaire's radio buttons: the contract's importances (catalog.choices.Importance), with
# capitalised labels of their own, since a button's label stands alone where the Importance label
# sits inside a sentence.
IMPORTANCE_CHOICES = [
    (Importance.MUST, _("Must")),
    (Importance.SHOULD, _("Should")),
    (Importance.COULD, _("Could")),
    (Importance.WONT, _("Won't")),
    (Importance.UNSURE, _("Not sure")),
]


class TitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Platform for the payments team”"))

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the evaluation a title."))
        return title


class DetailsForm(TitleForm):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Context in Markdown: constraints, people, deadlines. Shown on the results and in the ADR."),
    )


class SectionForm(forms.Form):
    """Fields named after the questionnaire keys. Every field is optional: unanswered context keys
    are simply absent and unanswered requirements count as "won't" (the contract's rule)."""

    def __init__(self, *args: Any, section: Section, questions: list[Question], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.section = section
        self.questions = questions
        for question in questions:
            self.fields[question.key] = self._field_for(question)

    @staticmethod
    def _field_for(question: Question) -> forms.Field:
        label = str(localized(question, "prompt"))
        help_text = str(localized(question, "help"))
        if question.kind == Question.Kind.IMPORTANCE:
            return forms.ChoiceField(
                label=label, help_text=help_text, choices=IMPORTANCE_CHOICES, required=False, widget=forms.RadioSelect
            )
        choices = [(option.value, str(localized(option, "label"))) for option in question.options.all()]
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label, help_text=help_text, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        return forms.ChoiceField(
            label=label, help_text=help_text, choices=choices, required=False, widget=forms.RadioSelect
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        infra = cleaned.get("existing_infra") or []
        if "none" in infra and len(infra) > 1:
            self.add_error("existing_infra", _("“None of these” cannot be combined with other infrastructure."))
        return cleaned

    def answers(self) -> dict[str, Any]:
        """The submitted answers in contract form (only keys with a value)."""
        answers: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if value in (None, "", []):
                continue
            if question.kind == Question.Kind.BOOLEAN:
                value = value == "true"
            answers[question.key] = value
        return answers

    @staticmethod
    def initial_from(answers: dict[str, Any], questions: list[Question]) -> dict[str, Any]:
        initial = {}
        for question in questions:
            if question.key in answers:
                value = answers[question.key]
                if question.kind == Question.Kind.BOOLEAN:
                    value = "true" if value in (True, "true") else "false"
                initial[question.key] = value
        return initial
