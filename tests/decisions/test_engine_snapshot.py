"""build_snapshot on the real knowledge base: fixed query count, plain data, a fingerprint that follows the content."""

import dataclasses
import datetime as dt
import pickle
from collections.abc import Mapping

import pytest
from django.db import models

from casestudies.models import CaseStudy
from catalog.models import Assessment, Capability, Category, Technology
from decisions.engine import FrozenDict, Snapshot
from decisions.rendering import evaluate
from decisions.snapshot_builder import build_snapshot
from tests.factories import (
    AssessmentFactory,
    PitfallFactory,
    StackEntryFactory,
    TechnologyFactory,
    TechnologyRelationFactory,
)

pytestmark = pytest.mark.django_db


def add_technologies(count: int) -> None:
    """``count`` more technologies, each with an assessment, a successor, a relation, a stack entry and a pitfall."""
    orchestration = Category.objects.get(slug="orchestration")
    autoscaling = Capability.objects.get(slug="autoscaling")
    kubernetes = Technology.objects.get(slug="kubernetes")
    for _ in range(count):
        technology = TechnologyFactory(categories=[orchestration])
        technology.successors.add(kubernetes)
        AssessmentFactory(technology=technology, capability=autoscaling)
        TechnologyRelationFactory(from_technology=technology, to_technology=kubernetes, kind="requires")
        StackEntryFactory(technology=technology, layer=orchestration)
        PitfallFactory(triggers=[{"key": "hosts", "in": ["gt5000"]}]).technologies.add(technology)


@pytest.mark.parametrize("extra", [0, 1, 10])
def test_build_snapshot_reads_everything_in_a_fixed_number_of_queries(django_assert_num_queries, extra):
    add_technologies(extra)

    # categories, capabilities, sources, companies, technologies, technology↔category links,
    # successor links, relations, assessments, case studies, stages, stack entries, pitfalls,
    # pitfall↔technology links, pitfall↔remedy links
    with django_assert_num_queries(18):
        snap = build_snapshot()

    assert len(snap.technologies) == Technology.objects.count()
    assert len(snap.case_studies) == CaseStudy.objects.count()


def test_build_snapshot_holds_plain_data_and_no_model_instances():
    snap = build_snapshot()

    def walk(value):
        assert not isinstance(value, models.Model)
        if dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                if not field.name.startswith("_"):
                    walk(getattr(value, field.name))
        elif isinstance(value, Mapping):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(snap)
    assert isinstance(snap.technologies, FrozenDict)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.today = dt.date(2030, 1, 1)


def test_build_snapshot_copies_technologies_with_their_assessments_and_relations():
    snap = build_snapshot(today=dt.date(2026, 11, 27))

    kubernetes = snap.technologies["kubernetes"]
    assert (kubernetes.kind, kubernetes.status, kubernetes.language) == ("product", "active", "go")
    assert "orchestration" in kubernetes.categories
    assessment = Assessment.objects.get(technology__slug="kubernetes", capability__slug="autoscaling")
    copied = kubernetes.assessments["autoscaling"]
    assert (copied.level, copied.source, copied.review_by) == (
        assessment.level,
        assessment.source.slug,
        assessment.review_by,
    )
    assert snap.today == dt.date(2026, 11, 27)


def test_build_snapshot_keeps_case_study_stages_in_order_with_the_current_one_last():
    snap = build_snapshot()

    jd = snap.case_studies["jd"]
    assert "openstack" in jd.stages[0]
    assert "kubernetes" in jd.current
    assert jd.scale == "gt5000"


def test_the_fingerprint_is_stable_and_ignores_the_day():
    first = build_snapshot(today=dt.date(2026, 1, 1))
    second = build_snapshot(today=dt.date(2030, 1, 1))

    assert first.fingerprint == second.fingerprint
    assert len(first.fingerprint) == 64


def test_the_fingerprint_changes_when_an_assessment_changes():
    before = build_snapshot()
    assessment = Assessment.objects.get(technology__slug="kubernetes", capability__slug="autoscaling")
    assessment.level = "partial"
    assessment.save()

    after = build_snapshot()

    assert after.fingerprint != before.fingerprint
    assert after.technologies["kubernetes"].assessments["autoscaling"].level == "partial"


def test_the_fingerprint_changes_when_a_note_changes():
    before = build_snapshot()
    Technology.objects.filter(slug="kubernetes").update(name="Kubernetes (k8s)")

    assert build_snapshot().fingerprint != before.fingerprint


def test_a_snapshot_survives_pickling_with_the_same_results():
    snap = build_snapshot()
    answers = {"autoscaling": "must", "network_policy": "should", "hosts": "500_5000"}

    copy = pickle.loads(pickle.dumps(snap))  # noqa: S301 - our own data, pickled a line above

    assert isinstance(copy, Snapshot)
    assert copy == snap
    assert evaluate(answers, copy) == evaluate(answers, snap)


def test_build_snapshot_keeps_a_pitfalls_remedies_apart_from_its_subjects():
    subject, first_remedy, second_remedy = (
        TechnologyFactory(slug="test-notary"),
        TechnologyFactory(slug="test-notation"),
        TechnologyFactory(slug="test-cosign"),
    )
    pitfall = PitfallFactory()
    pitfall.technologies.add(subject)
    pitfall.remedies.add(first_remedy, second_remedy)

    info = build_snapshot().pitfalls[pitfall.slug]

    assert info.technologies == ("test-notary",)
    assert info.remedies == ("test-cosign", "test-notation")


def test_the_real_knowledge_base_gives_notary_v1_its_subjects_and_its_remedies_apart():
    notary = build_snapshot().pitfalls["notary-v1-content-trust-retired"]

    assert notary.technologies == ("docker-hub", "notary")
    assert notary.remedies == ("cosign", "notation")
