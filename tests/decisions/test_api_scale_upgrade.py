"""Issue 11, point 4, end to end: answers to the two new questions, posted to the API, change what the
engine recommends the way an architect would expect.

- 「容器扩容后的网络」 on a bare-metal estate of more than 5,000 hosts: without the question the pod
  network goes to Flannel (simple, and proven at scale by the survey's companies); asked as a must,
  the routed / eBPF networks (Calico with BGP route reflectors and Typha, Cilium tested on 1,000
  nodes) lead, and Docker's overlay, whose networks are advised to stay at 256 addresses, is out.
- Upgrading the platform itself: a small team asking only for simplicity is offered Docker Compose;
  asked as a must, the single-host Compose is out and Kubernetes, with its written version-skew
  policy, is the orchestrator, with a distribution that upgrades in place.
"""

import pytest
from rest_framework.test import APIClient

from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

LARGE_BARE_METAL = {"hosts": "gt5000", "environment": "bare_metal", "cross_host_networking": "must"}
SMALL_AND_SIMPLE = {"hosts": "lt50", "operational_simplicity": "should"}


@pytest.fixture
def client(django_user_model):
    user = django_user_model.objects.create_user("architect", password="an-architects-long-password")
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user).key}")
    return api


def result_for(client, answers):
    response = client.post("/api/v1/evaluations/", {"title": "Issue 11.4", "answers": answers}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["result"]


def layer(result, slug):
    return next(entry for entry in result["categories"] if entry["category"] == slug)


def role(result, layer_slug, role_slug):
    return next(entry for entry in layer(result, layer_slug)["roles"] if entry["role"] == role_slug)


def pick(result, layer_slug, role_slug):
    chosen = role(result, layer_slug, role_slug)["pick"]
    return chosen["slug"] if chosen else None


def scores(result, layer_slug):
    return {c["technology"]["slug"]: c["score"] for c in layer(result, layer_slug)["candidates"]}


def eliminated_for(result, layer_slug, requirement):
    return {
        entry["technology"]["slug"]
        for entry in layer(result, layer_slug)["eliminated"]
        if any(reason.get("requirement") == requirement for reason in entry["reasons"])
    }


def line(result, layer_slug, technology, requirement):
    candidate = next(c for c in layer(result, layer_slug)["candidates"] if c["technology"]["slug"] == technology)
    return next(entry for entry in candidate["explanation"] if entry["requirement"] == requirement)


def test_scaling_out_a_large_bare_metal_network_moves_the_pick_to_routed_or_ebpf_networks(client):
    before = result_for(client, LARGE_BARE_METAL)
    after = result_for(client, {**LARGE_BARE_METAL, "scale_out_networking": "must"})

    assert pick(before, "network", "pod_network") == "flannel"
    assert "docker-overlay" in scores(before, "network")

    assert pick(after, "network", "pod_network") in {"calico", "cilium"}
    ranked = scores(after, "network")
    assert ranked["calico"] > ranked["flannel"]
    assert ranked["cilium"] > ranked["flannel"]
    assert "docker-overlay" not in ranked
    assert "docker-overlay" in eliminated_for(after, "network", "scale_out_networking")
    # Each line carries the cited level the pick rests on.
    assert line(after, "network", "calico", "scale_out_networking")["level"] == "yes"
    assert line(after, "network", "flannel", "scale_out_networking")["level"] == "partial"
    assert line(after, "network", "calico", "scale_out_networking")["source"]


def test_even_as_a_should_scale_out_puts_calico_and_cilium_ahead_of_flannel(client):
    result = result_for(client, {**LARGE_BARE_METAL, "scale_out_networking": "should"})

    ranked = scores(result, "network")
    assert ranked["calico"] > ranked["flannel"]
    assert ranked["cilium"] > ranked["flannel"]
    assert ranked["docker-overlay"] < ranked["flannel"]


def test_upgrading_the_platform_as_a_must_rules_out_a_single_host_orchestrator(client):
    before = result_for(client, SMALL_AND_SIMPLE)
    after = result_for(client, {**SMALL_AND_SIMPLE, "platform_upgrade": "must"})

    assert pick(before, "orchestration", "orchestrator") == "docker-compose"
    assert pick(before, "orchestration", "distribution") is None

    assert "docker-compose" in eliminated_for(after, "orchestration", "platform_upgrade")
    assert pick(after, "orchestration", "orchestrator") == "kubernetes"
    distribution = role(after, "orchestration", "distribution")
    assert distribution["pick"] is not None
    # Swarm mode upgrades managers one at a time but publishes no skew policy: it stays, behind.
    ranked = scores(after, "orchestration")
    assert ranked["docker-swarm-mode"] < ranked["kubernetes"]
    assert line(after, "orchestration", "docker-swarm-mode", "platform_upgrade")["level"] == "partial"
    assert line(after, "orchestration", "kubernetes", "platform_upgrade")["level"] == "yes"
