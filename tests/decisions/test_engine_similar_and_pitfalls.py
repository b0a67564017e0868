"""Engine points 6 and 7: similar companies, and the pitfalls that apply to the recommended stack."""

import dataclasses

import pytest

from decisions.rendering import evaluate


def world(kit, case_studies=(), pitfalls=()):
    return kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        kit.tech("mesos", name="Mesos", levels={"rollback": "partial"}),
        kit.tech("calico", name="Calico", categories=("network",), levels={"network_policy": "yes"}),
        kit.tech("flannel", name="Flannel", categories=("network",), levels={"network_policy": "no"}),
        case_studies=case_studies,
        pitfalls=pitfalls,
    )


def test_similar_case_studies_share_technologies_of_their_current_stage(kit):
    snap = world(
        kit,
        case_studies=[
            kit.case("qunar", ("mesos",), ("mesos", "calico")),  # current stage shares Calico
            kit.case("jd", ("openstack",), ("kubernetes", "flannel"), scale="gt5000"),  # shares Kubernetes
            kit.case("ctrip", ("kubernetes", "calico"), ("mesos",)),  # shared only in an old stage
            kit.case("mogujie", ("kubernetes", "calico")),  # shares both
        ],
    )

    result = evaluate({"rollback": "must", "network_policy": "should"}, snap)

    assert [(c["slug"], c["similarity"], [s["slug"] for s in c["shared"]]) for c in result["similar_case_studies"]] == [
        ("mogujie", 2.0, ["calico", "kubernetes"]),
        ("jd", 1.0, ["kubernetes"]),
        ("qunar", 1.0, ["calico"]),
    ]
    assert result["similar_case_studies"][0] == {
        "slug": "mogujie",
        "company": "Mogujie",
        "company_slug": "mogujie",
        "title": "mogujie case",
        "scale": "unknown",
        "similarity": 2.0,
        "shared": [{"slug": "calico", "name": "Calico"}, {"slug": "kubernetes", "name": "Kubernetes"}],
    }


@pytest.mark.parametrize(("hosts", "order"), [("gt5000", ["jd", "tiny"]), ("lt50", ["tiny", "jd"])])
def test_similar_case_studies_prefer_a_scale_close_to_the_answer(kit, hosts, order):
    snap = world(
        kit,
        case_studies=[
            kit.case("jd", ("kubernetes",), scale="gt5000"),
            kit.case("tiny", ("kubernetes",), scale="lt50"),
        ],
    )

    result = evaluate({"rollback": "must", "hosts": hosts}, snap)

    assert [c["slug"] for c in result["similar_case_studies"]] == order
    assert [c["similarity"] for c in result["similar_case_studies"]] == [2.0, 1.0]


def test_similar_case_studies_keep_the_best_five(kit):
    snap = world(kit, case_studies=[kit.case(f"company-{n}", ("kubernetes",)) for n in range(7)])

    result = evaluate({"rollback": "must"}, snap)

    assert [c["slug"] for c in result["similar_case_studies"]] == [f"company-{n}" for n in range(5)]


def test_pitfalls_apply_when_a_technology_is_in_the_stack_and_the_triggers_hold(kit):
    snap = world(
        kit,
        pitfalls=[
            kit.pitfall("k8s-always", "kubernetes", severity="low"),
            kit.pitfall("k8s-at-scale", "kubernetes", severity="high", triggers=[{"key": "hosts", "in": ["gt5000"]}]),
            kit.pitfall("mesos-only", "mesos", severity="critical"),
            kit.pitfall("calico-policy", "calico", "flannel", severity="critical",
                        triggers=[{"key": "network_policy", "in": ["must", "should"]}]),
        ],
    )  # fmt: skip

    result = evaluate({"rollback": "must", "network_policy": "should", "hosts": "50_500"}, snap)

    assert [(p["slug"], p["severity"], [t["slug"] for t in p["technologies"]]) for p in result["pitfalls"]] == [
        ("calico-policy", "critical", ["calico"]),
        ("k8s-always", "low", ["kubernetes"]),
    ]
    assert result["pitfalls"][1] == {
        "slug": "k8s-always",
        "title": "Pitfall k8s-always",
        "severity": "low",
        "technologies": [{"slug": "kubernetes", "name": "Kubernetes"}],
        "mitigation": "Mitigate k8s-always.",
        "remedies": [],
        "trigger_note": "When k8s-always bites.",
        "source": "src-pitfalls",
    }


def with_remedies(pitfall, *remedies):
    return dataclasses.replace(pitfall, remedies=tuple(sorted(remedies)))


def test_a_pitfall_whose_subject_is_in_the_stack_applies_and_names_its_remedies(kit):
    snap = world(kit, pitfalls=[with_remedies(kit.pitfall("k8s-problem", "kubernetes"), "mesos", "flannel")])

    result = evaluate({"rollback": "must"}, snap)

    assert "mesos" not in [entry["technology"]["slug"] for entry in result["stack"]]
    assert [(p["slug"], p["technologies"], p["remedies"]) for p in result["pitfalls"]] == [
        (
            "k8s-problem",
            [{"slug": "kubernetes", "name": "Kubernetes"}],
            # Named whether or not the stack has them, in slug order.
            [{"slug": "flannel", "name": "Flannel"}, {"slug": "mesos", "name": "Mesos"}],
        )
    ]


def test_a_pitfall_does_not_apply_when_only_its_remedy_is_in_the_stack(kit):
    # Like Notary v1's retirement for a stack that picked cosign: the stack has the fix, not the problem.
    snap = world(kit, pitfalls=[with_remedies(kit.pitfall("mesos-problem", "mesos"), "kubernetes")])

    result = evaluate({"rollback": "must"}, snap)

    assert "kubernetes" in [entry["technology"]["slug"] for entry in result["stack"]]
    assert result["pitfalls"] == []


def test_pitfalls_are_ordered_by_severity_then_slug(kit):
    snap = world(
        kit,
        pitfalls=[
            kit.pitfall(slug, "kubernetes", severity=severity)
            for slug, severity in [("b", "medium"), ("a", "low"), ("c", "critical"), ("d", "high"), ("e", "medium")]
        ],
    )

    result = evaluate({"rollback": "must"}, snap)

    assert [p["slug"] for p in result["pitfalls"]] == ["c", "d", "b", "e", "a"]


def test_pitfall_triggers_read_unsure_as_could(kit):
    snap = world(kit, pitfalls=[kit.pitfall("p", "kubernetes", triggers=[{"key": "rollback", "in": ["could"]}])])

    assert [p["slug"] for p in evaluate({"rollback": "unsure"}, snap)["pitfalls"]] == ["p"]


def test_pitfall_triggers_read_raised_importances(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"stateful_workloads": "yes"}),
        pitfalls=[
            kit.pitfall("stateful", "kubernetes", triggers=[{"key": "stateful_workloads", "in": ["must", "should"]}])
        ],
    )

    # The orchestration layer is touched by an answer of its own (v2: floors raise only touched layers).
    answers = {"workloads": ["databases"], "rollback": "could"}
    assert [p["slug"] for p in evaluate(answers, snap)["pitfalls"]] == ["stateful"]


def test_pitfall_triggers_on_unanswered_requirements_count_them_as_wont(kit):
    snap = world(kit, pitfalls=[kit.pitfall("p", "kubernetes", triggers=[{"key": "autoscaling", "in": ["wont"]}])])

    assert [p["slug"] for p in evaluate({"rollback": "must"}, snap)["pitfalls"]] == ["p"]


def test_pitfall_triggers_on_include_legacy_read_the_stored_string(kit):
    snap = world(kit, pitfalls=[kit.pitfall("p", "kubernetes", triggers=[{"key": "include_legacy", "in": ["false"]}])])

    assert [p["slug"] for p in evaluate({"rollback": "must", "include_legacy": False}, snap)["pitfalls"]] == ["p"]
    assert evaluate({"rollback": "must", "include_legacy": True}, snap)["pitfalls"] == []
