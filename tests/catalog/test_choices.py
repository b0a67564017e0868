"""catalog/choices.py: each vocabulary spelled once, and held to the engine's plain-data copy."""

from django.utils import translation

from catalog import choices, contract
from catalog.models import Assessment, Pitfall, Technology
from decisions import rendering
from decisions.templatetags.decisions_tags import code_label


def test_the_importances_are_the_contracts_in_the_contracts_order():
    assert choices.Importance.values == list(contract.IMPORTANCES)


def test_an_unanswered_requirement_counts_as_an_importance_the_contract_knows():
    assert choices.UNANSWERED_IMPORTANCE in contract.IMPORTANCES


def test_the_models_expose_the_shared_vocabularies():
    assert Assessment.Level is choices.Level
    assert Technology.Status is choices.Status
    assert Pitfall.Severity is choices.Severity
    assert sorted(Technology.LEGACY_STATUSES) == ["deprecated", "dormant", "retired"]


def test_severity_rank_puts_critical_first_and_low_last():
    assert sorted(choices.SEVERITY_RANK, key=choices.SEVERITY_RANK.get) == ["critical", "high", "medium", "low"]


def test_the_known_levels_are_every_level_but_unknown():
    assert set(choices.KNOWN_LEVELS) == set(choices.Level.values) - {"unknown"}


def test_every_level_and_severity_has_a_word_for_use_inside_a_sentence():
    assert set(choices.LEVEL_WORDS) == set(choices.Level.values)
    assert set(choices.SEVERITY_WORDS) == set(choices.Severity.values)


def test_the_results_labels_are_the_shared_vocabularies():
    assert set(rendering.IMPORTANCE_LABELS) == set(contract.IMPORTANCES)
    assert list(rendering.STATUS_LABELS.items()) == choices.Status.choices
    with translation.override("en"):
        assert [code_label(value) for value in ("wont", "partial", "critical")] == ["won't", "partial", "critical"]
