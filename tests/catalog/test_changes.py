"""catalog/changes.py: the home page's latest changes, newest first across the history tables."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from catalog.changes import latest_changes
from tests.factories import AssessmentFactory, PitfallFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def test_the_latest_changes_are_newest_first_across_kinds_and_a_removed_record_has_no_link():
    start = timezone.now() + dt.timedelta(days=1)  # later than anything the knowledge base recorded
    with time_machine.travel(start, tick=False) as traveller:
        technology = TechnologyFactory(slug="chg-tech", name="Chg tech")
        traveller.shift(dt.timedelta(minutes=1))
        pitfall = PitfallFactory(slug="chg-pitfall", title_en="Chg pitfall")
        traveller.shift(dt.timedelta(minutes=1))
        AssessmentFactory(technology=technology)
        traveller.shift(dt.timedelta(minutes=1))
        technology.name = "Chg tech renamed"
        technology.save()
        traveller.shift(dt.timedelta(minutes=1))
        pitfall.delete()

        with translation.override("en"):
            changes = latest_changes(limit=5)

    assert [(change.action, change.kind, change.url) for change in changes[:5]] == [
        ("-", "Pitfall", ""),
        ("~", "Technology", "/technologies/chg-tech/"),
        ("+", "Assessment", changes[2].url),
        ("+", "Pitfall", "/pitfalls/chg-pitfall/"),
        ("+", "Technology", "/technologies/chg-tech/"),
    ]
    assert changes[2].url.startswith("/technologies/chg-tech/#capability-")
    assert changes[1].label == "Chg tech renamed"


def test_latest_changes_keep_to_the_limit():
    with time_machine.travel(timezone.now() + dt.timedelta(days=1), tick=False) as traveller:
        for n in range(4):
            traveller.shift(dt.timedelta(minutes=1))
            TechnologyFactory(slug=f"chg-many-{n}")

        changes = latest_changes(limit=3)

    assert [change.url for change in changes] == [f"/technologies/chg-many-{n}/" for n in (3, 2, 1)]
