"""The catalog's version: one row, bumped in the same transaction as every curated change.

Reading it is one primary-key lookup, cheap enough for every request: it keys the cached pages and
API reads and makes the ETags, so a curator's change shows on the very next request in every
process. It is bumped by signals on every save, delete and many-to-many change of the versioned
models (admin, API and the knowledge-base loader all save through the ORM). Code that writes
around the ORM's signals — bulk_create, QuerySet.update, raw SQL — must call
``bump_catalog_version()`` itself (generate_scale_data does).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils import timezone


class CatalogState(models.Model):
    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "catalog state"

    def __str__(self) -> str:
        return f"catalog version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


def bump_catalog_version() -> None:
    """Advance the version (creating the row on first use)."""
    updated = CatalogState.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    if not updated:
        CatalogState.objects.get_or_create(pk=1)


class RateCounter(models.Model):
    """One rate-limit counter (platform_survey/cache_backends.CounterCache): an integer a single SQL
    statement increments atomically, with the time it stops counting. Only the limiter uses it."""

    key = models.CharField(max_length=250, primary_key=True)
    count = models.BigIntegerField(default=0)
    expires = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate counter"

    def __str__(self) -> str:
        return f"{self.key}={self.count}"
