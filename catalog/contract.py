"""The questionnaire contract: stable keys and values that the API accepts (PRODUCT.md).

It lives in the catalog because catalog data is written in it (pitfall triggers name its keys and
values; each requirement key is a Capability slug); ``decisions.contract`` re-exports it.

This module is the single place those keys are spelled. The questionnaire itself (sections, help
text, links) is versioned data in fixtures/; a test checks that the data and this contract agree.
Keys here may grow but may never be renamed.
"""

from __future__ import annotations

HOSTS = ("lt50", "50_500", "500_5000", "gt5000")
ENVIRONMENTS = ("bare_metal", "private_cloud", "public_cloud", "hybrid_cloud")
WORKLOADS = ("stateless", "databases", "message_queues", "scheduled_jobs", "big_data")
TEAM_LANGUAGES = ("go", "java", "scala", "python", "c_cpp", "other")
DATACENTERS = ("single", "multi")
EXISTING_INFRA = ("openstack", "vlan", "ovs_sdn", "none")
BOOLEAN = ("true", "false")
# Decision model v2 (PRODUCT.md): licence, delivery, clouds, team and risk appetite.
LICENCE_POLICIES = ("osi_only", "source_available_ok", "commercial_ok")
DELIVERIES = ("managed", "self_hosted", "either")
CLOUD_PROVIDERS = ("aws", "gcp", "azure", "alibaba", "tencent", "huawei", "other")
PLATFORM_TEAMS = ("lt3", "3_10", "gt10")
RISK_APPETITES = ("conservative", "balanced", "adventurous")

# key -> (allowed values, several values allowed?)
CONTEXT_QUESTIONS: dict[str, tuple[tuple[str, ...], bool]] = {
    "hosts": (HOSTS, False),
    "environment": (ENVIRONMENTS, False),
    "workloads": (WORKLOADS, True),
    "team_languages": (TEAM_LANGUAGES, True),
    "datacenters": (DATACENTERS, False),
    "existing_infra": (EXISTING_INFRA, True),
    "include_legacy": (BOOLEAN, False),
    "licence_policy": (LICENCE_POLICIES, False),
    "delivery": (DELIVERIES, False),
    "cloud_providers": (CLOUD_PROVIDERS, True),
    "platform_team": (PLATFORM_TEAMS, False),
    "risk_appetite": (RISK_APPETITES, False),
}

IMPORTANCES = ("must", "should", "could", "wont", "unsure")

# Requirement key -> the catalog category whose technologies it scores. Each key is also the slug
# of a Capability in the catalog.
REQUIREMENTS: dict[str, str] = {
    # orchestration & upgrades
    "rolling_update": "orchestration",
    "rollback": "orchestration",
    "autoscaling": "orchestration",
    "self_healing": "orchestration",
    "stateful_workloads": "orchestration",
    "fine_grained_resources": "orchestration",
    "priority_preemption": "orchestration",
    "web_ui": "orchestration",
    "rest_api": "orchestration",
    "extensibility": "orchestration",
    "operational_simplicity": "orchestration",
    # network
    "cross_host_networking": "network",
    "fixed_ip": "network",
    "dns_discovery": "discovery",  # v2: cluster DNS is a discovery role (the key keeps its meaning)
    "cni_support": "network",
    "network_policy": "network",
    "multi_tenancy": "network",
    "network_performance": "network",
    "no_manual_ip_planning": "network",
    # storage
    "persistent_volumes": "storage",
    "distributed_storage": "storage",
    # discovery & load balancing
    "service_registry": "discovery",
    "l4_load_balancing": "discovery",
    "l7_load_balancing": "discovery",
    # observability
    "centralized_logging": "logging",
    "metrics_monitoring": "monitoring",
    "alerting": "monitoring",
    # registry
    "registry_ha": "registry",
    "registry_access_control": "registry",
    "image_replication": "registry",
    "image_signing": "registry",
    # decision model v2 (2026-12)
    "gitops": "automation",
    "service_mesh": "discovery",
    "mtls": "discovery",
    "encryption_in_transit": "network",
    "policy_enforcement": "security",
    "secrets_management": "security",
    "image_scanning": "registry",
    "distributed_tracing": "monitoring",
    "long_term_metrics": "monitoring",
    "log_search": "logging",
    "lightweight_collection": "logging",
    "multi_cluster": "orchestration",
    "batch_scheduling": "scheduled_jobs",
    "cost_efficiency": "orchestration",
}

ALL_KEYS = frozenset(CONTEXT_QUESTIONS) | frozenset(REQUIREMENTS)


def allowed_values(key: str) -> tuple[str, ...]:
    """Values a key accepts; KeyError for a key outside the contract."""
    if key in CONTEXT_QUESTIONS:
        return CONTEXT_QUESTIONS[key][0]
    if key in REQUIREMENTS:
        return IMPORTANCES
    raise KeyError(key)


def is_multiple(key: str) -> bool:
    return key in CONTEXT_QUESTIONS and CONTEXT_QUESTIONS[key][1]
