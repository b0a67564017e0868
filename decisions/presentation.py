"""How a stored result reads on its page, beyond what the engine wrote: why each pick beat the
runner-up of its role, and what each similar company shares with the stack and where it differs.

Both are read from the result's own output (the ranked candidates' explanation lines, the stack by
role) and, for the companies, from their case study's current stage as it is in the knowledge base
now; the engine and the stored output are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from casestudies.models import CaseStudy, Scale

# The most requirement lines a "why it beat the runner-up" note names (the biggest gaps first).
LEAD_LINES = 3


def lead_over_runner_up(unit: dict[str, Any], pick_slug: str | None) -> dict[str, Any] | None:
    """Where the pick, ranked first, earned more points than the second candidate: the runner-up
    and up to LEAD_LINES requirements, biggest gap first. None when the pick is not first, when
    there is no runner-up, or when they are tied (the tie's own note says what decided it)."""
    candidates = unit.get("candidates") or []
    if len(candidates) < 2 or not pick_slug or candidates[0]["technology"]["slug"] != pick_slug:
        return None
    first, second = candidates[0], candidates[1]
    if second.get("rank") == first.get("rank") or any(
        tied.get("slug") == second["technology"]["slug"] for tied in first.get("tied_with") or []
    ):
        return None
    theirs = {line.get("requirement"): line for line in second.get("explanation") or []}
    gaps = []
    for line in first.get("explanation") or []:
        other = theirs.get(line.get("requirement"))
        if other is None:
            continue
        gap = round(float(line.get("points") or 0) - float(other.get("points") or 0), 2)
        if gap > 0:
            gaps.append(
                {
                    "name": line.get("name") or line.get("requirement"),
                    "level": line.get("level"),
                    "runner_up_level": other.get("level"),
                    "gap": gap,
                }
            )
    gaps.sort(key=lambda item: (-item["gap"], item["name"]))
    return {"runner_up": second["technology"], "score": second.get("score"), "lines": gaps[:LEAD_LINES]}


def compare_with_case_studies(output: dict[str, Any]) -> list[dict[str, Any]]:
    """Each similar company of the result with what it shares, and, layer by layer, where its
    current stage runs something else than the recommended stack; and its scale beside yours."""
    similar = output.get("similar_case_studies") or []
    if not similar:
        return []
    yours: dict[str, list[dict]] = defaultdict(list)
    for entry in output.get("stack") or []:
        technology = entry.get("technology")
        if technology and technology not in yours[entry["category"]]:
            yours[entry["category"]].append(technology)
    layer_names = {
        category["category"]: category.get("name", category["category"]) for category in output.get("categories", [])
    }
    studies = {
        study.slug: study
        for study in CaseStudy.objects.filter(slug__in=[case["slug"] for case in similar]).prefetch_related(
            "stages__stack__technology", "stages__stack__layer"
        )
    }
    scales = dict(Scale.choices)
    hosts = (output.get("answers") or {}).get("hosts")
    rows = []
    for case in similar:
        study = studies.get(case["slug"])
        stages = sorted(study.stages.all(), key=lambda stage: stage.order) if study else []
        theirs: dict[str, list] = defaultdict(list)
        for entry in stages[-1].stack.all() if stages else []:
            theirs[entry.layer.slug].append(entry.technology)
        differs = []
        for layer, picks in yours.items():
            their_technologies = theirs.get(layer, [])
            mine = {pick["slug"] for pick in picks}
            others = [t for t in their_technologies if t.slug not in mine]
            if others:
                differs.append(
                    {
                        "layer": layer_names.get(layer, layer),
                        "theirs": [t.name_local for t in others],
                        "yours": [pick["name"] for pick in picks],
                    }
                )
        rows.append(
            {
                **case,
                "differs": differs,
                "scale_label": scales.get(case.get("scale")) if case.get("scale") not in (None, "unknown") else None,
                "your_scale_label": scales.get(hosts) if hosts else None,
                "same_scale": bool(hosts) and hosts == case.get("scale"),
            }
        )
    return rows
