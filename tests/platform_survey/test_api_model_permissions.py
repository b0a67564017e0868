"""API catalog writes need the admin's model permissions (DjangoModelPermissions): a staff user
without them is refused by the API as by the admin, and each permission opens exactly its method."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from catalog.models import Technology

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/api/v1/technologies/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("bare-staff", password="a-long-staff-password", is_staff=True)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _write(client, method, url, body=None):
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json", **ENGLISH)


def test_a_staff_user_without_model_permissions_cannot_write(staff):
    client = _client(staff)
    before = Technology.objects.get(slug="kubernetes").summary_en

    created = _write(client, "post", URL, {"slug": "made-by-bare-staff", "name": "X", "categories": ["orchestration"]})
    changed = _write(client, "patch", URL + "kubernetes/", {"summary_en": "Changed by bare staff."})
    deleted = client.delete(URL + "kubernetes/", **ENGLISH)

    assert [created.status_code, changed.status_code, deleted.status_code] == [403, 403, 403]
    assert created.json()["code"] == "permission_denied"
    assert not Technology.objects.filter(slug="made-by-bare-staff").exists()
    assert Technology.objects.get(slug="kubernetes").summary_en == before
    # ... as the admin refuses them:
    assert client.get("/admin/catalog/technology/kubernetes/change/").status_code == 403
    # Reading stays public.
    assert client.get(URL + "kubernetes/", **ENGLISH).status_code == 200


def test_each_model_permission_opens_only_its_method(staff):
    staff.user_permissions.add(Permission.objects.get(codename="change_technology"))
    client = _client(staff)

    changed = _write(client, "patch", URL + "kubernetes/", {"summary_en": "Changed with change_technology."})
    deleted = client.delete(URL + "kubernetes/", **ENGLISH)
    created = _write(client, "post", URL, {"slug": "made-by-change-only", "name": "X"})

    assert changed.status_code == 200
    assert Technology.objects.get(slug="kubernetes").summary_en == "Changed with change_technology."
    assert deleted.status_code == 403
    assert created.status_code == 403
    assert Technology.objects.filter(slug="kubernetes").exists()


def test_a_non_staff_user_with_permissions_still_cannot_write(django_user_model):
    user = django_user_model.objects.create_user("not-staff", password="a-long-user-password")
    user.user_permissions.add(Permission.objects.get(codename="change_technology"))
    response = _write(_client(user), "patch", URL + "kubernetes/", {"summary_en": "No."})
    assert response.status_code == 403


def test_anonymous_writes_are_401(client):
    assert _write(client, "patch", URL + "kubernetes/", {"summary_en": "No."}).status_code == 401


def test_a_superuser_may_write(staff_client):
    response = _write(staff_client, "patch", URL + "kubernetes/", {"summary_en": "Changed by a superuser."})
    assert response.status_code == 200
