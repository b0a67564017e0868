"""Faults the app must survive: a statement that runs too long answers 503 quickly instead of
hanging or failing with a 500, and the connection is not reused in its broken state; a database
error raised outside any view (saving the session) answers 503 too.

(scripts/faults drills the rest against a running gunicorn: PostgreSQL restarted under load, lock
waits cut short by the statement timeout, backup and restore, SQLite under concurrent writes.)"""

import json
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from catalog.models import Technology
from platform_survey.middleware import server_error

pytestmark = pytest.mark.django_db


@contextmanager
def technologies_locked(timeout_ms: int = 300):
    """Make the next read of the technologies table wait on a lock that a second connection holds,
    so that the statement timeout (shortened here) surely cancels it. A bare 1 ms timeout is not
    enough: on a warm machine the small queries finish within it."""
    other = connections.create_connection("default")
    other.ensure_connection()
    other.set_autocommit(False)
    try:
        with other.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Technology._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(timeout_ms)}")
        yield
    finally:
        other.rollback()
        other.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are a PostgreSQL feature")
def test_a_statement_timeout_answers_503_with_retry_after(client):
    with technologies_locked():
        response = client.get(reverse("catalog:technology_list"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are a PostgreSQL feature")
def test_a_statement_timeout_in_the_api_answers_503_in_the_api_error_shape(client):
    with technologies_locked():
        response = client.get("/api/v1/technologies/")

    assert response.status_code == 503
    assert response.json()["status"] == 503
    assert response.json()["code"] == "service_unavailable"


def test_the_configured_statement_timeout_reaches_postgresql(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("PostgreSQL only")

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (value,) = cursor.fetchone()

    assert value == "5s"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a lock held by a second PostgreSQL connection")
def test_a_database_error_after_the_view_while_saving_the_session_answers_503_not_500():
    """The view succeeds; SessionMiddleware then saves the session (a new anonymous evaluation is
    remembered in it) and that write fails — outside any view, so DatabaseUnavailableMiddleware's
    process_exception never sees it. The session table is locked by another transaction and the
    statement timeout cancels the INSERT."""
    other = connections.create_connection("default")
    other.ensure_connection()
    other.set_autocommit(False)
    try:
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE django_session IN SHARE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 300")

        response = Client(raise_request_exception=False).post(reverse("decisions:start"), {"title": "Payments"})
    finally:
        other.rollback()
        other.close()

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are a PostgreSQL feature")
def test_the_api_503_has_the_whole_error_shape_in_the_request_language(client):
    with technologies_locked():
        response = client.get("/api/v1/technologies/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.json() == {
        "status": 503, "code": "service_unavailable", "message": "数据库暂时不可用，请稍后重试。", "errors": {}
    }  # fmt: skip


def test_the_500_handler_answers_503_for_a_database_error_raised_outside_a_view(rf):
    request = rf.get("/api/v1/technologies/", HTTP_ACCEPT_LANGUAGE="en")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)  # Django calls it inside its own except block, like this

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert json.loads(response.content)["code"] == "service_unavailable"


def test_the_500_handler_answers_500_for_any_other_error(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500
