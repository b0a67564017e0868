"""Principles about the platform a stack runs on: a managed cluster decides its network plugin, a
tool that works only through some clouds' APIs is held to those clouds, and a layer that asks which
cloud to build on may answer with one the team does not run yet."""

from decisions.engine import RelationInfo
from decisions.rendering import evaluate

from .test_engine_stack_principles import ROLE_OF, ROLES, pick, role_entry, stack_entry, world

BOUND = {"pod_network", "network_policy"}


def managed_cluster(kit, *, partners=(), bound=BOUND):
    """Kubernetes on a managed service that brings its own CNI (no fixed IPs); an overlay CNI gives
    fixed IPs, Calico gives them in part."""
    network = {"categories": ("network",), "roles": ("pod_network", "network_policy")}
    return world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("cloudk8s", name="CloudK8s", roles=("distribution",), delivery="managed", providers=("aws",),
                 levels={"operational_simplicity": "yes"}),
        kit.tech("cloud-cni", name="Cloud CNI", delivery="managed", providers=("aws",), **network,
                 levels={"fixed_ip": "no", "network_policy": "yes"}),
        kit.tech("calico", name="Calico", **network, levels={"fixed_ip": "partial", "network_policy": "partial"}),
        kit.tech("overlay", name="Overlay", **network, levels={"fixed_ip": "yes", "network_policy": "yes"}),
        relations=[
            RelationInfo("cloudk8s", "kubernetes", "requires"),
            RelationInfo("cloudk8s", "cloud-cni", "provides"),
            *(RelationInfo("cloudk8s", partner, "integrates_with") for partner in partners),
        ],
        bound=bound,
    )  # fmt: skip


ANSWERS = {
    "environment": "public_cloud",
    "delivery": "managed",
    "rollback": "must",
    "operational_simplicity": "must",
    "fixed_ip": "must",
    "network_policy": "should",
}


def test_on_a_managed_cluster_only_a_network_plugin_it_supports_replaces_its_own(kit):
    supported = evaluate(ANSWERS, managed_cluster(kit, partners=("calico",)))
    unbound = evaluate(ANSWERS, managed_cluster(kit, partners=("calico",), bound=set()))

    assert pick(unbound, "pod_network") == "overlay"  # on points, where nothing binds the role
    assert pick(supported, "pod_network") == "calico"
    entry = stack_entry(supported, "pod_network")
    assert entry["message"].startswith("Picked over Overlay: CloudK8s chooses Pod network with the cluster")
    assert all(other["slug"] != "overlay" for other in entry["tied_with"])


def test_a_managed_cluster_that_supports_no_other_plugin_keeps_its_own_and_says_why(kit):
    result = evaluate(ANSWERS, managed_cluster(kit))

    assert pick(result, "pod_network") is None
    reason = role_entry(result, "pod_network")["reason"]
    assert reason["code"] == "platform_bound"
    assert reason["message"].startswith("CloudK8s chooses Pod network with the cluster")
    # The provided plugin still runs: it fills the next bound role it meets in full.
    assert pick(result, "network_policy") == "cloud-cni"


def test_a_self_hosted_kubernetes_leaves_the_network_plugin_open(kit):
    snap = managed_cluster(kit)
    result = evaluate({**ANSWERS, "environment": "bare_metal", "delivery": "self_hosted"}, snap)

    assert pick(result, "pod_network") == "overlay"


def test_a_tool_that_works_through_some_clouds_apis_is_held_to_them(kit):
    autoscalers = world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("karpenter", name="Karpenter", roles=("autoscaler",), providers=("aws", "azure"),
                 levels={"cost_efficiency": "yes"}),
        kit.tech("cluster-autoscaler", name="Cluster Autoscaler", roles=("autoscaler",),
                 levels={"cost_efficiency": "partial"}),
        relations=[RelationInfo(slug, "kubernetes", "requires") for slug in ("karpenter", "cluster-autoscaler")],
    )  # fmt: skip
    answers = {"rollback": "must", "cost_efficiency": "must"}

    on_aws = evaluate({**answers, "environment": "public_cloud", "cloud_providers": ["aws"]}, autoscalers)
    on_gcp = evaluate({**answers, "environment": "public_cloud", "cloud_providers": ["gcp"]}, autoscalers)
    on_premises = evaluate({**answers, "environment": "bare_metal"}, autoscalers)

    def eliminated(result):
        return {
            entry["technology"]["slug"]: [reason["code"] for reason in entry["reasons"]]
            for layer in result["categories"]
            for role in layer["roles"]
            for entry in role.get("eliminated", ())
        }

    assert pick(on_aws, "autoscaler") == "karpenter"
    assert pick(on_gcp, "autoscaler") == "cluster-autoscaler"
    assert "provider_excluded" in eliminated(on_gcp)["karpenter"]
    assert pick(on_premises, "autoscaler") == "cluster-autoscaler"
    assert "needs_public_cloud" in eliminated(on_premises)["karpenter"]


def test_an_option_that_would_take_over_an_earlier_role_of_its_layer_comes_after_those_that_work_with_it(kit):
    roles = {**ROLES, "ip_management": ("network", 3)}
    role_of = {**ROLE_OF, "no_manual_ip_planning": ("ip_management",)}
    network = {"categories": ("network",)}
    snap = world(
        kit,
        kit.tech("macvlan", name="Macvlan", roles=("pod_network",), levels={"fixed_ip": "yes"}, **network),
        kit.tech("bigcni", name="BigCNI", roles=("pod_network", "ip_management"), **network,
                 levels={"fixed_ip": "partial", "no_manual_ip_planning": "yes"}),
        kit.tech("ipam", name="IPAM", roles=("ip_management",), levels={"no_manual_ip_planning": "partial"},
                 **network),
        relations=[RelationInfo("ipam", "macvlan", "integrates_with")],
        roles=roles,
        role_of=role_of,
    )  # fmt: skip

    result = evaluate({"fixed_ip": "must", "no_manual_ip_planning": "should"}, snap)

    assert pick(result, "pod_network") == "macvlan"
    # BigCNI leads IP management on points, but it is a pod network too: it would replace Macvlan.
    assert pick(result, "ip_management") == "ipam"
    assert stack_entry(result, "ip_management")["message"].startswith(
        "Picked over BigCNI, which would also take over Pod network from Macvlan"
    )
