"""Issue 11, point 4: the survey's two checklist items that had no question — 「容器扩容后的网络」
(the network 「思考 && 痛点」 list, item 5) and upgrading the platform itself (「主要问题」 item 5,
and 「个人理解」 item 4's 在线升级) — are capabilities, and every technology that could be picked for a
role they score is assessed on them from a primary 2026 source.

test_content.py already checks that every capability of a layer is assessed for every technology of
that layer; these tests pin what is particular to the two new capabilities."""

import datetime as dt

import pytest

from catalog.models import Assessment, Capability, Technology

pytestmark = pytest.mark.django_db

NEW_CAPABILITIES = {
    # slug: (layer, roles it scores)
    "scale_out_networking": ("network", ["pod_network", "ip_management"]),
    "platform_upgrade": ("orchestration", ["distribution", "orchestrator"]),
}
RESEARCHED_ON = dt.date(2026, 12, 3)
PRIMARY_KINDS = {"documentation", "repository"}


@pytest.mark.parametrize("slug", NEW_CAPABILITIES)
def test_the_new_capabilities_sit_in_their_layer_and_score_their_roles(slug):
    capability = Capability.objects.get(slug=slug)
    layer, roles = NEW_CAPABILITIES[slug]

    assert capability.category.slug == layer
    assert set(capability.roles.values_list("slug", flat=True)) == set(roles)
    assert all([capability.name_zh, capability.name_en, capability.description_zh, capability.description_en])


@pytest.mark.parametrize("slug", NEW_CAPABILITIES)
def test_every_candidate_of_a_scored_role_is_assessed(slug):
    capability = Capability.objects.get(slug=slug)
    candidates = Technology.objects.filter(roles__in=capability.roles.all()).distinct()
    assessed = set(Assessment.objects.filter(capability=capability).values_list("technology__slug", flat=True))

    assert candidates.count() >= 10
    assert sorted(set(candidates.values_list("slug", flat=True)) - assessed) == []


@pytest.mark.parametrize("slug", NEW_CAPABILITIES)
def test_assessments_of_adoptable_candidates_are_fresh_and_cite_primary_sources(slug):
    # In-house systems are known only from the 2017 survey (which says nothing about either point),
    # so their assessments cite it and are stale; everything a team can adopt cites official docs
    # or the project's repository, read for this issue.
    assessments = (
        Assessment.objects.filter(
            capability__slug=slug, technology__roles__in=Capability.objects.get(slug=slug).roles.all()
        )
        .exclude(technology__kind="in_house")
        .select_related("source", "technology")
        .distinct()
    )

    assert assessments.exists()
    for assessment in assessments:
        label = assessment.technology.slug
        assert assessment.source.kind in PRIMARY_KINDS, label
        assert assessment.as_of == RESEARCHED_ON, label
        assert not assessment.is_stale, label
        assert assessment.note_zh, label
        assert assessment.note_en, label


@pytest.mark.parametrize("slug", NEW_CAPABILITIES)
def test_unknown_is_left_only_where_evidence_is_truly_missing(slug):
    # Unknown is for in-house systems and projects that stopped before publishing any figures.
    unknown = Assessment.objects.filter(capability__slug=slug, level="unknown").select_related("technology")

    for assessment in unknown:
        technology = assessment.technology
        assert technology.kind == "in_house" or technology.status in {"dormant", "retired"}, technology.slug


def level(technology: str, capability: str) -> str:
    return Assessment.objects.get(technology__slug=technology, capability__slug=capability).level


def test_scale_out_networking_separates_routed_and_ebpf_networks_from_small_overlays():
    # Calico: per-node IPAM blocks, BGP route reflectors, Typha in front of the datastore; Cilium:
    # tested on 1,000 nodes, eBPF in place of kube-proxy. Flannel leases a fixed subnet per node and
    # publishes no scale tests; Docker's overlay networks are advised to stay at /24 (256 addresses).
    assert level("calico", "scale_out_networking") == "yes"
    assert level("cilium", "scale_out_networking") == "yes"
    assert level("flannel", "scale_out_networking") == "partial"
    assert level("docker-overlay", "scale_out_networking") == "no"
    # The managed CNIs are bounded by the machine's interfaces and addresses (AWS, Alibaba).
    assert level("aws-vpc-cni", "scale_out_networking") == "partial"


def test_platform_upgrade_separates_skew_policies_from_single_host_and_archived_systems():
    # Kubernetes publishes a version-skew policy and a support period; the distributions and managed
    # services document in-place, node-by-node upgrades. Compose runs on one host and classic Swarm is
    # archived; Swarm mode upgrades managers one at a time but publishes no skew policy.
    assert level("kubernetes", "platform_upgrade") == "yes"
    for distribution in Technology.objects.filter(roles__slug="distribution").values_list("slug", flat=True):
        assert level(distribution, "platform_upgrade") == "yes", distribution
    assert level("docker-compose", "platform_upgrade") == "no"
    assert level("docker-swarm-classic", "platform_upgrade") == "no"
    assert level("docker-swarm-mode", "platform_upgrade") == "partial"
