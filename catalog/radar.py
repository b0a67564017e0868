"""The tech radar: where each technology stands in 2026, computed from 2026 evidence.

THE RULE (applied in this order; the first that matches places the technology):

1. **Hold** — its lifecycle says stop: status dormant, deprecated or retired; or status
   maintenance while the catalog names successors (what replaced it).
2. **Adopt** — status active and confirmed after 2017 (not ``unverified``), no successors named,
   and mature: CNCF graduated or equivalent (``maturity`` = graduated, with its source).
3. **Trial** — active and incubating or equivalent; or mature but with successors named (the
   catalog says architects would pick something else today); or in maintenance without a named
   successor; or the named successor of a technology on hold (the way forward from it).
4. **Assess** — everything else: early (sandbox or equivalent), of unknown maturity, or with a
   status nothing newer than 2017 confirms (``unverified``).

In-house systems (a company's own tools) are not placed: nobody else can adopt them. Nor are
building blocks (kind "component": kube-proxy, iptables, ...), which come with a choice rather than
being one.

The 2017 survey's adoption (how many of its case studies ran it, in their latest known stage or
earlier) is shown beside every placement as history; it does not move a technology between rings,
because it says what ran in 2017, not what an architect should pick today.

The drawing is server-side SVG: four quadrants (groups of layers) × four rings, each technology a
numbered, focusable link whose <title> explains its placement; the same explanations are listed
under the drawing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from .models import Technology

RINGS = ("adopt", "trial", "assess", "hold")
RING_LABELS = {"adopt": _("Adopt"), "trial": _("Trial"), "assess": _("Assess"), "hold": _("Hold")}
RING_MEANINGS = {
    "adopt": _("Active in 2026 and mature (CNCF graduated or equivalent): a safe default."),
    "trial": _("Active and maturing, or mature with a successor named: fine with a pilot first."),
    "assess": _("Early, of unknown maturity, or unconfirmed since 2017: read up before you rely on it."),
    "hold": _("Deprecated, retired, dormant or superseded: plan your way off it."),
}

# Quadrants group the layers (category slugs). A layer not listed falls into the first quadrant.
QUADRANTS: tuple[tuple[str, object, tuple[str, ...]], ...] = (
    ("run", _("Orchestration and runtime"), ("orchestration", "scheduled_jobs", "runtime", "iaas", "host", "platform")),
    ("network", _("Networking and traffic"), ("network", "discovery")),
    ("data", _("Images and storage"), ("registry", "storage", "storage_driver")),
    ("ops", _("Operations and security"), ("monitoring", "logging", "security", "automation", "cicd")),
)

# Geometry of the drawing (SVG user units).
SIZE = 820
CENTER = SIZE / 2
RING_RADII = (130, 230, 318, 400)  # outer radius of adopt, trial, assess, hold
BLIP_RADIUS = 10


@dataclass(frozen=True)
class Adoption:
    current: int  # case studies whose latest stage uses it
    any_stage: int  # case studies using it in any stage


@dataclass
class Blip:
    technology: Technology
    ring: str
    quadrant: str
    reasons: list[str]
    number: int = 0
    x: float = 0.0
    y: float = 0.0

    @property
    def ring_label(self) -> str:
        return str(RING_LABELS[self.ring])

    @property
    def explanation(self) -> str:
        return " ".join(self.reasons)


def adoption_counts(rows: Iterable[tuple[int, int, int, int]]) -> dict[int, Adoption]:
    """From ``(technology_id, case_study_id, stage order, latest stage order)`` rows."""
    current: dict[int, set[int]] = defaultdict(set)
    any_stage: dict[int, set[int]] = defaultdict(set)
    for technology_id, case_study_id, order, latest_order in rows:
        any_stage[technology_id].add(case_study_id)
        if order == latest_order:
            current[technology_id].add(case_study_id)
    return {pk: Adoption(len(current[pk]), len(cases)) for pk, cases in any_stage.items()}


def _quadrant_of(technology: Technology) -> str:
    categories = sorted(technology.categories.all(), key=lambda c: (c.order, c.slug))
    for category in categories:
        for key, _label, slugs in QUADRANTS:
            if category.slug in slugs:
                return key
    return QUADRANTS[0][0]


def _names(technologies: Iterable[Technology]) -> str:
    return pgettext("list separator", ", ").join(str(t.name_local) for t in technologies)


def place(technologies: Iterable[Technology], adoption: dict[int, Adoption]) -> list[Blip]:
    """Apply the rule above. Reads ``categories`` and ``successors`` (prefetched)."""
    technologies = list(technologies)
    successors = {t.pk: list(t.successors.all()) for t in technologies}
    held: dict[int, list[Technology]] = defaultdict(list)  # successor pk → the held technologies it replaces
    blips = []
    for technology in technologies:
        ring, reasons = _ring(technology, successors[technology.pk], adoption.get(technology.pk, Adoption(0, 0)))
        if ring == "hold":
            for successor in successors[technology.pk]:
                held[successor.pk].append(technology)
        blips.append(Blip(technology, ring, _quadrant_of(technology), reasons))
    for blip in blips:
        replaces = held.get(blip.technology.pk)
        if replaces and blip.ring == "assess":
            blip.ring = "trial"
            # The way forward from something on hold: that is the main reason, so it goes first.
            blip.reasons.insert(
                0, str(_("The named successor of %(names)s, which is on hold.") % {"names": _names(replaces)})
            )
    _layout(blips)
    return blips


def _ring(technology: Technology, successors: list[Technology], adoption: Adoption) -> tuple[str, list[str]]:
    status = technology.get_status_display()
    since = technology.status_since_display
    reasons: list[str] = []
    evidence = _evidence(technology, adoption)
    if technology.is_legacy:
        reasons.append(
            str(_("Status: %(status)s since %(since)s.") % {"status": status, "since": since})
            if since
            else str(_("Status: %(status)s.") % {"status": status})
        )
        if successors:
            reasons.append(str(_("Replaced by %(names)s.") % {"names": _names(successors)}))
        return "hold", [*reasons, *evidence]
    if technology.status == Technology.Status.MAINTENANCE and successors:
        reasons.append(
            str(_("In maintenance only; the catalog names %(names)s as successors.") % {"names": _names(successors)})
        )
        return "hold", [*reasons, *evidence]
    maturity = technology.get_maturity_display()
    if technology.status == Technology.Status.UNVERIFIED:
        reasons.append(str(_("Nothing newer than 2017 confirms what became of it.")))
        return "assess", [*reasons, *evidence]
    if technology.status == Technology.Status.MAINTENANCE:
        reasons.append(str(_("In maintenance only (fixes, no new features); no successor is named.")))
        return "trial", [*reasons, *evidence]
    if technology.maturity == Technology.Maturity.GRADUATED and not successors:
        reasons.append(str(_("Active, and mature: %(maturity)s.") % {"maturity": maturity}))
        return "adopt", [*reasons, *evidence]
    if technology.maturity == Technology.Maturity.GRADUATED:
        reasons.append(
            str(
                _("Mature, but capped at trial: the catalog names %(names)s as what to pick instead today.")
                % {"names": _names(successors)}
            )
        )
        return "trial", [*reasons, *evidence]
    if technology.maturity == Technology.Maturity.INCUBATING:
        reasons.append(str(_("Active and maturing: %(maturity)s.") % {"maturity": maturity}))
        return "trial", [*reasons, *evidence]
    reasons.append(str(_("Active, but %(maturity)s.") % {"maturity": str(maturity).lower()}))
    if successors:
        reasons.append(
            str(_("The catalog names %(names)s as what to pick instead today.") % {"names": _names(successors)})
        )
    return "assess", [*reasons, *evidence]


def _evidence(technology: Technology, adoption: Adoption) -> list[str]:
    """The 2017 adoption, as history beside the placement."""
    facts = []
    if adoption.any_stage:
        facts.append(
            ngettext(
                "History: %(n)d case study of the 2017 survey ran it in its latest known stage (%(any)d at some "
                "stage).",
                "History: %(n)d case studies of the 2017 survey ran it in their latest known stage (%(any)d at "
                "some stage).",
                adoption.current,
            )
            % {"n": adoption.current, "any": adoption.any_stage}
        )
    facts.append(str(_("Named in the 2017 survey.") if technology.in_survey else _("Not in the 2017 survey.")))
    return facts


def _layout(blips: list[Blip]) -> None:
    """Number the blips (quadrant, ring, name) and spread each cell's blips over a grid inside it."""
    cells: dict[tuple[str, str], list[Blip]] = defaultdict(list)
    for blip in blips:
        cells[(blip.quadrant, blip.ring)].append(blip)
    number = 0
    for q_index, (quadrant, _label, _slugs) in enumerate(QUADRANTS):
        # Quadrants clockwise from the top right, as angles in SVG's y-down coordinates.
        start = -math.pi / 2 + q_index * math.pi / 2
        for r_index, ring in enumerate(RINGS):
            cell = sorted(cells.get((quadrant, ring), []), key=lambda b: b.technology.name.lower())
            inner = RING_RADII[r_index - 1] if r_index else 0
            outer = RING_RADII[r_index]
            for blip, (x, y) in zip(cell, _grid(len(cell), inner, outer, start), strict=True):
                number += 1
                blip.number, blip.x, blip.y = number, round(x, 1), round(y, 1)
    blips.sort(key=lambda b: b.number)


def _grid(n: int, inner: float, outer: float, start: float) -> list[tuple[float, float]]:
    """n points spread evenly inside the ring sector [inner, outer] × [start, start + 90°].

    The sector holds a few concentric rows, one blip-width apart; each row gets a share of the
    points in proportion to its length, and spreads its share evenly along its arc.
    """
    if n == 0:
        return []
    spacing = 2 * BLIP_RADIUS + 5
    r0 = max(inner + BLIP_RADIUS + 4, 40)  # keep clear of the centre, where the quadrants meet
    r1 = outer - BLIP_RADIUS - 4
    rows = max(1, int((r1 - r0) // spacing) + 1)
    radii = [(r0 + r1) / 2] if rows == 1 else [r0 + k * (r1 - r0) / (rows - 1) for k in range(rows)]

    def margin(radius: float) -> float:  # keep blips off the quadrant's straight edges
        return (BLIP_RADIUS + 6) / radius

    capacities = [max(1, int(r * (math.pi / 2 - 2 * margin(r)) // spacing) + 1) for r in radii]
    quotas = [n * c / sum(capacities) for c in capacities]
    counts = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(rows), key=lambda k: (-(quotas[k] - counts[k]), -capacities[k]))
    for k in by_remainder[: n - sum(counts)]:
        counts[k] += 1
    points = []
    for radius, count in zip(radii, counts, strict=True):
        edge = margin(radius)
        span = math.pi / 2 - 2 * edge
        for j in range(count):
            angle = start + edge + span * ((j + 0.5) / count)
            points.append((CENTER + radius * math.cos(angle), CENTER + radius * math.sin(angle)))
    return points


@dataclass(frozen=True)
class Ring:
    key: str
    label: str
    meaning: str
    radius: int
    label_y: float


def rings() -> list[Ring]:
    return [
        Ring(key, str(RING_LABELS[key]), str(RING_MEANINGS[key]), radius, CENTER - radius + 16)
        for key, radius in zip(RINGS, RING_RADII, strict=True)
    ]


def quadrant_labels() -> list[dict]:
    """Quadrant names at the drawing's corners."""
    corners = [(SIZE - 8, 22, "end"), (SIZE - 8, SIZE - 10, "end"), (8, SIZE - 10, "start"), (8, 22, "start")]
    return [
        {"key": key, "label": str(label), "x": x, "y": y, "anchor": anchor}
        for (key, label, _slugs), (x, y, anchor) in zip(QUADRANTS, corners, strict=True)
    ]
