"""The comparison matrix: 2–4 technologies side by side over their layers' capabilities.

One matrix for the compare page and the compare endpoint, with one rule for a capability nobody
has assessed for a technology: its level is ``unknown`` (as the capability filter reads it), so the
page and the API agree on which rows differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import Level
from .models import Assessment, Capability, Category, Technology

MIN_COMPARE = 2
MAX_COMPARE = 4


def parse_slugs(values: Iterable[str]) -> list[str]:
    """``["a,b", "c", "a"]`` → ``["a", "b", "c"]``: comma-separated and repeated values, deduplicated
    in order, blanks dropped, lower-cased (slugs are)."""
    slugs: list[str] = []
    for value in values:
        for part in value.split(","):
            slug = part.strip().lower()
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


@dataclass(frozen=True)
class Selection:
    """What the visitor asked for, and what we can compare."""

    requested: list[str]
    technologies: list[Technology]  # found, in the requested order
    unknown: list[str]
    messages: list[str] = field(default_factory=list)

    @property
    def comparable(self) -> bool:
        return MIN_COMPARE <= len(self.technologies) <= MAX_COMPARE and len(self.requested) <= MAX_COMPARE


def select(requested: list[str], found: Iterable[Technology]) -> Selection:
    by_slug = {technology.slug: technology for technology in found}
    technologies = [by_slug[slug] for slug in requested if slug in by_slug]
    unknown = [slug for slug in requested if slug not in by_slug]
    messages = []
    if unknown:
        messages.append(
            ngettext(
                "No technology is called “%(slugs)s”; it was left out.",
                "No technologies are called “%(slugs)s”; they were left out.",
                len(unknown),
            )
            % {"slugs": "”, “".join(unknown)}
        )
    if len(requested) > MAX_COMPARE:
        messages.append(
            _("You can compare at most %(max)d technologies at once; you chose %(count)d. Pick fewer below.")
            % {"max": MAX_COMPARE, "count": len(requested)}
        )
    elif requested and len(technologies) < MIN_COMPARE:
        messages.append(_("Choose at least two technologies to compare."))
    return Selection(requested, technologies, unknown, messages)


@dataclass(frozen=True)
class Cell:
    """One technology's assessment for a row's capability, or the lack of one: a cell of the
    compare endpoint, whose fields are these properties."""

    of: Technology
    assessment: Assessment | None

    @property
    def technology(self) -> str:
        return self.of.slug

    @property
    def assessed(self) -> bool:
        return self.assessment is not None

    @property
    def level(self) -> str:
        """A missing assessment is ``unknown``."""
        return self.assessment.level if self.assessment else Level.UNKNOWN

    @property
    def note(self) -> str:
        return self.assessment.tr("note").text if self.assessment else ""

    @property
    def source(self):
        return self.assessment.source if self.assessment else None

    @property
    def as_of(self):
        return self.assessment.as_of if self.assessment else None

    @property
    def review_by(self):
        return self.assessment.review_by if self.assessment else None

    @property
    def stale(self) -> bool:
        return self.assessment.is_stale if self.assessment else False


@dataclass(frozen=True)
class Row:
    capability: Capability
    technologies: Sequence[Technology]
    cells: list[Assessment | None]  # one per technology, None where nobody has assessed it

    @property
    def entries(self) -> list[Cell]:
        return [Cell(technology, cell) for technology, cell in zip(self.technologies, self.cells, strict=True)]

    @property
    def levels(self) -> list[str]:
        return [entry.level for entry in self.entries]

    @property
    def differs(self) -> bool:
        return len(set(self.levels)) > 1


@dataclass(frozen=True)
class Group:
    category: Category
    rows: list[Row]

    @property
    def difference_count(self) -> int:
        return sum(1 for row in self.rows if row.differs)


def matrix(technologies: Sequence[Technology]) -> list[Group]:
    """Rows for every capability of every compared technology's layers (and any other capability one
    of them is assessed on), grouped by layer in layer order. Reads only prefetched data
    (``TechnologyQuerySet.for_compare``)."""
    capabilities: dict[int, Capability] = {}
    for technology in technologies:
        for category in technology.categories.all():
            for capability in category.capabilities.all():
                capabilities.setdefault(capability.pk, capability)
        for assessment in technology.assessments.all():
            capabilities.setdefault(assessment.capability.pk, assessment.capability)
    cells = {
        (technology.pk, assessment.capability_id): assessment
        for technology in technologies
        for assessment in technology.assessments.all()
    }
    groups: dict[int, Group] = {}
    ordered = sorted(capabilities.values(), key=lambda c: (c.category.order, c.category.slug, c.order, c.slug))
    for capability in ordered:  # in layer order, so the groups are too
        group = groups.setdefault(capability.category_id, Group(capability.category, []))
        group.rows.append(Row(capability, technologies, [cells.get((t.pk, capability.pk)) for t in technologies]))
    return list(groups.values())


def rows(technologies: Sequence[Technology]) -> list[Row]:
    """The matrix's rows without their layer groups (the compare endpoint's shape)."""
    return [row for group in matrix(technologies) for row in group.rows]
