"""Names and labels for the engine's output, in the requested content language.

``lang`` is a content language, "zh" or "en" (``platform_survey.i18n.content_language``). Bilingual
fields fall back to the other language when empty; Django labels go through gettext, so callers
run inside ``translation.override``.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .snapshot import Snapshot

STATUS_LABELS = {
    "active": _("Active"),
    "maintenance": _("Maintenance"),
    "dormant": _("Dormant"),
    "deprecated": _("Deprecated"),
    "retired": _("Retired"),
    "unverified": _("Unverified since 2017"),
}

MATURITY_LABELS = {
    "graduated": _("graduated or equivalent"),
    "incubating": _("incubating or equivalent"),
    "sandbox": _("early (sandbox or equivalent)"),
    "unknown": _("of unknown maturity"),
}

IMPORTANCE_LABELS = {
    "must": _("must"),
    "should": _("should"),
    "could": _("could"),
    "wont": _("won't"),
    "unsure": _("unsure"),
}

LANGUAGE_LABELS = {
    "go": "Go",
    "java": "Java",
    "scala": "Scala",
    "python": "Python",
    "c_cpp": "C / C++",
    "rust": "Rust",
    "ruby": "Ruby",
    "typescript": "JavaScript / TypeScript",
    "shell": "Shell",
    "php": "PHP",
    "lua": "Lua",
    "other": _("another language"),
    "none": _("no programming language"),
}

CONTEXT_KEY_LABELS = {
    "hosts": _("number of hosts"),
    "environment": _("environment"),
    "workloads": _("workloads"),
    "team_languages": _("team languages"),
    "datacenters": _("data centres"),
    "existing_infra": _("existing infrastructure"),
    "include_legacy": _("include legacy technologies"),
    "licence_policy": _("licence policy"),
    "delivery": _("delivery"),
    "cloud_providers": _("cloud providers"),
    "platform_team": _("platform team"),
    "risk_appetite": _("risk appetite"),
}


VALUE_LABELS = {
    "hosts": {
        "lt50": _("Fewer than 50 hosts"),
        "50_500": _("50–500 hosts"),
        "500_5000": _("500–5,000 hosts"),
        "gt5000": _("More than 5,000 hosts"),
    },
    "environment": {
        "bare_metal": _("bare metal"),
        "private_cloud": _("private cloud"),
        "public_cloud": _("public cloud"),
        "hybrid_cloud": _("hybrid cloud"),
    },
    "workloads": {
        "stateless": _("stateless services"),
        "databases": _("databases"),
        "message_queues": _("message queues"),
        "scheduled_jobs": _("scheduled jobs"),
        "big_data": _("big data"),
    },
    "team_languages": {
        "go": "Go",
        "java": "Java",
        "scala": "Scala",
        "python": "Python",
        "c_cpp": "C / C++",
        "other": _("other languages"),
    },
    "datacenters": {"single": _("one data centre"), "multi": _("several data centres")},
    "existing_infra": {"openstack": "OpenStack", "vlan": "VLAN", "ovs_sdn": "OVS / SDN", "none": _("none")},
    "include_legacy": {"true": _("yes"), "false": _("no")},
    "licence_policy": {
        "osi_only": _("open source only"),
        "source_available_ok": _("source-available acceptable"),
        "commercial_ok": _("commercial acceptable"),
    },
    "delivery": {"managed": _("managed services"), "self_hosted": _("self-hosted"), "either": _("either")},
    "cloud_providers": {
        "aws": "AWS",
        "gcp": "Google Cloud",
        "azure": "Azure",
        "alibaba": _("Alibaba Cloud"),
        "tencent": _("Tencent Cloud"),
        "huawei": _("Huawei Cloud"),
        "other": _("another provider"),
    },
    "platform_team": {"lt3": _("fewer than 3 people"), "3_10": _("3 to 10 people"), "gt10": _("more than 10 people")},
    "risk_appetite": {"conservative": _("conservative"), "balanced": _("balanced"), "adventurous": _("adventurous")},
}


def value_label(key: str, value: str | None) -> str:
    """A context answer's value in words (the contract's spelling when there is no label)."""
    return str(VALUE_LABELS.get(key, {}).get(value, value or ""))


def join(items) -> str:
    """A list in running text, punctuated for the active language (、 in Chinese)."""
    return ("、" if (get_language() or "").startswith("zh") else ", ").join(items)


def sentences(*parts: str) -> str:
    """Sentences one after another: Chinese needs no space after its full stop."""
    return ("" if (get_language() or "").startswith("zh") else " ").join(part for part in parts if part)


def pick(zh: str, en: str, lang: str) -> str:
    if lang == "zh":
        return zh or en
    return en or zh


def technology_name(snapshot: Snapshot, slug: str, lang: str) -> str:
    technology = snapshot.technologies.get(slug)
    if technology is None:
        return slug
    return (technology.name_zh or technology.name) if lang == "zh" else technology.name


def technology_ref(snapshot: Snapshot, slug: str, lang: str) -> dict[str, str]:
    return {"slug": slug, "name": technology_name(snapshot, slug, lang)}


def role_name(snapshot: Snapshot, slug: str | None, lang: str) -> str:
    role = snapshot.roles.get(slug) if slug else None
    if role is None:
        return slug or ""
    return pick(role.name_zh, role.name_en, lang) or slug


LICENSE_FAMILY_LABELS = {
    "permissive": _("permissive open source"),
    "copyleft": _("copyleft open source"),
    "source_available": _("source-available"),
    "proprietary": _("proprietary"),
    "not_applicable": _("not applicable"),
}


LEVEL_LABELS = {"yes": _("yes"), "partial": _("partial"), "no": _("no"), "unknown": _("unknown")}


def level_label(level: str) -> str:
    return str(LEVEL_LABELS.get(level, level))


def license_family_label(family: str) -> str:
    return str(LICENSE_FAMILY_LABELS.get(family, family))


def maturity_word(maturity: str) -> str:
    return str(MATURITY_LABELS.get(maturity, maturity))


def capability_name(snapshot: Snapshot, key: str, lang: str) -> str:
    capability = snapshot.capabilities.get(key)
    if capability is None:
        return key
    return pick(capability.name_zh, capability.name_en, lang) or key


def category_name(snapshot: Snapshot, slug: str, lang: str) -> str:
    category = snapshot.categories.get(slug)
    if category is None:
        return slug
    return pick(category.name_zh, category.name_en, lang) or slug


def company_name(snapshot: Snapshot, slug: str | None, lang: str) -> str:
    if slug is None:
        return ""
    company = snapshot.companies.get(slug)
    if company is None:
        return slug
    return pick(company.name_zh, company.name_en, lang) or slug


def source_title(snapshot: Snapshot, slug: str | None, lang: str) -> str | None:
    if not slug:
        return None
    source = snapshot.sources.get(slug)
    if source is None:
        return slug
    title = pick(source.title_zh, source.title_en, lang) or source.section or slug
    return title


def since_display(since: dt.date | None, precision: str) -> str:
    if since is None:
        return ""
    if precision == "year":
        return f"{since:%Y}"
    if precision == "month":
        return f"{since:%Y-%m}"
    return since.isoformat()


def status_word(status: str) -> str:
    """A lifecycle status inside a sentence ("active", "maintenance"; 活跃 in Chinese)."""
    return str(STATUS_LABELS.get(status, status)).lower()


def language_label(language: str) -> str:
    return str(LANGUAGE_LABELS.get(language, language))


def importance_label(importance: str | None) -> str:
    return str(IMPORTANCE_LABELS.get(importance or "wont", importance or ""))


def answer_display(key: str, value) -> str:
    """An answer as words for a message: importances and context values translated."""
    if value is None or value == []:
        return str(_("(no answer)"))
    if isinstance(value, list | tuple):
        return "[" + join(value_label(key, item) for item in value) + "]"
    if key not in CONTEXT_KEY_LABELS:
        return importance_label(value)
    return value_label(key, value)


def question_label(snapshot: Snapshot | None, key: str, lang: str) -> str:
    """A question in words: a context key's label, or a requirement's capability name."""
    if key in CONTEXT_KEY_LABELS:
        return str(CONTEXT_KEY_LABELS[key])
    return capability_name(snapshot, key, lang) if snapshot is not None else key
