"""Names and labels for the engine's output, language-free (see ``words.py``).

Bilingual catalog fields become ``{"zh": ..., "en": ...}`` pairs (each side falling back to the
other when empty, a single string when both are the same); Django's labels become ``{"$l": table,
"k": key}`` references that ``decisions/rendering.py`` translates at read time. The ``lang``
arguments are gone from the output: nothing here depends on a language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .snapshot import Snapshot
from .words import cat, join, label, msg, sentences

__all__ = ["cat", "join", "sentences"]

# The context questions (their labels are the renderer's "context_key" table).
CONTEXT_KEYS = frozenset({
    "hosts", "environment", "workloads", "team_languages", "datacenters", "existing_infra", "include_legacy",
    "licence_policy", "delivery", "cloud_providers", "platform_team", "risk_appetite",
})  # fmt: skip


def value_label(key: str, value: str | None) -> Any:
    """A context answer's value in words (the contract's spelling when there is no label)."""
    return label("value", [key, value])


def pick(zh: str, en: str) -> Any:
    """Bilingual data: each language falls back to the other; "" when both are empty."""
    zh, en = zh or en, en or zh
    if zh == en:
        return zh or ""
    return {"zh": zh, "en": en}


def technology_name(snapshot: Snapshot, slug: str) -> Any:
    technology = snapshot.technologies.get(slug)
    if technology is None:
        return slug
    return pick(technology.name_zh or technology.name, technology.name)


def technology_ref(snapshot: Snapshot, slug: str) -> dict[str, Any]:
    return {"slug": slug, "name": technology_name(snapshot, slug)}


def role_name(snapshot: Snapshot, slug: str | None) -> Any:
    role = snapshot.roles.get(slug) if slug else None
    if role is None or not slug:
        return slug or ""
    return pick(role.name_zh or role.name_en or slug, role.name_en or role.name_zh or slug)


def level_label(level: str) -> Any:
    return label("level", level)


def license_family_label(family: str) -> Any:
    return label("license_family", family)


def maturity_word(maturity: str) -> Any:
    return label("maturity", maturity)


def capability_name(snapshot: Snapshot, key: str | None) -> Any:
    capability = snapshot.capabilities.get(key) if key else None
    if capability is None or not key:
        return key
    return pick(capability.name_zh or capability.name_en or key, capability.name_en or capability.name_zh or key)


def category_name(snapshot: Snapshot, slug: str) -> Any:
    category = snapshot.categories.get(slug)
    if category is None:
        return slug
    return pick(category.name_zh or category.name_en or slug, category.name_en or category.name_zh or slug)


def company_name(snapshot: Snapshot, slug: str | None) -> Any:
    if slug is None:
        return ""
    company = snapshot.companies.get(slug)
    if company is None:
        return slug
    return pick(company.name_zh or company.name_en or slug, company.name_en or company.name_zh or slug)


def source_title(snapshot: Snapshot, slug: str | None) -> Any:
    if not slug:
        return None
    source = snapshot.sources.get(slug)
    if source is None:
        return slug
    fallback = source.section or slug
    return pick(source.title_zh or source.title_en or fallback, source.title_en or source.title_zh or fallback)


def since_display(since: dt.date | None, precision: str) -> str:
    if since is None:
        return ""
    if precision == "year":
        return f"{since:%Y}"
    if precision == "month":
        return f"{since:%Y-%m}"
    return since.isoformat()


def status_label(status: str) -> Any:
    """A lifecycle status as a label ("Active", "Maintenance")."""
    return label("status", status)


def status_word(status: str) -> Any:
    """A lifecycle status inside a sentence ("active", "maintenance"; 活跃 in Chinese)."""
    return label("status_word", status)


def language_label(language: str) -> Any:
    return label("language", language)


def importance_label(importance: str | None) -> Any:
    return label("importance", importance or "wont")


def answer_display(key: str, value) -> Any:
    """An answer as words for a message: importances and context values translated."""
    if value is None or value == []:
        return msg("text.no_answer")
    if isinstance(value, list | tuple):
        return cat("[", join(value_label(key, item) for item in value), "]")
    if key not in CONTEXT_KEYS:
        return importance_label(value)
    return value_label(key, value)


def question_label(snapshot: Snapshot | None, key: str) -> Any:
    """A question in words: a context key's label, or a requirement's capability name."""
    if key in CONTEXT_KEYS:
        return label("context_key", key)
    return capability_name(snapshot, key) if snapshot is not None else key
