"""The engine's view of the catalog, built once per catalog version and kept per process.

Building a snapshot reads the whole catalog (about 50 ms); checking whether the catalog changed is
one query (platform_survey.api.conditional.catalog_version, the one-row CatalogState that every
curated change bumps). A curator's change alters that version, so the very next evaluation uses a
fresh snapshot; a new day does too, because staleness is judged
against the snapshot's date.
"""

from __future__ import annotations

import threading

from django.utils import timezone

from platform_survey.catalog_version import catalog_version

from . import engine
from .snapshot_builder import build_snapshot

_lock = threading.Lock()
_cached: tuple[str, object, engine.Snapshot] | None = None


def current_snapshot() -> engine.Snapshot:
    global _cached
    version = catalog_version().fingerprint
    today = timezone.localdate()
    cached = _cached
    if cached is not None and cached[0] == version and cached[1] == today:
        return cached[2]
    with _lock:
        snapshot = build_snapshot(today=today)
        _cached = (version, today, snapshot)
    return snapshot
