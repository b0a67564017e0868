"""The questionnaire contract, as the decisions app uses it: defined in catalog/contract.py.

The vocabulary sits below both apps (catalog data such as pitfall triggers is written in it), so
the catalog never imports decisions. Keys may grow but may never be renamed.
"""

from catalog.contract import (
    ALL_KEYS,
    BOOLEAN,
    CLOUD_PROVIDERS,
    CONTEXT_QUESTIONS,
    DATACENTERS,
    DELIVERIES,
    ENVIRONMENTS,
    EXISTING_INFRA,
    HOSTS,
    IMPORTANCES,
    LICENCE_POLICIES,
    PLATFORM_TEAMS,
    REQUIREMENTS,
    RISK_APPETITES,
    TEAM_LANGUAGES,
    WORKLOADS,
    allowed_values,
    is_multiple,
)

__all__ = [
    "ALL_KEYS",
    "BOOLEAN",
    "CLOUD_PROVIDERS",
    "CONTEXT_QUESTIONS",
    "DATACENTERS",
    "DELIVERIES",
    "ENVIRONMENTS",
    "EXISTING_INFRA",
    "HOSTS",
    "IMPORTANCES",
    "LICENCE_POLICIES",
    "PLATFORM_TEAMS",
    "REQUIREMENTS",
    "RISK_APPETITES",
    "TEAM_LANGUAGES",
    "WORKLOADS",
    "allowed_values",
    "is_multiple",
]
