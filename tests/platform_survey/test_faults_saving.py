"""A failure while saving an evaluation leaves no partial rows, and the client gets a 503 it can
retry — on the web run path (decisions.services.run_evaluation) and on the API POST, which writes
the evaluation and then its first result in one transaction.

The failure is real, made by the database on the result's INSERT — after the evaluation row is in —
not a function patched to raise:

- SQLite: the disk is full. ``PRAGMA max_page_count`` caps the database a few pages above its size:
  room for the small evaluation row, none for the result (~15 KB, compressed: decisions/fields.py).
- PostgreSQL: another transaction holds a SHARE lock on the result table (what a plain
  ``CREATE INDEX`` takes), so the INSERT waits, and the app's statement timeout (here 300 ms)
  cancels it.

Each test checks, from the captured SQL, that the failing statement was the result's INSERT, so a
change that moved the failure earlier could not pass unnoticed.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from decisions import services
from decisions.models import Evaluation, Result
from platform_survey.tokens import issue_token

pytestmark = pytest.mark.django_db

ANSWERS = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["stateless", "databases"],
    "autoscaling": "must",
    "network_policy": "must",
    "registry_ha": "should",
}


def rows() -> tuple[list[dict], list[dict]]:
    """Every evaluation and result row, every column."""
    return list(Evaluation.objects.order_by("pk").values()), list(Result.objects.order_by("pk").values())


@contextmanager
def disk_full_after_a_few_pages() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA max_page_count")
        (limit,) = cursor.fetchone()
        cursor.execute("PRAGMA page_size")
        (page_size,) = cursor.fetchone()
        cursor.execute("PRAGMA freelist_count")
        (free,) = cursor.fetchone()
        if free:
            # Fill the free pages so the cap below is all the room left (rolled back with the test).
            cursor.execute("CREATE TABLE faults_ballast (filler BLOB)")
            cursor.execute("INSERT INTO faults_ballast VALUES (zeroblob(%s))", [free * page_size])
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages + 2}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA max_page_count = {limit}")


@contextmanager
def result_table_locked_by_another_transaction() -> Iterator[None]:
    other = connections.create_connection("default")
    other.ensure_connection()
    other.set_autocommit(False)
    try:
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE decisions_result IN SHARE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 300")  # ends with the test's transaction
        yield
    finally:
        other.rollback()
        other.close()


@pytest.fixture
def result_insert_fails():
    """Make the database refuse the next write to the result table (see the module docstring)."""
    if connection.vendor == "sqlite":
        return disk_full_after_a_few_pages()
    return result_table_locked_by_another_transaction()


def inserts(queries: CaptureQueriesContext) -> list[str]:
    """The tables INSERTed into, in order (failed statements are captured too)."""
    return [query["sql"].split('"')[1] for query in queries.captured_queries if query["sql"].startswith("INSERT INTO")]


def test_a_run_that_fails_on_the_web_stores_no_result_and_answers_503(client, result_insert_fails):
    services.start_evaluation(owner=None, title="Unrelated draft", answers={"hosts": "lt50"})
    evaluation = services.start_evaluation(owner=None, title="Payments", answers=ANSWERS)
    before = rows()

    with result_insert_fails, CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("decisions:run", args=[evaluation.public_id]))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert inserts(queries) == ["decisions_result"]
    assert rows() == before


def test_the_same_run_succeeds_once_the_database_accepts_writes_again(client, result_insert_fails):
    evaluation = services.start_evaluation(owner=None, title="Payments", answers=ANSWERS)
    with result_insert_fails:
        client.post(reverse("decisions:run", args=[evaluation.public_id]))

    response = client.post(reverse("decisions:run", args=[evaluation.public_id]))

    assert response.status_code == 302
    assert list(evaluation.results.values_list("revision", flat=True)) == [1]


def test_an_api_post_that_fails_on_its_second_write_stores_neither_evaluation_nor_result(
    django_user_model, result_insert_fails
):
    alice = django_user_model.objects.create_user("alice", password="alice-long-password-1")
    token = issue_token(alice)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {token.key}")
    if connection.vendor == "sqlite":
        # An earlier result, so "as before" covers rows of both tables. (On PostgreSQL a result
        # written in the test's transaction would hold a lock that conflicts with the fault's.)
        services.run_evaluation(services.start_evaluation(owner=alice, title="Earlier", answers=ANSWERS))
    before = rows()

    with result_insert_fails, CaptureQueriesContext(connection) as queries:
        response = api.post("/api/v1/evaluations/", {"title": "Payments", "answers": ANSWERS}, format="json")

    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
    # (The API throttle's counter is written too, before the view: it is not the evaluation's data.)
    assert [table for table in inserts(queries) if table != "platform_survey_ratecounter"] == [
        "decisions_evaluation",
        "decisions_result",
    ]
    assert rows() == before
