"""Engine point 4: every context rule, and the explanation line it leaves behind."""

import pytest

from decisions.rendering import evaluate


def category(result, slug):
    return next(entry for entry in result["categories"] if entry["category"] == slug)


def scores(result, slug):
    return {c["technology"]["slug"]: c["score"] for c in category(result, slug)["candidates"]}


def line(result, slug, technology, requirement):
    candidate = next(c for c in category(result, slug)["candidates"] if c["technology"]["slug"] == technology)
    return next(entry for entry in candidate["explanation"] if entry["requirement"] == requirement)


def network_snapshot(kit):
    return kit.snapshot(
        kit.tech("macvlan", kind="pattern", categories=("network",), levels={"network_performance": "yes"},
                 needs_l2_adjacency=True),
        kit.tech("sr-iov", categories=("network",), levels={"network_performance": "yes"}, needs_l2_adjacency=True),
        kit.tech("calico", categories=("network",), levels={"network_performance": "partial"}),
    )  # fmt: skip


@pytest.mark.parametrize(("environment", "words"), [("public_cloud", "public cloud"), ("hybrid_cloud", "hybrid cloud")])
def test_a_cloud_environment_eliminates_options_that_need_layer_2_adjacency(kit, environment, words):
    result = evaluate({"environment": environment, "network_performance": "should"}, network_snapshot(kit))

    assert scores(result, "network") == {"calico": 50.0}
    assert [e["technology"]["slug"] for e in category(result, "network")["eliminated"]] == ["macvlan", "sr-iov"]
    assert category(result, "network")["eliminated"][0]["reasons"] == [
        {
            "code": "needs_l2_adjacency",
            "requirement": None,
            "message": f"Needs hosts on one layer-2 network, which a {words} network does not give containers.",
        }
    ]


def test_a_cloud_environment_eliminates_what_relies_on_a_layer_2_option(kit):
    snap = kit.snapshot(
        kit.tech("sriov-cni", name="SR-IOV CNI", categories=("network",), levels={"network_performance": "yes"}),
        kit.tech("sr-iov", name="SR-IOV", kind="protocol", categories=("network",), needs_l2_adjacency=True),
        kit.tech("multus", name="Multus", categories=("network",), levels={"network_performance": "no"}),
        relations=[kit.requires("multus", "sriov-cni"), kit.requires("sriov-cni", "sr-iov")],
    )

    result = evaluate({"environment": "public_cloud", "network_performance": "must"}, snap)

    assert category(result, "network")["candidates"] == []
    eliminated = category(result, "network")["eliminated"]
    assert [(e["technology"]["slug"], e["reasons"][0]["message"]) for e in eliminated] == [
        ("multus", "Relies on SR-IOV, which needs hosts on one layer-2 network; a public cloud network does not give "
                   "containers that."),
        ("sriov-cni", "Relies on SR-IOV, which needs hosts on one layer-2 network; a public cloud network does not "
                      "give containers that."),
    ]  # fmt: skip


def test_layer_2_adjacency_is_the_catalog_s_mark_not_a_name(kit):
    """Whatever a record is called, the mark on it (Technology.needs_l2_adjacency) decides."""
    snap = kit.snapshot(
        kit.tech("underlay-x", categories=("network",), levels={"network_performance": "yes"}, needs_l2_adjacency=True),
        kit.tech("macvlan", categories=("network",), levels={"network_performance": "yes"}),  # not marked
    )

    result = evaluate({"environment": "public_cloud", "network_performance": "should"}, snap)

    assert scores(result, "network") == {"macvlan": 100.0}
    assert [e["technology"]["slug"] for e in category(result, "network")["eliminated"]] == ["underlay-x"]


@pytest.mark.parametrize("environment", ["bare_metal", "private_cloud", None])
def test_bare_metal_and_private_cloud_keep_layer_2_options(kit, environment):
    answers = {"network_performance": "should"} | ({"environment": environment} if environment else {})

    result = evaluate(answers, network_snapshot(kit))

    assert scores(result, "network") == {"macvlan": 100.0, "sr-iov": 100.0, "calico": 50.0}


@pytest.mark.parametrize(("workload", "words"), [("databases", "databases"), ("message_queues", "message queues")])
def test_stateful_workloads_raise_the_stateful_requirement_to_should(kit, workload, words):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"stateful_workloads": "yes"}),
        kit.tech("swarm", levels={"stateful_workloads": "no"}),
    )

    # The orchestration layer is touched by an answer of its own (v2: floors raise only touched layers).
    result = evaluate({"workloads": ["stateless", workload], "rollback": "could"}, snap)

    assert scores(result, "orchestration") == {"kubernetes": 75.0, "swarm": 0.0}  # rollback is unassessed
    raised = line(result, "orchestration", "kubernetes", "stateful_workloads")
    assert (raised["importance"], raised["answered"], raised["weight"]) == ("should", None, 3)
    assert raised["message"] == f"Raised from won't to should: your answer to “workloads” includes {words}."
    assert result["adjustments"] == [
        {
            "requirement": "stateful_workloads",
            "name": "Stateful workloads",
            "from": "wont",
            "to": "should",
            "rule": "workloads",
            "values": [workload],
            "source": None,
            "message": raised["message"],
        }
    ]


def test_a_floor_never_lowers_an_importance(kit):
    snap = kit.snapshot(kit.tech("kubernetes", levels={"stateful_workloads": "yes"}))

    result = evaluate({"workloads": ["databases"], "stateful_workloads": "must"}, snap)

    kept = line(result, "orchestration", "kubernetes", "stateful_workloads")
    assert (kept["importance"], kept["message"], result["adjustments"]) == ("must", "", [])


def test_stateless_workloads_leave_the_stateful_requirement_alone(kit):
    snap = kit.snapshot(kit.tech("kubernetes", levels={"stateful_workloads": "yes"}))

    result = evaluate({"workloads": ["stateless"]}, snap)

    assert (result["categories"], result["adjustments"]) == ([], [])


def test_several_data_centres_raise_multi_datacenter_and_image_replication(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"multi_datacenter": "partial"}),
        kit.tech("harbor", categories=("registry",), levels={"image_replication": "yes"}),
    )

    result = evaluate({"datacenters": "multi", "image_replication": "could"}, snap)

    # Only the registry was asked about: its requirement is raised; orchestration is only suggested.
    assert [entry["category"] for entry in result["categories"]] == ["registry"]
    assert [(a["requirement"], a["from"], a["to"]) for a in result["adjustments"]] == [
        ("image_replication", "could", "should"),
    ]
    assert line(result, "registry", "harbor", "image_replication")["weight"] == 3
    assert [(m["code"], m["category"]) for m in result["messages"]] == [("suggested_layer", "orchestration")]

    touched = evaluate({"datacenters": "multi", "image_replication": "could", "rollback": "could"}, snap)
    assert [entry["category"] for entry in touched["categories"]] == ["orchestration", "registry"]
    assert [(a["requirement"], a["from"], a["to"]) for a in touched["adjustments"]] == [
        ("multi_datacenter", "wont", "should"),
        ("image_replication", "could", "should"),
    ]


def scale_snapshot(kit):
    return kit.snapshot(
        kit.tech("kubernetes", levels={"rollback": "yes"}),
        kit.tech("nomad", levels={"rollback": "yes"}),
        kit.tech("mesos", levels={"rollback": "yes"}),
        case_studies=[
            kit.case("jd", ("openstack",), ("kubernetes",), scale="gt5000", company="jd"),
            kit.case("qiniu", ("mesos",), scale="500_5000", company="qiniu"),
            kit.case("tiny", ("nomad",), scale="50_500", company="tiny"),
            kit.case("netease", ("kubernetes",), scale="unknown", company="netease"),
        ],
    )


@pytest.mark.parametrize(
    ("hosts", "weight", "estate"), [("500_5000", 1, "500–5,000 hosts"), ("gt5000", 3, "More than 5,000 hosts")]
)
def test_scale_adds_points_for_technologies_proven_at_500_hosts_or_more(kit, hosts, weight, estate):
    result = evaluate({"hosts": hosts, "rollback": "should"}, scale_snapshot(kit))

    proven = line(result, "orchestration", "kubernetes", "context:scale")
    assert proven == {
        "requirement": "context:scale",
        "kind": "context",
        "name": "Proven at your scale",
        "importance": {1: "could", 3: "should"}[weight],
        "answered": None,
        "weight": weight,
        # 2017 case-study evidence shows what ran then: partial, and stale (three quarters of its points).
        "level": "partial",
        "points": weight * 0.5 * 0.75,
        "strength": "stale",
        "source_kind": "survey",
        "source": "survey-case-jd",  # the case study that gives the evidence, not the rule's inspiration
        "source_title": "Survey: Jd",
        "as_of": None,
        "review_by": None,
        "stale": True,  # the JD case study is the survey's, past its review-by date
        "note": "",
        "message": f"Used at 500 hosts or more by Jd in the 2017 survey: history, not 2026 evidence (your estate: "
        f"{estate}).",
        "evidence": ["jd"],
    }
    unproven = line(result, "orchestration", "nomad", "context:scale")
    assert (unproven["level"], unproven["points"], unproven["evidence"], unproven["source"]) == ("no", 0.0, [], None)
    assert unproven["message"] == f"No case study of 500 hosts or more uses it (your estate: {estate})."
    assert scores(result, "orchestration") == {
        "kubernetes": round(100 * (3 + 0.375 * weight) / (3 + weight), 1),
        "mesos": round(100 * (3 + 0.375 * weight) / (3 + weight), 1),
        "nomad": round(100 * 3 / (3 + weight), 1),
    }


@pytest.mark.parametrize("hosts", ["lt50", "50_500", None])
def test_smaller_estates_get_no_scale_line(kit, hosts):
    answers = {"rollback": "should"} | ({"hosts": hosts} if hosts else {})

    result = evaluate(answers, scale_snapshot(kit))

    candidate = category(result, "orchestration")["candidates"][0]
    assert [entry["requirement"] for entry in candidate["explanation"]] == ["rollback"]


def test_a_context_line_nobody_earns_is_left_out(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", levels={"rollback": "yes"}),
        case_studies=[kit.case("tiny", ("kubernetes",), scale="50_500")],
    )

    result = evaluate({"hosts": "gt5000", "rollback": "should"}, snap)

    assert [entry["requirement"] for entry in category(result, "orchestration")["candidates"][0]["explanation"]] == [
        "rollback"
    ]


def languages_snapshot(kit):
    return kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", language="go", levels={"extensibility": "yes"}),
        kit.tech("marathon", name="Marathon", language="scala", levels={"extensibility": "yes"}),
        kit.tech("newcomer", language="rust", levels={"extensibility": "yes"}),
    )


def test_team_languages_favour_systems_the_team_can_extend(kit):
    result = evaluate({"team_languages": ["go", "java"], "extensibility": "should"}, languages_snapshot(kit))

    assert scores(result, "orchestration") == {"kubernetes": 100.0, "marathon": 50.0, "newcomer": 50.0}
    known = line(result, "orchestration", "kubernetes", "context:team_languages")
    assert (known["weight"], known["level"], known["points"]) == (3, "yes", 3.0)
    assert known["message"] == "Written in Go, which your team knows (Go, Java): you can extend and debug it."
    scala = line(result, "orchestration", "marathon", "context:team_languages")
    assert (scala["level"], scala["points"]) == ("no", 0.0)
    assert scala["message"] == (
        "Written in Scala, which your team does not list (Go, Java): extending or debugging it will be harder, "
        "as Qiniu found with Marathon's Scala."
    )


def test_team_languages_take_the_weight_of_extensibility(kit):
    result = evaluate({"team_languages": ["scala"], "extensibility": "must"}, languages_snapshot(kit))

    assert line(result, "orchestration", "marathon", "context:team_languages")["weight"] == 5
    assert scores(result, "orchestration") == {"marathon": 100.0, "kubernetes": 50.0, "newcomer": 50.0}


def test_team_languages_do_not_count_when_extensibility_does_not_matter(kit):
    result = evaluate({"team_languages": ["go"], "rollback": "must", "extensibility": "wont"}, languages_snapshot(kit))

    candidate = category(result, "orchestration")["candidates"][0]
    assert [entry["requirement"] for entry in candidate["explanation"]] == ["rollback"]


def test_a_team_that_knows_other_languages_cannot_be_matched_to_one(kit):
    result = evaluate({"team_languages": ["go", "other"], "extensibility": "could"}, languages_snapshot(kit))

    assert line(result, "orchestration", "newcomer", "context:team_languages")["level"] == "unknown"
    assert line(result, "orchestration", "marathon", "context:team_languages")["level"] == "no"


def infra_snapshot(kit):
    return kit.snapshot(
        kit.tech("openstack-neutron", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("contiv", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("calico", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("open-vswitch", categories=("network",), levels={"fixed_ip": "partial"}),
        kit.tech("openstack", kind="product", categories=("iaas",)),
        relations=[kit.requires("contiv", "open-vswitch"), kit.related("calico", "openstack")],
    )


def test_existing_openstack_favours_openstack_and_what_relates_to_it(kit):
    result = evaluate({"existing_infra": ["openstack"], "fixed_ip": "should"}, infra_snapshot(kit))

    assert scores(result, "network") == {
        "calico": 100.0,  # integrates with OpenStack
        "openstack-neutron": 100.0,  # part of OpenStack itself
        "contiv": 50.0,
        "open-vswitch": 25.0,
    }
    fit = line(result, "network", "calico", "context:existing_infra")
    assert (fit["weight"], fit["level"], fit["message"]) == (3, "yes", "Fits your existing infrastructure: OpenStack.")
    misfit = line(result, "network", "contiv", "context:existing_infra")
    assert misfit["message"] == "Has no known relation to your existing infrastructure (OpenStack)."


def test_existing_ovs_sdn_favours_open_vswitch_and_what_requires_it(kit):
    result = evaluate({"existing_infra": ["ovs_sdn", "vlan"], "fixed_ip": "should"}, infra_snapshot(kit))

    assert scores(result, "network") == {
        "contiv": 100.0,
        "open-vswitch": 75.0,
        "calico": 50.0,
        "openstack-neutron": 50.0,
    }


def test_existing_infrastructure_none_changes_nothing(kit):
    result = evaluate({"existing_infra": ["none"], "fixed_ip": "should"}, infra_snapshot(kit))

    assert scores(result, "network") == {
        "calico": 100.0,
        "contiv": 100.0,
        "openstack-neutron": 100.0,
        "open-vswitch": 50.0,
    }


def jobs_snapshot(kit):
    return kit.snapshot(
        kit.tech("kubernetes", categories=("orchestration", "scheduled_jobs"), levels={"rollback": "yes"}),
        kit.tech("chronos", categories=("scheduled_jobs",), status="dormant", language="scala"),
    )


def test_scheduled_jobs_workloads_bring_in_the_scheduled_jobs_layer(kit):
    result = evaluate({"workloads": ["scheduled_jobs"]}, jobs_snapshot(kit))

    assert [entry["category"] for entry in result["categories"]] == ["scheduled_jobs"]
    assert scores(result, "scheduled_jobs") == {"kubernetes": 100.0}
    assert line(result, "scheduled_jobs", "kubernetes", "context:workloads") == {
        "requirement": "context:workloads",
        "kind": "context",
        "name": "Runs scheduled jobs",
        "importance": "should",
        "answered": None,
        "weight": 3,
        "level": "yes",
        "points": 3.0,
        "strength": "fresh",
        "source_kind": None,
        "source": None,
        "source_title": None,
        "as_of": None,
        "review_by": None,
        "stale": False,
        "note": "",
        "message": "Your workloads include scheduled jobs, which this layer runs.",
        "evidence": [],
    }
    assert [e["technology"]["slug"] for e in category(result, "scheduled_jobs")["eliminated"]] == ["chronos"]


def test_scheduled_jobs_layer_stays_out_without_candidates(kit):
    snap = kit.snapshot(kit.tech("kubernetes", levels={"rollback": "yes"}))

    result = evaluate({"workloads": ["scheduled_jobs"], "rollback": "must"}, snap)

    assert [entry["category"] for entry in result["categories"]] == ["orchestration"]


def test_scheduled_jobs_layer_stays_out_without_that_workload(kit):
    result = evaluate({"workloads": ["stateless"], "rollback": "could"}, jobs_snapshot(kit))

    assert [entry["category"] for entry in result["categories"]] == ["orchestration"]


def openstack_snapshot(kit):
    """Neutron needs OpenStack (an IaaS nobody adopts for its network); MidoNet plugs into Neutron;
    Contiv needs Open vSwitch, itself a network candidate; a large L2 network needs VLANs."""
    return kit.snapshot(
        kit.tech("openstack", name="OpenStack", categories=("iaas",)),
        kit.tech("openstack-neutron", name="Neutron", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("midonet", name="MidoNet", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("contiv", name="Contiv", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("open-vswitch", name="Open vSwitch", categories=("network",), levels={"fixed_ip": "partial"}),
        kit.tech("vlan", name="VLAN", kind="protocol", categories=("network",), levels={"fixed_ip": "yes"}),
        kit.tech("large-l2-network", name="Large L2", kind="pattern", categories=("network",),
                 levels={"fixed_ip": "yes"}),
        kit.tech("calico", name="Calico", categories=("network",), levels={"fixed_ip": "partial"}),
        relations=[
            kit.requires("openstack-neutron", "openstack", "src-openstack-neutron"),
            kit.requires("midonet", "openstack-neutron", "src-midonet"),
            kit.requires("contiv", "open-vswitch", "src-contiv"),
            kit.requires("large-l2-network", "vlan", "src-large-l2-network"),
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("existing", "words"), [(None, "none"), (["none"], "none"), (["vlan", "ovs_sdn"], "VLAN, OVS / SDN")]
)
def test_a_candidate_that_needs_infrastructure_the_team_does_not_run_is_eliminated(kit, existing, words):
    answers = {"fixed_ip": "should"} | ({"existing_infra": existing} if existing else {})

    result = evaluate(answers, openstack_snapshot(kit))

    reasons = {e["technology"]["slug"]: e["reasons"] for e in category(result, "network")["eliminated"]}
    assert reasons["openstack-neutron"] == [
        {
            "code": "needs_missing_infrastructure",
            "requirement": None,
            "message": f"Needs OpenStack, which your existing infrastructure ({words}) does not include: worth it "
            "only where OpenStack already runs.",
        }
    ]
    # Through what it requires: MidoNet is a Neutron back end.
    assert reasons["midonet"][0]["message"] == (
        f"Needs OpenStack through Neutron, and your existing infrastructure ({words}) does not include it: worth it "
        "only where OpenStack already runs."
    )
    # Open vSwitch is a network candidate itself, so Contiv can bring it along.
    assert "contiv" in scores(result, "network")
    assert ("large-l2-network" in reasons) == ("vlan" not in (existing or []))


def test_the_infrastructure_the_team_runs_keeps_its_candidates_and_cites_the_relation_that_fits(kit):
    result = evaluate({"existing_infra": ["openstack"], "fixed_ip": "should"}, openstack_snapshot(kit))

    assert category(result, "network")["eliminated"] == [
        {
            "technology": {"slug": "large-l2-network", "name": "Large L2"},
            "reasons": [
                {
                    "code": "needs_missing_infrastructure",
                    "requirement": None,
                    "message": "Needs VLAN, which your existing infrastructure (OpenStack) does not include: worth "
                    "it only where VLAN already runs.",
                }
            ],
        }
    ]
    assert scores(result, "network")["openstack-neutron"] == 100.0
    fit = line(result, "network", "openstack-neutron", "context:existing_infra")
    assert (fit["level"], fit["source"], fit["message"]) == (
        "yes",
        "src-openstack-neutron",  # the source of "Neutron requires OpenStack", the relation that makes the fit
        "Fits your existing infrastructure: OpenStack.",
    )
    assert line(result, "network", "calico", "context:existing_infra")["source"] is None  # "no" claims nothing


def cloud_snapshot(kit):
    return kit.snapshot(
        kit.tech(
            "alibaba-cloud", name="Alibaba Cloud", categories=("iaas",), delivery="managed", providers=("alibaba",)
        ),
        kit.tech("aliyun-cloud-disk", name="Cloud disk", categories=("storage",), levels={"persistent_volumes": "yes"}),
        kit.tech("ceph", name="Ceph", categories=("storage",), levels={"persistent_volumes": "yes"}),
        relations=[kit.requires("aliyun-cloud-disk", "alibaba-cloud", "src-aliyun-cloud-disk")],
    )


@pytest.mark.parametrize(("environment", "words"), [("bare_metal", "bare metal"), ("private_cloud", "private cloud")])
def test_public_cloud_services_are_eliminated_on_premises_naming_the_provider(kit, environment, words):
    result = evaluate({"environment": environment, "persistent_volumes": "should"}, cloud_snapshot(kit))

    assert scores(result, "storage") == {"ceph": 100.0}
    assert category(result, "storage")["eliminated"][0]["reasons"] == [
        {
            "code": "needs_public_cloud",
            "requirement": None,
            "message": f"Runs only in Alibaba Cloud's public cloud, outside a {words} estate: choose it only if you "
            "move workloads there.",
        }
    ]


def test_a_self_hosted_infrastructure_record_is_not_a_public_cloud(kit):
    """A public cloud is a managed record of an infrastructure layer: what requires a self-hosted
    one (OpenStack, which you run) is not ruled out on premises as a public-cloud service."""
    snap = kit.snapshot(
        kit.tech("openstack", name="OpenStack", categories=("iaas",)),
        kit.tech("cinder-csi", name="Cinder CSI", categories=("storage",), levels={"persistent_volumes": "yes"}),
        relations=[kit.requires("cinder-csi", "openstack")],
    )

    result = evaluate(
        {"environment": "private_cloud", "existing_infra": ["openstack"], "persistent_volumes": "should"}, snap
    )

    assert scores(result, "storage") == {"cinder-csi": 100.0}


@pytest.mark.parametrize("environment", ["public_cloud", "hybrid_cloud", None])
def test_public_cloud_services_stay_in_a_cloud_and_say_they_tie_you_to_the_provider(kit, environment):
    answers = {"persistent_volumes": "should"} | ({"environment": environment} if environment else {})

    result = evaluate(answers, cloud_snapshot(kit))

    assert scores(result, "storage") == {"aliyun-cloud-disk": 100.0, "ceph": 100.0}  # a note, not a penalty
    assert line(result, "storage", "aliyun-cloud-disk", "context:provider") == {
        "requirement": "context:provider",
        "kind": "context",
        "name": "Independent of one cloud provider",
        "importance": None,
        "answered": None,
        "weight": 0,
        "level": "no",
        "points": 0.0,
        "strength": "fresh",
        "source_kind": "web",
        "source": "src-aliyun-cloud-disk",
        "source_title": "Source on Cloud disk",
        "as_of": None,
        "review_by": None,
        "stale": False,
        "note": "",
        "message": "Runs only in Alibaba Cloud's public cloud: choosing it ties you to that provider.",
        "evidence": [],
    }
    ceph = next(c for c in category(result, "storage")["candidates"] if c["technology"]["slug"] == "ceph")
    assert [entry["requirement"] for entry in ceph["explanation"]] == ["persistent_volumes"]


def test_the_team_languages_line_cites_the_survey_section_behind_its_verdict(kit):
    snap = kit.snapshot(
        kit.tech("kubernetes", name="Kubernetes", language="go", levels={"extensibility": "yes"}),
        kit.tech("marathon", name="Marathon", language="scala", levels={"extensibility": "yes"}),
        kit.tech("newcomer", language="rust", levels={"extensibility": "yes"}),
    )

    result = evaluate({"team_languages": ["go", "other"], "extensibility": "should"}, snap)
    languages = ("kubernetes", "marathon", "newcomer")

    # Survey, Kubernetes item 5 (Go helps secondary development) for yes; Qiniu on Marathon's Scala for no.
    sources = [line(result, "orchestration", slug, "context:team_languages")["source"] for slug in languages]
    assert sources == [
        "survey-kubernetes",
        "survey-case-qiniu",
        None,  # unknown: whether a team with "other" languages knows Rust cannot be told, nor cited
    ]
