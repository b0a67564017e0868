"""Catalog badges for templates: ``{% load catalog_badges %}``.

- ``level|level_badge`` — an assessment level as a labelled badge (a symbol and a word, never
  colour alone). It lives with the catalog because its words are the catalog's Assessment levels.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from catalog.models import Assessment

register = template.Library()

Level = Assessment.Level
LEVEL_SYMBOLS = {Level.YES: "✓", Level.PARTIAL: "◐", Level.NO: "✗", Level.UNKNOWN: "?"}


def level_label(level: str) -> str:
    return str(dict(Assessment.Level.choices).get(level, _("Not assessed")))


@register.filter
def level_badge(level: str | None) -> SafeString:
    level = level or "none"
    symbol = LEVEL_SYMBOLS.get(level, "–")
    return format_html(
        '<span class="badge level level-{}"><span aria-hidden="true">{}</span> {}</span>', level, symbol,
        level_label(level),
    )  # fmt: skip
