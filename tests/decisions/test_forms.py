"""decisions/forms.py: the wizard's section form, built from the questionnaire's questions."""

import pytest
from django.utils import translation

from decisions.contract import IMPORTANCES
from decisions.forms import IMPORTANCE_CHOICES, DetailsForm, SectionForm
from decisions.models import Question, Questionnaire

pytestmark = pytest.mark.django_db


def _section(*keys):
    questionnaire = Questionnaire.objects.current()
    questions = list(
        Question.objects.filter(section__questionnaire=questionnaire, key__in=keys).prefetch_related("options")
    )
    assert {question.key for question in questions} == set(keys)
    return questions[0].section, questions


def _form(data, *keys) -> SectionForm:
    section, questions = _section(*keys)
    return SectionForm(data, section=section, questions=questions)


def test_the_importance_buttons_offer_the_contracts_importances_in_order():
    assert [value for value, _label in IMPORTANCE_CHOICES] == list(IMPORTANCES)


def test_answers_keep_only_answered_keys_and_turn_a_boolean_into_true_or_false():
    form = _form(
        {"include_legacy": "true", "workloads": ["stateless"], "hosts": ""}, "include_legacy", "workloads", "hosts"
    )

    assert form.is_valid(), form.errors
    assert form.answers() == {"include_legacy": True, "workloads": ["stateless"]}


def test_none_of_these_cannot_be_combined_with_other_infrastructure():
    form = _form({"existing_infra": ["none", "vlan"]}, "existing_infra")

    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["existing_infra"] == ["“None of these” cannot be combined with other infrastructure."]


def test_a_value_outside_the_questions_options_is_refused():
    form = _form({"hosts": "millions"}, "hosts")

    assert not form.is_valid()
    assert list(form.errors) == ["hosts"]


def test_initial_from_answers_shows_a_stored_boolean_as_the_buttons_value():
    questions = _section("include_legacy", "hosts")[1]

    assert SectionForm.initial_from({"include_legacy": False, "hosts": "lt50", "other": 1}, questions) == {
        "include_legacy": "false",
        "hosts": "lt50",
    }


def test_a_blank_title_is_refused():
    with translation.override("en"):
        form = DetailsForm({"title": "   ", "notes": ""})

        assert not form.is_valid()
        assert "title" in form.errors
