"""The pitfall admin form keeps a pitfall's subjects and remedies apart (issue 13)."""

import pytest
from django.contrib import admin
from django.utils import translation

from catalog.models import Pitfall
from tests.factories import CategoryFactory, PitfallFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def pitfall_form(rf, user, *, technologies, remedies):
    pitfall = PitfallFactory()
    request = rf.get("/")
    request.user = user
    form_class = admin.site._registry[Pitfall].get_form(request, pitfall)
    data = {
        "slug": pitfall.slug,
        "title_zh": pitfall.title_zh,
        "title_en": pitfall.title_en,
        "explanation_zh": pitfall.explanation_zh,
        "explanation_en": pitfall.explanation_en,
        "mitigation_zh": pitfall.mitigation_zh,
        "mitigation_en": pitfall.mitigation_en,
        "severity": pitfall.severity,
        "categories": [CategoryFactory().pk],
        "technologies": [technology.pk for technology in technologies],
        "remedies": [technology.pk for technology in remedies],
        "triggers": "[]",
        "source": pitfall.source.pk,
        "as_of": pitfall.as_of.isoformat(),
        "review_by": pitfall.review_by.isoformat(),
    }
    return form_class(data=data, instance=pitfall)


def test_pitfall_admin_saves_distinct_subjects_and_remedies(rf, admin_user):
    subject, remedy = TechnologyFactory(), TechnologyFactory()
    form = pitfall_form(rf, admin_user, technologies=[subject], remedies=[remedy])

    assert form.errors == {}
    pitfall = form.save()
    assert list(pitfall.technologies.all()) == [subject]
    assert list(pitfall.remedies.all()) == [remedy]


def test_pitfall_admin_rejects_a_technology_that_is_both_subject_and_remedy(rf, admin_user):
    both = TechnologyFactory(name="Cosign")
    form = pitfall_form(rf, admin_user, technologies=[both], remedies=[both, TechnologyFactory()])

    with translation.override("en"):
        assert form.errors == {"remedies": ["A technology cannot be both a subject and a remedy of a pitfall: Cosign."]}
