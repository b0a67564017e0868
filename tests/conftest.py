"""Shared fixtures. The real knowledge base is loaded once per test run into the test database, so
every test sees it (and rolls its own changes back)."""

import pytest
from django.core.cache import caches
from django.test import Client

from knowledge_base.loader import load_knowledge_base


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_knowledge_base()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with an empty cache: cached reads are keyed on the catalog version, and a
    rolled-back test can leave the same version behind with other contents."""
    # Only the per-process cache: the "shared" one is a database table, which a test without
    # database access may not touch (and whose rows roll back with each test anyway).
    caches["default"].clear()


@pytest.fixture
def staff_client(db, django_user_model) -> Client:
    user = django_user_model.objects.create_user(
        username="curator", password="a-long-curator-password", is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(user)
    return client
