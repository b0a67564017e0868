"""{% hole "name" %}: a per-visitor part of the page shell (CSRF token, account links, messages).

Rendered in place normally. While a page is being rendered for the page cache
(platform_survey/page_cache.py), it leaves a marker instead, which is filled for each visitor when
the cached page is served — so a cached page never carries someone else's token or name.
"""

from django import template
from django.utils.safestring import mark_safe

from platform_survey.page_cache import hole_marker, hole_template

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name: str):
    request = context.get("request")
    if getattr(request, "page_cache_active", False):
        return mark_safe(hole_marker(name))  # noqa: S308 - a fixed HTML comment
    return context.template.engine.get_template(hole_template(name)).render(context)
