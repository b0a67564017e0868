"""decisions/services.py: what the write paths do when the evaluation changes under them."""

import pytest
from django.http import Http404

from decisions import services
from decisions.models import Evaluation

pytestmark = pytest.mark.django_db

ANSWERS = {"hosts": "50_500", "rolling_update": "must"}
QUERIES_PER_POST = 8  # the POST test below: limits 1, questionnaire and keys 2, version 1, inserts 2, savepoints 2


def test_running_an_evaluation_deleted_meanwhile_is_a_404_not_a_server_error(django_user_model):
    owner = django_user_model.objects.create_user("runner", password="a-long-runner-password-3")
    evaluation = services.start_evaluation(owner=owner, title="Going away", answers=ANSWERS)
    Evaluation.objects.filter(pk=evaluation.pk).delete()  # another request deleted it

    with pytest.raises(Http404):
        services.run_evaluation(evaluation)  # the caller still holds the old instance


def test_running_an_evaluation_stores_one_revision_and_then_reuses_it(django_user_model):
    owner = django_user_model.objects.create_user("runner", password="a-long-runner-password-3")
    evaluation = services.start_evaluation(owner=owner, title="Stays", answers=ANSWERS)

    first, created = services.run_evaluation(evaluation)
    again, created_again = services.run_evaluation(evaluation)

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert first.revision == 1


def test_the_api_post_answers_with_the_result_it_wrote_in_a_fixed_number_of_queries(
    django_user_model, django_assert_num_queries, monkeypatch
):
    """The POST renders the result it has just written (not read back from the database), the
    snapshot is built once and kept, and the request runs a fixed number of queries."""
    from rest_framework.test import APIClient

    from decisions import snapshots

    builds = []
    real_build = snapshots.build_snapshot
    monkeypatch.setattr(snapshots, "build_snapshot", lambda **kwargs: builds.append(1) or real_build(**kwargs))
    monkeypatch.setattr(snapshots, "_cached", None)
    owner = django_user_model.objects.create_user("poster", password="a-long-poster-password-4")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user=owner)
    body = {"title": "Counted", "answers": {**ANSWERS, "autoscaling": "should"}}
    assert client.post("/api/v1/evaluations/", body, format="json").status_code == 201

    with django_assert_num_queries(QUERIES_PER_POST):
        response = client.post("/api/v1/evaluations/", body, format="json")

    assert response.status_code == 201
    assert builds == [1]  # the second POST used the kept snapshot
    posted = response.json()
    read = client.get(f"/api/v1/evaluations/{posted['id']}/").json()
    assert posted["result"] == read["result"]  # what was rendered in memory is what is stored
    assert posted["result"]["revision"] == 1
    assert posted["result"]["categories"]
