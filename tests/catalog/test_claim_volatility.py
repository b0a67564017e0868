"""Each claim of the knowledge base is reviewed when its kind of fact goes stale (issue 11, point 5).

The fixtures state a claim's volatility class where it differs from its kind's default; the loaded
review-by date of every claim checked in 2026 must be its as-of date plus its class's period. The
figures are printed (run with -s to see them).
"""

import datetime as dt
from collections import Counter

import pytest

from catalog.models import Assessment, Correction, PerformanceReport, Pitfall, Technology, TechnologyAdopter
from knowledge_base.loader import claim_class, default_fixtures_dir, fixture_files
from knowledge_base.specs import CHECKED_SINCE, SECTIONS, VOLATILITY_MONTHS
from knowledge_base.yaml_io import read_fixture_file

pytestmark = pytest.mark.django_db

# Written out here rather than read from specs.VOLATILITY_MONTHS: README.md promises these periods.
PERIOD_MONTHS = {"release": 6, "capability": 18, "architecture": 36}


def _months_later(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1)  # the fixtures' days are all <= 28


def _raw_claims():
    """(kind, key, class, as_of, stated review_by) for every dated claim, as the fixtures write it."""
    specs = {spec.section: spec for spec in SECTIONS}
    for path in fixture_files(default_fixtures_dir()):
        content = read_fixture_file(path) or {}
        for section, records in content.items():
            spec = specs[section]
            for record in records:
                yield from _claims_of(spec, record, (record.get("slug") or record.get("technology"),))


def _claims_of(spec, record, key):
    flat = dict(record)
    for name, prefix in spec.nested.items():
        for field, value in (flat.pop(name, None) or {}).items():
            flat[f"{prefix}{field}"] = value
    for dated in spec.claims:
        if flat.get(dated.as_of) is not None:
            kind = f"{spec.section}.{dated.as_of}"
            yield kind, key, claim_class(dated, flat), flat[dated.as_of], flat.get(dated.review_by)
    for child in spec.children:
        for item in record.get(child.name) or []:
            yield from _claims_of(child.spec, item, (*key, item.get("capability") or item.get("slug")))


def _loaded_review_dates() -> dict[tuple[str, tuple], dt.date]:
    loaded = {}
    for t in Technology.objects.all():
        loaded["technologies.status_as_of", (t.slug,)] = t.status_review_by
        if t.scale_as_of:
            loaded["technologies.scale_as_of", (t.slug,)] = t.scale_review_by
    for a in Assessment.objects.select_related("technology", "capability"):
        loaded["assessments.as_of", (a.technology.slug, a.capability.slug)] = a.review_by
    for p in Pitfall.objects.all():
        loaded["pitfalls.as_of", (p.slug,)] = p.review_by
        if p.mitigation_as_of:
            loaded["pitfalls.mitigation_as_of", (p.slug,)] = p.mitigation_review_by
    for c in Correction.objects.all():
        loaded["corrections.as_of", (c.slug,)] = c.review_by
    for r in PerformanceReport.objects.all():
        loaded["performance_reports.as_of", (r.slug,)] = r.review_by
    for a in TechnologyAdopter.objects.select_related("technology"):
        loaded["technology_adopters.as_of", (a.technology.slug,)] = a.review_by
    return loaded


def test_the_classes_have_the_documented_periods():
    assert VOLATILITY_MONTHS == PERIOD_MONTHS


def test_every_2026_claim_is_reviewed_when_its_class_says():
    claims = list(_raw_claims())
    loaded = _loaded_review_dates()
    per_class, per_kind, wrong, checked = Counter(), Counter(), [], 0
    for kind, key, volatility, as_of, stated in claims:
        per_class[volatility] += 1
        per_kind[kind, volatility] += 1
        if as_of < CHECKED_SINCE:
            continue
        expected = _months_later(as_of, PERIOD_MONTHS[volatility])
        if stated is not None and stated != expected:
            wrong.append((kind, key, f"states {stated}, {volatility} gives {expected}"))
        if (kind, key) in loaded:
            checked += 1
            if loaded[kind, key] != expected:
                wrong.append((kind, key, f"loaded {loaded[kind, key]}, {volatility} gives {expected}"))
    print(f"\nclaims per volatility class: {dict(sorted(per_class.items()))}")
    for (kind, volatility), count in sorted(per_kind.items()):
        print(f"  {kind:32} {volatility:12} {count}")
    print(f"2026 claims checked against the database: {checked}")
    assert wrong == []
    assert checked > 1500, "the walk through the fixtures found too few loaded claims to compare"
    assert per_class["release"] > 250
    assert per_class["capability"] > 1000
    assert per_class["architecture"] >= 40


def test_no_2026_claim_carries_the_old_one_year_review_date():
    one_year = [
        (kind, key)
        for kind, key, _, as_of, stated in _raw_claims()
        if stated and as_of >= CHECKED_SINCE and stated == as_of.replace(year=as_of.year + 1)
    ]
    assert one_year == []
