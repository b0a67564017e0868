"""decisions/engine/explain.py: the evidence part of a requirement line, built once per snapshot."""

import datetime as dt

from decisions.engine import evaluate

from .conftest import snapshot, tech

ANSWERS = {"rolling_update": "must", "autoscaling": "should"}


def lines_of(output, slug):
    candidate = next(entry for entry in output["categories"][0]["candidates"] if entry["technology"]["slug"] == slug)
    return {line["requirement"]: line for line in candidate["explanation"] if line["kind"] == "requirement"}


def world():
    return snapshot(
        tech("alpha", levels={"rolling_update": "yes", "autoscaling": "partial"}),
        tech("beta", levels={"rolling_update": "yes", "autoscaling": "yes"}),
    )


def test_a_line_carries_its_assessments_evidence():
    line = lines_of(evaluate(ANSWERS, world()), "alpha")["autoscaling"]

    assert (line["source"], line["as_of"], line["review_by"]) == ("src-alpha", "2026-11-01", "2027-11-01")
    assert line["note"] == {"zh": "alpha 的说明", "en": "Note on alpha / autoscaling"}
    assert (line["strength"], line["stale"], line["level"]) == ("fresh", False, "partial")


def test_the_evidence_parts_are_built_once_per_snapshot_and_each_line_has_its_own_dict():
    snap = world()
    first = evaluate(ANSWERS, snap)
    parts = snap._index["explanation_parts"]
    built = dict(parts)
    second = evaluate(ANSWERS, snap)

    assert ("alpha", "autoscaling", "partial") in built
    assert snap._index["explanation_parts"] == built  # the second run added nothing
    assert first == second
    lines_of(first, "alpha")["autoscaling"]["stale"] = "changed by a reader"
    assert lines_of(evaluate(ANSWERS, snap), "alpha")["autoscaling"]["stale"] is False


def test_the_same_catalog_judged_later_builds_its_own_parts():
    """Staleness depends on the snapshot's day: a snapshot judged after the review date says stale."""
    snap = world()
    evaluate(ANSWERS, snap)
    later = snap.with_today(dt.date(2028, 1, 1))

    line = lines_of(evaluate(ANSWERS, later), "alpha")["autoscaling"]

    assert (line["stale"], line["strength"]) == (True, "stale")
