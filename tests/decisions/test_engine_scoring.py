"""Engine points 1–3 on hand-made snapshots: candidates, scores, eliminations, explanations, confidence."""

import datetime as dt
import json

import pytest
from django.utils import translation

from decisions.engine import InvalidAnswers
from decisions.rendering import evaluate, render_errors


def category(result, slug):
    return next(entry for entry in result["categories"] if entry["category"] == slug)


def ranking(result, slug):
    return [(c["technology"]["slug"], c["score"]) for c in category(result, slug)["candidates"]]


def eliminated(result, slug):
    return {e["technology"]["slug"]: [r["code"] for r in e["reasons"]] for e in category(result, slug)["eliminated"]}


def test_evaluate_with_no_answers_gives_a_valid_empty_result(kit):
    snap = kit.snapshot(kit.tech("kubernetes", levels={"autoscaling": "yes"}))

    result = evaluate({}, snap)

    assert result["categories"] == []
    assert result["stack"] == []
    assert result["conflicts"] == []
    assert result["similar_case_studies"] == []
    assert result["pitfalls"] == []
    assert result["sensitivity"] == []
    assert result["open_questions"] == []
    assert result["catalog_fingerprint"] == snap.fingerprint
    assert result["snapshot_date"] == "2026-11-27"
    json.dumps(result)


def test_evaluate_scores_the_importance_weighted_fit(kit):
    # must 5 × yes 1 + should 3 × partial 0.5 + could 1 × no 0 = 6.5 of 9 -> 72.2
    snap = kit.snapshot(
        kit.tech("alpha", levels={"autoscaling": "yes", "rollback": "partial", "web_ui": "no"}),
    )

    result = evaluate({"autoscaling": "must", "rollback": "should", "web_ui": "could"}, snap)

    candidate = category(result, "orchestration")["candidates"][0]
    assert candidate["score"] == 72.2
    assert candidate["points"] == 6.5
    assert candidate["max_points"] == 9.0
    assert [(line["requirement"], line["importance"], line["weight"], line["level"], line["points"])
            for line in candidate["explanation"]] == [  # in question order
        ("rollback", "should", 3, "partial", 1.5),
        ("autoscaling", "must", 5, "yes", 5.0),
        ("web_ui", "could", 1, "no", 0.0),
    ]  # fmt: skip


def test_evaluate_ranks_by_score_and_calls_an_undecided_tie_undecided(kit):
    snap = kit.snapshot(
        kit.tech("zeta", levels={"rollback": "yes"}),
        kit.tech("alpha", levels={"rollback": "yes"}),
        kit.tech("mid", levels={"rollback": "partial"}),
    )

    result = evaluate({"rollback": "should"}, snap)

    assert ranking(result, "orchestration") == [("alpha", 100.0), ("zeta", 100.0), ("mid", 50.0)]
    assert [c["rank"] for c in category(result, "orchestration")["candidates"]] == [1, 2, 3]
    assert [c["tie_break"] for c in category(result, "orchestration")["candidates"]] == [
        {
            "over": {"slug": "zeta", "name": "Zeta"},
            "by": "undecided",  # never "by name": nothing separates them, and the result says so
            "message": "Tied with Zeta at 100.0, and no consideration (lifecycle, licence, portability, maturity) "
            "separates them: undecided. Either is a sound choice.",
        },
        None,  # 100.0 against 50.0: no tie
        None,  # last
    ]
    assert [t["slug"] for t in category(result, "orchestration")["candidates"][0]["tied_with"]] == ["zeta"]


def test_scores_within_the_margin_are_a_tie_that_maturity_can_decide(kit):
    snap = kit.snapshot(
        kit.tech("young", name="Young", levels={"rollback": "yes", "web_ui": "yes"}, maturity="sandbox"),
        kit.tech("mature", name="Mature", levels={"rollback": "yes", "web_ui": "yes", "rest_api": "partial"},
                 maturity="graduated"),
    )  # fmt: skip

    result = evaluate({"rollback": "must", "web_ui": "could", "rest_api": "could"}, snap, "en")

    candidates = category(result, "orchestration")["candidates"]
    # Mature earns the maturity line (balanced: weight 1) and leads outright; with it the race is close.
    assert [c["technology"]["slug"] for c in candidates] == ["mature", "young"]
    maturity = next(line for line in candidates[0]["explanation"] if line["requirement"] == "context:maturity")
    assert (maturity["weight"], maturity["level"]) == (1, "yes")


def test_a_tie_goes_to_the_active_technology_before_the_score(kit):
    snap = kit.snapshot(
        kit.tech("alpha", name="Alpha", status="maintenance", levels={"rollback": "yes", "web_ui": "yes"}),
        kit.tech("beta", name="Beta", levels={"rollback": "yes", "web_ui": "partial"}),
    )

    result = evaluate({"rollback": "must", "web_ui": "could"}, snap)

    candidates = category(result, "orchestration")["candidates"]
    # The lifecycle line (weight 2, maintenance = partial) costs alpha its lead: 7/8 against 7.5/8.
    assert [(c["technology"]["slug"], c["score"]) for c in candidates] == [("beta", 93.8), ("alpha", 87.5)]
    assert candidates[0]["tie_break"] is None  # 6.3 points apart: not a tie


def test_a_tie_within_the_margin_is_decided_by_licence_openness(kit):
    snap = kit.snapshot(
        kit.tech("busl", name="Busl", levels={"rollback": "yes", "web_ui": "yes"}, license_family="source_available",
                 license="BUSL-1.1"),
        kit.tech("apache", name="Apache", levels={"rollback": "yes", "web_ui": "yes"}, license="Apache-2.0"),
    )  # fmt: skip

    result = evaluate({"rollback": "must", "web_ui": "could"}, snap)

    candidates = category(result, "orchestration")["candidates"]
    assert [c["technology"]["slug"] for c in candidates] == ["apache", "busl"]
    assert candidates[0]["tie_break"]["by"] == "licence"
    assert candidates[0]["tie_break"]["message"] == (
        "Tied with Busl (100.0 against 100.0); placed ahead for its more open licence (Apache-2.0 against BUSL-1.1)."
    )
    assert [(r["code"], r["technology"]["slug"]) for r in result["risks"]] == []  # apache is picked: no risk


def test_an_open_licence_offered_beside_source_available_ones_yields_in_a_tie(kit):
    """AGPL offered as one choice beside ELv2 and SSPL (Elasticsearch since 2024) is open — it
    passes an OSI-only policy — but in a tie it yields to a project that is open without
    alternatives, and still ranks ahead of a source-available one."""
    levels = {"rollback": "yes", "web_ui": "yes"}
    snap = kit.snapshot(
        kit.tech("zeta", name="Zeta", levels=levels, license="Apache-2.0"),
        kit.tech("alpha", name="Alpha", levels=levels, license_family="copyleft",
                 license="AGPL-3.0-only OR Elastic-2.0 OR SSPL-1.0"),
        kit.tech("busl", name="Busl", levels=levels, license_family="source_available", license="BUSL-1.1"),
    )  # fmt: skip

    candidates = category(evaluate({"rollback": "must", "web_ui": "could", "licence_policy": "commercial_ok"}, snap),
                          "orchestration")["candidates"]  # fmt: skip
    osi_only = category(evaluate({"rollback": "must", "licence_policy": "osi_only"}, snap), "orchestration")

    assert [c["technology"]["slug"] for c in candidates] == ["zeta", "alpha", "busl"]
    assert [c["tie_break"]["by"] for c in candidates[:2]] == ["licence", "licence"]
    assert [c["technology"]["slug"] for c in osi_only["candidates"]] == ["zeta", "alpha"]


def test_a_source_available_pick_carries_its_licence_risk(kit):
    snap = kit.snapshot(
        kit.tech(
            "busl", name="Busl", levels={"rollback": "yes"}, license_family="source_available", license="BUSL-1.1"
        ),
        kit.tech("apache", name="Apache", levels={"rollback": "no"}, license="Apache-2.0"),
    )

    result = evaluate({"rollback": "must"}, snap)

    assert [(r["level"], r["code"], r["technology"]["slug"]) for r in result["risks"]] == [
        ("medium", "licence_source_available", "busl")
    ]
    excluded = evaluate({"rollback": "must", "licence_policy": "osi_only"}, snap)
    assert [e["technology"]["slug"] for e in category(excluded, "orchestration")["eliminated"]] == ["apache", "busl"]
    codes = {
        e["technology"]["slug"]: [r["code"] for r in e["reasons"]]
        for e in category(excluded, "orchestration")["eliminated"]
    }
    assert codes == {"apache": ["must_unmet"], "busl": ["licence_excluded"]}


def test_a_must_met_only_in_part_raises_a_risk_instead_of_passing_silently(kit):
    snap = kit.snapshot(
        kit.tech("alpha", name="Alpha", levels={"rollback": "partial", "autoscaling": "yes"}),
    )

    result = evaluate({"rollback": "must", "autoscaling": "must", "web_ui": "must"}, snap)

    assert [(r["level"], r["code"], r["requirement"]) for r in result["risks"]] == [
        ("high", "must_unknown", "web_ui"),
        ("medium", "must_partial", "rollback"),
    ]


def test_evaluate_only_includes_categories_the_answers_touch(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"rollback": "yes"}),
        kit.tech("calico", categories=("network",), levels={"network_policy": "yes"}),
        kit.tech("harbor", categories=("registry",), levels={"registry_ha": "yes"}),
    )

    result = evaluate({"rollback": "could", "network_policy": "unsure", "registry_ha": "wont"}, snap)

    assert [entry["category"] for entry in result["categories"]] == ["orchestration", "network"]


def test_evaluate_counts_unsure_as_could_and_lists_it_as_an_open_question(kit):
    snap = kit.snapshot(kit.tech("alpha", levels={"rollback": "yes", "web_ui": "no"}))

    result = evaluate({"rollback": "unsure", "web_ui": "should"}, snap)

    line = category(result, "orchestration")["candidates"][0]["explanation"][0]
    assert (line["importance"], line["weight"], line["points"]) == ("unsure", 1, 1.0)
    assert category(result, "orchestration")["candidates"][0]["score"] == 25.0
    assert result["open_questions"] == [{"requirement": "rollback", "name": "Rollback", "category": "orchestration"}]


def test_evaluate_leaves_protocols_and_components_out_of_the_pool(kit):
    snap = kit.snapshot(
        kit.tech("vxlan", kind="protocol", categories=("network",), levels={"cross_host_networking": "yes"}),
        kit.tech("iptables", kind="component", categories=("network",), levels={"cross_host_networking": "yes"}),
        kit.tech("flannel", categories=("network",), levels={"cross_host_networking": "yes"}),
        kit.tech("host-gw", kind="pattern", categories=("network",), levels={"cross_host_networking": "partial"}),
    )

    result = evaluate({"cross_host_networking": "must"}, snap)

    assert ranking(result, "network") == [("flannel", 100.0), ("host-gw", 50.0)]
    assert eliminated(result, "network") == {}


def test_evaluate_lists_in_house_systems_as_eliminated_naming_their_owner(kit):
    snap = kit.snapshot(
        kit.tech("qiniu-dora", kind="in_house", owner="qiniu", levels={"rollback": "yes"}),
        kit.tech("kubernetes", levels={"rollback": "yes"}),
    )

    result = evaluate({"rollback": "must"}, snap)

    assert ranking(result, "orchestration") == [("kubernetes", 100.0)]
    assert category(result, "orchestration")["eliminated"] == [
        {
            "technology": {"slug": "qiniu-dora", "name": "Qiniu Dora"},
            "reasons": [
                {
                    "code": "in_house",
                    "requirement": None,
                    "message": "An in-house system of Qiniu: nobody outside Qiniu can adopt it.",
                }
            ],
        }
    ]


def test_evaluate_eliminates_a_must_the_technology_does_not_meet(kit):
    snap = kit.snapshot(
        kit.tech("swarm", levels={"autoscaling": "no", "rollback": "yes"}),
        kit.tech("kubernetes", levels={"autoscaling": "yes", "rollback": "yes"}),
    )

    result = evaluate({"autoscaling": "must", "rollback": "must"}, snap)

    assert ranking(result, "orchestration") == [("kubernetes", 100.0)]
    assert category(result, "orchestration")["eliminated"][0]["reasons"] == [
        {
            "code": "must_unmet",
            "requirement": "autoscaling",
            "message": "Does not meet the must requirement “Autoscaling” (level: no).",
        }
    ]


def test_evaluate_keeps_a_candidate_with_no_assessment_for_a_must_at_level_unknown(kit):
    snap = kit.snapshot(kit.tech("newcomer", levels={"rollback": "yes"}))

    result = evaluate({"autoscaling": "must", "rollback": "should"}, snap)

    candidate = category(result, "orchestration")["candidates"][0]
    line = candidate["explanation"][1]
    assert (line["requirement"], line["level"], line["source"], line["points"]) == ("autoscaling", "unknown", None, 0.0)
    assert candidate["score"] == 37.5  # 3 of 8
    assert candidate["confidence"] == 0.38  # only the should (3 of 8) rests on a known level


def test_evaluate_excludes_legacy_technologies_saying_status_date_and_successors(kit):
    snap = kit.snapshot(
        kit.tech("mesos", status="retired", since=dt.date(2025, 10, 10), successors=("kubernetes", "nomad"),
                 levels={"rollback": "yes"}),
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        kit.tech("nomad", name="Nomad", levels={"rollback": "yes"}),
    )  # fmt: skip

    result = evaluate({"rollback": "must"}, snap)

    assert [slug for slug, _score in ranking(result, "orchestration")] == ["kubernetes", "nomad"]
    assert category(result, "orchestration")["eliminated"][0]["reasons"] == [
        {
            "code": "legacy_excluded",
            "requirement": None,
            "message": "Retired since 2025-10; consider Kubernetes, Nomad instead. "
            "To rank it anyway, answer yes to “include legacy technologies”.",
        }
    ]


@pytest.mark.parametrize("status", ["dormant", "deprecated", "retired"])
def test_evaluate_ranks_legacy_technologies_when_include_legacy_is_true(kit, status):
    snap = kit.snapshot(kit.tech("mesos", status=status, levels={"rollback": "yes"}))

    result = evaluate({"rollback": "must", "include_legacy": "true"}, snap)

    assert ranking(result, "orchestration") == [("mesos", 100.0)]


def test_evaluate_keeps_maintenance_technologies(kit):
    snap = kit.snapshot(kit.tech("swarm-mode", status="maintenance", levels={"rollback": "yes"}))

    assert ranking(evaluate({"rollback": "must"}, snap), "orchestration") == [("swarm-mode", 100.0)]


def test_evaluate_lists_every_reason_a_technology_is_eliminated(kit):
    snap = kit.snapshot(
        kit.tech("macvlan", categories=("network",), status="deprecated",
                 levels={"network_policy": "no", "fixed_ip": "no"}, needs_l2_adjacency=True),
    )  # fmt: skip

    result = evaluate({"network_policy": "must", "fixed_ip": "must", "environment": "public_cloud"}, snap)

    assert eliminated(result, "network") == {
        "macvlan": ["legacy_excluded", "needs_l2_adjacency", "must_unmet", "must_unmet"]
    }
    assert [r["requirement"] for r in category(result, "network")["eliminated"][0]["reasons"]] == [
        None, None, "fixed_ip", "network_policy",
    ]  # fmt: skip


def test_evaluate_gives_a_category_with_no_candidates_left_an_empty_ranking(kit):
    snap = kit.snapshot(kit.tech("flannel", categories=("network",), levels={"network_policy": "no"}))

    result = evaluate({"network_policy": "must"}, snap)

    assert category(result, "network")["candidates"] == []
    assert eliminated(result, "network") == {"flannel": ["must_unmet"]}
    assert result["conflicts"][0]["code"] == "no_candidates"


def test_evaluate_explains_each_line_with_its_source_and_staleness(kit):
    snap = kit.snapshot(kit.tech("alpha", levels={"autoscaling": "yes", "rollback": "partial"}, stale=("rollback",)))

    result = evaluate({"autoscaling": "must", "rollback": "should"}, snap)

    rollback, autoscaling = category(result, "orchestration")["candidates"][0]["explanation"]
    assert autoscaling == {
        "requirement": "autoscaling",
        "kind": "requirement",
        "name": "Autoscaling",
        "importance": "must",
        "answered": "must",
        "weight": 5,
        "level": "yes",
        "points": 5.0,
        "strength": "fresh",
        "source_kind": "web",
        "source": "src-alpha",
        "source_title": "Source on Alpha",
        "as_of": "2026-11-01",
        "review_by": "2027-11-01",
        "stale": False,
        "note": "Note on alpha / autoscaling",
        "via": None,
        "message": "",
        "evidence": [],
    }
    assert (rollback["stale"], rollback["review_by"]) == (True, "2018-06-01")


def test_evaluate_lowers_confidence_for_stale_and_unknown_levels(kit):
    # Weights 5 (fresh yes), 3 (stale partial: trust 0.5), 1 (unknown: trust 0) -> (5 + 1.5) / 9 = 0.72
    snap = kit.snapshot(
        kit.tech("alpha", levels={"autoscaling": "yes", "rollback": "partial", "web_ui": "unknown"},
                 stale=("rollback",)),
        kit.tech("beta", levels={"autoscaling": "yes", "rollback": "yes", "web_ui": "yes"}),
    )  # fmt: skip

    result = evaluate({"autoscaling": "must", "rollback": "should", "web_ui": "could"}, snap)

    confidences = {c["technology"]["slug"]: c["confidence"] for c in category(result, "orchestration")["candidates"]}
    assert confidences == {"alpha": 0.72, "beta": 1.0}


def test_evaluate_judges_staleness_on_the_snapshot_day(kit):
    snap = kit.snapshot(kit.tech("alpha", levels={"rollback": "yes"}))
    later = snap.with_today(dt.date(2028, 1, 1))

    line = category(evaluate({"rollback": "must"}, later), "orchestration")["candidates"][0]["explanation"][0]

    assert later.fingerprint == snap.fingerprint
    assert (line["stale"], evaluate({"rollback": "must"}, later)["snapshot_date"]) == (True, "2028-01-01")


def test_evaluate_rounds_scores_to_one_decimal_and_confidence_to_two(kit):
    snap = kit.snapshot(kit.tech("alpha", levels={"rollback": "yes", "web_ui": "partial", "rest_api": "no"}))

    candidate = category(evaluate({"rollback": "could", "web_ui": "could", "rest_api": "could"}, snap),
                         "orchestration")["candidates"][0]  # fmt: skip

    assert candidate["score"] == 50.0
    snap = kit.snapshot(kit.tech("alpha", levels={"rollback": "yes", "web_ui": "no", "rest_api": "no"}))
    candidate = category(evaluate({"rollback": "could", "web_ui": "could", "rest_api": "could"}, snap),
                         "orchestration")["candidates"][0]  # fmt: skip
    assert candidate["score"] == 33.3


def test_evaluate_rejects_invalid_answers_naming_the_key(kit):
    snap = kit.snapshot(kit.tech("alpha"))

    with pytest.raises(InvalidAnswers) as raised:
        evaluate({"hosts": "many"}, snap)

    with translation.override("en"):
        errors = render_errors(raised.value.errors)
    assert errors == {"hosts": ["“many” is not a valid answer for “hosts”; allowed: lt50, 50_500, 500_5000, gt5000."]}


def test_evaluate_ignores_an_answer_to_a_question_the_catalog_no_longer_has(kit):
    snap = kit.snapshot(kit.tech("alpha", levels={"rollback": "yes"}))

    result = evaluate({"rollback": "must", "gpu_scheduling": "must"}, snap)

    assert result["ignored_answers"] == ["gpu_scheduling"]
    assert ranking(result, "orchestration") == [("alpha", 100.0)]


def test_evaluate_scores_extra_capability_questions_in_their_category(kit):
    snap = kit.snapshot(
        kit.tech("alpha", levels={"multi_datacenter": "yes"}),
        kit.tech("beta", levels={"multi_datacenter": "no"}),
    )

    result = evaluate({"multi_datacenter": "should"}, snap)

    assert ranking(result, "orchestration") == [("alpha", 100.0), ("beta", 0.0)]


def test_evaluate_writes_names_and_messages_in_the_requested_language(kit):
    snap = kit.snapshot(
        kit.tech("swarm", name="Swarm", name_zh="蜂群", levels={"autoscaling": "no"}),
        kit.tech("kubernetes", levels={"autoscaling": "yes"}),
    )

    result = evaluate({"autoscaling": "must"}, snap, "zh-hans")

    entry = category(result, "orchestration")
    assert entry["name"] == "orchestration 层"
    assert entry["candidates"][0]["explanation"][0]["name"] == "autoscaling 能力"
    assert entry["eliminated"][0]["technology"] == {"slug": "swarm", "name": "蜂群"}
    assert entry["eliminated"][0]["reasons"][0]["message"] == "不满足必须项“autoscaling 能力”（程度：不支持）。"
    assert result["language"] == "zh-hans"
