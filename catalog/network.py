"""The network guide's data: approaches, interface camps and reported performance orderings."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .models import ApproachMember, CampMember, NetworkApproach, NetworkCamp, PerformanceEntry, PerformanceReport

BAR_MAX_WIDTH = 100  # percent steps are drawn by class names bar-0 … bar-100 (no inline style)


@dataclass(frozen=True)
class Bar:
    entry: PerformanceEntry
    width: int  # 0–100, rounded to a multiple of 5 for the bar-N classes


def _members(model: type) -> Prefetch:
    return Prefetch(
        "members", queryset=model.objects.select_related("technology").order_by("order", "technology__name")
    )


def approaches() -> QuerySet[NetworkApproach]:
    """Approaches in order with source and members' technologies: two queries."""
    return NetworkApproach.objects.select_related("source").prefetch_related(_members(ApproachMember))


def camps() -> QuerySet[NetworkCamp]:
    """Camps in order with both sources and members' technologies: two queries."""
    return NetworkCamp.objects.select_related("source", "now_source").prefetch_related(_members(CampMember))


def reports() -> QuerySet[PerformanceReport]:
    """Performance reports with source, reporting company and ranked entries: two queries."""
    return PerformanceReport.objects.select_related("source", "reported_by").prefetch_related(
        Prefetch("entries", queryset=PerformanceEntry.objects.select_related("technology").order_by("rank", "label_en"))
    )


def bars(report: PerformanceReport) -> list[Bar]:
    """Bar widths for a report's entries. With values: proportional to the best value (or, when
    lower is better, to best / value). Without values (an ordering only): stepped by rank, so the
    bars show the order and nothing more — the page says so."""
    entries = list(report.entries.all())
    if not entries:
        return []
    values = [entry.value for entry in entries if entry.value is not None]
    if len(values) == len(entries) and values and max(values) > 0:
        if report.higher_is_better:
            best = max(values)
            widths = [float(entry.value / best) for entry in entries]
        else:
            best = min(v for v in values if v > 0) if any(v > 0 for v in values) else 1
            widths = [float(best / entry.value) if entry.value else 1.0 for entry in entries]
    else:
        last = max(entry.rank for entry in entries)
        widths = [(last - entry.rank + 1) / last for entry in entries]
    return [Bar(entry, _step(width)) for entry, width in zip(entries, widths, strict=True)]


def has_values(report: PerformanceReport) -> bool:
    return all(entry.value is not None for entry in report.entries.all())


def _step(fraction: float) -> int:
    return max(5, min(BAR_MAX_WIDTH, round(fraction * 20) * 5))
