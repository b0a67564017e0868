"""decisions/diff.py: what changed between two revisions of an evaluation, and why."""

import pytest

from decisions import services
from decisions.diff import diff_answers, diff_results

pytestmark = pytest.mark.django_db


def test_diff_answers_lists_each_key_added_removed_or_changed_in_key_order():
    before = {"hosts": "50_500", "rolling_update": "must", "workloads": ["stateless"]}
    after = {"hosts": "50_500", "rolling_update": "could", "autoscaling": "should"}

    changes = [(c.key, c.before, c.after) for c in diff_answers(before, after)]

    assert changes == [
        ("autoscaling", None, "should"),
        ("rolling_update", "must", "could"),
        ("workloads", ["stateless"], None),
    ]


@pytest.fixture
def two_revisions(django_user_model):
    owner = django_user_model.objects.create_user("differ", password="a-long-differ-password-7")
    evaluation = services.start_evaluation(
        owner=owner, title="Diff", answers={"hosts": "50_500", "rolling_update": "must", "stateful_workloads": "could"}
    )
    first, _created = services.run_evaluation(evaluation)
    # Orchestrators differ on stateful workloads, so weighing it more moves some scores.
    services.save_answers(evaluation, {"stateful_workloads": "must"})
    second, created = services.run_evaluation(evaluation)
    assert created
    assert (first.revision, second.revision) == (1, 2)
    return first, second


def test_a_changed_importance_is_traced_to_the_answer_on_the_same_catalog(two_revisions):
    first, second = two_revisions

    diff = diff_results(first, second, "en")

    assert [(c.key, c.before, c.after) for c in diff.answers] == [("stateful_workloads", "could", "must")]
    assert not diff.catalog_changed
    assert not diff.unchanged
    causes = {
        (line.requirement, line.cause)
        for category in diff.categories
        for candidate in category.candidates
        for line in candidate.lines
    }
    assert causes == {("stateful_workloads", "answer")}


def test_a_revision_compared_with_itself_is_unchanged(two_revisions):
    _first, second = two_revisions

    diff = diff_results(second, second, "en")

    assert diff.unchanged
    assert (diff.answers, diff.pitfalls_added, diff.risks_added) == ([], [], [])
    assert diff.stack_before == diff.stack_after
