"""decisions/services.py: what the write paths do when the evaluation changes under them."""

import pytest
from django.http import Http404

from decisions import services
from decisions.models import Evaluation

pytestmark = pytest.mark.django_db

ANSWERS = {"hosts": "50_500", "rolling_update": "must"}


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
