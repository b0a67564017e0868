"""Evidence the catalog shows but does not own: the case studies.

A technology's page lists the companies whose stacks use it and the lessons that mention it; a
pitfall's page lists the lessons about it; the radar counts adoptions; search finds case studies
and lessons; the home page counts them. The case studies sit *above* the catalog
(docs/ARCHITECTURE.md: casestudies imports catalog, never the reverse), so the catalog reaches
them through this one port: ``casestudies/apps.py`` registers its implementation when Django
starts (``casestudies/evidence.py``), and catalog code calls ``evidence()``.

The port hands out base QuerySets only; the catalog adds its own ``select_related``, ordering and
filters along the reverse relations the case-study models declare (``stack_entries``, ``lessons``).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


class Evidence:
    """What the case studies provide to the catalog."""

    def case_studies(self) -> QuerySet:
        """All case studies."""
        raise NotImplementedError

    def lessons(self) -> QuerySet:
        """All lessons."""
        raise NotImplementedError

    def stack_entries(self) -> QuerySet:
        """All stack entries, each annotated with ``latest_order``: the order of its case study's
        current stage (an entry is current when ``stage.order == latest_order``)."""
        raise NotImplementedError


_registered: Evidence | None = None


def register(implementation: Evidence) -> None:
    global _registered
    _registered = implementation


def evidence() -> Evidence:
    if _registered is None:
        raise ImproperlyConfigured("No case-study evidence registered: is 'casestudies' in INSTALLED_APPS?")
    return _registered
