"""``{% load tech_marks %}`` then ``{% tech_mark technology %}``: a technology's logo (a simple-icons
mark vendored in static/icons/, see catalog/marks.py) or, without one, a monogram badge.

The mark is decorative (the name always stands beside it), so it has an empty alt text and the
monogram is hidden from assistive technology."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from catalog.marks import icon_for, monogram, tint

register = template.Library()


@register.simple_tag
def tech_mark(technology: object, size: str = "md") -> SafeString:
    slug = getattr(technology, "slug", "")
    icon = icon_for(slug)
    if icon:
        return format_html(
            '<span class="tech-mark tech-mark-{}"><img src="{}" alt="" width="24" height="24" loading="lazy"></span>',
            size, static(f"icons/{icon}.svg"),
        )  # fmt: skip
    name = str(getattr(technology, "name", "") or slug)
    return format_html(
        '<span class="tech-mark tech-mark-{} monogram monogram-{}" aria-hidden="true">{}</span>',
        size, tint(slug), monogram(name),
    )  # fmt: skip
