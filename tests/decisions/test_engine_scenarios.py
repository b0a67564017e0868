"""Scenarios on the real knowledge base. Each expectation says why it must hold, citing the survey
(/work/shared/survey/container-platform-survey.zh.md) or the 2026 facts sheet
(/work/shared/facts/technology-status-2026.md)."""

import datetime as dt
import json

import pytest

from decisions import contract
from decisions.rendering import evaluate
from decisions.snapshot_builder import build_snapshot

pytestmark = pytest.mark.django_db

LARGE_PRIVATE_CLOUD = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["stateless", "databases"],
    "team_languages": ["go", "java"],
    "datacenters": "single",
    "rolling_update": "must",
    "rollback": "must",
    "autoscaling": "should",
    "self_healing": "should",
    "extensibility": "should",
    "cross_host_networking": "must",
    "network_policy": "must",
    "persistent_volumes": "should",
}


@pytest.fixture(scope="module")
def snap(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return build_snapshot(today=dt.date(2026, 11, 27))


def category(result, slug):
    return next(entry for entry in result["categories"] if entry["category"] == slug)


def ranked(result, slug):
    return [candidate["technology"]["slug"] for candidate in category(result, slug)["candidates"]]


def reasons(result, slug):
    return {
        entry["technology"]["slug"]: [reason["code"] for reason in entry["reasons"]]
        for entry in category(result, slug)["eliminated"]
    }


def explanation(result, slug, technology, requirement):
    candidate = next(c for c in category(result, slug)["candidates"] if c["technology"]["slug"] == technology)
    return next(line for line in candidate["explanation"] if line["requirement"] == requirement)


def test_a_large_private_cloud_team_with_databases_gets_kubernetes(snap):
    result = evaluate(LARGE_PRIVATE_CLOUD, snap)

    # Survey, 编排选型 › Kubernetes: rolling deployments and rollback, self-healing, autoscaling and
    # StatefulSets for MySQL-like services; facts §1a: Deployments, HPA v2 and StatefulSets today.
    assert ranked(result, "orchestration")[0] == "kubernetes"
    assert result["stack"][0]["technology"]["slug"] == "kubernetes"
    # Databases make stateful workloads matter (survey, 主要问题 6: Kafka / MySQL in containers).
    raised = [(a["requirement"], a["to"]) for a in result["adjustments"] if a["rule"] != "baseline"]
    assert raised == [("stateful_workloads", "should")]
    # Per-volume CSI support is a baseline of any storage option on a container platform: weighed as could.
    assert {a["rule"] for a in result["adjustments"] if a["to"] == "could"} <= {"baseline"}
    # Facts §1: Mesos moved to the Apache Attic in 2025; Marathon ended with DC/OS in 2021.
    assert "legacy_excluded" in reasons(result, "orchestration")["mesos"]
    assert "legacy_excluded" in reasons(result, "orchestration")["marathon"]


def test_legacy_orchestrators_are_ranked_only_when_asked_for(snap):
    result = evaluate({**LARGE_PRIVATE_CLOUD, "include_legacy": "true"}, snap)

    # Marathon does rolling updates and rollback (survey: "新版Marathon很好的支持了应用的更新和回滚"),
    # so with legacy allowed it competes; Kubernetes still leads on the rest.
    assert "marathon" in ranked(result, "orchestration")
    assert ranked(result, "orchestration")[0] == "kubernetes"
    assert all("legacy_excluded" not in codes for codes in reasons(result, "orchestration").values())


@pytest.mark.parametrize("environment", ["public_cloud", "hybrid_cloud"])
def test_a_cloud_rules_out_macvlan_and_the_other_layer_2_options(snap, environment):
    result = evaluate(
        {"environment": environment, "cross_host_networking": "must", "network_performance": "should"}, snap
    )

    # Survey, 网络选型 › 方案类别: Macvlan needs layer-2 support that most cloud providers do not give,
    # "所以混合云上比较难以实现"; the same holds for IPvlan, SR-IOV and large VLAN-based L2 domains.
    eliminated = reasons(result, "network")
    # (The large layer-2 network and the bridge + L3 switch scheme are 2017 designs that no longer fill
    # the pod-network role, so they are not candidates at all.)
    for slug in ("macvlan", "ipvlan"):
        assert "needs_l2_adjacency" in eliminated[slug], slug
    assert "large-l2-network" not in ranked(result, "network")
    assert "macvlan" not in ranked(result, "network")


def test_bare_metal_keeps_macvlan(snap):
    result = evaluate(
        {"environment": "bare_metal", "cross_host_networking": "must", "network_performance": "should"}, snap
    )

    # Survey: on hardware you control, Macvlan is "隔离性和性能最优的方案"; facts §7b: macvlan reaches
    # line rate (9.36 Gbit/s pod to pod) where calico-vxlan does not.
    assert "macvlan" in ranked(result, "network")


def test_flannel_is_out_when_network_policy_is_a_must(snap):
    result = evaluate({"network_policy": "must", "cross_host_networking": "must"}, snap)

    # Facts §7a: plain CNI plugins such as flannel do not enforce NetworkPolicy; Calico and Cilium do.
    assert reasons(result, "network")["flannel"] == ["must_unmet"]
    assert {"calico", "cilium"} <= set(ranked(result, "network"))


def test_flannel_ranks_below_calico_and_cilium_when_network_policy_is_wanted(snap):
    result = evaluate({"network_policy": "should", "cross_host_networking": "must"}, snap)

    order = ranked(result, "network")
    assert order.index("calico") < order.index("flannel")
    assert order.index("cilium") < order.index("flannel")
    assert explanation(result, "network", "flannel", "network_policy")["level"] == "no"


def test_a_go_team_that_extends_its_platform_is_steered_away_from_marathons_scala(snap):
    result = evaluate(
        {"team_languages": ["go"], "extensibility": "must", "rolling_update": "should", "include_legacy": "true"}, snap
    )

    # Survey, Kubernetes item 5: "golang语言编写, 有助于二次开发"; Qiniu: "Marathon采用 scala 开发,
    # 出了问题不好排查,也不方便我们做二次开发".
    assert explanation(result, "orchestration", "kubernetes", "context:team_languages")["level"] == "yes"
    marathon = explanation(result, "orchestration", "marathon", "context:team_languages")
    assert marathon["level"] == "no"
    assert "Qiniu" in marathon["message"]
    order = ranked(result, "orchestration")
    assert order.index("kubernetes") < order.index("marathon")


def test_scheduled_jobs_come_with_kubernetes_not_chronos(snap):
    result = evaluate({"workloads": ["scheduled_jobs"], "rolling_update": "must"}, snap)

    # Survey, 容器技术栈: the scheduled-jobs row names only Chronos. Facts §1: Chronos has been dormant
    # since its last commit in 2018 and depends on the retired Mesos; Kubernetes CronJob replaces it,
    # and it comes with Kubernetes (decision model v2: what the platform provides fills the role).
    jobs = next(entry for entry in result["stack"] if entry["role"] == "job_scheduler")
    assert (jobs["technology"]["slug"], jobs["provided_by"]["slug"]) == ("kubernetes-cronjob", "kubernetes")
    assert reasons(result, "scheduled_jobs")["chronos"][0] == "legacy_excluded"


def test_a_huge_ovs_and_vlan_estate_on_openstack_resembles_jd(snap):
    result = evaluate(
        {
            "hosts": "gt5000",
            "environment": "private_cloud",
            "existing_infra": ["openstack", "vlan", "ovs_sdn"],
            "cross_host_networking": "must",
            "fixed_ip": "must",
            "rolling_update": "must",
        },
        snap,
    )

    # Survey, 京东: OpenStack + OVS, then Kubernetes with Flannel + Neutron + OVS; "京东基于相同的技术栈
    # (OVS + VLAN) 已支持10w+ 容器的运行" — the only case study of more than 5,000 hosts.
    assert result["similar_case_studies"][0]["slug"] == "jd"
    assert explanation(result, "network", ranked(result, "network")[0], "context:existing_infra")["level"] == "yes"


def test_image_signing_leads_to_harbor(snap):
    result = evaluate({"image_signing": "must", "registry_ha": "should", "registry_access_control": "should"}, snap)

    # Facts §2: Harbor signs with Cosign (since 2.5) and Notation, with RBAC and replication; the
    # Python docker-registry (v1) is deprecated and archived.
    # With no cloud named, a cloud's own registry yields to a portable one in a tie (portability).
    assert ranked(result, "registry")[0] == "harbor"
    assert "legacy_excluded" in reasons(result, "registry")["docker-registry-v1"]


def test_databases_on_kubernetes_warn_about_statefulset_ips(snap):
    result = evaluate(LARGE_PRIVATE_CLOUD, snap)

    # Facts §1a: a StatefulSet keeps the hostname, DNS name and storage, not the Pod IP, although the
    # survey says it keeps the IP; survey 主要问题 6: stateful services in containers.
    slugs = [pitfall["slug"] for pitfall in result["pitfalls"]]
    assert "statefulset-pod-ip-not-stable" in slugs
    assert "stateful-services-in-containers" in slugs
    severities = [pitfall["severity"] for pitfall in result["pitfalls"]]
    assert severities == sorted(severities, key=["critical", "high", "medium", "low"].index)


def test_a_stack_that_signs_with_cosign_is_not_warned_about_notary_v1(snap):
    result = evaluate({"image_signing": "must", "registry_ha": "should", "registry_access_control": "should"}, snap)

    # Issue 13: cosign is Notary v1's remedy, not its subject; the pitfall names it as a way out.
    stack = [entry["technology"]["slug"] for entry in result["stack"]]
    assert "cosign" in stack
    assert "notary" not in stack
    assert "notary-v1-content-trust-retired" not in [pitfall["slug"] for pitfall in result["pitfalls"]]


def test_a_kubernetes_stack_without_ingress_nginx_is_not_warned_about_its_retirement(snap):
    result = evaluate(LARGE_PRIVATE_CLOUD, snap)

    # Issue 13: the retirement is ingress-nginx's problem; Kubernetes only hosts it.
    stack = [entry["technology"]["slug"] for entry in result["stack"]]
    assert "kubernetes" in stack
    assert "ingress-nginx" not in stack
    assert "ingress-nginx-retired" not in [pitfall["slug"] for pitfall in result["pitfalls"]]


# A realistic evaluation: a private cloud of 500–5,000 hosts running stateless services and databases,
# a Go team, no OpenStack.
REALISTIC_PRIVATE_CLOUD = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["stateless", "databases"],
    "team_languages": ["go"],
    "autoscaling": "must",
    "rolling_update": "should",
    "stateful_workloads": "should",
    "network_policy": "must",
    "cross_host_networking": "must",
    "network_performance": "should",
    "persistent_volumes": "should",
    "centralized_logging": "must",
    "metrics_monitoring": "must",
    "registry_ha": "should",
    "image_signing": "should",
}
BUILDING_BLOCKS = [
    "iptables", "nf-conntrack", "dpdk", "kube-proxy", "linux-bridge", "kubernetes-service", "docker-log-drivers",
    "journald", "docker-volumes", "lvm", "csi", "cni", "vxlan", "bgp",
]  # fmt: skip


def picks(result):
    """Role -> the stack's pick (decision model v2: one pick per role)."""
    return {entry["role"]: entry["technology"]["slug"] for entry in result["stack"]}


def test_a_realistic_private_cloud_gets_picks_an_architect_would_defend_in_2026(snap):
    result = evaluate(REALISTIC_PRIVATE_CLOUD, snap)

    chosen = picks(result)
    # Facts §1: Kubernetes (HPA autoscaling/v2, Deployments, StatefulSets); Mesos and Marathon are retired.
    assert chosen["orchestrator"] == "kubernetes"
    # Facts §2: Harbor is CNCF-graduated, replicates for HA and signs with Cosign and Notation.
    assert chosen["registry"] == "harbor"
    # Facts §3: Prometheus is CNCF-graduated; the survey's Qiniu ran it at ~1,000 hosts.
    assert chosen["metrics"] in {"prometheus", "victoriametrics"}
    # Survey 日志 row (ELK), Ctrip's and UCloud's stacks; facts §4: OpenSearch is the Apache-2.0 fork; Loki.
    assert chosen["log_store"] in {"elasticsearch", "opensearch", "loki"}
    assert chosen["log_collector"] in {"fluent-bit", "vector", "grafana-alloy", "fluentd", "opentelemetry-collector"}
    # Facts §6: Ceph (run on Kubernetes by Rook) is active; NetEase, Tencent and Meizu ran Ceph. The
    # Alibaba Cloud and UCloud services exist only in those public clouds.
    assert chosen["block_storage"] in {"ceph", "rook", "longhorn"}
    # Facts §7a: NetworkPolicy (a must here) needs Calico, Cilium or the like; flannel does not enforce it.
    assert chosen["pod_network"] in {"cilium", "calico"}
    assert chosen["network_policy"] in {"cilium", "calico"}


def test_the_realistic_evaluation_ranks_no_building_block_and_no_protocol(snap):
    result = evaluate(REALISTIC_PRIVATE_CLOUD, snap)

    listed = {
        item["technology"]["slug"]
        for entry in result["categories"]
        for item in [*entry["candidates"], *entry["eliminated"]]
    }
    # kube-proxy is part of Kubernetes, iptables and conntrack are kernel mechanisms, DPDK a library:
    # they are what the choices are made of, not choices (they stay in the catalog).
    assert sorted(slug for slug in BUILDING_BLOCKS if slug in listed) == []
    assert {snap.technologies[slug].kind for slug in listed} <= {"product", "pattern", "in_house"}
    assert {slug for slug in BUILDING_BLOCKS if slug in snap.technologies} == set(BUILDING_BLOCKS)


def test_without_openstack_neutron_and_the_public_cloud_services_are_eliminated_saying_why(snap):
    result = evaluate(REALISTIC_PRIVATE_CLOUD, snap)

    # Neutron and Glance serve OpenStack's VMs: they fill no container role, so they are not listed at all.
    assert "openstack-neutron" not in reasons(result, "network")
    assert "openstack-glance" not in reasons(result, "registry")
    # Survey, 阿里电商云: RDS, OSS and OCS are Alibaba Cloud's services; UCloud's registry kept images in
    # UFile. A private cloud cannot run them.
    storage = reasons(result, "storage")
    # (RDS and OCS are databases and caches, not storage roles: they are no candidates at all.)
    for slug in ("aliyun-cloud-disk",):  # OSS and UFile are object storage, a role this evaluation does not ask
        assert storage[slug][0] == "needs_public_cloud", slug
    message = category(result, "storage")["eliminated"][0]["reasons"][0]["message"]
    assert message.startswith("Runs only in Alibaba Cloud's public cloud, outside a private cloud estate")


def test_an_openstack_team_gets_a_kubernetes_cni_not_neutron_itself(snap):
    result = evaluate({**REALISTIC_PRIVATE_CLOUD, "existing_infra": ["openstack"]}, snap)

    # Neutron networks VMs; a pod network on OpenStack is a CNI (decision model v2: roles). Neutron is
    # catalogued, but it is no candidate for the pod-network role.
    assert "openstack-neutron" not in ranked(result, "network")
    pod = next(entry for entry in result["stack"] if entry["role"] == "pod_network")
    assert snap.technologies[pod["technology"]["slug"]].kind == "product"


def test_every_scale_line_cites_the_case_study_that_gives_the_evidence(snap):
    result = evaluate({**REALISTIC_PRIVATE_CLOUD, "hosts": "gt5000"}, snap)

    lines = [
        line
        for entry in result["categories"]
        for candidate in entry["candidates"]
        for line in candidate["explanation"]
        if line["requirement"] == "context:scale"
    ]
    assert lines
    for line in lines:
        if line["level"] == "partial":  # 2017 case-study evidence: cites the case study, marked stale
            assert line["source"] == snap.case_studies[line["evidence"][0]].source
            assert line["stale"] is True
        elif line["level"] == "yes":  # 2026 evidence in the catalog: cites its own source
            assert line["source"]
            assert line["evidence"] == []
        else:
            assert (line["source"], line["evidence"]) == (None, [])


def test_in_a_hybrid_cloud_a_public_cloud_service_stays_and_says_it_ties_you_to_the_provider(snap):
    result = evaluate({**REALISTIC_PRIVATE_CLOUD, "environment": "hybrid_cloud"}, snap)

    line = explanation(result, "storage", "aliyun-cloud-disk", "context:provider")
    assert (line["weight"], line["level"]) == (0, "no")
    assert line["message"] == "Runs only in Alibaba Cloud's public cloud: choosing it ties you to that provider."


def test_tied_candidates_are_ordered_by_named_considerations_never_by_name(snap):
    result = evaluate({"registry_ha": "should"}, snap)

    candidates = category(result, "registry")["candidates"]
    leader = candidates[0]
    assert leader["tied_with"]  # several registries run in HA
    # The leader is placed by a consideration an architect would give, or said to be undecided.
    assert leader["tie_break"]["by"] in ("lifecycle", "licence", "portability", "maturity", "score", "undecided")
    assert leader["tie_break"]["by"] != "name"


def full_questionnaire() -> dict:
    importances = ["must", "should", "could", "unsure", "wont"]
    answers = {
        "hosts": "500_5000",
        "environment": "hybrid_cloud",
        "workloads": ["stateless", "databases", "scheduled_jobs"],
        "team_languages": ["go", "python"],
        "datacenters": "multi",
        "existing_infra": ["openstack"],
        "include_legacy": "false",
    }
    for position, key in enumerate(contract.REQUIREMENTS):
        answers[key] = importances[position % len(importances)]
    return answers


def test_a_full_questionnaire_gives_the_same_bytes_every_time_in_both_languages(snap):
    answers = full_questionnaire()

    english = json.dumps(evaluate(answers, snap), sort_keys=True, ensure_ascii=False)
    chinese = json.dumps(evaluate(answers, snap, "zh-hans"), sort_keys=True, ensure_ascii=False)

    assert json.dumps(evaluate(answers, snap), sort_keys=True, ensure_ascii=False) == english
    assert json.dumps(evaluate(answers, snap, "zh-hans"), sort_keys=True, ensure_ascii=False) == chinese
    assert english != chinese
    result = json.loads(chinese)
    assert result["catalog_fingerprint"] == snap.fingerprint
    assert len(result["sensitivity"]) == len(
        [role for c in result["categories"] for role in c["roles"] or [c] if role["candidates"]]
    )
    assert {entry["category"] for entry in result["stack"]} <= {entry["category"] for entry in result["categories"]}
