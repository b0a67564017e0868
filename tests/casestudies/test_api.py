"""Companies and case studies through the REST API: lists, filters, details, staff writes, query counts."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from casestudies.models import CaseStudy
from platform_survey.tokens import issue_token
from tests.factories import (
    CaseStudyFactory,
    CategoryFactory,
    CompanyFactory,
    LessonFactory,
    MetricFactory,
    PitfallFactory,
    StackEntryFactory,
    StageFactory,
    TechnologyFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def staff_header() -> dict:
    user = get_user_model().objects.create_user(username="curator-api", is_staff=True)
    # A curator: staff with the model permissions the admin needs too.
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["catalog", "casestudies"]))
    return {"HTTP_AUTHORIZATION": f"Token {issue_token(user).key}"}


def test_case_studies_filter_by_technology_industry_and_scale(client):
    technology = TechnologyFactory(slug="cs-tech")
    travel = CompanyFactory(industry="online_travel")
    cloud = CompanyFactory(industry="cloud")
    kept = CaseStudyFactory(slug="cs-kept", company=travel, scale="gt5000")
    StackEntryFactory(technology=technology, stage=StageFactory(case_study=kept))
    StackEntryFactory(
        technology=technology,
        stage=StageFactory(case_study=CaseStudyFactory(slug="cs-cloud", company=cloud, scale="gt5000")),
    )
    StackEntryFactory(
        technology=technology,
        stage=StageFactory(case_study=CaseStudyFactory(slug="cs-small", company=travel, scale="lt50")),
    )
    CaseStudyFactory(slug="cs-without", company=travel, scale="gt5000")

    response = client.get("/api/v1/case-studies/?technology=cs-tech&industry=online_travel&scale=gt5000")
    any_industry = client.get("/api/v1/case-studies/?technology=cs-tech&scale=gt5000")

    assert slugs(response) == ["cs-kept"]
    assert sorted(slugs(any_industry)) == ["cs-cloud", "cs-kept"]


def test_case_study_list_item_has_company_source_and_staleness(client):
    company = CompanyFactory(slug="cs-co", name_en="CS Co", industry="cloud")
    CaseStudyFactory(slug="cs-item", company=company, title_en="CS item", period="2014–2017", scale="50_500")

    item = client.get("/api/v1/case-studies/?company=cs-co", **ENGLISH).json()["results"][0]

    assert item | {"source": None} == {
        "url": "http://testserver/api/v1/case-studies/cs-item/",
        "slug": "cs-item",
        "company": {"slug": "cs-co", "name": "CS Co", "industry": "cloud"},
        "title": "CS item",
        "summary": "Summary.",
        "period": "2014–2017",
        "scale": "50_500",
        "coverage": "detailed",
        "source": None,
        "as_of": "2017-06-01",
        "review_by": "2018-06-01",
        "stale": True,
        "untranslated": [],
    }


def test_case_study_detail_has_stages_in_order_with_stacks_in_layer_order(client):
    case = CaseStudyFactory(slug="cs-detail")
    later = StageFactory(case_study=case, order=2, name_en="Later")
    earlier = StageFactory(case_study=case, order=1, name_en="Earlier")
    network = CategoryFactory(slug="cs-network", order=7)
    orchestration = CategoryFactory(slug="cs-orchestration", order=1)
    StackEntryFactory(stage=later, layer=network, technology=TechnologyFactory(slug="cs-calico"))
    StackEntryFactory(stage=later, layer=orchestration, technology=TechnologyFactory(slug="cs-mesos"))
    StackEntryFactory(stage=earlier, layer=orchestration, technology=TechnologyFactory(slug="cs-openstack"))

    stages = client.get("/api/v1/case-studies/cs-detail/", **ENGLISH).json()["stages"]

    assert [(s["order"], s["name"], [e["technology"]["slug"] for e in s["stack"]]) for s in stages] == [
        (1, "Earlier", ["cs-openstack"]),
        (2, "Later", ["cs-mesos", "cs-calico"]),
    ]
    assert stages[1]["stack"][1]["layer"] == {"slug": "cs-network", "name": network.name_en}


def test_case_study_detail_has_metrics_and_lessons_with_their_links(client):
    case = CaseStudyFactory(slug="cs-lessons")
    MetricFactory(case_study=case, slug="containers", value=5000, baseline=None, unit="containers", qualifier="peak")
    lesson = LessonFactory(case_study=case, slug="use-host-net", kind="decision", title_en="Host networking")
    lesson.technologies.add(TechnologyFactory(slug="cs-host-mode", name="Host mode"))
    lesson.pitfalls.add(PitfallFactory(slug="cs-port-clash"))

    body = client.get("/api/v1/case-studies/cs-lessons/", **ENGLISH).json()

    assert [(m["slug"], m["value"], m["unit"], m["qualifier"], m["stale"]) for m in body["metrics"]] == [
        ("containers", "5000.000", "containers", "peak", True)
    ]
    assert body["lessons"][0] | {"source": None} == {
        "slug": "use-host-net",
        "kind": "decision",
        "title": "Host networking",
        "body": "A lesson.",
        "technologies": [{"slug": "cs-host-mode", "name": "Host mode", "status": "active"}],
        "pitfalls": ["cs-port-clash"],
        "source": None,
        "untranslated": [],
    }


def test_companies_filter_by_industry_and_list_their_case_studies(client):
    company = CompanyFactory(slug="aaa-devices-co", name_en="AAA Devices Co", industry="devices")
    CaseStudyFactory(slug="cs-b", company=company)
    CaseStudyFactory(slug="cs-a", company=company)

    response = client.get("/api/v1/companies/?industry=devices")

    assert response.json()["results"][0]["slug"] == "aaa-devices-co"
    assert response.json()["results"][0]["case_studies"] == ["cs-a", "cs-b"]


def test_unknown_case_study_is_a_404(client):
    response = client.get("/api/v1/case-studies/atlantis/", **ENGLISH)

    assert (response.status_code, response.json()["message"]) == (404, "No case study matches “atlantis”.")


def test_staff_create_change_and_delete_a_case_study(client):
    staff = staff_header()
    body = {
        "slug": "cs-new",
        "company": "qunar",
        "title_zh": "新案例",
        "title_en": "New case",
        "summary_zh": "摘要",
        "summary_en": "Summary",
        "scale": "500_5000",
        "coverage": "outline",
        "source": "survey-case-qunar",
        "as_of": "2017-06-01",
        "review_by": "2018-06-01",
    }

    created = client.post("/api/v1/case-studies/", body, content_type="application/json", **staff)
    changed = client.patch(
        "/api/v1/case-studies/cs-new/", {"period": "2015–2017"}, content_type="application/json", **staff
    )
    refused = client.patch(
        "/api/v1/case-studies/cs-new/", {"review_by": "2016-01-01"}, content_type="application/json", **staff, **ENGLISH
    )
    deleted = client.delete("/api/v1/case-studies/cs-new/", **staff)

    assert (created.status_code, changed.status_code, deleted.status_code) == (201, 200, 204)
    assert changed.json()["period"] == "2015–2017"
    assert refused.json()["errors"] == {"review_by": ["Review-by date cannot be before the as-of date."]}
    assert not CaseStudy.objects.filter(slug="cs-new").exists()


def test_case_study_writes_need_a_staff_account(client):
    response = client.delete("/api/v1/case-studies/qunar/")

    assert response.status_code == 401
    assert CaseStudy.objects.filter(slug="qunar").exists()


# --- query counts (each starts with the conditional-GET version query)


@pytest.mark.parametrize("n", [1, 3, 12])
def test_case_study_list_query_count_is_fixed(client, django_assert_num_queries, n):
    company = CompanyFactory()
    CaseStudyFactory.create_batch(n, company=company)

    # version; count; the page with company and source
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/case-studies/?company={company.slug}&scale=unknown&industry=ecommerce")

    assert response.json()["count"] == n


@pytest.mark.parametrize("n", [1, 3, 12])
def test_case_study_detail_query_count_is_fixed(client, django_assert_num_queries, n):
    case = CaseStudyFactory()
    for order in range(1, n + 1):
        stage = StageFactory(case_study=case, order=order)
        StackEntryFactory.create_batch(2, stage=stage)
        MetricFactory(case_study=case)
        lesson = LessonFactory(case_study=case)
        lesson.technologies.add(TechnologyFactory())
        lesson.pitfalls.add(PitfallFactory())

    # version; the case study with company and source; stages; their stacks; metrics; lessons;
    # the lessons' technologies; the lessons' pitfalls
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(10):
        response = client.get(f"/api/v1/case-studies/{case.slug}/")

    assert len(response.json()["stages"]) == n


@pytest.mark.parametrize("n", [1, 3, 12])
def test_company_list_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        CaseStudyFactory(company=CompanyFactory(industry="gaming"))

    # version; count; the page; their case studies
    # + 2 rate-limit counter statements (platform_survey/limits.py: one atomic upsert per throttle window)
    with django_assert_num_queries(6):
        client.get("/api/v1/companies/?industry=gaming")
