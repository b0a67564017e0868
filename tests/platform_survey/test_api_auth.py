"""API authentication: `Authorization: Token <key>` or the browser session; `manage.py issue_api_token`.

The hashed storage, expiry and the account page: test_tokens.py."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def issue(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("issue_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_issue_api_token_replace_revokes_the_old_key(django_user_model, client):
    django_user_model.objects.create_user(username="tool", is_staff=True)
    old, _ = issue("tool")

    new, _ = issue("tool", "--replace")
    refused = client.get("/api/v1/categories/", HTTP_AUTHORIZATION=f"Token {old}")

    assert new != old
    assert refused.status_code == 401


def test_issue_api_token_for_an_unknown_user_fails_clearly():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        issue("ghost")


def test_a_token_authenticates_api_writes(django_user_model, client):
    curator = django_user_model.objects.create_user(username="curator-token", is_staff=True)
    curator.user_permissions.set(Permission.objects.filter(codename="change_technology"))  # as the admin needs
    key, _ = issue("curator-token")

    response = client.patch("/api/v1/technologies/kubernetes/", {"aliases": "k8s"}, content_type="application/json",
                            HTTP_AUTHORIZATION=f"Token {key}")  # fmt: skip

    assert response.status_code == 200


def test_the_browser_session_authenticates_api_writes(staff_client):
    response = staff_client.patch("/api/v1/technologies/kubernetes/", {"aliases": "k8s"},
                                  content_type="application/json")  # fmt: skip

    assert response.status_code == 200
