"""Every API error has one JSON shape: {"status", "code", "message", "errors"}."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import OperationalError
from django.db.models import ProtectedError
from django.test import Client, override_settings
from django.utils import translation
from rest_framework import exceptions

from platform_survey.api.errors import api_exception_handler, flatten_errors

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/no-such-resource/", **ENGLISH)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": 404, "code": "not_found", "message": "No API resource is at this address.", "errors": {}
    }  # fmt: skip


def test_a_missing_trailing_slash_is_pointed_out(client):
    response = client.get("/api/v1/technologies/kubernetes", **ENGLISH)

    assert response.status_code == 404
    assert response.json()["message"] == (
        "Not found. Did you mean /api/v1/technologies/kubernetes/ (with a trailing slash)?"
    )


def test_an_unsafe_method_on_an_unknown_address_is_a_404_not_a_csrf_page(client):
    response = Client(enforce_csrf_checks=True).delete("/api/v1/technologies/%C2%84/", **ENGLISH)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_a_method_the_endpoint_lacks_is_a_405_even_for_anonymous_clients(client):
    response = client.post("/api/v1/categories/", {}, content_type="application/json", **ENGLISH)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {
        "status": 405, "code": "method_not_allowed", "message": 'Method "POST" not allowed.', "errors": {}
    }  # fmt: skip


def test_an_invalid_token_is_a_401_even_on_a_public_read(client):
    response = client.get("/api/v1/categories/", HTTP_AUTHORIZATION="Token not-a-real-key", **ENGLISH)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "status": 401, "code": "authentication_failed", "message": "Invalid token.", "errors": {}
    }  # fmt: skip


def test_a_session_write_without_the_csrf_token_is_a_json_403(django_user_model):
    user = django_user_model.objects.create_user(username="browser", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.delete("/api/v1/technologies/kubernetes/", **ENGLISH)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert response.json()["message"].startswith("CSRF Failed")


def test_a_body_that_is_not_json_is_a_415(client):
    user = get_user_model().objects.create_user(username="curator-415", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="add_technology"))  # a curator, as the admin needs
    client.force_login(user)

    response = client.post("/api/v1/technologies/", "slug=x", content_type="application/x-www-form-urlencoded",
                           **ENGLISH)  # fmt: skip

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_malformed_json_is_a_400_parse_error(client):
    user = get_user_model().objects.create_user(username="curator-400", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="add_technology"))  # a curator, as the admin needs
    client.force_login(user)

    response = client.post("/api/v1/technologies/", "{not json", content_type="application/json", **ENGLISH)

    assert (response.status_code, response.json()["code"]) == (400, "parse_error")


def test_validation_errors_name_each_field(client):
    response = client.get("/api/v1/technologies/?status=x&kind=y&page=0", **ENGLISH)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert sorted(response.json()["errors"]) == ["kind", "status"]


def test_messages_follow_the_request_language(client):
    english = client.get("/api/v1/technologies/?page=99999", **ENGLISH).json()["message"]
    chinese = client.get("/api/v1/technologies/?page=99999", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["message"]

    assert (english, chinese) == ("Invalid page.", "无效页面。")


def test_nested_errors_are_flattened_to_dotted_paths():
    detail = {
        "answers": {"hosts": ["Unknown value 'many'."]},
        "stack": [{}, {"layer": ["Required."]}],
        "__all__": ["Conflicting."],
        "non_field_errors": ["Also."],
    }

    assert flatten_errors(detail) == {
        "answers.hosts": ["Unknown value 'many'."],
        "stack.1.layer": ["Required."],
        "non_field_errors": ["Conflicting.", "Also."],
    }


def test_a_protected_delete_becomes_a_409():
    with translation.override("en"):
        response = api_exception_handler(ProtectedError("protected", {object(), object()}), {"view": None})

    assert response.status_code == 409
    assert response.data["code"] == "protected"
    assert response.data["message"] == "It cannot be deleted: 2 other record(s) still refer to it."


@override_settings(DEBUG=False)
def test_an_unexpected_exception_is_a_logged_json_500_when_debug_is_off(caplog):
    response = api_exception_handler(RuntimeError("boom"), {"view": object()})

    assert response.status_code == 500
    assert response.data["code"] == "server_error"
    assert "boom" not in str(response.data)
    assert caplog.records[-1].name == "platform_survey.api"


@override_settings(DEBUG=True)
def test_an_unexpected_exception_propagates_while_debugging():
    assert api_exception_handler(RuntimeError("boom"), {"view": object()}) is None


def test_throttled_errors_keep_their_retry_after_header():
    response = api_exception_handler(exceptions.Throttled(wait=42), {"view": None})

    assert (response.status_code, response["Retry-After"], response.data["code"]) == (429, "42", "throttled")


@override_settings(DEBUG=False)
def test_a_database_outage_is_left_to_the_503_middleware():
    assert api_exception_handler(OperationalError("server closed the connection"), {"view": object()}) is None
