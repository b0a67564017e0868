"""catalog/evidence.py: the one port through which the catalog reads case-study data."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from casestudies.evidence import CaseStudyEvidence
from catalog import evidence


def test_the_case_studies_register_their_evidence_when_django_starts():
    assert isinstance(evidence.evidence(), CaseStudyEvidence)


def test_without_the_case_studies_the_catalog_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(evidence, "_registered", None)
    with pytest.raises(ImproperlyConfigured, match="casestudies"):
        evidence.evidence()


@pytest.mark.django_db
def test_stack_entries_carry_their_case_studys_current_stage():
    entry = evidence.evidence().stack_entries().select_related("stage").first()
    latest = entry.stage.case_study.stages.order_by("-order").first()
    assert entry.latest_order == latest.order
