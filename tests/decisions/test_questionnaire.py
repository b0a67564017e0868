"""The questionnaire data (fixtures/questionnaire.yaml) agrees with the contract in decisions/contract.py."""

import pytest
from rest_framework.test import APIClient

from catalog.models import Capability
from decisions import contract
from decisions.models import Evaluation, Question, Questionnaire
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def current():
    return Questionnaire.objects.current()


def questions_of(questionnaire):
    return [question for section in questionnaire.sections.all() for question in section.questions.all()]


def test_exactly_one_questionnaire_is_current(current):
    assert Questionnaire.objects.filter(is_current=True).count() == 1
    assert current.version == "2026-11"


def test_every_contract_key_is_asked_exactly_once(current):
    keys = [question.key for question in questions_of(current)]

    assert sorted(set(keys)) == sorted(keys), "a key is asked twice"
    assert set(keys) >= contract.ALL_KEYS


def test_every_capability_is_asked_as_an_importance_question(current):
    importance_keys = {q.key for q in questions_of(current) if q.kind == Question.Kind.IMPORTANCE}

    assert importance_keys == set(Capability.objects.values_list("slug", flat=True))


def test_context_questions_offer_exactly_the_contract_values(current):
    for question in questions_of(current):
        if question.kind == Question.Kind.IMPORTANCE:
            continue
        offered = [option.value for option in question.options.all()]
        assert sorted(offered) == sorted(contract.allowed_values(question.key)), question.key
        assert question.kind == ("multiple" if contract.is_multiple(question.key) else question.kind)


def test_requirement_questions_sit_in_the_section_of_their_layer(current):
    layer_of_section = {
        "orchestration": {"orchestration"},
        "network": {"network"},
        "storage": {"storage"},
        "discovery": {"discovery"},
        "observability": {"logging", "monitoring"},
        "registry": {"registry"},
        "jobs": {"scheduled_jobs"},
        "security": {"security"},
        "delivery": {"automation", "cicd", "platform"},
        "runtime": {"runtime", "storage_driver", "host", "iaas"},
    }
    for section in current.sections.all():
        for question in section.questions.all():
            if question.kind == Question.Kind.IMPORTANCE:
                assert question.capability.category.slug in layer_of_section[section.slug], question.key


def test_every_question_has_help_in_both_languages_and_links(current):
    for question in questions_of(current):
        assert all([question.prompt_zh, question.prompt_en, question.help_zh, question.help_en]), question.key
        linked = question.technologies.count() + question.pitfalls.count() + question.case_studies.count()
        assert linked > 0, f"{question.key} links to nothing"


def test_the_questionnaire_loads_in_a_fixed_number_of_queries(django_assert_num_queries):
    # questionnaire + sections + section sources + questions (with capability) + options
    # + technologies + pitfalls + case studies + their companies
    with django_assert_num_queries(9):
        questionnaire = Questionnaire.objects.current()
        for section in questionnaire.sections.all():
            assert section.source.slug
            for question in section.questions.all():
                list(question.options.all())
                list(question.technologies.all())
                list(question.pitfalls.all())
                [case.company.slug for case in question.case_studies.all()]


# Issue 11, point 4: 「容器扩容后的网络」 and upgrading the platform itself are asked as importance
# questions. They are capability slugs, not contract keys: the API accepts them because the current
# questionnaire asks them (decisions.services.requirement_keys), and rejects a bad importance naming the key.
NEW_KEYS = {"scale_out_networking": "network", "platform_upgrade": "orchestration"}


@pytest.mark.parametrize(("key", "section"), NEW_KEYS.items())
def test_the_new_questions_sit_in_their_wizard_step_with_help_in_both_languages(current, key, section):
    question = Question.objects.get(section__questionnaire=current, key=key)

    assert question.kind == Question.Kind.IMPORTANCE
    assert question.capability.slug == key
    assert question.section.slug == section
    assert question.capability.category.slug == section
    assert key not in contract.REQUIREMENTS
    assert all([question.prompt_zh, question.prompt_en, question.help_zh, question.help_en])
    assert question.pitfalls.exists()
    assert question.technologies.exists()


def _api(django_user_model, language="en"):
    user = django_user_model.objects.create_user("questionnaire-user", password="a-long-password-for-tests")
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user).key}")
    return client


@pytest.mark.parametrize("key", NEW_KEYS)
def test_the_api_lists_the_new_keys_with_the_importances(key):
    body = APIClient().get("/api/v1/questionnaire/").json()
    questions = {q["key"]: q for section in body["sections"] for q in section["questions"]}

    assert [value["value"] for value in questions[key]["allowed_values"]] == list(contract.IMPORTANCES)
    assert questions[key]["help"]


@pytest.mark.parametrize("key", NEW_KEYS)
def test_the_api_accepts_each_importance_for_the_new_keys(django_user_model, key):
    client = _api(django_user_model)

    for importance in contract.IMPORTANCES:
        response = client.post(
            "/api/v1/evaluations/", {"title": importance, "answers": {key: importance}}, format="json"
        )
        assert response.status_code == 201, response.json()
        assert response.json()["answers"][key] == importance


@pytest.mark.parametrize("key", NEW_KEYS)
def test_a_bad_value_for_a_new_key_is_a_400_naming_the_key_and_the_value(django_user_model, key):
    response = _api(django_user_model).post(
        "/api/v1/evaluations/", {"title": "Bad", "answers": {key: "always", "hosts": "gt5000"}}, format="json"
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {f"answers.{key}"}
    assert key in errors[f"answers.{key}"][0]
    assert "always" in errors[f"answers.{key}"][0]
    assert not Evaluation.objects.exists()
