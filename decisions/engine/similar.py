"""Similar companies: the case studies closest to the answers (engine point 6).

Similarity = the number of technologies the case study's *current* stage (its last) shares with
the recommended stack + scale proximity, where proximity is 1 for the same ``hosts`` bucket,
2/3 one bucket away, 1/3 two away, 0 three away or when either side is unknown. Case studies that
share nothing are left out; the best five are kept, ties by slug.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from decisions import contract

from . import text
from .snapshot import Snapshot

LIMIT = 5
_BUCKETS = {value: position for position, value in enumerate(contract.HOSTS)}


def proximity(hosts: str | None, scale: str) -> float:
    if hosts not in _BUCKETS or scale not in _BUCKETS:
        return 0.0
    return 1 - abs(_BUCKETS[hosts] - _BUCKETS[scale]) / (len(_BUCKETS) - 1)


def similar_case_studies(snapshot: Snapshot, stack: Iterable[str], hosts: str | None) -> list[dict[str, Any]]:
    in_stack = set(stack)
    scored = []
    for case in snapshot.case_studies.values():
        shared = sorted(in_stack.intersection(case.current))
        if not shared:
            continue
        similarity = round(len(shared) + proximity(hosts, case.scale), 2)
        scored.append((-similarity, case.slug, case, shared, similarity))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [
        {
            "slug": case.slug,
            "company": text.company_name(snapshot, case.company),
            "company_slug": case.company,
            "title": text.pick(case.title_zh, case.title_en),
            "scale": case.scale,
            "similarity": similarity,
            "shared": [text.technology_ref(snapshot, slug) for slug in shared],
        }
        for _key, _slug, case, shared, similarity in scored[:LIMIT]
    ]
