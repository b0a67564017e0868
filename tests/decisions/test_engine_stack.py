"""Engine point 5: a coherent stack that respects ``requires``, with every conflict reported."""

import dataclasses

from decisions.engine import RelationInfo
from decisions.rendering import evaluate


def picks(result):
    return [(entry["category"], entry["technology"]["slug"], entry["rank"]) for entry in result["stack"]]


def entry(result, category):
    return next(item for item in result["stack"] if item["category"] == category)


def mesos_world(kit, **extra):
    """Marathon needs Mesos (same layer); Marathon-LB needs Marathon (an earlier layer)."""
    return kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "partial"}),
        kit.tech("marathon", name="Marathon", language="scala", levels={"rollback": "yes"}),
        kit.tech("mesos", name="Mesos", language="c_cpp", levels={"rollback": "no"}),
        kit.tech("marathon-lb", name="Marathon-LB", categories=("discovery",), levels={"l4_load_balancing": "yes"}),
        kit.tech("haproxy", name="HAProxy", categories=("discovery",), levels={"l4_load_balancing": "partial"}),
        relations=[kit.requires("marathon", "mesos"), kit.requires("marathon-lb", "marathon")],
        **extra,
    )


def test_the_stack_takes_each_layers_leader_when_requirements_are_met(kit):
    result = evaluate({"rollback": "must", "l4_load_balancing": "should"}, mesos_world(kit))

    assert picks(result) == [("orchestration", "marathon", 1), ("discovery", "marathon-lb", 1)]
    assert entry(result, "orchestration")["with"] == [{"slug": "mesos", "name": "Mesos"}]
    assert result["conflicts"] == []


def test_a_pick_brings_what_it_requires_from_its_own_layer_even_when_that_fails_a_must(kit):
    # Mesos alone has no rollback (must); inside Marathon it is a component, not the layer's pick.
    result = evaluate({"rollback": "must"}, mesos_world(kit))

    assert [e["technology"]["slug"] for e in result["categories"][0]["eliminated"]] == ["mesos"]
    assert entry(result, "orchestration")["with"] == [{"slug": "mesos", "name": "Mesos"}]
    assert result["conflicts"] == []


def test_a_pick_whose_requirement_an_earlier_layer_did_not_pick_gives_way_to_the_next(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        kit.tech("marathon", name="Marathon", levels={"rollback": "partial"}),
        kit.tech("marathon-lb", name="Marathon-LB", categories=("discovery",), levels={"l4_load_balancing": "yes"}),
        kit.tech("haproxy", name="HAProxy", categories=("discovery",), levels={"l4_load_balancing": "partial"}),
        relations=[kit.requires("marathon-lb", "marathon")],
    )
    result = evaluate({"rollback": "must", "l4_load_balancing": "should"}, snap)

    assert picks(result) == [("orchestration", "kubernetes", 1), ("discovery", "haproxy", 2)]
    assert entry(result, "discovery")["message"] == (
        "Picked over Marathon-LB, which requires Marathon: Marathon-LB requires Marathon, but the stack picks "
        "Kubernetes for Orchestration."
    )
    assert result["conflicts"] == []


def test_an_unresolvable_requirement_is_reported_as_a_conflict(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        kit.tech("marathon", name="Marathon", levels={"rollback": "partial"}),
        kit.tech("marathon-lb", name="Marathon-LB", categories=("discovery",), levels={"l4_load_balancing": "yes"}),
        relations=[kit.requires("marathon-lb", "marathon")],
    )

    result = evaluate({"rollback": "must", "l4_load_balancing": "should"}, snap)

    assert picks(result) == [("orchestration", "kubernetes", 1), ("discovery", "marathon-lb", 1)]
    assert result["conflicts"] == [
        {
            "code": "requirement_not_picked",
            "category": "discovery",
            "technology": {"slug": "marathon-lb", "name": "Marathon-LB"},
            "requires": {"slug": "marathon", "name": "Marathon"},
            "role": None,
            "message": "Marathon-LB requires Marathon, but the stack picks Kubernetes for Orchestration.",
        }
    ]


def test_a_component_from_a_later_layer_comes_along_without_taking_its_place(kit):
    # Kubernetes needs etcd; the discovery layer still picks what its own answers rank first.
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        kit.tech("etcd", name="etcd", categories=("discovery",), levels={"service_registry": "partial"}),
        kit.tech("consul", name="Consul", categories=("discovery",), levels={"service_registry": "yes"}),
        relations=[kit.requires("kubernetes", "etcd")],
    )

    result = evaluate({"rollback": "must", "service_registry": "should"}, snap)

    assert picks(result) == [("orchestration", "kubernetes", 1), ("discovery", "consul", 1)]
    assert entry(result, "orchestration")["with"] == [{"slug": "etcd", "name": "etcd"}]
    assert result["conflicts"] == []


def test_a_requirement_outside_the_evaluated_layers_is_a_prerequisite(kit):
    snap = kit.snapshot(
        kit.tech("swarm-mode", name="Swarm mode", levels={"rollback": "yes"}),
        kit.tech("docker-engine", name="Docker Engine", categories=("runtime",)),
        kit.tech("containerd", name="containerd", categories=("runtime",)),
        relations=[kit.requires("swarm-mode", "docker-engine"), kit.requires("docker-engine", "containerd")],
    )

    result = evaluate({"rollback": "must"}, snap)

    assert entry(result, "orchestration")["prerequisites"] == [
        {"slug": "docker-engine", "name": "Docker Engine"},
        {"slug": "containerd", "name": "containerd"},
    ]


def test_a_requirement_that_cannot_be_used_pushes_the_pick_down(kit):
    snap = kit.snapshot(
        kit.tech("rkt-logger", name="rkt logger", categories=("logging",), levels={"centralized_logging": "yes"}),
        kit.tech("rkt", name="rkt", categories=("runtime",), status="retired"),
        kit.tech("fluent-bit", name="Fluent Bit", categories=("logging",), levels={"centralized_logging": "partial"}),
        relations=[kit.requires("rkt-logger", "rkt")],
    )

    result = evaluate({"centralized_logging": "must"}, snap)

    assert picks(result) == [("logging", "fluent-bit", 2)]
    assert entry(result, "logging")["message"] == (
        "Picked over rkt logger, which requires rkt: rkt logger requires rkt, which cannot be used: "
        "it is retired and legacy technologies are excluded."
    )
    assert result["conflicts"] == []


def test_a_legacy_requirement_with_no_alternative_is_a_conflict(kit):
    snap = kit.snapshot(
        kit.tech("chronos", name="Chronos", categories=("scheduled_jobs",), status="active"),
        kit.tech("mesos", name="Mesos", categories=("runtime",), status="retired"),
        relations=[kit.requires("chronos", "mesos")],
    )

    result = evaluate({"workloads": ["scheduled_jobs"]}, snap)

    assert picks(result) == [("scheduled_jobs", "chronos", 1)]
    assert result["conflicts"] == [
        {
            "code": "requirement_eliminated",
            "category": "scheduled_jobs",
            "technology": {"slug": "chronos", "name": "Chronos"},
            "requires": {"slug": "mesos", "name": "Mesos"},
            "role": None,
            "message": "Chronos requires Mesos, which cannot be used: "
            "it is retired and legacy technologies are excluded.",
        }
    ]


def test_a_layer_with_no_candidate_left_is_reported(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"rollback": "yes"}),
        kit.tech("flannel", categories=("network",), levels={"network_policy": "no"}),
    )

    result = evaluate({"rollback": "must", "network_policy": "must"}, snap)

    assert picks(result) == [("orchestration", "kubernetes", 1)]
    assert result["conflicts"] == [
        {
            "code": "no_candidates",
            "category": "network",
            "technology": None,
            "requires": None,
            "role": None,
            "message": "No candidate is left in Network: see why each option was eliminated.",
        }
    ]


def test_a_technology_already_picked_by_an_earlier_layer_satisfies_a_later_one(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        kit.tech("gateway-api", name="Gateway API", categories=("discovery",), levels={"l7_load_balancing": "yes"}),
        relations=[kit.requires("gateway-api", "kubernetes")],
    )

    result = evaluate({"rollback": "must", "l7_load_balancing": "must"}, snap)

    assert picks(result) == [("orchestration", "kubernetes", 1), ("discovery", "gateway-api", 1)]
    assert (entry(result, "discovery")["with"], result["conflicts"]) == ([], [])


def test_a_component_a_pick_requires_is_a_prerequisite_not_a_layer_member(kit):
    snap = kit.snapshot(
        kit.tech("docker-bridge-mode", name="Docker bridge", kind="pattern", categories=("network",),
                 levels={"cross_host_networking": "partial"}),
        kit.tech("iptables", name="iptables", kind="component", categories=("network",),
                 levels={"cross_host_networking": "no"}),
        relations=[kit.requires("docker-bridge-mode", "iptables")],
    )  # fmt: skip

    result = evaluate({"cross_host_networking": "should"}, snap)

    assert picks(result) == [("network", "docker-bridge-mode", 1)]
    assert (entry(result, "network")["with"], entry(result, "network")["prerequisites"]) == (
        [],
        [{"slug": "iptables", "name": "iptables"}],
    )
    assert result["categories"][0]["eliminated"] == []  # a building block is neither ranked nor eliminated


# --- Decision model v2: roles, provided components, completions


def role_snapshot(kit, *technologies, relations=()):
    from decisions.engine import RoleInfo, make_snapshot

    base = kit.snapshot(*technologies, relations=relations)
    roles = [
        RoleInfo("orchestrator", "orchestration", order=1),
        RoleInfo("distribution", "orchestration", order=2),
        RoleInfo("cluster_dns", "discovery", order=1),
    ]
    capabilities = [
        dataclasses.replace(capability, roles=ROLE_OF.get(slug, ())) for slug, capability in base.capabilities.items()
    ]
    return make_snapshot(
        today=base.today,
        categories=base.categories.values(),
        capabilities=capabilities,
        technologies=base.technologies.values(),
        relations=base.relations,
        sources=base.sources.values(),
        roles=roles,
    )


ROLE_OF = {
    "rollback": ("orchestrator",),
    "operational_simplicity": ("orchestrator", "distribution"),
    "dns_discovery": ("cluster_dns",),
}


def test_what_the_orchestrator_provides_fills_a_role_and_says_so(kit):
    snap = role_snapshot(
        kit,
        kit.tech("kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("coredns", categories=("discovery",), roles=("cluster_dns",), levels={"dns_discovery": "yes"}),
        kit.tech("consul", categories=("discovery",), roles=("cluster_dns",), levels={"dns_discovery": "yes"}),
        relations=[RelationInfo("kubernetes", "coredns", "provides")],
    )

    result = evaluate({"rollback": "must", "dns_discovery": "must"}, snap)

    dns = next(entry for entry in result["stack"] if entry["role"] == "cluster_dns")
    assert (dns["technology"]["slug"], dns["provided_by"]["slug"]) == ("coredns", "kubernetes")
    assert result["categories"][1]["roles"][0]["reason"]["code"] == "provided"


def test_a_provided_component_that_falls_short_is_replaced_and_the_answer_named(kit):
    snap = role_snapshot(
        kit,
        kit.tech("kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("coredns", categories=("discovery",), roles=("cluster_dns",), levels={"dns_discovery": "partial"}),
        kit.tech("consul", categories=("discovery",), roles=("cluster_dns",), levels={"dns_discovery": "yes"}),
        relations=[RelationInfo("kubernetes", "coredns", "provides")],
    )

    result = evaluate({"rollback": "must", "dns_discovery": "should"}, snap)

    dns = next(entry for entry in result["stack"] if entry["role"] == "cluster_dns")
    assert (dns["technology"]["slug"], dns["provided_by"]) == ("consul", None)
    role = result["categories"][1]["roles"][0]
    assert role["reason"]["code"] == "needs_more"
    assert role["needs_more"] == [
        {
            "technology": {"slug": "coredns", "name": "Coredns"},
            "requirements": [{"requirement": "dns_discovery", "importance": "should", "level": "partial"}],
        }
    ]


def test_a_distribution_completes_its_orchestrator_on_the_requirements_they_share(kit):
    snap = role_snapshot(
        kit,
        kit.tech("kubernetes", roles=("orchestrator",),
                 levels={"rollback": "yes", "operational_simplicity": "partial"}),
        kit.tech("nomad", roles=("orchestrator",), levels={"rollback": "yes", "operational_simplicity": "yes"},
                 license_family="source_available"),
        kit.tech("managed-k8s", roles=("distribution",), levels={"operational_simplicity": "yes"}),
        relations=[RelationInfo("managed-k8s", "kubernetes", "requires")],
    )  # fmt: skip

    result = evaluate({"rollback": "must", "operational_simplicity": "must"}, snap)

    picks = [(entry["role"], entry["technology"]["slug"]) for entry in result["stack"]]
    assert picks == [("orchestrator", "kubernetes"), ("distribution", "managed-k8s")]
    kubernetes = result["categories"][0]["roles"][0]["candidates"][0]
    simplicity = next(line for line in kubernetes["explanation"] if line["requirement"] == "operational_simplicity")
    assert (simplicity["level"], simplicity["via"]["slug"]) == ("yes", "managed-k8s")
    assert result["risks"] == []  # the must is met through the distribution, not "partial"


def test_a_role_whose_options_all_need_another_orchestrator_stays_empty_and_says_why(kit):
    snap = role_snapshot(
        kit,
        kit.tech("kubernetes", roles=("orchestrator",), levels={"rollback": "no", "operational_simplicity": "yes"}),
        kit.tech("nomad", roles=("orchestrator",), levels={"rollback": "yes", "operational_simplicity": "yes"}),
        kit.tech("managed-k8s", roles=("distribution",), levels={"operational_simplicity": "yes"}),
        relations=[RelationInfo("managed-k8s", "kubernetes", "requires")],
    )

    result = evaluate({"rollback": "must", "operational_simplicity": "should"}, snap)

    assert [(entry["role"], entry["technology"]["slug"]) for entry in result["stack"]] == [("orchestrator", "nomad")]
    distribution = result["categories"][0]["roles"][1]
    assert (distribution["pick"], distribution["reason"]["code"]) == (None, "no_compatible_candidate")
