"""Template tags and filters shared by every app's pages: ``{% load survey %}``.

- ``obj|tr:"summary"`` — the bilingual field in the active language (a LocalizedText).
- ``{% text obj "summary" %}`` — the same, rendered with its ``lang`` and a visible marker when
  the text fell back to the other language; ``paragraphs=True`` renders line breaks as paragraphs.
- ``status|status_badge``, ``severity|severity_badge`` — labelled badges (a symbol and a word,
  never colour alone); ``level|level_badge`` is the catalog's (``{% load catalog_badges %}``).
- ``{% stale_mark claim %}`` — "stale" when a claim is past its review-by date.
- ``value|number`` — a Decimal shown without trailing zeros and with thousands separators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from platform_survey.i18n import LocalizedText, localized

register = template.Library()

HTML_LANG = {"zh": "zh-Hans", "en": "en"}


@register.filter
def tr(obj: object, field: str) -> LocalizedText:
    """``obj|tr:"summary"``: the field in the active language, falling back to the other one."""
    if obj is None:
        return LocalizedText("", "zh", False)
    return localized(obj, field)


@register.filter
def html_lang(text: LocalizedText) -> str:
    return HTML_LANG.get(getattr(text, "language", ""), "")


def fallback_marker(text: LocalizedText) -> SafeString:
    if not text.fallback:
        return mark_safe("")
    label = _("English only") if text.language == "en" else _("Chinese only")
    return format_html(' <span class="fallback" title="{}">{}</span>', _("Not yet translated"), label)


def _paragraphs(text: str) -> SafeString:
    chunks = [chunk.strip() for chunk in normalize_newlines(text).split("\n\n") if chunk.strip()]
    return mark_safe("".join(format_html("<p>{}</p>", chunk) for chunk in chunks))  # noqa: S308 - each chunk escaped


@register.simple_tag
def text(obj: object, field: str, paragraphs: bool = False) -> SafeString:
    """The bilingual field with its language marked; a fallback is labelled, never silent."""
    value = tr(obj, field)
    if not value:
        return mark_safe("")
    if paragraphs:
        return format_html(
            '<div class="prose" lang="{}">{}</div>{}', HTML_LANG[value.language], _paragraphs(value.text),
            fallback_marker(value),
        )  # fmt: skip
    if value.fallback:
        return format_html('<span lang="{}">{}</span>{}', HTML_LANG[value.language], value.text, fallback_marker(value))
    return format_html("{}", value.text)


@register.filter
def status_badge(technology: object) -> SafeString:
    """The lifecycle status of a technology, as a badge."""
    status = getattr(technology, "status", "")
    return format_html('<span class="badge status status-{}">{}</span>', status, technology.get_status_display())


@register.filter
def severity_badge(pitfall: object) -> SafeString:
    return format_html(
        '<span class="badge severity severity-{}">{}</span>', pitfall.severity, pitfall.get_severity_display()
    )


def _is_stale(claim: object) -> bool:
    review_by = getattr(claim, "review_by", None)
    return bool(review_by and review_by < timezone.localdate())


@register.simple_tag
def stale_mark(claim: object, review_by: dt.date | None = None) -> SafeString:
    """'stale' when the claim (or the given review-by date) is past; its tooltip says since when."""
    review_by = review_by or getattr(claim, "review_by", None)
    if not review_by or review_by >= timezone.localdate():
        return mark_safe("")
    return format_html(
        '<span class="badge stale" title="{}">{}</span>',
        _("Past its review date (%(date)s) and not re-confirmed since.") % {"date": review_by.isoformat()},
        pgettext("claim", "stale"),
    )


@register.filter
def is_stale(claim: object) -> bool:
    return _is_stale(claim)


@register.filter
def isodate(value: dt.date | dt.datetime | None) -> str:
    """A date as YYYY-MM-DD in both languages (unambiguous, and how the sources write it)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().isoformat()
    return value.isoformat()


@register.filter
def longdate(value: dt.date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


@register.filter
def number(value: Decimal | int | float | None) -> str:
    """1000.000 → "1,000"; 0.500 → "0.5". Thousands separators help both languages' readers."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """``mapping|get_item:key`` for dictionaries built by views (matrices)."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag
def tech_link(technology: object, show_status: bool = True) -> SafeString:
    """A link to a technology page; legacy technologies carry their status beside the name."""
    url = technology.get_absolute_url()
    name = technology.name_local
    if show_status and technology.is_legacy:  # catalog.choices.LEGACY_STATUSES
        return format_html(
            '<a href="{}">{}</a> <span class="badge status status-{} badge-small">{}</span>',
            url, name, technology.status, technology.get_status_display(),
        )  # fmt: skip
    return format_html('<a href="{}">{}</a>', url, name)


@register.simple_tag
def compare_url(*technologies: object) -> str:
    """The compare page for the given technologies (objects or slugs), as a shareable URL."""
    slugs = [getattr(t, "slug", t) for t in technologies if t]
    return reverse("catalog:compare") + ("?technologies=" + ",".join(slugs) if slugs else "")


@register.filter
def last_of(value: Iterable) -> object:
    """The last item of any iterable, prefetched querysets included (``|last`` rejects those)."""
    items = list(value or [])
    return items[-1] if items else None


def _with_unit(value: Decimal, unit: str) -> str:
    shown = number(value)
    if unit == "percent":
        return f"{shown}%"
    if unit == "multiplier":
        return f"{shown}×"
    if unit == "seconds":
        return _("%(n)s s") % {"n": shown}
    units = {
        "hosts": _("%(n)s hosts"),
        "containers": _("%(n)s containers"),
        "applications": _("%(n)s applications"),
        "layers": _("%(n)s layers"),
    }
    return units[unit] % {"n": shown} if unit in units else shown


@register.filter
def metric_value(metric: object) -> str:
    """A metric as a reader says it: "more than 100,000 containers", "20% → 80%", "8,000 at peak"."""
    shown = _with_unit(metric.value, metric.unit)
    if metric.baseline is not None:
        shown = _("%(baseline)s → %(value)s") % {"baseline": _with_unit(metric.baseline, metric.unit), "value": shown}
    qualified = {
        "approx": _("about %(value)s"),
        "at_least": _("more than %(value)s"),
        "peak": _("%(value)s at peak"),
    }
    return qualified[metric.qualifier] % {"value": shown} if metric.qualifier in qualified else shown
