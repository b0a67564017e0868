"""Malformed input is the client's error: 400 (or 413) in the API's JSON error shape, never a 500,
and bounded work (platform_survey/api/parsers.py, platform_survey/middleware.RejectNulMiddleware).

Run on SQLite by default and on PostgreSQL with DATABASE_URL, where NUL used to reach the database
(PostgreSQL refuses NUL in text) and fail as a 500."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client

from platform_survey.api import errors as api_errors

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SHAPE = {"status", "code", "message", "errors"}


@pytest.fixture
def user_client(django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user("writer", password="a-long-writer-password"))
    return client


def _post(client, url, body: str | bytes, method="post"):
    return getattr(client, method)(url, body, content_type="application/json", **ENGLISH)


def _assert_error(response, status, code=None):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == SHAPE
    assert body["status"] == status
    if code:
        assert body["code"] == code
    return body


@pytest.mark.parametrize("depth", [33, 1000, 10000, 50000])
@pytest.mark.parametrize("url", ["/api/v1/evaluations/", "/api/v1/technologies/"])
def test_deeply_nested_json_is_a_400(staff_client, url, depth):
    body = "[" * depth + "]" * depth
    response = _post(staff_client, url, body)
    error = _assert_error(response, 400, "parse_error")
    assert "nested more than 32 levels" in error["message"]

    nested_object = '{"a":' * min(depth, 10000) + "1" + "}" * min(depth, 10000)
    _assert_error(_post(staff_client, url, nested_object), 400, "parse_error")


def test_nesting_within_the_limit_is_parsed(user_client):
    body = {"title": "t", "answers": {"x": [[[[1]]]]}}
    response = _post(user_client, "/api/v1/evaluations/", json.dumps(body))
    assert response.status_code == 400  # rejected by validation (no such answer), not by the parser
    assert response.json()["code"] == "invalid"


def test_many_unknown_keys_are_bounded_work_and_a_short_answer(user_client):
    body = json.dumps({f"unknown_key_{i:06d}": "x" * 1 for i in range(100_000)})
    assert len(body) > 1_500_000
    start = time.perf_counter()
    response = _post(user_client, "/api/v1/evaluations/", body)
    seconds = time.perf_counter() - start
    _assert_error(response, 413, "payload_too_large")
    assert len(response.content) < 500
    assert seconds < 1.0

    # Under the size limit, but more values than the parser allows: refused after one parse.
    body = json.dumps({f"k{i}": 0 for i in range(12_000)})
    assert len(body) < 256 * 1024
    start = time.perf_counter()
    response = _post(user_client, "/api/v1/evaluations/", body)
    _assert_error(response, 400, "parse_error")
    assert time.perf_counter() - start < 1.0
    assert len(response.content) < 500


def test_a_validation_error_lists_at_most_fifty_fields():
    from rest_framework import exceptions

    exc = exceptions.ValidationError({f"field{i}": ["Unknown field."] * 9 for i in range(5000)})
    response = api_errors.api_exception_handler(exc, {"view": None, "request": None})
    errors = response.data["errors"]
    assert len(errors) == 51
    assert all(len(messages) <= 5 for messages in errors.values())
    assert errors["non_field_errors"] == ["… and 4950 more fields with errors."]


def test_a_body_over_the_size_limit_is_a_413(user_client, settings):
    settings.API_MAX_BODY_BYTES = 2048
    body = json.dumps({"title": "t", "notes": "x" * 3000})
    _assert_error(_post(user_client, "/api/v1/evaluations/", body), 413, "payload_too_large")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/compare/?technologies=a%00",
        "/api/v1/compare/?technologies=kubernetes,a%00b",
        "/api/v1/technologies/?category=a%00",
        "/api/v1/technologies/?search=%00",
        "/api/v1/technologies/?a%00=1",
        "/api/v1/technologies/a%00/",
        "/api/v1/technologies/kubernetes/assessments/?capability=%00",
    ],
)
def test_nul_in_api_queries_and_paths_is_a_400(client, url):
    body = _assert_error(client.get(url, **ENGLISH), 400, "invalid")
    assert body["message"] == "Null characters are not allowed."


@pytest.mark.parametrize("url", ["/compare/?technologies=a%00", "/technologies/?q=%00", "/technologies/a%00/"])
def test_nul_in_page_queries_and_paths_is_a_400(client, url):
    response = client.get(url, **ENGLISH)
    assert response.status_code == 400
    assert b"Null characters" in response.content


def test_nul_in_a_token_or_a_cookie_is_not_a_500(client):
    response = client.get("/api/v1/categories/", HTTP_AUTHORIZATION="Token abc\x00def", **ENGLISH)
    _assert_error(response, 400, "invalid")

    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/", **ENGLISH).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"slug": "a\x00b", "name": "x"},
        {"slug": "ok-slug", "name": "x\x00", "categories": ["orchestration"]},
        {"slug": "ok-slug", "name": "x", "categories": ["orch\x00estration"]},
    ],
)
def test_nul_in_a_staff_write_is_a_400(staff_client, body):
    for method, url in (("post", "/api/v1/technologies/"), ("patch", "/api/v1/technologies/kubernetes/")):
        response = _post(staff_client, url, json.dumps(body), method=method)
        error = _assert_error(response, 400, "invalid")
        # The error names the field that holds the NUL (a key with a NUL: the object that holds it).
        assert list(error["errors"].values()) == [["Null characters are not allowed."]]


def test_a_member_no_field_reads_may_hold_a_nul_it_is_dropped_unread(staff_client):
    # DRF drops members the serializer has no field for, so their content never reaches the database;
    # the body is still bounded (size, depth, count) as a whole.
    response = _post(staff_client, "/api/v1/technologies/", json.dumps({"slug\x00": "x"}))

    error = _assert_error(response, 400, "invalid")
    assert "slug" in error["errors"]  # required, and not given: the NUL member was not read as "slug"


def test_nul_in_an_evaluation_write_is_a_400(user_client):
    response = _post(user_client, "/api/v1/evaluations/", json.dumps({"title": "t", "answers": {"hosts\x00": 1}}))
    assert _assert_error(response, 400, "invalid")["errors"] == {"answers": ["Null characters are not allowed."]}


@pytest.mark.parametrize("body", ["NaN", '{"a": Infinity}', "[1,", '{"a" 1}', b"\xff\xfe", ""])
def test_other_malformed_json_is_a_400(user_client, body):
    response = _post(user_client, "/api/v1/evaluations/", body)
    assert response.status_code == 400
    assert set(response.json()) == SHAPE
