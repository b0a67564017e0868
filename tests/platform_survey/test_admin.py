"""Curators can list, search, filter and edit everything in the admin; history records who changed what."""

import re

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy, Company
from catalog.models import Technology

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "catalog_source",
    "catalog_category",
    "catalog_capability",
    "catalog_technology",
    "catalog_assessment",
    "catalog_pitfall",
    "catalog_correction",
    "catalog_networkapproach",
    "catalog_networkcamp",
    "catalog_performancereport",
    "catalog_company",
    "casestudies_casestudy",
    "casestudies_stage",
    "casestudies_stackentry",
]


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_admin_list_and_add_pages_load_for_staff(staff_client, name):
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:{name}_changelist"), {"q": "k"}).status_code == 200
    assert staff_client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_admin_is_closed_to_anonymous_users(client):
    response = client.get(reverse("admin:catalog_technology_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_change_pages_show_inlines(staff_client):
    from tests.factories import AssessmentFactory, CaseStudyFactory, StackEntryFactory, StageFactory, TechnologyFactory

    assessment = AssessmentFactory()
    case = CaseStudyFactory()
    stage = StageFactory(case_study=case, name_en="First generation")
    StackEntryFactory(stage=stage, technology=TechnologyFactory(name="Mesos <Marathon>"))

    technology_page = staff_client.get(reverse("admin:catalog_technology_change", args=[assessment.technology.pk]))
    case_page = staff_client.get(reverse("admin:casestudies_casestudy_change", args=[case.pk]))

    assert technology_page.status_code == 200
    assert b"assessments-TOTAL_FORMS" in technology_page.content
    assert case_page.status_code == 200
    assert b"First generation" in case_page.content
    assert b"metrics-TOTAL_FORMS" in case_page.content
    assert b"lessons-TOTAL_FORMS" in case_page.content
    assert b"Mesos &lt;Marathon&gt;" in case_page.content  # the stage's stack, escaped
    assert reverse("admin:casestudies_stage_change", args=[stage.pk]).encode() in case_page.content


def test_admin_filters_technologies_by_status(staff_client):
    from tests.factories import TechnologyFactory

    TechnologyFactory(name="Filter Retired Thing", status="retired")
    TechnologyFactory(name="Filter Active Thing", status="active")

    response = staff_client.get(
        reverse("admin:catalog_technology_changelist"), {"status__exact": "retired", "q": "Filter"}
    )

    assert b"Filter Retired Thing" in response.content
    assert b"Filter Active Thing" not in response.content


def test_a_change_in_the_admin_is_recorded_in_history_with_the_user(staff_client):
    company = Company.objects.create(slug="hist-co", name_zh="历史", name_en="History Co", industry="cloud")
    url = reverse("admin:catalog_company_change", args=[company.pk])

    response = staff_client.post(
        url, {"slug": "hist-co", "name_zh": "历史", "name_en": "History Co Renamed", "industry": "cloud"}
    )

    assert response.status_code == 302
    latest = company.history.first()
    assert latest.name_en == "History Co Renamed"
    assert latest.history_user.username == "curator"
    assert latest.history_type == "~"
    history_page = staff_client.get(reverse("admin:catalog_company_history", args=[company.pk]))
    # Only the history table: the page header names the signed-in curator on every admin page.
    table = re.search(r'<table id="change-history".*?</table>', history_page.text, re.DOTALL).group()
    newest = re.search(r"<tbody>\s*<tr>(.*?)</tr>", table, re.DOTALL).group(1)
    assert re.search(r">\s*curator\s*</a>", newest)
    assert re.search(r"History Co\s*&nbsp;&rarr;&nbsp;&nbsp;History Co Renamed", newest)


def test_invalid_admin_input_re_renders_with_a_message_and_saves_nothing(staff_client):
    technology_count = Technology.objects.count()
    case_count = CaseStudy.objects.count()

    response = staff_client.post(
        reverse("admin:catalog_company_add"), {"slug": "bad co", "name_zh": "", "industry": "x"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"slug", "name_zh", "name_en", "industry"}
    assert Technology.objects.count() == technology_count
    assert CaseStudy.objects.count() == case_count
