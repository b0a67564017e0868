"""decisions/stored_output.py: a stored output writes each layer's first role once, and reads back
in the engine's shape (an output stored before, with the copies, reads as it always did)."""

import json

import pytest

from decisions import rendering, services, stored_output
from decisions.models import Result

ROLE = {
    "role": "scheduler",
    "role_name": "Scheduler",
    "candidate_count": 1,
    "candidates": [{"technology": {"slug": "kubernetes", "name": "Kubernetes"}, "score": 90.0}],
    "eliminated_count": 1,
    "eliminated": [{"technology": {"slug": "fleet", "name": "fleet"}, "reasons": []}],
}
SECOND = dict(ROLE, role="packaging", candidates=[], eliminated=[], candidate_count=0, eliminated_count=0)


def layer(**extra):
    return {
        "category": "orchestration",
        "name": "Orchestration",
        "candidate_count": 1,
        "candidates": ROLE["candidates"],
        "eliminated_count": 1,
        "eliminated": ROLE["eliminated"],
        "roles": [ROLE, SECOND],
        **extra,
    }


def test_a_layer_keeps_its_first_roles_lists_only_in_the_role():
    stored = stored_output.compact({"categories": [layer()]})

    assert "candidates" not in stored["categories"][0]
    assert "eliminated" not in stored["categories"][0]
    assert stored["categories"][0]["roles"][0]["candidates"] == ROLE["candidates"]


def test_reading_it_back_gives_the_engines_shape_and_key_order():
    full = {"categories": [layer()]}

    back = stored_output.expanded(json.loads(json.dumps(stored_output.compact(full))))

    assert back == full
    assert list(back["categories"][0]) == list(full["categories"][0])


def test_layer_lists_that_are_not_the_first_roles_are_kept():
    """A layer whose v1 fields differ from its first role (or that has no roles) is stored whole."""
    different = layer(candidates=[{"technology": {"slug": "nomad", "name": "Nomad"}, "score": 80.0}])
    no_roles = dict(layer(), roles=[])

    stored = stored_output.compact({"categories": [different, no_roles]})

    assert stored["categories"] == [different, no_roles]
    assert stored_output.expanded(stored)["categories"] == [different, no_roles]


def test_compact_does_not_change_the_engines_dicts():
    full = {"categories": [layer()]}

    stored_output.compact(full)

    assert "candidates" in full["categories"][0]


@pytest.mark.django_db
def test_a_stored_result_holds_each_first_role_once_and_renders_as_the_engine_output(django_user_model):
    owner = django_user_model.objects.create_user("storer", password="a-long-storer-password-5")
    answers = {"hosts": "50_500", "rolling_update": "must", "network_policy": "should", "centralized_logging": "should"}
    evaluation = services.start_evaluation(owner=owner, title="Stored once", answers=answers)
    result, _created = services.run_evaluation(evaluation)
    stored = Result.objects.get(pk=result.pk).engine_output
    with_roles = [entry for entry in stored["categories"] if entry.get("roles")]

    assert with_roles, "the answers touch layers with roles"
    assert all("candidates" not in entry for entry in with_roles)
    engine_output = services._run(result.answers, services.current_snapshot())
    for language in ("en", "zh-hans"):
        want = rendering.render(engine_output, language)
        want["language"] = language
        assert json.dumps(Result.objects.get(pk=result.pk).output(language), sort_keys=True) == json.dumps(
            want, sort_keys=True
        )
