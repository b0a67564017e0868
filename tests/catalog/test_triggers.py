"""catalog/triggers.py: a pitfall's trigger conditions, checked against the contract and evaluated."""

from catalog.triggers import trigger_errors, triggers_hold


def test_a_well_formed_trigger_list_has_no_errors():
    triggers = [{"key": "environment", "in": ["public_cloud"]}, {"key": "autoscaling", "in": ["must", "should"]}]

    assert trigger_errors(triggers) == []
    assert trigger_errors([]) == []


def test_every_kind_of_mistake_is_named_with_its_condition():
    triggers = [
        {"key": "environment"},
        {"key": "enviroment", "in": ["public_cloud"]},
        {"key": "hosts", "in": []},
        {"key": "autoscaling", "in": ["must", "always"]},
    ]

    assert trigger_errors(triggers) == [
        "condition 1: must have exactly the fields 'key' and 'in'",
        "condition 2: unknown questionnaire key 'enviroment'",
        "condition 3: 'in' must be a non-empty list",
        "condition 4: 'always' is not a value of 'autoscaling' (allowed: must, should, could, wont, unsure)",
    ]


def test_a_trigger_list_that_is_not_a_list_is_one_error():
    assert trigger_errors({"key": "hosts", "in": ["lt50"]}) == ["triggers must be a list of conditions"]


def test_every_condition_must_hold():
    triggers = [{"key": "environment", "in": ["public_cloud", "hybrid_cloud"]}, {"key": "hosts", "in": ["gt5000"]}]

    assert triggers_hold(triggers, {"environment": "hybrid_cloud", "hosts": "gt5000"})
    assert not triggers_hold(triggers, {"environment": "hybrid_cloud", "hosts": "lt50"})


def test_a_multi_valued_answer_matches_on_any_overlap():
    triggers = [{"key": "workloads", "in": ["databases"]}]

    assert triggers_hold(triggers, {"workloads": ["stateless", "databases"]})
    assert not triggers_hold(triggers, {"workloads": ["stateless"]})


def test_an_unanswered_requirement_counts_as_wont_and_an_unanswered_context_key_matches_nothing():
    assert triggers_hold([{"key": "autoscaling", "in": ["wont"]}], {})
    assert not triggers_hold([{"key": "autoscaling", "in": ["must"]}], {})
    assert not triggers_hold([{"key": "environment", "in": ["public_cloud"]}], {})


def test_no_conditions_always_hold():
    assert triggers_hold([], {})
