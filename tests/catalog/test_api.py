"""The catalog's REST API: reads (lists, filters, details, compare, language) and staff writes."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from catalog.models import Assessment, Pitfall, Technology
from platform_survey.tokens import issue_token
from tests.factories import (
    AssessmentFactory,
    CapabilityFactory,
    CaseStudyFactory,
    CategoryFactory,
    CompanyFactory,
    CorrectionFactory,
    PitfallFactory,
    SourceFactory,
    StackEntryFactory,
    StageFactory,
    TechnologyFactory,
    TechnologyRelationFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def token_header(*, staff: bool) -> dict:
    user = get_user_model().objects.create_user(username="staff" if staff else "reader", is_staff=staff)
    if staff:  # a curator: staff with the catalog's model permissions, as the admin needs too
        user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["catalog", "casestudies"]))
    return {"HTTP_AUTHORIZATION": f"Token {issue_token(user).key}"}


# --- technologies: list and filters


def test_technology_list_item_shows_the_fields_in_the_requested_language(client):
    layer = CategoryFactory(slug="api-layer")
    TechnologyFactory(slug="api-tech", name="API Tech", name_zh="接口技术", categories=[layer])

    english = client.get("/api/v1/technologies/?category=api-layer", **ENGLISH).json()["results"][0]
    chinese = client.get("/api/v1/technologies/?category=api-layer", **CHINESE).json()["results"][0]

    assert english == {
        "url": "http://testserver/api/v1/technologies/api-tech/",
        "slug": "api-tech",
        "name": "API Tech",
        "kind": "product",
        "categories": ["api-layer"],
        "summary": "A technology for tests.",
        "language": "go",
        "license": "Apache-2.0",
        "license_family": "permissive",
        "homepage": "",
        "owner": None,
        "in_survey": True,
        "status": "active",
        "status_since": "",
        "status_stale": False,
        "untranslated": [],
    }
    assert (chinese["name"], chinese["summary"]) == ("接口技术", "一个测试用的技术。")


def test_localized_field_falls_back_to_the_other_language_and_says_so(client):
    layer = CategoryFactory()
    TechnologyFactory(summary_en="", summary_zh="只有中文。", categories=[layer])

    item = client.get(f"/api/v1/technologies/?category={layer.slug}", **ENGLISH).json()["results"][0]

    assert (item["summary"], item["untranslated"]) == ("只有中文。", ["summary"])


def test_response_says_which_language_it_is_in(client):
    english = client.get("/api/v1/categories/", **ENGLISH)
    default = client.get("/api/v1/categories/")

    assert (english["Content-Language"], default["Content-Language"]) == ("en", "zh-hans")


def test_accept_language_wins_over_the_language_cookie(client):
    client.cookies["django_language"] = "zh-hans"

    response = client.get("/api/v1/categories/orchestration/", **ENGLISH)

    assert response.json()["name"] == "Scheduling and orchestration"


def test_technologies_filter_by_layer_status_kind_and_language(client):
    layer = CategoryFactory()
    TechnologyFactory(slug="f-keep", categories=[layer], status="maintenance", kind="product", language="java")
    TechnologyFactory(slug="f-status", categories=[layer], status="retired", kind="product", language="java")
    TechnologyFactory(slug="f-kind", categories=[layer], status="active", kind="pattern", language="java")
    TechnologyFactory(slug="f-lang", categories=[layer], status="active", kind="product", language="go")
    TechnologyFactory(slug="f-other-layer", status="active", kind="product", language="java")

    response = client.get(
        f"/api/v1/technologies/?category={layer.slug}&status=active&status=maintenance&kind=product&language=java"
    )

    assert slugs(response) == ["f-keep"]


def test_technologies_filter_by_license_family_or_spdx_text(client):
    layer = CategoryFactory()
    TechnologyFactory(slug="l-apache", categories=[layer], license="Apache-2.0", license_family="permissive")
    TechnologyFactory(slug="l-gpl", categories=[layer], license="GPL-2.0-only", license_family="copyleft")
    TechnologyFactory(slug="l-busl", categories=[layer], license="BUSL-1.1", license_family="source_available")

    by_family = client.get(f"/api/v1/technologies/?category={layer.slug}&license=copyleft")
    by_text = client.get(f"/api/v1/technologies/?category={layer.slug}&license=apache")
    by_family_filter = client.get(
        f"/api/v1/technologies/?category={layer.slug}&license_family=permissive&license_family=source_available"
    )

    assert slugs(by_family) == ["l-gpl"]
    assert slugs(by_text) == ["l-apache"]
    assert sorted(slugs(by_family_filter)) == ["l-apache", "l-busl"]


def test_capability_filter_takes_repeated_and_comma_separated_conditions_that_must_all_hold(client):
    layer = CategoryFactory()
    scaling = CapabilityFactory(slug="api_scaling", category=layer)
    rollback = CapabilityFactory(slug="api_rollback", category=layer)
    both = TechnologyFactory(slug="c-both", categories=[layer])
    one = TechnologyFactory(slug="c-one", categories=[layer])
    AssessmentFactory(technology=both, capability=scaling, level="yes")
    AssessmentFactory(technology=both, capability=rollback, level="partial")
    AssessmentFactory(technology=one, capability=scaling, level="yes")
    AssessmentFactory(technology=one, capability=rollback, level="no")
    base = f"/api/v1/technologies/?category={layer.slug}"

    repeated = client.get(f"{base}&capability=api_scaling:yes&capability=api_rollback:partial")
    comma = client.get(f"{base}&capability=api_scaling:yes,api_rollback:partial")
    single = client.get(f"{base}&capability=api_scaling:yes&ordering=slug")

    assert slugs(repeated) == ["c-both"]
    assert slugs(comma) == ["c-both"]
    assert slugs(single) == ["c-both", "c-one"]


def test_capability_level_unknown_also_matches_technologies_nobody_assessed(client):
    layer = CategoryFactory()
    capability = CapabilityFactory(slug="api_unknowable", category=layer)
    AssessmentFactory(
        technology=TechnologyFactory(slug="u-unknown", categories=[layer]), capability=capability, level="unknown"
    )
    TechnologyFactory(slug="u-unassessed", categories=[layer])
    AssessmentFactory(
        technology=TechnologyFactory(slug="u-yes", categories=[layer]), capability=capability, level="yes"
    )

    response = client.get(
        f"/api/v1/technologies/?category={layer.slug}&capability=api_unknowable:unknown&ordering=slug"
    )

    assert slugs(response) == ["u-unassessed", "u-unknown"]


def test_malformed_capability_condition_is_a_400_naming_it(client):
    response = client.get("/api/v1/technologies/?capability=autoscaling:maybe", **ENGLISH)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "capability": [
            "“autoscaling:maybe” is not a capability condition: write capability:level, "
            "level one of yes, partial, no, unknown."
        ]
    }


@pytest.mark.parametrize("value", ["autoscaling:yes,,rollback:no", "autoscaling:yes,", " autoscaling:yes"])
def test_an_empty_or_padded_capability_condition_is_a_400(client, value):
    response = client.get("/api/v1/technologies/", {"capability": value}, **ENGLISH)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["capability"]


def test_more_than_twenty_capability_parameters_is_a_400_even_when_some_are_empty(client):
    response = client.get("/api/v1/technologies/", {"capability": ["autoscaling:yes", *[""] * 20]}, **ENGLISH)

    assert response.status_code == 400
    assert response.json()["errors"] == {"capability": ["At most 20 capability conditions."]}


def test_an_empty_capability_parameter_is_no_condition(client):
    everything = client.get("/api/v1/technologies/").json()["count"]

    assert client.get("/api/v1/technologies/?capability=").json()["count"] == everything


@pytest.mark.parametrize("value", [",", "name,,slug", ",,,,,,", "-name,"])
def test_an_ordering_with_an_empty_term_is_a_400(client, value):
    response = client.get("/api/v1/technologies/", {"ordering": value}, **ENGLISH)

    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"ordering": ["Name a field between each pair of commas."]},
    )


def test_an_empty_ordering_means_the_default_order(client):
    empty = client.get("/api/v1/technologies/?ordering=").json()["results"]

    assert empty == client.get("/api/v1/technologies/").json()["results"]


def test_unknown_slug_in_a_filter_matches_nothing(client):
    response = client.get("/api/v1/technologies/?category=no-such-layer")

    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_used_by_lists_technologies_in_any_stage_of_a_companys_case_studies(client):
    company = CompanyFactory(slug="api-user-co")
    early, late = StageFactory(case_study=CaseStudyFactory(company=company), order=1), None
    late = StageFactory(case_study=early.case_study, order=2)
    StackEntryFactory(stage=early, technology=TechnologyFactory(slug="used-early"))
    StackEntryFactory(stage=late, technology=TechnologyFactory(slug="used-late"))
    StackEntryFactory(technology=TechnologyFactory(slug="used-elsewhere"))

    response = client.get("/api/v1/technologies/?used_by=api-user-co&ordering=slug")

    assert slugs(response) == ["used-early", "used-late"]


def test_search_finds_words_in_either_language_and_in_aliases(client):
    layer = CategoryFactory()
    TechnologyFactory(slug="s-zh", summary_zh="支持有状态服务。", categories=[layer])
    TechnologyFactory(slug="s-en", summary_en="Runs stateful services.", categories=[layer])
    TechnologyFactory(slug="s-alias", aliases="PetSet, StatefulThing", categories=[layer])
    TechnologyFactory(slug="s-none", categories=[layer])
    base = f"/api/v1/technologies/?category={layer.slug}&ordering=slug"

    assert slugs(client.get(f"{base}&search=有状态")) == ["s-zh"]
    assert slugs(client.get(f"{base}&search=STATEFUL")) == ["s-alias", "s-en"]
    assert slugs(client.get(f"{base}&search=petset")) == ["s-alias"]
    assert slugs(client.get(f"{base}&search=stateful services")) == ["s-en"]


def test_ordering_sorts_by_the_chosen_field_and_reverses_with_a_minus(client):
    layer = CategoryFactory()
    TechnologyFactory(slug="o-b", name="Bravo", categories=[layer])
    TechnologyFactory(slug="o-a", name="Alpha", categories=[layer])

    assert slugs(client.get(f"/api/v1/technologies/?category={layer.slug}")) == ["o-a", "o-b"]
    assert slugs(client.get(f"/api/v1/technologies/?category={layer.slug}&ordering=-name")) == ["o-b", "o-a"]


def test_invalid_enum_filter_value_is_a_400(client):
    response = client.get("/api/v1/technologies/?status=immortal", **ENGLISH)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "status": ["Select a valid choice. immortal is not one of the available choices."]
    }


def test_a_single_valued_filter_given_twice_is_a_400(client):
    response = client.get("/api/v1/technologies/?category=network&category=storage", **ENGLISH)

    assert (response.status_code, response.json()["errors"]) == (400, {"category": ["Give this parameter once."]})


def test_lists_are_paginated_with_a_bounded_page_size(client):
    layer = CategoryFactory()
    TechnologyFactory.create_batch(3, categories=[layer])

    page = client.get(f"/api/v1/technologies/?category={layer.slug}&page_size=2").json()
    too_big = client.get("/api/v1/technologies/?page_size=201", **ENGLISH)

    assert (page["count"], len(page["results"]), page["previous"]) == (3, 2, None)
    assert page["next"] == f"http://testserver/api/v1/technologies/?category={layer.slug}&page=2&page_size=2"
    assert too_big.status_code == 400
    assert too_big.json()["errors"] == {"page_size": ["Must be a whole number from 1 to 200."]}


# --- technologies: detail


def test_technology_detail_shows_assessments_with_sources_dates_and_staleness(client):
    technology = TechnologyFactory(slug="d-tech")
    source = SourceFactory(slug="d-source", title_en="D source", url="https://example.org/d")
    capability = CapabilityFactory(slug="d_capability", name_en="D capability")
    AssessmentFactory(
        technology=technology,
        capability=capability,
        level="partial",
        note_en="Half.",
        source=source,
        as_of=dt.date(2017, 6, 1),
        review_by=dt.date(2018, 6, 1),
    )

    detail = client.get("/api/v1/technologies/d-tech/", **ENGLISH).json()

    assert detail["assessments"] == [
        {
            "capability": {"slug": "d_capability", "name": "D capability", "category": capability.category.slug},
            "level": "partial",
            "note": "Half.",
            "source": {
                "slug": "d-source",
                "kind": "web",
                "title": "D source",
                "url": "https://example.org/d",
                "section": "",
            },
            "as_of": "2017-06-01",
            "review_by": "2018-06-01",
            "stale": True,
            "untranslated": [],
        }
    ]


def test_technology_detail_shows_lifecycle_successors_and_predecessors(client):
    old = TechnologyFactory(
        slug="d-old",
        name="Old",
        status="retired",
        status_since=dt.date(2021, 3, 1),
        status_since_precision="month",
        status_note_en="Gone.",
    )
    new = TechnologyFactory(slug="d-new", name="New")
    old.successors.add(new)

    old_detail = client.get("/api/v1/technologies/d-old/", **ENGLISH).json()
    new_detail = client.get("/api/v1/technologies/d-new/", **ENGLISH).json()

    assert old_detail["lifecycle"] | {"source": None} == {
        "status": "retired",
        "since": "2021-03",
        "since_precision": "month",
        "note": "Gone.",
        "source": None,
        "as_of": "2026-11-01",
        "review_by": "2027-11-01",
        "stale": False,
    }
    assert old_detail["successors"] == [{"slug": "d-new", "name": "New", "status": "active"}]
    assert new_detail["predecessors"] == [{"slug": "d-old", "name": "Old", "status": "retired"}]


def test_technology_detail_shows_relations_in_both_directions(client):
    marathon = TechnologyFactory(slug="d-marathon", name="Marathon")
    mesos = TechnologyFactory(slug="d-mesos", name="Mesos")
    lb = TechnologyFactory(slug="d-lb", name="LB")
    TechnologyRelationFactory(from_technology=marathon, to_technology=mesos, kind="requires", note_en="Runs on it.")
    TechnologyRelationFactory(from_technology=lb, to_technology=marathon, kind="requires")

    relations = client.get("/api/v1/technologies/d-marathon/", **ENGLISH).json()["relations"]

    assert [(r["kind"], r["direction"], r["technology"]["slug"], r["note"]) for r in relations] == [
        ("requires", "outgoing", "d-mesos", "Runs on it."),
        ("requires", "incoming", "d-lb", ""),
    ]


def test_technology_detail_shows_who_uses_it_by_case_study_and_stage(client):
    technology = TechnologyFactory(slug="d-used")
    company = CompanyFactory(slug="d-co", name_en="D Co")
    case = CaseStudyFactory(slug="d-case", company=company, title_en="D case")
    first = StageFactory(case_study=case, order=1, name_en="First")
    second = StageFactory(case_study=case, order=2, name_en="Second")
    layer = CategoryFactory(slug="d-layer", name_en="D layer")
    StackEntryFactory(stage=first, technology=technology, layer=layer, note_en="--net=host")

    used_by = client.get("/api/v1/technologies/d-used/", **ENGLISH).json()["used_by"]

    assert second.order == 2
    assert used_by == [
        {
            "case_study": "d-case",
            "title": "D case",
            "company": {"slug": "d-co", "name": "D Co", "industry": "ecommerce"},
            "current": False,
            "stages": [
                {
                    "order": 1,
                    "name": "First",
                    "current": False,
                    "layer": {"slug": "d-layer", "name": "D layer"},
                    "note": "--net=host",
                }
            ],
        }
    ]


def test_technology_detail_shows_pitfalls_and_corrections(client):
    technology = TechnologyFactory(slug="d-troubled")
    pitfall = PitfallFactory(slug="d-pitfall", title_en="It breaks", severity="high")
    pitfall.technologies.add(technology)
    CorrectionFactory(slug="d-correction").technologies.add(technology)

    detail = client.get("/api/v1/technologies/d-troubled/", **ENGLISH).json()

    assert detail["pitfalls"] == [{"slug": "d-pitfall", "title": "It breaks", "severity": "high", "stale": False}]
    assert [(c["slug"], c["claim"], c["correction"]) for c in detail["corrections"]] == [
        ("d-correction", "What the survey said.", "What holds today.")
    ]


def test_unknown_technology_is_a_404_naming_the_slug(client):
    response = client.get("/api/v1/technologies/no-such-thing/", **ENGLISH)

    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "message": "No technology matches “no-such-thing”.",
        "errors": {},
    }


# --- compare


def test_compare_lines_up_the_capabilities_of_the_chosen_technologies(client):
    layer = CategoryFactory(slug="cmp-layer")
    same = CapabilityFactory(slug="cmp_same", category=layer, order=1)
    differs = CapabilityFactory(slug="cmp_differs", category=layer, order=2)
    a = TechnologyFactory(slug="cmp-a", categories=[layer])
    b = TechnologyFactory(slug="cmp-b", categories=[layer])
    for technology in (a, b):
        AssessmentFactory(technology=technology, capability=same, level="yes")
    AssessmentFactory(technology=a, capability=differs, level="no")

    body = client.get("/api/v1/compare/?technologies=cmp-b,cmp-a", **ENGLISH).json()

    assert [t["slug"] for t in body["technologies"]] == ["cmp-b", "cmp-a"]
    assert [(row["capability"]["slug"], row["differs"]) for row in body["rows"]] == [
        ("cmp_same", False),
        ("cmp_differs", True),
    ]
    assert [(c["technology"], c["level"], c["assessed"]) for c in body["rows"][1]["cells"]] == [
        ("cmp-b", "unknown", False),
        ("cmp-a", "no", True),
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "This query parameter is required."),
        ("?technologies=kubernetes", "Choose between 2 and 4 technologies; got 1."),
        ("?technologies=a,b,c,d,e", "Choose between 2 and 4 technologies; got 5."),
        ("?technologies=kubernetes,kubernetes", "Each technology may be named only once."),
        ("?technologies=kubernetes,no%20spaces", "Technology slugs are letters, digits, - and _, separated by commas."),
        ("?technologies=a,b&technologies=c", "Give this parameter once, with the slugs separated by commas."),
    ],
)
def test_compare_with_a_wrong_list_is_a_400_saying_why(client, query, message):
    response = client.get(f"/api/v1/compare/{query}", **ENGLISH)

    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "code": "invalid",
        "message": "Invalid input.",
        "errors": {"technologies": [message]},
    }


def test_compare_with_unknown_technologies_is_a_404_naming_each(client):
    response = client.get("/api/v1/compare/?technologies=kubernetes,nope,nada", **ENGLISH)

    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "message": "Some of the technologies to compare do not exist.",
        "errors": {"technologies": ["Unknown technology: “nope”.", "Unknown technology: “nada”."]},
    }


# --- other catalog resources


def test_pitfalls_filter_by_layer_technology_and_severity(client):
    layer = CategoryFactory(slug="p-layer")
    technology = TechnologyFactory(slug="p-tech")
    for slug, severity, with_technology in [
        ("p-high", "high", True),
        ("p-low", "low", True),
        ("p-alone", "high", False),
    ]:
        pitfall = PitfallFactory(slug=slug, severity=severity)
        pitfall.categories.add(layer)
        if with_technology:
            pitfall.technologies.add(technology)

    by_layer = client.get("/api/v1/pitfalls/?layer=p-layer")
    by_all = client.get("/api/v1/pitfalls/?layer=p-layer&technology=p-tech&severity=high&severity=critical")

    assert slugs(by_layer) == ["p-alone", "p-high", "p-low"]  # critical first, then by slug
    assert slugs(by_all) == ["p-high"]


def test_pitfall_shows_its_triggers_and_affected_technologies(client):
    pitfall = PitfallFactory(
        slug="p-nat", triggers=[{"key": "environment", "in": ["public_cloud"]}], trigger_note_en="On public clouds."
    )
    pitfall.technologies.add(TechnologyFactory(slug="p-nat-tech", name="NAT thing"))

    body = client.get("/api/v1/pitfalls/p-nat/", **ENGLISH).json()

    assert body["triggers"] == [{"key": "environment", "in": ["public_cloud"]}]
    assert body["trigger_note"] == "On public clouds."
    assert body["technologies"] == [{"slug": "p-nat-tech", "name": "NAT thing", "status": "active"}]


def test_categories_come_in_layer_order_with_counts(client):
    layer = CategoryFactory(slug="cat-counted", name_en="Counted")
    CapabilityFactory.create_batch(2, category=layer)
    TechnologyFactory(categories=[layer])

    body = client.get("/api/v1/categories/cat-counted/", **ENGLISH).json()
    first_page = client.get("/api/v1/categories/").json()["results"]

    assert (body["name"], body["technology_count"], body["capability_count"]) == ("Counted", 1, 2)
    assert [c["order"] for c in first_page] == sorted(c["order"] for c in first_page)


def test_capabilities_filter_by_layer(client):
    layer = CategoryFactory()
    CapabilityFactory(slug="cap_b", category=layer, order=2)
    CapabilityFactory(slug="cap_a", category=layer, order=1)

    assert slugs(client.get(f"/api/v1/capabilities/?category={layer.slug}")) == ["cap_a", "cap_b"]


def test_sources_filter_by_kind(client):
    response = client.get("/api/v1/sources/?kind=survey&page_size=200")

    assert {item["kind"] for item in response.json()["results"]} == {"survey"}
    assert "survey-kubernetes" in slugs(response)


# --- writes (staff only)

NEW_TECHNOLOGY = {
    "slug": "api-new",
    "name": "API New",
    "kind": "product",
    "categories": ["orchestration"],
    "summary_zh": "新的。",
    "summary_en": "New.",
    "language": "rust",
    "license": "MIT",
    "license_family": "permissive",
    "status": "active",
    "status_source": "survey-kubernetes",
    "status_as_of": "2026-11-01",
    "status_review_by": "2027-11-01",
}


def test_staff_creates_a_technology_and_the_history_names_them(client):
    response = client.post(
        "/api/v1/technologies/", NEW_TECHNOLOGY, content_type="application/json", **token_header(staff=True)
    )

    technology = Technology.objects.get(slug="api-new")
    assert response.status_code == 201
    assert response.json()["summary_en"] == "New."
    assert list(technology.categories.values_list("slug", flat=True)) == ["orchestration"]
    assert technology.history.latest().history_user.username == "staff"


def test_technology_write_is_validated_like_the_admin(client):
    payload = NEW_TECHNOLOGY | {"kind": "in_house", "status_review_by": "2020-01-01", "categories": ["nope"]}

    staff = token_header(staff=True)

    response = client.post("/api/v1/technologies/", payload, content_type="application/json", **staff, **ENGLISH)

    assert response.status_code == 400
    assert response.json()["errors"] == {"categories": ["Object with slug=nope does not exist."]}
    payload["categories"] = ["orchestration"]
    response = client.post("/api/v1/technologies/", payload, content_type="application/json", **staff, **ENGLISH)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": [
            "Constraint “technology_in_house_has_owner” is violated.",
            "Constraint “technology_review_after_as_of” is violated.",
        ]
    }


def test_text_fields_take_strings_only(client):
    payload = NEW_TECHNOLOGY | {"name": 42, "summary_en": 0, "homepage": 7}

    response = client.post(
        "/api/v1/technologies/", payload, content_type="application/json", **token_header(staff=True), **ENGLISH
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "name": ["Give text (a JSON string)."],
        "summary_en": ["Give text (a JSON string)."],
        "homepage": ["Give text (a JSON string)."],
    }
    assert not Technology.objects.filter(slug="api-new").exists()


def test_staff_change_and_delete_a_technology(client):
    TechnologyFactory(slug="api-change")
    staff = token_header(staff=True)

    patched = client.patch(
        "/api/v1/technologies/api-change/", {"status": "deprecated"}, content_type="application/json", **staff
    )
    deleted = client.delete("/api/v1/technologies/api-change/", **staff)

    assert (patched.status_code, patched.json()["status"]) == (200, "deprecated")
    assert deleted.status_code == 204
    assert not Technology.objects.filter(slug="api-change").exists()


def test_deleting_a_technology_a_case_study_uses_is_a_409(client):
    response = client.delete("/api/v1/technologies/kubernetes/", **token_header(staff=True), **ENGLISH)

    assert response.status_code == 409
    assert response.json()["code"] == "protected"
    assert Technology.objects.filter(slug="kubernetes").exists()


def test_writes_need_a_staff_account(client):
    anonymous = client.post("/api/v1/technologies/", NEW_TECHNOLOGY, content_type="application/json", **ENGLISH)
    reader = client.delete("/api/v1/technologies/kubernetes/", **token_header(staff=False), **ENGLISH)

    assert (anonymous.status_code, anonymous["WWW-Authenticate"], anonymous.json()["code"]) == (
        401,
        "Token",
        "not_authenticated",
    )
    assert (reader.status_code, reader.json()["message"]) == (
        403,
        "Only curators (staff accounts) may change the catalog.",
    )


def test_staff_assess_change_and_remove_a_capability(client):
    technology = TechnologyFactory(slug="as-tech")
    CapabilityFactory(slug="as_cap")
    staff = token_header(staff=True)
    url = "/api/v1/technologies/as-tech/assessments/"
    body = {
        "capability": "as_cap",
        "level": "yes",
        "source": "survey-kubernetes",
        "as_of": "2026-11-01",
        "review_by": "2027-11-01",
    }

    created = client.post(url, body, content_type="application/json", **staff)
    duplicate = client.post(url, body, content_type="application/json", **staff, **ENGLISH)
    changed = client.patch(f"{url}as_cap/", {"level": "partial"}, content_type="application/json", **staff)
    moved = client.patch(
        f"{url}as_cap/", {"capability": "autoscaling"}, content_type="application/json", **staff, **ENGLISH
    )
    assert (created.status_code, duplicate.status_code, changed.status_code) == (201, 400, 200)
    assert duplicate.json()["errors"] == {
        "non_field_errors": ["Assessment with this Technology and Capability already exists."]
    }
    assert moved.json()["errors"] == {
        "capability": ["The capability of an assessment cannot change; delete it instead."]
    }
    assert Assessment.objects.get(technology=technology).level == "partial"

    assert client.delete(f"{url}as_cap/", **staff).status_code == 204
    assert not Assessment.objects.filter(technology=technology).exists()


def test_assessment_review_by_before_as_of_is_refused(client):
    TechnologyFactory(slug="as-dates")
    CapabilityFactory(slug="as_dates")
    body = {
        "capability": "as_dates",
        "level": "yes",
        "source": "survey-kubernetes",
        "as_of": "2026-11-01",
        "review_by": "2020-01-01",
    }

    response = client.post(
        "/api/v1/technologies/as-dates/assessments/",
        body,
        content_type="application/json",
        **token_header(staff=True),
        **ENGLISH,
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"review_by": ["Review-by date cannot be before the as-of date."]}


def test_staff_record_a_pitfall_whose_triggers_use_the_questionnaire_keys(client):
    staff = token_header(staff=True)
    body = {
        "slug": "api-pitfall",
        "title_zh": "坑",
        "title_en": "Pit",
        "explanation_zh": "说明",
        "explanation_en": "Why",
        "mitigation_zh": "对策",
        "mitigation_en": "Fix",
        "severity": "medium",
        "categories": ["network"],
        "technologies": ["kubernetes"],
        "source": "survey-kubernetes",
        "as_of": "2026-11-01",
        "review_by": "2027-11-01",
        "triggers": [{"key": "hosts", "in": ["gt5000"]}],
    }

    created = client.post("/api/v1/pitfalls/", body, content_type="application/json", **staff)
    unknown_key = client.patch(
        "/api/v1/pitfalls/api-pitfall/",
        {"triggers": [{"key": "colour", "in": ["red"]}]},
        content_type="application/json",
        **staff,
        **ENGLISH,
    )
    wrong_shape = client.patch(
        "/api/v1/pitfalls/api-pitfall/",
        {"triggers": [{"key": ["hosts"], "in": "x"}]},
        content_type="application/json",
        **staff,
        **ENGLISH,
    )

    assert created.status_code == 201
    assert Pitfall.objects.get(slug="api-pitfall").triggers == [{"key": "hosts", "in": ["gt5000"]}]
    assert unknown_key.json()["errors"] == {"triggers": ["condition 1: unknown questionnaire key 'colour'"]}
    assert wrong_shape.json()["errors"] == {
        "triggers": ['Must be a list of {"key": "...", "in": ["...", ...]} conditions.']
    }


def test_a_pitfall_lists_its_remedies_apart_from_its_technologies(client):
    pitfall = PitfallFactory(slug="p-remedied")
    pitfall.technologies.add(TechnologyFactory(slug="p-problem", name="Problem"))
    pitfall.remedies.add(TechnologyFactory(slug="p-fix", name="Fix"))

    body = client.get("/api/v1/pitfalls/p-remedied/", **ENGLISH).json()
    listed = client.get("/api/v1/pitfalls/?technology=p-fix", **ENGLISH).json()

    assert [entry["slug"] for entry in body["technologies"]] == ["p-problem"]
    assert [entry["slug"] for entry in body["remedies"]] == ["p-fix"]
    assert listed["count"] == 0  # the technology filter reads the subjects: a fix is not the problem


def test_staff_write_remedies_and_cannot_put_a_technology_in_both_lists(client):
    staff = token_header(staff=True)
    pitfall = PitfallFactory(slug="p-write")
    pitfall.technologies.add(TechnologyFactory(slug="p-subject"))
    TechnologyFactory(slug="p-remedy")

    def write(remedies):
        body = {"remedies": remedies}
        return client.patch("/api/v1/pitfalls/p-write/", body, content_type="application/json", **staff, **ENGLISH)

    good = write(["p-remedy"])
    both = write(["p-subject"])

    assert good.status_code == 200
    assert list(Pitfall.objects.get(slug="p-write").remedies.values_list("slug", flat=True)) == ["p-remedy"]
    assert both.status_code == 400
    assert both.json()["errors"] == {
        "remedies": ["A technology cannot be both a subject and a remedy of a pitfall: p-subject."]
    }
    assert list(Pitfall.objects.get(slug="p-write").remedies.values_list("slug", flat=True)) == ["p-remedy"]
