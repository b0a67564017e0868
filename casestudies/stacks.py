"""What the case-study pages compute from stages' stacks, kept out of the views: one case study's
layer × stage grid and its timeline, and the adoption matrix across all case studies. Each reads
only prefetched data (``CaseStudyQuerySet.for_list`` / ``for_detail``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from catalog.models import Category, Technology

CURRENT, EARLIER = "current", "earlier"


@dataclass(frozen=True)
class LayerRow:
    """One row of the stack grid: a layer, and the stack entries of each stage at that layer."""

    layer: Category
    cells: list[list]  # one list of StackEntry per stage, in stage order


def stack_grid(stages: list) -> list[LayerRow]:
    """Layers (in layer order) × stages: which technologies each stage used at each layer."""
    layers: dict[int, Category] = {}
    cells: dict[tuple[int, int], list] = defaultdict(list)
    for index, stage in enumerate(stages):
        for entry in stage.stack.all():
            layers.setdefault(entry.layer_id, entry.layer)
            cells[(entry.layer_id, index)].append(entry)
    ordered = sorted(layers.values(), key=lambda layer: (layer.order, layer.slug))
    return [LayerRow(layer, [cells.get((layer.pk, i), []) for i in range(len(stages))]) for layer in ordered]


@dataclass(frozen=True)
class TimelineStep:
    """A stage and what changed since the one before: technologies added and dropped."""

    stage: object
    added: list[Technology]
    dropped: list[Technology]
    current: bool


def timeline(stages: list) -> list[TimelineStep]:
    steps, previous = [], {}
    for index, stage in enumerate(stages):
        technologies = {entry.technology_id: entry.technology for entry in stage.stack.all()}
        added = [t for pk, t in technologies.items() if pk not in previous] if index else []
        dropped = [t for pk, t in previous.items() if pk not in technologies]
        steps.append(TimelineStep(stage, added, dropped, index == len(stages) - 1))
        previous = technologies
    return steps


@dataclass(frozen=True)
class MatrixRow:
    technology: Technology
    layer: Category
    marks: list[str]  # per case study: CURRENT, EARLIER or ""

    @property
    def count(self) -> int:
        return sum(1 for mark in self.marks if mark)


@dataclass(frozen=True)
class Adoption:
    """Who used what, at which layer: ``marks[(layer, technology)][case study]`` is CURRENT when the
    case study's latest stage uses it there, else EARLIER when an earlier stage did."""

    case_studies: list
    layers: list[Category]  # in layer order
    technologies: dict[int, Technology]
    marks: dict[tuple[int, int], dict[int, str]]

    def groups(self, *, any_stage: bool = False, layer_slug: str = "") -> list[tuple[Category, list[MatrixRow]]]:
        """``[(layer, rows)]`` in layer order (only ``layer_slug``'s if given), each row a technology
        with one mark per case study, most-adopted first, then by name. Without ``any_stage`` only
        current use counts; a row nobody marks is left out, and so is a layer without rows."""
        groups = []
        for layer in self.layers:
            if layer_slug and layer.slug != layer_slug:
                continue
            rows = []
            for (layer_id, technology_id), marks in self.marks.items():
                if layer_id != layer.pk:
                    continue
                row_marks = [marks.get(case_study.pk, "") for case_study in self.case_studies]
                if not any_stage:
                    row_marks = [mark if mark == CURRENT else "" for mark in row_marks]
                row = MatrixRow(self.technologies[technology_id], layer, row_marks)
                if row.count:
                    rows.append(row)
            rows.sort(key=lambda row: (-row.count, row.technology.name.lower()))
            if rows:
                groups.append((layer, rows))
        return groups


def adoption(case_studies: Sequence) -> Adoption:
    layers: dict[int, Category] = {}
    marks: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    technologies: dict[int, Technology] = {}
    for case_study in case_studies:
        stages = list(case_study.stages.all())
        for index, stage in enumerate(stages):
            current = index == len(stages) - 1
            for entry in stage.stack.all():
                layers.setdefault(entry.layer_id, entry.layer)
                technologies.setdefault(entry.technology_id, entry.technology)
                used = marks[(entry.layer_id, entry.technology_id)]
                if current or used.get(case_study.pk) != CURRENT:
                    used[case_study.pk] = CURRENT if current else EARLIER
    ordered = sorted(layers.values(), key=lambda c: (c.order, c.slug))
    return Adoption(list(case_studies), ordered, technologies, dict(marks))
