"""How the stack is decided across roles (decision model v2, points 2, 5 and 6): musts elsewhere
decide an earlier role, answers imply a platform, stale leads are ties, managed completions count
for delivery, declined roles stay out, and undecided ties go to what fits the stack."""

import dataclasses

from decisions.engine import RelationInfo, RoleInfo, make_snapshot
from decisions.rendering import evaluate

ROLES = {
    "orchestrator": ("orchestration", 1),
    "distribution": ("orchestration", 2),
    "autoscaler": ("orchestration", 3),
    "service_registry": ("discovery", 1),
    "cluster_dns": ("discovery", 2),
    "service_mesh": ("discovery", 3),
    "block_storage": ("storage", 1),
    "file_storage": ("storage", 2),
    "log_collector": ("logging", 1),
    "pod_network": ("network", 1),
    "network_policy": ("network", 2),
}
ROLE_OF = {
    "rollback": ("orchestrator",),
    "rolling_update": ("orchestrator",),
    "self_healing": ("orchestrator",),
    "autoscaling": ("orchestrator",),
    "operational_simplicity": ("orchestrator", "distribution"),
    "multi_cluster": ("distribution",),
    "cost_efficiency": ("autoscaler",),
    "service_registry": ("service_registry",),
    "dns_discovery": ("cluster_dns",),
    "service_mesh": ("service_mesh",),
    "persistent_volumes": ("block_storage", "file_storage"),
    "distributed_storage": ("file_storage",),
    "lightweight_collection": ("log_collector",),
    "fixed_ip": ("pod_network",),
    "network_policy": ("network_policy",),
}


def world(kit, *technologies, relations=(), roles=ROLES, role_of=ROLE_OF, bound=()):
    """A snapshot of these technologies with the roles above (``bound``: roles bound to a platform)."""
    base = kit.snapshot(*technologies, relations=relations)
    capabilities = [
        dataclasses.replace(capability, roles=role_of.get(slug, ())) for slug, capability in base.capabilities.items()
    ]
    return make_snapshot(
        today=base.today,
        categories=base.categories.values(),
        capabilities=capabilities,
        technologies=base.technologies.values(),
        relations=base.relations,
        sources=base.sources.values(),
        roles=[
            RoleInfo(
                slug,
                category,
                name_en=slug.replace("_", " ").capitalize(),
                order=order,
                bound_to_platform=slug in bound,
            )
            for slug, (category, order) in roles.items()
        ],
    )


def pick(result, role):
    entry = next((entry for entry in result["stack"] if entry["role"] == role), None)
    return entry["technology"]["slug"] if entry else None


def stack_entry(result, role):
    return next(entry for entry in result["stack"] if entry["role"] == role)


def role_entry(result, role):
    return next(entry for layer in result["categories"] for entry in layer["roles"] if entry["role"] == role)


def orchestrators(kit, *extra, relations=()):
    """Nomad leads Kubernetes on multi-cluster reach; the mesh options all run on Kubernetes only."""
    return world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",),
                 levels={"rollback": "yes", "autoscaling": "partial"}),
        kit.tech("nomad", name="Nomad", roles=("orchestrator",), levels={"rollback": "yes", "autoscaling": "yes"}),
        kit.tech("istio", name="Istio", categories=("discovery",), roles=("service_mesh",),
                 levels={"service_mesh": "yes"}),
        *extra,
        relations=[RelationInfo("istio", "kubernetes", "requires"), *relations],
    )  # fmt: skip


def test_a_must_that_only_a_rivals_options_can_meet_decides_the_orchestrator(kit):
    result = evaluate({"rollback": "must", "autoscaling": "should", "service_mesh": "must"}, orchestrators(kit))

    assert role_entry(result, "orchestrator")["candidates"][0]["technology"]["slug"] == "nomad"  # leads on points
    assert (pick(result, "orchestrator"), pick(result, "service_mesh")) == ("kubernetes", "istio")
    assert stack_entry(result, "orchestrator")["message"] == (
        "Picked over Nomad: every option for Service mesh, which your must answers ask for, needs Kubernetes."
    )


def test_a_should_elsewhere_does_not_overturn_the_orchestrators_own_ranking(kit):
    result = evaluate({"rollback": "must", "autoscaling": "should", "service_mesh": "should"}, orchestrators(kit))

    assert pick(result, "orchestrator") == "nomad"
    assert role_entry(result, "service_mesh")["reason"]["code"] == "no_compatible_candidate"


def test_a_must_whose_every_option_needs_one_platform_implies_it_and_what_it_provides(kit):
    snap = world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("coredns", name="CoreDNS", categories=("discovery",), roles=("cluster_dns",),
                 levels={"dns_discovery": "yes"}),
        kit.tech("consul", name="Consul", categories=("discovery",), roles=("service_registry", "cluster_dns"),
                 levels={"dns_discovery": "yes", "service_registry": "yes"}),
        kit.tech("istio", name="Istio", categories=("discovery",), roles=("service_mesh",),
                 levels={"service_mesh": "yes"}),
        relations=[RelationInfo("istio", "kubernetes", "requires"), RelationInfo("kubernetes", "coredns", "provides")],
    )  # fmt: skip

    # No orchestration answer: the mesh must is what brings Kubernetes in.
    result = evaluate({"service_registry": "should", "dns_discovery": "must", "service_mesh": "must"}, snap)

    implied = [message for message in result["messages"] if message["code"] == "implied_platform"]
    assert [message["technology"]["slug"] for message in implied] == ["kubernetes"]
    assert "needs Kubernetes, so the stack assumes it" in implied[0]["message"]
    assert (pick(result, "cluster_dns"), stack_entry(result, "cluster_dns")["provided_by"]["slug"]) == (
        "coredns",
        "kubernetes",
    )
    assert stack_entry(result, "service_mesh")["prerequisites"] == [{"slug": "kubernetes", "name": "Kubernetes"}]


def test_what_a_prerequisite_needs_does_not_conflict_with_an_earlier_pick(kit):
    snap = world(
        kit,
        kit.tech("consul", name="Consul", categories=("discovery",), roles=("service_registry",),
                 levels={"service_registry": "yes"}),
        kit.tech("etcd", name="etcd", categories=("discovery",), roles=("service_registry",),
                 levels={"service_registry": "partial"}),
        kit.tech("istio", name="Istio", categories=("discovery",), roles=("service_mesh",),
                 levels={"service_mesh": "yes"}),
        kit.tech("kubernetes", name="Kubernetes", categories=("runtime",)),
        relations=[RelationInfo("istio", "kubernetes", "requires"), RelationInfo("kubernetes", "etcd", "requires")],
    )  # fmt: skip

    result = evaluate({"service_registry": "must", "service_mesh": "must"}, snap)

    # Kubernetes keeps its own etcd; the registry pick is Consul all the same.
    assert (pick(result, "service_registry"), pick(result, "service_mesh")) == ("consul", "istio")
    assert [item["slug"] for item in stack_entry(result, "service_mesh")["prerequisites"]] == ["kubernetes", "etcd"]
    assert result["conflicts"] == []


def test_a_lead_that_rests_on_stale_evidence_is_a_tie_the_considerations_decide(kit):
    snap = kit.snapshot(
        kit.tech("alpha", levels={"rollback": "yes", "rolling_update": "yes", "self_healing": "yes",
                                  "autoscaling": "partial"},
                 stale=("autoscaling",), license_family="source_available"),
        kit.tech("beta", levels={"rollback": "yes", "rolling_update": "yes", "self_healing": "yes",
                                 "autoscaling": "no"}),
    )  # fmt: skip

    result = evaluate(
        {"rollback": "must", "rolling_update": "must", "self_healing": "must", "autoscaling": "could"}, snap
    )

    alpha, beta = sorted(result["categories"][0]["candidates"], key=lambda c: c["technology"]["slug"])
    assert alpha["score"] - beta["score"] > 2  # ahead on points, only through a stale partial
    assert alpha["score_range"]["low"] - beta["score_range"]["low"] <= 2
    assert [c["technology"]["slug"] for c in result["categories"][0]["candidates"]] == ["beta", "alpha"]
    assert result["categories"][0]["candidates"][0]["tie_break"]["by"] == "licence"


def test_a_platform_a_managed_service_runs_for_you_counts_as_managed_delivery(kit):
    snap = world(
        kit,
        kit.tech("compose", name="Compose", roles=("orchestrator",), levels={"operational_simplicity": "yes"}),
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"operational_simplicity": "yes"}),
        kit.tech("eks", name="EKS", roles=("distribution",), delivery="managed", providers=("aws",),
                 levels={"operational_simplicity": "yes"}),
        relations=[RelationInfo("eks", "kubernetes", "requires")],
    )  # fmt: skip
    answers = {
        "environment": "public_cloud",
        "cloud_providers": ["aws"],
        "delivery": "managed",
        "operational_simplicity": "must",
    }

    result = evaluate(answers, snap)

    assert (pick(result, "orchestrator"), pick(result, "distribution")) == ("kubernetes", "eks")
    lines = {
        candidate["technology"]["slug"]: next(
            line for line in candidate["explanation"] if line["requirement"] == "context:delivery"
        )
        for candidate in role_entry(result, "orchestrator")["candidates"]
    }
    assert (lines["kubernetes"]["level"], lines["compose"]["level"]) == ("yes", "no")
    assert lines["kubernetes"]["message"].startswith("Available as a managed service through EKS")


def test_a_role_whose_own_requirements_are_all_declined_is_not_evaluated(kit):
    snap = world(
        kit,
        kit.tech("kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("ceph", categories=("storage",), roles=("block_storage", "file_storage"),
                 levels={"persistent_volumes": "yes", "distributed_storage": "yes"}),
        kit.tech("local-pv", categories=("storage",), roles=("block_storage",), levels={"persistent_volumes": "yes"}),
    )  # fmt: skip

    declined = evaluate({"persistent_volumes": "must", "distributed_storage": "wont"}, snap)
    unanswered = evaluate({"persistent_volumes": "must"}, snap)

    roles_of = lambda result: [entry["role"] for layer in result["categories"] for entry in layer["roles"]]  # noqa: E731
    assert roles_of(declined) == ["block_storage"]
    assert roles_of(unanswered) == ["block_storage", "file_storage"]


def test_an_undecided_tie_goes_to_the_option_recorded_to_work_with_the_stack(kit):
    def snap(*relations):
        return world(
            kit,
            kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
            kit.tech("aaa-shipper", name="Aaa", categories=("logging",), roles=("log_collector",),
                     levels={"lightweight_collection": "yes"}),
            kit.tech("zzz-shipper", name="Zzz", categories=("logging",), roles=("log_collector",),
                     levels={"lightweight_collection": "yes"}),
            relations=relations,
        )  # fmt: skip

    answers = {"rollback": "must", "lightweight_collection": "must"}
    plain = evaluate(answers, snap())
    fitted = evaluate(answers, snap(RelationInfo("kubernetes", "zzz-shipper", "integrates_with")))

    assert role_entry(plain, "log_collector")["reason"]["code"] == "tie_undecided"
    assert pick(fitted, "log_collector") == "zzz-shipper"
    assert role_entry(fitted, "log_collector")["reason"]["code"] == "tie_fit"
    assert "works with Kubernetes, already in the stack" in stack_entry(fitted, "log_collector")["message"]


def test_a_provided_component_replaced_in_its_role_fills_no_later_role(kit):
    snap = world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("managed", name="Managed", roles=("distribution",), delivery="managed"),
        kit.tech("cloud-cni", name="Cloud CNI", categories=("network",), roles=("pod_network", "network_policy"),
                 levels={"fixed_ip": "no", "network_policy": "yes"}),
        kit.tech("calico", name="Calico", categories=("network",), roles=("pod_network", "network_policy"),
                 levels={"fixed_ip": "yes", "network_policy": "yes"}),
        relations=[
            RelationInfo("managed", "kubernetes", "requires"),
            RelationInfo("kubernetes", "cloud-cni", "provides"),
        ],
    )  # fmt: skip

    result = evaluate({"rollback": "must", "fixed_ip": "must", "network_policy": "must"}, snap)

    assert role_entry(result, "pod_network")["reason"]["code"] == "needs_more"
    # Calico now runs the pods' network, so the cloud CNI is gone and cannot enforce the policy.
    assert (pick(result, "pod_network"), pick(result, "network_policy")) == ("calico", "calico")


def two_clouds_world(kit):
    """Kubernetes and two managed distributions of it, AKS on Azure and ACK on Alibaba Cloud."""

    def managed(slug, name, cloud):
        return kit.tech(slug, name=name, roles=("distribution",), delivery="managed", providers=(cloud,),
                        levels={"operational_simplicity": "yes"})  # fmt: skip

    return world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"operational_simplicity": "yes"}),
        managed("aks", "AKS", "azure"),
        managed("ack", "ACK", "alibaba"),
        relations=[RelationInfo("aks", "kubernetes", "requires"), RelationInfo("ack", "kubernetes", "requires")],
    )


def test_on_several_clouds_a_managed_pick_names_each_clouds_own_service(kit):
    snap = two_clouds_world(kit)
    answers = {"environment": "public_cloud", "delivery": "managed", "operational_simplicity": "must"}

    two_clouds = evaluate({**answers, "cloud_providers": ["azure", "alibaba"]}, snap)
    one_cloud = evaluate({**answers, "cloud_providers": ["azure"]}, snap)

    reason = role_entry(two_clouds, "distribution")["reason"]
    assert reason["code"] == "per_provider"
    assert reason["message"].endswith(": ACK on Alibaba Cloud, AKS on Azure.")
    assert pick(one_cloud, "distribution") == "aks"
    assert role_entry(one_cloud, "distribution")["reason"] is None


def test_with_no_cloud_named_tied_cloud_services_are_left_open_not_picked_by_name(kit):
    snap = two_clouds_world(kit)

    result = evaluate({"environment": "public_cloud", "operational_simplicity": "must"}, snap)

    distribution = role_entry(result, "distribution")
    assert (distribution["pick"], distribution["reason"]["code"]) == (None, "choose_cloud")
    assert "ACK on Alibaba Cloud, AKS on Azure" in distribution["reason"]["message"]
    assert pick(result, "orchestrator") == "kubernetes"
    assert pick(result, "distribution") is None


def test_infrastructure_is_never_obtainable_through_its_own_layer(kit):
    from decisions.engine import CapabilityInfo, CategoryInfo

    base = kit.snapshot(
        kit.tech("openstack", name="OpenStack", categories=("iaas",)),
        kit.tech("openstack-zun", name="Zun", levels={"rollback": "yes"}),
        kit.tech("kubernetes", name="Kubernetes", levels={"rollback": "yes"}),
        relations=[kit.requires("openstack-zun", "openstack")],
    )
    # The iaas layer has a question of its own, so OpenStack is a record of an asked layer.
    snap = make_snapshot(
        today=base.today,
        categories=[*base.categories.values(), CategoryInfo("iaas", "基础设施", "IaaS", 20)],
        capabilities=[*base.capabilities.values(), CapabilityInfo("api_provisioning", "iaas", "API", "API", 99)],
        technologies=base.technologies.values(),
        relations=base.relations,
        sources=base.sources.values(),
    )

    result = evaluate({"rollback": "must"}, snap)

    reasons = {e["technology"]["slug"]: e["reasons"] for e in result["categories"][0]["eliminated"]}
    assert [reason["code"] for reason in reasons["openstack-zun"]] == ["needs_missing_infrastructure"]
    assert pick(result, None) == "kubernetes"


def test_a_delivery_preference_brings_in_only_completions_it_can_tell_apart(kit):
    snap = world(
        kit,
        kit.tech("kubernetes", name="Kubernetes", roles=("orchestrator",), levels={"rollback": "yes"}),
        kit.tech("eks", name="EKS", roles=("distribution",), delivery="managed", providers=("aws",)),
        kit.tech("kubeadm", name="kubeadm", roles=("distribution",)),
        kit.tech("karpenter", name="Karpenter", roles=("autoscaler",), levels={"cost_efficiency": "yes"}),
        kit.tech("cluster-autoscaler", name="Cluster Autoscaler", roles=("autoscaler",)),
        relations=[
            RelationInfo(slug, "kubernetes", "requires")
            for slug in ("eks", "kubeadm", "karpenter", "cluster-autoscaler")
        ],
    )
    answers = {"environment": "public_cloud", "platform_team": "lt3", "rollback": "must"}

    preferred = evaluate(answers, snap)
    asked = evaluate({**answers, "cost_efficiency": "should"}, snap)

    roles_of = lambda result: [entry["role"] for layer in result["categories"] for entry in layer["roles"]]  # noqa: E731
    # Managed against self-hosted distributions: the preference decides. Self-hosted autoscalers
    # only: nothing would tell them apart, so no autoscaler is picked unasked (at a score of 0).
    assert roles_of(preferred) == ["orchestrator", "distribution"]
    assert pick(preferred, "distribution") == "eks"
    assert roles_of(asked) == ["orchestrator", "distribution", "autoscaler"]
