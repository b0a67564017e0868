"""Engine point 8: the smallest single change of one answer that would change each leader."""

from decisions.rendering import evaluate


def sensitivity(result, category="orchestration"):
    return next(entry for entry in result["sensitivity"] if entry["category"] == category)


def change(entry):
    return (entry["requirement"], entry["from"], entry["to"], entry["new_leader"] and entry["new_leader"]["slug"])


def test_one_importance_step_that_changes_the_leader_is_found(kit):
    # Kubernetes leads 5 to 3.5 on autoscaling (must); with simplicity at should, Swarm leads 5.5 to 5.
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"autoscaling": "yes", "operational_simplicity": "no"}),
        kit.tech("swarm", name="Swarm", levels={"autoscaling": "partial", "operational_simplicity": "yes"}),
    )

    result = evaluate({"autoscaling": "must", "operational_simplicity": "could"}, snap)

    assert sensitivity(result) == {
        "category": "orchestration",
        "role": None,
        "role_name": None,
        "leader": {"slug": "kubernetes", "name": "Kubernetes"},
        "requirement": "operational_simplicity",
        "from": "could",
        "to": "should",
        "new_leader": {"slug": "swarm", "name": "Swarm"},
        "message": "If “Operational simplicity” were should instead of could, Swarm would lead.",
    }


def test_a_must_lowered_one_step_can_bring_back_an_eliminated_candidate(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"rollback": "yes", "web_ui": "no", "rest_api": "yes"}),
        kit.tech("marathon", levels={"rollback": "no", "web_ui": "yes", "rest_api": "no"}),
    )

    result = evaluate({"rollback": "should", "web_ui": "must", "rest_api": "should"}, snap)

    # Kubernetes is out (no web UI, a must); at should it is back and leads 6 to 3.
    assert [c["technology"]["slug"] for c in result["categories"][0]["candidates"]] == ["marathon"]
    assert change(sensitivity(result)) == ("web_ui", "must", "should", "kubernetes")


def test_a_category_without_a_leader_gets_no_sensitivity_entry(kit):
    snap = kit.snapshot(kit.tech("kubernetes", levels={"web_ui": "no"}))

    result = evaluate({"web_ui": "must"}, snap)

    assert (result["categories"][0]["candidates"], result["sensitivity"]) == ([], [])


def test_an_unanswered_requirement_can_be_the_change(kit):
    snap = kit.snapshot(
        kit.tech("alpha", levels={"rollback": "yes"}),
        kit.tech("beta", levels={"rollback": "partial", "web_ui": "yes"}),
    )

    result = evaluate({"rollback": "could"}, snap)

    assert change(sensitivity(result)) == ("web_ui", "wont", "could", "beta")


def test_larger_steps_are_tried_when_one_step_is_not_enough(kit):
    snap = kit.snapshot(
        kit.tech("alpha", levels={"rollback": "yes", "web_ui": "no"}),
        kit.tech("beta", levels={"rollback": "partial", "web_ui": "yes"}),
    )

    result = evaluate({"rollback": "must", "web_ui": "wont"}, snap)

    # web_ui wont→could: alpha 5/6, beta 3.5/6; →should (2 steps): alpha 5/8, beta 5.5/8 -> beta leads.
    assert change(sensitivity(result)) == ("web_ui", "wont", "should", "beta")


def test_a_tie_won_on_the_slug_does_not_count_as_a_new_leader(kit):
    snap = kit.snapshot(
        kit.tech("beta", levels={"rollback": "yes", "web_ui": "no"}),
        kit.tech("alpha", levels={"rollback": "no", "web_ui": "yes"}),
    )

    result = evaluate({"rollback": "should", "web_ui": "could"}, snap)

    # One step: rollback could gives 1 vs 1 and web_ui should 3 vs 3 — alpha would come first only on
    # its slug. Two steps: rollback wont leaves web_ui alone, 1 vs 0.
    assert change(sensitivity(result)) == ("rollback", "should", "wont", "alpha")


def test_a_change_the_floors_cancel_is_skipped(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"stateful_workloads": "yes", "web_ui": "no"}),
        kit.tech("swarm", levels={"stateful_workloads": "no", "web_ui": "yes"}),
    )

    # Databases hold stateful_workloads at should whatever the answer below it.
    result = evaluate({"workloads": ["databases"], "stateful_workloads": "should", "web_ui": "could"}, snap)

    # stateful_workloads should→could or →wont would change nothing; web_ui should ties 3–3;
    # web_ui must (two steps) makes Swarm lead 5 to 3.
    assert change(sensitivity(result)) == ("web_ui", "could", "must", "swarm")


def test_including_legacy_options_does_not_make_a_retired_one_lead_a_close_race(kit):
    # v2: a retired option, when included at all, carries a lifecycle line as heavy as a must, so
    # flipping include_legacy does not hand the lead to Marathon for a partial rollback.
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "partial"}),
        kit.tech("marathon", name="Marathon", status="retired", levels={"rollback": "yes"}),
    )

    result = evaluate({"rollback": "must"}, snap)

    assert change(sensitivity(result)) == (None, None, None, None)
    included = evaluate({"rollback": "must", "include_legacy": "true"}, snap)
    candidates = included["categories"][0]["candidates"]
    assert [c["technology"]["slug"] for c in candidates] == ["kubernetes", "marathon"]
    lifecycle = next(line for line in candidates[1]["explanation"] if line["requirement"] == "context:lifecycle")
    assert (lifecycle["weight"], lifecycle["level"]) == (5, "no")


def test_a_context_change_of_environment_is_found(kit):
    snap = kit.snapshot(
        kit.tech(
            "macvlan",
            name="Macvlan",
            categories=("network",),
            levels={"network_performance": "yes"},
            needs_l2_adjacency=True,
        ),
        kit.tech("calico", name="Calico", categories=("network",), levels={"network_performance": "partial"}),
    )

    result = evaluate({"network_performance": "must", "environment": "bare_metal"}, snap)

    assert change(sensitivity(result, "network")) == ("environment", "bare_metal", "public_cloud", "calico")


def test_no_single_change_is_said_plainly(kit):
    snap = kit.snapshot(kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}))

    result = evaluate({"rollback": "must"}, snap)

    assert sensitivity(result) == {
        "category": "orchestration",
        "role": None,
        "role_name": None,
        "leader": {"slug": "kubernetes", "name": "Kubernetes"},
        "requirement": None,
        "from": None,
        "to": None,
        "new_leader": None,
        "message": "No single change of one answer makes another candidate lead Orchestration.",
    }


def test_a_tie_won_on_confidence_counts_as_a_new_leader(kit):
    snap = kit.snapshot(
        kit.tech("alpha", name="Alpha", levels={"rollback": "yes", "web_ui": "yes"}, stale=("rollback",)),
        kit.tech("beta", name="Beta", levels={"rollback": "yes", "web_ui": "no"}),
    )

    result = evaluate({"rollback": "should", "web_ui": "could"}, snap)

    # Alpha leads 100 to 75. With web_ui wont both score 100, and Beta's rollback claim is fresh
    # where Alpha's is past review (confidence 1.0 against 0.5): the same tie-break as the ranking.
    assert change(sensitivity(result)) == ("web_ui", "could", "wont", "beta")


def test_running_the_missing_infrastructure_is_a_change_that_is_found(kit):
    snap = kit.snapshot(
        kit.tech("openstack", name="OpenStack", categories=("iaas",)),
        kit.tech("openstack-neutron", name="Neutron", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("calico", name="Calico", categories=("network",), levels={"fixed_ip": "partial"}),
        relations=[kit.requires("openstack-neutron", "openstack")],
    )

    result = evaluate({"fixed_ip": "should", "environment": "private_cloud"}, snap)

    entry = sensitivity(result, "network")
    assert change(entry) == ("existing_infra", [], ["openstack"], "openstack-neutron")
    assert entry["message"] == (
        "If “existing infrastructure” were [OpenStack] instead of (no answer), Neutron would lead."
    )


def test_moving_to_a_cloud_brings_back_a_public_cloud_service(kit):
    snap = kit.snapshot(
        kit.tech(
            "alibaba-cloud", name="Alibaba Cloud", categories=("iaas",), delivery="managed", providers=("alibaba",)
        ),
        kit.tech("aliyun-cloud-disk", name="Cloud disk", categories=("storage",), levels={"persistent_volumes": "yes"}),
        kit.tech("lvm-csi", name="Local volumes", categories=("storage",), levels={"persistent_volumes": "partial"}),
        relations=[kit.requires("aliyun-cloud-disk", "alibaba-cloud")],
    )

    result = evaluate({"persistent_volumes": "should", "environment": "bare_metal"}, snap)

    assert change(sensitivity(result, "storage")) == ("environment", "bare_metal", "public_cloud", "aliyun-cloud-disk")
