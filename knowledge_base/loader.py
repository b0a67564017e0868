"""Load the knowledge base from fixtures/ — all files, in dependency order, in one transaction.

Contract:
- Every ``*.yaml`` / ``*.yml`` / ``*.json`` file in the directory is read; sections load in the order
  of ``specs.SECTIONS`` whatever file they are in.
- Records are upserted by natural key; a record whose values already match the database is not
  saved (so loading twice changes nothing: no new history rows, no new timestamps).
- A claim's ``review_by`` may be left out: it is ``as_of`` plus the period of the claim's volatility
  class (``specs.VOLATILITY_MONTHS``; the record's ``volatility`` key, else its kind's default). A
  claim as of ``specs.CHECKED_SINCE`` or later may not be reviewed later than its class allows.
- Any problem — a file that does not parse, an unknown section or field, a missing field, an
  unknown reference, an invalid value, a duplicate key — raises ``KnowledgeBaseError`` naming the
  file and the record, and the transaction is rolled back: the database is left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from .specs import CHECKED_SINCE, SECTIONS, VOLATILITY_MONTHS, Child, Dated, Ref, Spec
from .yaml_io import FileFormatError, read_fixture_file

FIXTURE_SUFFIXES = (".yaml", ".yml", ".json")


def default_fixtures_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


class KnowledgeBaseError(Exception):
    """One or more problems in the fixtures; nothing was loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Located:
    file: str
    where: str
    record: dict[str, Any]
    index: int


@dataclass
class LoadReport:
    files: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()) + sum(self.deleted.values()))

    def summary(self) -> str:
        def total(counter: Counter) -> int:
            return sum(counter.values())

        return (
            f"{self.files} files: {total(self.created)} created, {total(self.updated)} updated, "
            f"{total(self.unchanged)} unchanged, {total(self.deleted)} deleted."
        )


def fixture_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.iterdir() if path.suffix in FIXTURE_SUFFIXES and path.is_file())


def _describe(section: str, index: int, record: Any, key: tuple[str, ...]) -> str:
    where = f"{section}[{index}]"
    if isinstance(record, dict):
        shown = [f"{name} {record[name]!r}" for name in key if name in record]
        if shown:
            where += f" ({', '.join(shown)})"
    return where


def read_sections(paths: Iterable[Path]) -> tuple[dict[str, list[Located]], list[Problem]]:
    """Parse files and group their records by section. Shape problems are returned, not raised."""
    known = {spec.section: spec for spec in SECTIONS}
    grouped: dict[str, list[Located]] = defaultdict(list)
    problems: list[Problem] = []
    for path in paths:
        name = path.name
        try:
            content = read_fixture_file(path)
        except FileFormatError as error:
            problems.append(Problem(name, "file", str(error)))
            continue
        if content is None:
            continue
        if not isinstance(content, dict):
            problems.append(Problem(name, "file", "must be a mapping of section names to lists of records"))
            continue
        for section, records in content.items():
            spec = known.get(section)
            if spec is None:
                problems.append(Problem(name, f"section {section!r}", f"unknown section (known: {', '.join(known)})"))
                continue
            if not isinstance(records, list):
                problems.append(Problem(name, f"section {section!r}", "must be a list of records"))
                continue
            for index, record in enumerate(records):
                record = _flatten(spec, record)
                where = _describe(section, index, record, spec.key)
                problems.extend(Problem(name, where, message) for message in derive_review_dates(spec, record))
                problems.extend(Problem(name, where, message) for message in shape_errors(spec, record))
                grouped[section].append(Located(name, where, record, index))
    return grouped, problems


def _flatten(spec: Spec, record: Any) -> Any:
    """The record with each of the spec's nested mappings spread onto prefixed fields."""
    if not isinstance(record, dict) or not any(isinstance(record.get(name), dict) for name in spec.nested):
        return record
    flat = dict(record)
    for name, prefix in spec.nested.items():
        if isinstance(flat.get(name), dict):
            for key, value in flat.pop(name).items():
                flat[f"{prefix}{key}"] = value
    return flat


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months, clamped to the month's last day (31 Aug + 6 → 28 Feb).

    Hand-made: the standard library has no month arithmetic and this is the only use of it, so it
    does not justify python-dateutil.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover — every month has at least 28 days


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None  # reported by the field conversion, naming the field


def claim_class(dated: Dated, record: dict) -> str:
    """The volatility class of one claim in a record: stated, or the default of its kind."""
    return record.get(dated.volatility) or dated.default


def derive_review_dates(spec: Spec, record: Any, prefix: str = "") -> list[str]:
    """Fill each claim's missing review_by from as_of and its class; report a review_by set too late.

    Works on the parsed record in place (and on its children), before its shape is checked.
    """
    if not isinstance(record, dict):
        return []
    errors = []
    for dated in spec.claims:
        volatility = claim_class(dated, record)
        months = VOLATILITY_MONTHS.get(volatility)
        if months is None:
            errors.append(
                f"{prefix}field {dated.volatility!r}: {volatility!r} is not a volatility class "
                f"(one of {', '.join(VOLATILITY_MONTHS)})"
            )
            continue
        as_of = _as_date(record.get(dated.as_of)) if record.get(dated.as_of) is not None else None
        if as_of is None:
            continue
        latest = add_months(as_of, months)
        if record.get(dated.review_by) is None:
            record[dated.review_by] = latest
            continue
        review_by = _as_date(record[dated.review_by])
        if review_by is not None and as_of >= CHECKED_SINCE and review_by > latest:
            errors.append(
                f"{prefix}field {dated.review_by!r}: {review_by} is later than a {volatility} claim as of "
                f"{as_of} allows ({months} months: {latest} at the latest); leave {dated.review_by} out "
                f"to derive it, or state the claim's class with {dated.volatility!r}"
            )
    for child in spec.children:
        items = record.get(child.name)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            child_where = _describe(child.name, index, item, child.spec.key)
            errors.extend(derive_review_dates(child.spec, item, prefix=f"{prefix}{child_where}: "))
    return errors


def shape_errors(spec: Spec, record: Any, prefix: str = "") -> list[str]:
    """Field-level shape problems of one record and its nested children (no database needed)."""
    if not isinstance(record, dict):
        return [f"{prefix}must be a mapping of field names to values"]
    errors = []
    unknown = sorted((set(record) - spec.allowed), key=str)
    if unknown:
        errors.append(f"{prefix}unknown field(s): {', '.join(map(str, unknown))}")
    missing = sorted(spec.required - set(record))
    if missing:
        errors.append(f"{prefix}missing required field(s): {', '.join(missing)}")
    for name in spec.m2m:
        if name in record and not (
            isinstance(record[name], list) and all(isinstance(item, str) for item in record[name])
        ):
            errors.append(f"{prefix}field {name!r}: must be a list of slugs")
    for first, second in spec.disjoint:
        one, other = record.get(first), record.get(second)
        both = [slug for slug in other if slug in one] if isinstance(one, list) and isinstance(other, list) else []
        if both:
            errors.append(f"{prefix}field {second!r}: {', '.join(map(repr, both))} also listed in {first!r}")
    for name in spec.fks:
        if name in record and record[name] is not None and not isinstance(record[name], str | int):
            errors.append(f"{prefix}field {name!r}: must be a slug")
    for child in spec.children:
        if child.name not in record:
            continue
        items = record[child.name]
        if not isinstance(items, list):
            errors.append(f"{prefix}field {child.name!r}: must be a list")
            continue
        for index, item in enumerate(items):
            child_where = _describe(child.name, index, item, child.spec.key)
            errors.extend(shape_errors(child.spec, item, prefix=f"{prefix}{child_where}: "))
    return errors


class _Loader:
    def __init__(self, report: LoadReport):
        self.report = report
        self.problems: list[Problem] = []
        self._refs: dict[tuple[type[models.Model], str], dict[Any, models.Model]] = {}
        self._pending_m2m: list[tuple[models.Model, str, Ref, list[str], Located, str]] = []
        self._pending_children: list[tuple[Spec, models.Model, Located, dict, str]] = []
        # Records this load created: setting their many-to-many links is part of creating them, not
        # an update (else a first load on an empty database reads "… created, N updated").
        self._created: set[tuple[str, Any]] = set()

    # -- references -------------------------------------------------------------------------------

    def _ref_index(self, ref: Ref) -> dict[Any, models.Model]:
        cache_key = (ref.model, ref.lookup)
        if cache_key not in self._refs:
            self._refs[cache_key] = {getattr(obj, ref.lookup): obj for obj in ref.model._default_manager.all()}
        return self._refs[cache_key]

    def _remember(self, obj: models.Model) -> None:
        for (model, lookup), index in self._refs.items():
            if isinstance(obj, model):
                index[getattr(obj, lookup)] = obj

    def resolve(self, ref: Ref, value: Any, loc: Located, name: str, prefix: str) -> models.Model | None:
        obj = self._ref_index(ref).get(value)
        if obj is None:
            label = ref.model._meta.verbose_name
            self.problems.append(Problem(loc.file, loc.where, f"{prefix}field {name!r}: unknown {label} {value!r}"))
        return obj

    # -- values -----------------------------------------------------------------------------------

    def convert(self, model_field: models.Field, value: Any, loc: Located, prefix: str) -> Any:
        name = model_field.name
        if value is None:
            if model_field.null:
                return None
            raise ValidationError(f"field {name!r} may not be empty")
        if isinstance(model_field, models.DateField):
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValidationError(f"field {name!r}: {value!r} is not a date (YYYY-MM-DD)") from None
        if isinstance(model_field, models.DecimalField):
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise ValidationError(f"field {name!r}: {value!r} is not a number")
            try:
                return Decimal(str(value))
            except InvalidOperation:
                raise ValidationError(f"field {name!r}: {value!r} is not a number") from None
        if isinstance(model_field, models.BooleanField):
            if not isinstance(value, bool):
                raise ValidationError(f"field {name!r}: {value!r} is not true or false")
            return value
        if isinstance(model_field, models.IntegerField):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(f"field {name!r}: {value!r} is not a whole number")
            return value
        if isinstance(model_field, models.CharField | models.TextField):
            if not isinstance(value, str):
                raise ValidationError(f"field {name!r}: {value!r} is not text (quote it)")
            return value.strip() if isinstance(model_field, models.CharField) else value.rstrip()
        return value

    def values_for(self, spec: Spec, loc: Located, record: dict, index: int, prefix: str) -> dict[str, Any] | None:
        """The model attribute values a record sets (omitted fields go back to their defaults)."""
        meta = spec.model._meta
        values: dict[str, Any] = {}
        ok = True
        for name in sorted(spec.fields):
            model_field = meta.get_field(name)
            if name not in record:
                if name == spec.positional:
                    values[name] = index + 1
                elif name not in spec.key:
                    values[name] = model_field.get_default()
                continue
            raw = record[name]
            try:
                precision = _partial_date_precision(model_field, raw)
                if precision:
                    values[f"{name}_precision"] = precision
                    raw = _partial_date(raw)
                values[name] = self.convert(model_field, raw, loc, prefix)
            except ValidationError as error:
                self.problems.append(Problem(loc.file, loc.where, prefix + "; ".join(error.messages)))
                ok = False
        for name, ref in spec.fks.items():
            attr = ref.field_name(name)
            if record.get(name) is None:
                values[attr] = None
                continue
            target = self.resolve(ref, record[name], loc, name, prefix)
            if target is None:
                ok = False
            values[attr] = target
        return values if ok else None

    # -- upserting --------------------------------------------------------------------------------

    def upsert(
        self,
        spec: Spec,
        loc: Located,
        record: dict,
        index: int,
        existing: dict[tuple, models.Model],
        parent: tuple[str, models.Model] | None = None,
        prefix: str = "",
        defer_children: bool = False,
    ) -> models.Model | None:
        values = self.values_for(spec, loc, record, index, prefix)
        if values is None:
            return None
        key = tuple(_key_value(values[_attr(spec, name)]) for name in spec.key)
        if parent:
            key = (parent[1].pk, *key)
        obj = existing.get(key)
        created = obj is None
        if created:
            obj = spec.model()
            if parent:
                setattr(obj, parent[0], parent[1])
        changed = created
        for attr, value in values.items():
            if _differs(obj, attr, value):
                setattr(obj, attr, value)
                changed = True
        label = spec.model._meta.label
        if changed:
            exclude = [f.name for f in spec.model._meta.many_to_many]
            try:
                obj.full_clean(exclude=exclude)
            except ValidationError as error:
                for message in _validation_messages(error):
                    self.problems.append(Problem(loc.file, loc.where, prefix + message))
                return None
            obj.save()
            existing[key] = obj
            self._remember(obj)
            (self.report.created if created else self.report.updated)[label] += 1
            if created:
                self._created.add((label, obj.pk))
        else:
            self.report.unchanged[label] += 1
        for name, ref in spec.m2m.items():
            if name in record:
                self._pending_m2m.append((obj, name, ref, record[name], loc, prefix))
        if defer_children:
            self._pending_children.append((spec, obj, loc, record, prefix))
        else:
            self.load_children_of(spec, obj, loc, record, prefix)
        return obj

    def load_children_of(self, spec: Spec, obj: models.Model, loc: Located, record: dict, prefix: str) -> None:
        for child in spec.children:
            if child.name in record:
                self.load_children(child, obj, loc, record[child.name], prefix)

    def load_children(self, child: Child, parent: models.Model, loc: Located, items: list, prefix: str) -> None:
        spec = child.spec
        model = spec.model
        rows = model._default_manager.filter(**{child.parent_field: parent})
        existing = {(parent.pk, *(_key_value(getattr(row, _attr(spec, n))) for n in spec.key)): row for row in rows}
        seen: dict[tuple, str] = {}
        kept: set[int] = set()
        for index, item in enumerate(items):
            where = _describe(child.name, index, item, spec.key)
            item_prefix = f"{prefix}{where}: "
            obj = self.upsert(spec, loc, item, index, existing, parent=(child.parent_field, parent), prefix=item_prefix)
            if obj is None:
                continue
            key = (parent.pk, *(_key_value(getattr(obj, _attr(spec, n))) for n in spec.key))
            if key in seen:
                self.problems.append(Problem(loc.file, loc.where, f"{item_prefix}duplicate of {seen[key]}"))
            seen[key] = where
            kept.add(obj.pk)
        stale = [row for row in rows if row.pk not in kept]
        for row in stale:
            row.delete()
            self.report.deleted[model._meta.label] += 1

    def load_section(self, spec: Spec, located: list[Located]) -> None:
        existing = {
            tuple(_key_value(getattr(obj, _attr(spec, name))) for name in spec.key): obj
            for obj in spec.model._default_manager.all()
        }
        seen: dict[tuple, Located] = {}
        for loc in located:
            record = loc.record
            key = tuple(record.get(name) for name in spec.key)
            if key in seen:
                first = seen[key]
                self.problems.append(
                    Problem(loc.file, loc.where, f"duplicate {spec.key[0]}: also defined in {first.file} {first.where}")
                )
                continue
            seen[key] = loc
            # Children load after every record of the section exists: a technology's relations may
            # point at a technology defined further down.
            self.upsert(spec, loc, record, loc.index, existing, defer_children=True)
        pending, self._pending_children = self._pending_children, []
        for item in pending:
            self.load_children_of(*item)

    def apply_m2m(self) -> None:
        for obj, name, ref, slugs, loc, prefix in self._pending_m2m:
            targets = [self.resolve(ref, slug, loc, name, prefix) for slug in slugs]
            if any(target is None for target in targets):
                continue
            manager = getattr(obj, name)
            wanted = {target.pk for target in targets}
            current = set(manager.values_list("pk", flat=True))
            if wanted != current:
                manager.set(targets)
                if (obj._meta.label, obj.pk) not in self._created:
                    self.report.updated[f"{obj._meta.label}.{name}"] += 1


def _attr(spec: Spec, record_name: str) -> str:
    ref = spec.fks.get(record_name)
    return ref.field_name(record_name) if ref else record_name


def _key_value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _differs(obj: models.Model, attr: str, value: Any) -> bool:
    model_field = obj._meta.get_field(attr)
    if model_field.is_relation:
        current_id = getattr(obj, model_field.attname)
        return current_id != (value.pk if value is not None else None)
    current = getattr(obj, attr)
    if isinstance(model_field, models.DecimalField) and current is not None and value is not None:
        return Decimal(current) != Decimal(value)
    return current != value


_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2})?$")


def _partial_date_precision(model_field: models.Field, raw: Any) -> str | None:
    """'2023-08' or '2023' for a date field that records its precision (status_since)."""
    has_precision = any(f.name == f"{model_field.name}_precision" for f in model_field.model._meta.fields)
    if not has_precision:
        return None
    if isinstance(raw, int):
        raw = str(raw)
    if isinstance(raw, str) and _PARTIAL_DATE.match(raw):
        return "month" if "-" in raw else "year"
    if isinstance(raw, dt.date | str):
        return "day"
    return None


def _partial_date(raw: Any) -> Any:
    text = str(raw)
    if len(text) == 4:
        return f"{text}-01-01"
    if len(text) == 7:
        return f"{text}-01"
    return raw


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"field {name!r}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def load_knowledge_base(directory: Path | None = None, *, dry_run: bool = False) -> LoadReport:
    """Load every fixture file in ``directory`` (default: fixtures/). See the module docstring."""
    directory = directory or default_fixtures_dir()
    paths = fixture_files(directory)
    grouped, problems = read_sections(paths)
    if problems:
        raise KnowledgeBaseError(problems)
    report = LoadReport(files=len(paths))
    loader = _Loader(report)
    # Messages are for the developer or curator at a terminal: English, whatever LANGUAGE_CODE says.
    with translation.override("en"), transaction.atomic():
        for spec in SECTIONS:
            loader.load_section(spec, grouped.get(spec.section, []))
            if loader.problems:
                # Later sections would only repeat the same missing references.
                break
        if not loader.problems:
            loader.apply_m2m()
        if loader.problems:
            raise KnowledgeBaseError(loader.problems)  # leaving the atomic block rolls back
        if dry_run:
            transaction.set_rollback(True)
    return report
