"""Template helpers for the wizard and result pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from platform_survey.i18n import LocalizedText, localized

register = template.Library()


@register.filter
def local(obj, field: str) -> LocalizedText:
    """{{ section|local:"intro" }} — a bilingual field in the active language (with fallback)."""
    return localized(obj, field)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def source_label(source) -> str:
    """An explanation line's source, whether the engine gave a slug or {slug, title, url}."""
    if isinstance(source, dict):
        return source.get("title") or source.get("slug") or ""
    return source or ""


@register.filter
def source_anchor(source) -> str:
    slug = source.get("slug") if isinstance(source, dict) else source
    return f"#source-{slug}" if slug else ""


@register.filter
def percent(value) -> str:
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def markdown(text: str):
    """Sanitised HTML from user Markdown (platform_survey/markdown.py)."""
    from platform_survey.markdown import render_markdown

    return render_markdown(text)


_LABELS = {
    "level": {"yes": _("yes"), "partial": _("partial"), "no": _("no"), "unknown": _("unknown")},
    "importance": {
        "must": _("must"),
        "should": _("should"),
        "could": _("could"),
        "wont": _("won't"),
        "unsure": _("unsure"),
    },
    "severity": {"critical": _("critical"), "high": _("high"), "medium": _("medium"), "low": _("low")},
}


@register.filter
def label(value, vocabulary: str) -> str:
    """A stored code (a level, an importance, a severity or risk level) in the reader's language."""
    if value is None or value == "":
        return "—"
    return str(_LABELS.get(vocabulary, {}).get(value, value))
