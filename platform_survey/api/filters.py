"""The base FilterSet for every API list: a query parameter that takes one value may not be repeated.

django-filter quietly uses the last of ``?category=a&category=b``; the API says 400 instead, so a
client never gets results for a filter it did not mean. Filters that take several values
(``MultipleChoiceFilter``, or any filter with ``repeatable = True``) may be repeated. For the same
reason an ``ordering`` with an empty term (``name,,slug``) is a 400 rather than silently shortened.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _


class StrictFilterSet(django_filters.FilterSet):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self.data is None:
            return valid
        for name, filter_ in self.filters.items():
            repeatable = isinstance(filter_, django_filters.MultipleChoiceFilter) or getattr(
                filter_, "repeatable", False
            )
            if not repeatable and len(self.data.getlist(name)) > 1:
                self.form.add_error(name, _("Give this parameter once."))
                valid = False
            elif isinstance(filter_, django_filters.OrderingFilter) and self._has_empty_term(name):
                self.form.add_error(name, _("Name a field between each pair of commas."))
                valid = False
        return valid

    def _has_empty_term(self, name: str) -> bool:
        """``?ordering=name,,slug`` or ``?ordering=,`` (django-filter would drop the empty terms);
        a wholly empty ``?ordering=`` means the default order."""
        value = self.data.get(name)
        return bool(value) and any(term == "" for term in value.split(","))
