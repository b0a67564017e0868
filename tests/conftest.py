"""Shared fixtures. The real knowledge base is loaded once per test run (once per xdist worker,
each of which has its own test database) into the test database, so every test sees it (and rolls
its own changes back).

Also here, for the whole suite:

- a fast password hasher: Django's default PBKDF2 (1.5 million iterations) spends about a third of a
  second of CPU on each login, password change or ``create_user`` here, and the hash's strength is
  not what these tests are about. The production settings keep Django's default; the subprocess
  tests (test_production.py, test_security_headers.py, test_two_servers.py) start with those
  settings and hash with it.
- pytest-xdist: scripts/test runs ``-n <cores> --dist loadscope``, so each module runs whole on one
  worker and a module-scoped fixture (a subprocess, a generated schema, two servers on fixed ports)
  is built once. (``--dist loadgroup`` would balance better, but xdist 3.8 cannot tag node ids
  under pytest 9.2, so its groups are silently ignored.)
"""

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from knowledge_base.loader import load_knowledge_base

# Sends setting_changed, which empties Django's cache of hasher instances.
override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_knowledge_base()
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions(timeout: float = 5.0) -> None:
    """On PostgreSQL, end what still holds the test database before it is dropped: a request thread
    of a live server that a keep-alive client left behind (the generated-client test, the browser
    tests) would otherwise make the drop fail ("being accessed by other users"). This runs from the
    maintenance database, so it cannot end its own session, and waits until the others are gone."""
    import time

    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    connections.close_all()
    others = "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    deadline = time.monotonic() + timeout
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}", [name])
        while time.monotonic() < deadline:
            cursor.execute(f"SELECT count(*) {others}", [name])
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


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
