"""The engine's view of the knowledge base: plain, immutable data loaded once.

A :class:`Snapshot` is frozen dataclasses, tuples and :class:`FrozenDict` mappings — no model
instances — so the engine never touches the ORM and can be tested on snapshots written by hand
(:func:`make_snapshot`). ``decisions/snapshot_builder.py`` (outside the engine, which imports
nothing from Django) reads the catalog and the case studies into one in a fixed number of queries.

A snapshot carries two things besides the content:

- ``fingerprint``: a sha256 of the content (everything the engine can read, text included). Any
  change to the catalog or the case studies changes it; the day does not.
- ``today``: the day against which review-by dates are judged stale, so one snapshot always gives
  the same output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any


class FrozenDict(Mapping):
    """A read-only, hashable, picklable mapping (``types.MappingProxyType`` cannot be pickled)."""

    __slots__ = ("_data", "_hash")
    _data: dict
    _hash: int | None

    def __init__(self, data: Mapping | Iterable[tuple[Any, Any]] = ()):
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self) -> Iterator:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key) -> bool:
        return key in self._data

    def get(self, key, default=None):
        return self._data.get(key, default)

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        return self._hash  # type: ignore[return-value]  # set just above

    def __eq__(self, other) -> bool:
        if isinstance(other, FrozenDict):
            return self._data == other._data
        return isinstance(other, Mapping) and self._data == dict(other)

    def __setattr__(self, name, value):
        raise AttributeError("FrozenDict is read-only")

    def __reduce__(self):
        return (FrozenDict, (self._data,))

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"


EMPTY = FrozenDict()


@dataclasses.dataclass(frozen=True, slots=True)
class SourceInfo:
    slug: str
    title_zh: str = ""
    title_en: str = ""
    kind: str = "web"
    section: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class CategoryInfo:
    slug: str
    name_zh: str = ""
    name_en: str = ""
    order: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class CapabilityInfo:
    slug: str
    category: str
    name_zh: str = ""
    name_en: str = ""
    order: int = 0
    roles: tuple[str, ...] = ()  # the roles it scores (decision model v2), by slug
    baseline: bool = False  # weighed as could whenever one of its roles is evaluated (rules.BASELINE)


@dataclasses.dataclass(frozen=True, slots=True)
class RoleInfo:
    """One job inside a layer (decision model v2): candidates and picks are per role."""

    slug: str
    category: str
    name_zh: str = ""
    name_en: str = ""
    order: int = 0
    # A managed platform that provides this role's component decides who fills it (stack._bound_by_platform).
    bound_to_platform: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class AssessmentInfo:
    """One technology's level for one capability, and the claim behind it."""

    level: str  # yes / partial / no / unknown
    source: str = ""  # source slug
    as_of: dt.date | None = None
    review_by: dt.date | None = None
    note_zh: str = ""
    note_en: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class TechnologyInfo:
    slug: str
    name: str
    kind: str = "product"  # product / in_house / protocol / pattern / component
    categories: tuple[str, ...] = ()
    name_zh: str = ""
    language: str = "other"
    status: str = "active"
    status_since: dt.date | None = None
    status_since_precision: str = "day"
    status_source: str = ""
    status_review_by: dt.date | None = None
    owner: str | None = None  # company slug, for in-house systems
    successors: tuple[str, ...] = ()
    assessments: FrozenDict = EMPTY  # capability slug -> AssessmentInfo
    # Decision model v2: the roles it fills, how it is delivered, how mature and how licensed it is,
    # and 2026 evidence of the scale it runs at (a hosts bucket, with the claim's review-by date).
    roles: tuple[str, ...] = ()
    delivery: str = "self_hosted"  # self_hosted / managed
    providers: tuple[str, ...] = ()  # managed only: the clouds that offer it
    maturity: str = "unknown"  # graduated / incubating / sandbox / unknown
    license: str = ""
    license_family: str = "permissive"  # permissive / copyleft / source_available / proprietary / not_applicable
    scale_hosts: str = ""
    scale_source: str = ""
    scale_review_by: dt.date | None = None
    needs_l2_adjacency: bool = False  # works only where the hosts share a layer-2 segment (rules.py)


@dataclasses.dataclass(frozen=True, slots=True)
class RelationInfo:
    source: str  # the technology the relation starts from ("marathon-lb" requires ...)
    target: str  # ... "marathon"
    kind: str  # alternative / requires / integrates_with
    citation: str = ""  # the slug of the Source the relation cites (explanations cite it)


@dataclasses.dataclass(frozen=True, slots=True)
class CompanyInfo:
    slug: str
    name_zh: str = ""
    name_en: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class CaseStudyInfo:
    """A case study; ``stages`` holds each stage's technology slugs in stage order (last = current)."""

    slug: str
    company: str
    scale: str = "unknown"
    stages: tuple[tuple[str, ...], ...] = ()
    title_zh: str = ""
    title_en: str = ""
    source: str = ""
    review_by: dt.date | None = None

    @property
    def current(self) -> tuple[str, ...]:
        return self.stages[-1] if self.stages else ()

    @property
    def technologies(self) -> frozenset[str]:
        return frozenset(slug for stage in self.stages for slug in stage)


@dataclasses.dataclass(frozen=True, slots=True)
class PitfallInfo:
    slug: str
    title_zh: str = ""
    title_en: str = ""
    severity: str = "medium"
    technologies: tuple[str, ...] = ()  # the subjects: the pitfall applies to a stack with one of them
    triggers: tuple[FrozenDict, ...] = ()  # each {"key": ..., "in": (values...)}
    mitigation_zh: str = ""
    mitigation_en: str = ""
    trigger_note_zh: str = ""
    trigger_note_en: str = ""
    source: str = ""
    remedies: tuple[str, ...] = ()  # what the mitigation recommends; never matched against a stack


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Everything the engine reads. Build one with :func:`build_snapshot` or :func:`make_snapshot`.

    ``fingerprint`` is derived from the content in ``__post_init__`` (it cannot disagree with it);
    ``today`` is not part of it. The engine keeps derived lookup tables in ``_index`` (not content).
    """

    categories: FrozenDict  # slug -> CategoryInfo
    capabilities: FrozenDict  # slug -> CapabilityInfo
    technologies: FrozenDict  # slug -> TechnologyInfo
    relations: tuple[RelationInfo, ...]
    companies: FrozenDict  # slug -> CompanyInfo
    case_studies: FrozenDict  # slug -> CaseStudyInfo
    pitfalls: FrozenDict  # slug -> PitfallInfo
    sources: FrozenDict  # slug -> SourceInfo
    today: dt.date
    roles: FrozenDict = EMPTY  # slug -> RoleInfo (empty: the layer is one role, as before v2)
    fingerprint: str = dataclasses.field(init=False)
    _index: dict = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fingerprint", _fingerprint(self))
        object.__setattr__(self, "_index", {})

    def __getstate__(self):
        # Derived tables are rebuilt on demand; pickling them would only waste space.
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self) if field.name != "_index"}

    def __setstate__(self, state) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_index", {})

    def with_today(self, today: dt.date) -> Snapshot:
        """The same content judged on another day (same fingerprint)."""
        return dataclasses.replace(self, today=today)


CONTENT_FIELDS = (
    "categories",
    "capabilities",
    "technologies",
    "relations",
    "companies",
    "case_studies",
    "pitfalls",
    "sources",
    "roles",
)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _fingerprint(snapshot: Snapshot) -> str:
    content = {name: _plain(getattr(snapshot, name)) for name in CONTENT_FIELDS}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def _by_slug(items: Iterable) -> FrozenDict:
    return FrozenDict((item.slug, item) for item in sorted(items, key=lambda item: item.slug))


def make_snapshot(
    *,
    today: dt.date,
    categories: Iterable[CategoryInfo] = (),
    capabilities: Iterable[CapabilityInfo] = (),
    technologies: Iterable[TechnologyInfo] = (),
    relations: Iterable[RelationInfo] = (),
    companies: Iterable[CompanyInfo] = (),
    case_studies: Iterable[CaseStudyInfo] = (),
    pitfalls: Iterable[PitfallInfo] = (),
    sources: Iterable[SourceInfo] = (),
    roles: Iterable[RoleInfo] = (),
) -> Snapshot:
    """A snapshot from plain records, in canonical order (by slug), for tests, benchmarks and the loader."""
    return Snapshot(
        categories=_by_slug(categories),
        capabilities=_by_slug(capabilities),
        technologies=_by_slug(technologies),
        relations=tuple(sorted(relations, key=lambda r: (r.source, r.kind, r.target, r.citation))),
        companies=_by_slug(companies),
        case_studies=_by_slug(case_studies),
        pitfalls=_by_slug(pitfalls),
        sources=_by_slug(sources),
        today=today,
        roles=_by_slug(roles),
    )


def freeze_triggers(triggers: Any) -> tuple[FrozenDict, ...]:
    """A pitfall's JSON trigger list as immutable data (malformed entries are kept as given)."""
    frozen = []
    for condition in triggers or ():
        if isinstance(condition, Mapping):
            frozen.append(
                FrozenDict(
                    (key, tuple(value) if isinstance(value, list | tuple) else value)
                    for key, value in sorted(condition.items())
                )
            )
    return tuple(frozen)
