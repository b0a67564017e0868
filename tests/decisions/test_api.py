"""Evaluations and the questionnaire through the API: the contract's payloads, privacy, revisions,
exports, and field errors that name each bad key and value."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from decisions import contract, services
from decisions.models import Evaluation, Result
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

ANSWERS = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["databases", "stateless"],
    "autoscaling": "must",
    "network_policy": "must",
    "registry_ha": "should",
}


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", password="alice-long-password-1")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", password="bob-long-password-22")


def api_for(user=None, language="en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user).key}")
    return client


def post(client, body):
    return client.post("/api/v1/evaluations/", body, format="json")


def test_posting_answers_stores_an_evaluation_and_returns_201_with_its_result(alice):
    response = post(api_for(alice), {"title": "Payments", "answers": ANSWERS, "notes": "Due in Q3"})

    assert response.status_code == 201
    body = response.json()
    evaluation = Evaluation.objects.get(public_id=body["id"])
    assert evaluation.owner == alice
    assert body["title"] == "Payments"
    assert body["answers"]["workloads"] == ["stateless", "databases"]  # canonical: contract order
    result = body["result"]
    assert result["revision"] == 1
    assert result["catalog_fingerprint"] == evaluation.results.get().catalog_fingerprint
    categories = {category["category"]: category for category in result["categories"]}
    assert {"orchestration", "network", "registry"} <= set(categories)
    leader = categories["orchestration"]["candidates"][0]
    assert set(leader) >= {"technology", "rank", "score", "confidence", "explanation"}
    assert 0 <= leader["score"] <= 100
    line = next(line for line in leader["explanation"] if line["requirement"] == "autoscaling")
    assert set(line) >= {"requirement", "importance", "level", "points", "source"}
    assert {"stack", "conflicts", "similar_case_studies", "pitfalls", "sensitivity"} <= set(result)
    assert body["links"]["adr"] == f"/api/v1/evaluations/{evaluation.public_id}/adr/"


def test_messages_follow_the_request_language(alice):
    english = post(api_for(alice, "en"), {"title": "E", "answers": ANSWERS}).json()
    chinese = post(api_for(alice, "zh-hans"), {"title": "Z", "answers": ANSWERS}).json()

    assert english["result"]["categories"][0]["name"] != chinese["result"]["categories"][0]["name"]


def test_unknown_keys_and_values_are_a_400_naming_each_and_nothing_is_stored(alice):
    before = (Evaluation.objects.count(), Result.objects.count())

    response = post(
        api_for(alice),
        {"title": "Bad", "answers": {"hosts": "huge", "colour": "red", "autoscaling": "always", "workloads": "db"}},
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"answers.hosts", "answers.colour", "answers.autoscaling", "answers.workloads"}
    assert "huge" in body["errors"]["answers.hosts"][0]
    assert (Evaluation.objects.count(), Result.objects.count()) == before


@pytest.mark.parametrize(
    "body",
    [{}, {"title": "   "}, {"title": "nul\x00byte"}, {"title": "x" * 201}, {"title": "t", "answers": ["hosts"]},
     {"title": 0}, {"title": "t", "notes": 0}, {"title": "t", "answers": {"existing_infra": ["vlan", "vlan"]}}],
)  # fmt: skip
def test_bad_bodies_are_a_400_with_field_errors(alice, body):
    response = post(api_for(alice), body)

    assert response.status_code == 400
    assert response.json()["errors"]
    assert Evaluation.objects.count() == 0


def test_submitting_needs_authentication():
    response = post(api_for(None), {"title": "Anonymous", "answers": ANSWERS})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert Evaluation.objects.count() == 0


def test_the_list_shows_only_my_own(alice, bob):
    services.start_evaluation(owner=alice, title="Alice's")
    services.start_evaluation(owner=bob, title="Bob's")

    response = api_for(alice).get("/api/v1/evaluations/")

    assert [item["title"] for item in response.json()["results"]] == ["Alice's"]


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", ""), ("patch", ""), ("delete", ""), ("get", "results/"), ("get", "results/1/"), ("get", "adr/")],
)
def test_another_users_evaluation_is_a_404_and_stays_unchanged(alice, bob, method, suffix):
    evaluation = services.start_evaluation(owner=alice, title="Alice's", answers=ANSWERS)
    services.run_evaluation(evaluation)
    url = f"/api/v1/evaluations/{evaluation.public_id}/{suffix}"

    response = getattr(api_for(bob), method)(url, {"title": "Bob was here"}, format="json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    evaluation.refresh_from_db()
    assert evaluation.title == "Alice's"
    assert evaluation.results.count() == 1
    assert api_for(alice).get(url).status_code == 200


def test_patching_answers_makes_a_new_revision_and_an_unchanged_patch_does_not(alice):
    client = api_for(alice)
    created = post(client, {"title": "P", "answers": ANSWERS}).json()
    url = f"/api/v1/evaluations/{created['id']}/"

    changed = client.patch(url, {"answers": {"network_policy": "wont", "registry_ha": None}}, format="json").json()
    same = client.patch(url, {"answers": {"network_policy": "wont"}}, format="json").json()
    revisions = client.get(url + "results/").json()

    assert changed["result"]["revision"] == 2
    assert changed["answers"]["network_policy"] == "wont"
    assert "registry_ha" not in changed["answers"]
    assert same["result"]["revision"] == 2
    assert [r["revision"] for r in revisions] == [2, 1]
    assert client.get(url + "results/1/").json()["revision"] == 1


def test_an_invalid_patch_changes_nothing(alice):
    client = api_for(alice)
    created = post(client, {"title": "P", "answers": ANSWERS}).json()

    response = client.patch(
        f"/api/v1/evaluations/{created['id']}/", {"title": "New", "answers": {"hosts": "x"}}, format="json"
    )

    assert response.status_code == 400
    evaluation = Evaluation.objects.get(public_id=created["id"])
    assert (evaluation.title, evaluation.answers["hosts"], evaluation.results.count()) == ("P", "500_5000", 1)


def test_the_adr_export_is_markdown_and_errors_stay_json(alice):
    client = api_for(alice)
    created = post(client, {"title": "ADR", "answers": ANSWERS}).json()
    url = f"/api/v1/evaluations/{created['id']}/adr/"

    adr = client.get(url)
    missing = client.get(url, {"revision": 7})
    malformed = client.get(url, {"revision": "seven"})

    assert adr.status_code == 200
    assert adr["Content-Type"] == "text/markdown; charset=utf-8"
    assert adr.content.decode().startswith("# ADR\n")
    assert "## Decision Outcome" in adr.content.decode()
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert (malformed.status_code, list(malformed.json()["errors"])) == (400, ["revision"])


def test_an_unknown_or_empty_export_format_is_an_error_in_the_json_shape(alice):
    client = api_for(alice)
    created = post(client, {"title": "ADR", "answers": ANSWERS}).json()

    response = client.get(f"/api/v1/evaluations/{created['id']}/adr/", {"format": "AAA"})

    empty = client.get(f"/api/v1/evaluations/{created['id']}/adr/", {"format": ""})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"
    assert (empty.status_code, list(empty.json()["errors"])) == (400, ["format"])


def test_null_answers_are_unanswered_questions(alice):
    client = api_for(alice)

    created = post(client, {"title": "Nulls", "answers": {**ANSWERS, "web_ui": None, "hosts": None}})

    assert created.status_code == 201
    stored = Evaluation.objects.get(public_id=created.json()["id"]).answers
    assert "web_ui" not in stored
    assert "hosts" not in stored
    assert stored["autoscaling"] == "must"


def test_deleting_removes_the_evaluation_and_its_revisions(alice):
    client = api_for(alice)
    created = post(client, {"title": "Gone", "answers": ANSWERS}).json()

    response = client.delete(f"/api/v1/evaluations/{created['id']}/")

    assert response.status_code == 204
    assert not Evaluation.objects.filter(public_id=created["id"]).exists()
    assert Result.objects.count() == 0


def test_an_evaluation_made_through_the_api_opens_in_the_browser_for_its_owner(client, alice):
    created = post(api_for(alice), {"title": "Both", "answers": ANSWERS}).json()
    client.force_login(alice)

    assert client.get(reverse("decisions:detail", args=[created["id"]])).status_code == 200


def test_the_questionnaire_lists_every_contract_key_with_allowed_values():
    response = api_for(None).get("/api/v1/questionnaire/")

    body = response.json()
    questions = {q["key"]: q for section in body["sections"] for q in section["questions"]}
    assert set(questions) >= contract.ALL_KEYS
    assert [v["value"] for v in questions["hosts"]["allowed_values"]] == list(contract.HOSTS)
    assert [v["value"] for v in questions["autoscaling"]["allowed_values"]] == list(contract.IMPORTANCES)
    assert questions["workloads"]["multiple"] is True
    assert questions["autoscaling"]["help"]
    assert response["ETag"]
    again = api_for(None).get("/api/v1/questionnaire/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("count", [1, 4])
def test_my_evaluation_list_runs_a_fixed_number_of_queries(alice, django_assert_num_queries, count):
    for index in range(count):
        services.start_evaluation(owner=alice, title=f"E{index}")
    client = api_for(alice)

    # token + user, count for the page, the page (with questionnaire and latest revision)
    # + 1 rate-limit counter statement (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(4):
        response = client.get("/api/v1/evaluations/")

    assert response.json()["count"] == count


def test_the_schema_states_the_answers_exactly():
    schema = api_for(None).get("/api/schema/?format=json").json()

    answers = schema["components"]["schemas"]["Answers"]
    assert answers["additionalProperties"] is False
    assert set(answers["properties"]) >= contract.ALL_KEYS
    assert answers["properties"]["hosts"]["enum"] == [*contract.HOSTS, None]  # null: unanswered


@pytest.mark.parametrize(
    ("title", "status", "stored"),
    [
        ("  Spaced  ", 201, "Spaced"),
        ("   ", 400, None),
        ("\x1c\x85", 400, None),  # whitespace to Python, visible to the schema's ECMA \S: refused and documented
        (" " * 5 + "x" * 196, 400, None),  # 201 characters as sent: the schema's maxLength counts them all
        ("x" * 200, 201, "x" * 200),
    ],
)
def test_a_title_is_checked_as_sent_and_stored_trimmed(alice, title, status, stored):
    response = post(api_for(alice), {"title": title, "answers": {"hosts": "50_500"}})

    assert response.status_code == status
    if stored is None:
        assert list(response.json()["errors"]) == ["title"]
    else:
        assert Evaluation.objects.get(public_id=response.json()["id"]).title == stored
