"""validate_answers: the questionnaire contract, checked key by key."""

import pytest
from django.utils import translation

from decisions.rendering import validate_answers


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the site's default language is Chinese)."""
    with translation.override("en"):
        yield


def test_validate_answers_accepts_a_full_valid_set_in_canonical_form():
    raw = {
        "workloads": ["databases", "stateless"],
        "hosts": "500_5000",
        "include_legacy": False,
        "autoscaling": "must",
        "rollback": "unsure",
        "existing_infra": ["vlan", "openstack"],
    }

    clean, errors = validate_answers(raw)

    assert errors == {}
    assert clean == {
        "autoscaling": "must",
        "existing_infra": ["openstack", "vlan"],
        "hosts": "500_5000",
        "include_legacy": "false",
        "rollback": "unsure",
        "workloads": ["stateless", "databases"],
    }
    assert list(clean) == sorted(clean)


def test_validate_answers_names_an_unknown_key():
    clean, errors = validate_answers({"autoscaling": "must", "gpu_support": "must"})

    assert clean == {"autoscaling": "must"}
    assert errors == {"gpu_support": ["Unknown question key “gpu_support”."]}


def test_validate_answers_names_the_key_the_value_and_the_allowed_values():
    _clean, errors = validate_answers({"hosts": "huge", "autoscaling": "maybe"})

    assert errors == {
        "autoscaling": ["“maybe” is not a valid answer for “autoscaling”; allowed: must, should, could, wont, unsure."],
        "hosts": ["“huge” is not a valid answer for “hosts”; allowed: lt50, 50_500, 500_5000, gt5000."],
    }


def test_validate_answers_names_each_bad_item_of_a_list():
    _clean, errors = validate_answers({"workloads": ["stateless", "gpus", "batch"]})

    assert errors == {
        "workloads": [
            "“gpus” is not a valid answer for “workloads”; allowed: stateless, databases, message_queues, "
            "scheduled_jobs, big_data.",
            "“batch” is not a valid answer for “workloads”; allowed: stateless, databases, message_queues, "
            "scheduled_jobs, big_data.",
        ]
    }


def test_validate_answers_refuses_a_value_given_twice_in_a_list():
    clean, errors = validate_answers({"existing_infra": ["vlan", "vlan"], "workloads": ["batch", "batch"]})

    assert errors["existing_infra"] == ["“vlan” is given twice in “existing_infra”."]
    assert len(errors["workloads"]) == 2  # an invalid value twice is named twice, never "given twice"
    assert clean == {}


def test_validate_answers_wants_a_list_for_a_multi_valued_key():
    _clean, errors = validate_answers({"team_languages": "go"})

    assert errors == {
        "team_languages": [
            "“team_languages” takes a list of values, not “go”; allowed: go, java, scala, python, c_cpp, other."
        ]
    }


def test_validate_answers_wants_a_string_for_a_single_valued_key():
    _clean, errors = validate_answers({"environment": ["public_cloud"]})

    assert errors == {
        "environment": [
            "“[public_cloud]” is not a valid answer for “environment”; allowed: bare_metal, private_cloud, "
            "public_cloud, hybrid_cloud."
        ]
    }


@pytest.mark.parametrize(("given", "stored"), [(True, "true"), (False, "false"), ("true", "true"), ("false", "false")])
def test_validate_answers_reads_include_legacy_as_bool_or_string(given, stored):
    clean, errors = validate_answers({"include_legacy": given})

    assert (clean, errors) == ({"include_legacy": stored}, {})


@pytest.mark.parametrize("given", ["yes", 1, "True", []])
def test_validate_answers_rejects_other_include_legacy_values(given):
    clean, errors = validate_answers({"include_legacy": given})

    assert clean == {}
    assert list(errors) == ["include_legacy"]
    assert "allowed: true, false" in errors["include_legacy"][0]


def test_validate_answers_refuses_none_with_other_existing_infrastructure():
    _clean, errors = validate_answers({"existing_infra": ["none", "vlan"]})

    assert errors == {"existing_infra": ["“none” cannot be combined with other values in “existing_infra”."]}


def test_validate_answers_treats_null_and_an_empty_list_as_unanswered():
    clean, errors = validate_answers({"hosts": None, "workloads": [], "autoscaling": None})

    assert (clean, errors) == ({}, {})


def test_validate_answers_accepts_extra_requirement_keys_only_when_given():
    assert validate_answers({"multi_datacenter": "should"})[1] == {
        "multi_datacenter": ["Unknown question key “multi_datacenter”."]
    }

    clean, errors = validate_answers({"multi_datacenter": "should"}, requirement_keys=["multi_datacenter"])

    assert (clean, errors) == ({"multi_datacenter": "should"}, {})


def test_validate_answers_rejects_a_value_that_is_not_a_mapping():
    assert validate_answers(["hosts"]) == (
        {},
        {"answers": ["Answers must be an object mapping question keys to values."]},
    )


def test_validate_answers_speaks_the_active_language():
    with translation.override("zh-hans"):
        _clean, errors = validate_answers({"gpu_support": "must"})

    assert errors == {"gpu_support": ["未知的问题键“gpu_support”。"]}
