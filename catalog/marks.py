"""Technology marks: which catalog technologies are drawn with a simple-icons logo.

simple-icons (https://simpleicons.org, npm ``simple-icons``, CC0-1.0) draws brand marks as single-
path SVGs. ``scripts/vendor-icons`` copies the marks named here from node_modules into
``static/icons/`` (the site serves them itself: no CDN, no Node at run time). A technology not in
this map, or whose brand simple-icons does not carry (AWS and Azure asked to be removed, in-house
systems have none), gets a neutral monogram badge instead.

The map is curated by hand, not guessed from names: a mark is used only where it is the project's
own (or its umbrella project's, e.g. Grafana for Loki), never a foundation's logo for a member
project (the Apache feather is the ASF's, not Mesos').
"""

from __future__ import annotations

import re

# catalog slug -> simple-icons slug
MARKS: dict[str, str] = {
    "alertmanager": "prometheus",
    "alibaba-ack": "alibabacloud",
    "alibaba-acr": "alibabacloud",
    "alibaba-cloud": "alibabacloud",
    "alibaba-cloud-csi": "alibabacloud",
    "alibaba-sls": "alibabacloud",
    "aliyun-cloud-disk": "alibabacloud",
    "aliyun-oss": "alibabacloud",
    "aliyun-rds": "alibabacloud",
    "almalinux": "almalinux",
    "ansible": "ansible",
    "argo-cd": "argo",
    "argo-workflows": "argo",
    "artifactory": "jfrog",
    "backstage": "backstage",
    "centos": "centos",
    "centos-stream": "centos",
    "ceph": "ceph",
    "cilium": "cilium",
    "cluster-autoscaler": "kubernetes",
    "consul": "consul",
    "containerd": "containerd",
    "containerd-snapshotter": "containerd",
    "datadog": "datadog",
    "docker-bridge-mode": "docker",
    "docker-compose": "docker",
    "docker-container-mode": "docker",
    "docker-engine": "docker",
    "docker-host-mode": "docker",
    "docker-hub": "docker",
    "docker-log-drivers": "docker",
    "docker-overlay": "docker",
    "docker-swarm-classic": "docker",
    "docker-swarm-mode": "docker",
    "docker-volumes": "docker",
    "elasticsearch": "elasticsearch",
    "envoy": "envoyproxy",
    "etcd": "etcd",
    "falco": "falco",
    "fluent-bit": "fluentbit",
    "fluentd": "fluentd",
    "flux": "flux",
    "gateway-api": "kubernetes",
    "git": "git",
    "github-actions": "githubactions",
    "gitlab-ci": "gitlab",
    "google-artifact-registry": "googlecloud",
    "google-cloud-logging": "googlecloud",
    "google-cloud-storage": "googlecloudstorage",
    "google-gke": "googlecloud",
    "google-managed-prometheus": "googlecloud",
    "grafana": "grafana",
    "grafana-alloy": "grafana",
    "graphite": "graphite",
    "graylog": "graylog",
    "haproxy": "haproxy",
    "harbor": "harbor",
    "helm": "helm",
    "huawei-cce": "huawei",
    "influxdb": "influxdb",
    "ingress-nginx": "nginx",
    "istio": "istio",
    "jaeger": "jaeger",
    "jenkins": "jenkins",
    "k3s": "k3s",
    "kafka": "apachekafka",
    "kibana": "kibana",
    "kubernetes": "kubernetes",
    "kubernetes-cronjob": "kubernetes",
    "kubernetes-service": "kubernetes",
    "kubespray": "kubespray",
    "linkerd": "linkerd",
    "linux-bridge": "linux",
    "linux-bridge-l3-switch": "linux",
    "linux-cgroups": "linux",
    "linux-namespaces": "linux",
    "linux-tc": "linux",
    "logstash": "logstash",
    "loki": "grafana",
    "longhorn": "longhorn",
    "mimir": "grafana",
    "minio": "minio",
    "nginx": "nginx",
    "nomad": "nomad",
    "openbao": "openbao",
    "opensearch": "opensearch",
    "openshift": "redhatopenshift",
    "openstack": "openstack",
    "openstack-glance": "openstack",
    "openstack-neutron": "openstack",
    "openstack-swift": "openstack",
    "openstack-zun": "openstack",
    "opentelemetry-collector": "opentelemetry",
    "opentofu": "opentofu",
    "podman": "podman",
    "prometheus": "prometheus",
    "redis": "redis",
    "rke2": "rancher",
    "rocky-linux": "rockylinux",
    "rook": "rook",
    "tekton": "tekton",
    "tempo": "grafana",
    "terraform": "terraform",
    "thanos": "thanos",
    "traefik": "traefikproxy",
    "trivy": "trivy",
    "vault": "vault",
    "victoriametrics": "victoriametrics",
    "wireguard": "wireguard",
}

_WORD = re.compile(r"[A-Za-z0-9]+")


def icon_for(slug: str) -> str | None:
    """The simple-icons slug drawn for a catalog technology, or None (a monogram then)."""
    return MARKS.get(slug)


def monogram(name: str) -> str:
    """Up to two letters standing for a technology without a mark: the initials of its first two
    words ("Amazon EKS" -> "AE"), or the first two letters of a one-word name ("Calico" -> "Ca"); a
    parenthesis is a gloss, not part of the name ("AUFS (Docker storage driver)" -> "Au")."""
    words = _WORD.findall(name.split("(")[0]) or _WORD.findall(name)
    if not words:
        return (name[:1] or "?").upper()
    if len(words) == 1:
        word = words[0]
        return word[:1].upper() + word[1:2].lower()
    return (words[0][:1] + words[1][:1]).upper()


def tint(slug: str) -> int:
    """A stable tint (0-7) for a monogram badge, so that neighbouring badges differ."""
    return sum(slug.encode()) % 8
