"""A case study with nothing in it says so, with no empty headings (issue 13: Uber's blank survey entry)."""

import pytest

from casestudies.models import CaseStudy
from tests.factories import CaseStudyFactory, CategoryFactory, StackEntryFactory, StageFactory, TechnologyFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_case_study_without_stages_has_no_how_it_evolved_heading_and_says_it_lists_no_stack(client):
    case_study = CaseStudyFactory(coverage="minimal", coverage_note_en="The entry is blank.")

    english = client.get(case_study.get_absolute_url(), **ENGLISH).text
    chinese = client.get(case_study.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").text

    assert "How it evolved" not in english
    assert "The survey lists no stack for this company." in english
    assert "The entry is blank." in english
    assert "演进过程" not in chinese


def test_a_case_study_with_a_stage_keeps_its_how_it_evolved_section(client):
    case_study = CaseStudyFactory()
    stage = StageFactory(case_study=case_study, order=1, name_en="Only stage")
    StackEntryFactory(stage=stage, technology=TechnologyFactory(), layer=CategoryFactory())

    english = client.get(case_study.get_absolute_url(), **ENGLISH).text

    assert "How it evolved" in english
    assert "Only stage" in english


def test_the_uber_page_says_the_survey_entry_is_blank_and_shows_only_sourced_later_stages(client):
    uber = CaseStudy.objects.get(slug="uber")
    stages = list(uber.stages.all())

    english = client.get(uber.get_absolute_url(), **ENGLISH).text

    assert "The survey barely covers this company" in english
    assert "待补充" in english  # the survey's own word for its blank entry, quoted
    # Every stage shown comes from a source of its own (not the survey's), and the timeline lists only those.
    assert stages
    assert all(stage.source_id and stage.source_id != uber.source_id for stage in stages)
    assert english.count('class="timeline-step') == len(stages)
