"""Page-number pagination with strictly validated parameters (a bad value is a 400, not ignored)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def _positive(self, request, name: str, maximum: int | None = None) -> int | None:
        given = request.query_params.getlist(name)
        if not given:
            return None
        if len(given) > 1:
            raise exceptions.ValidationError({name: [_("Give this parameter once.")]})
        try:
            value = int(given[0])
        except ValueError:
            value = 0
        if value < 1 or (maximum is not None and value > maximum):
            limit = _("a whole number from 1 to %(max)d") % {"max": maximum} if maximum else _("a whole number ≥ 1")
            raise exceptions.ValidationError({name: [_("Must be %(limit)s.") % {"limit": limit}]})
        return value

    def get_page_size(self, request) -> int:
        return self._positive(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator) -> int:
        # A page past the end is still a 404 ("Invalid page."), as in DRF.
        return self._positive(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Page number, from 1. A page past the last one is a 404.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Items per page (default %(default)d).") % {"default": self.page_size}),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
