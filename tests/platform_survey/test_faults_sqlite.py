"""The SQLite default under concurrent writers: every write lands, none fails with "database is
locked" — and a write that fails mid-transaction leaves nothing behind, with real transactions.

These tests need what production runs: a database *file* (WAL journal, IMMEDIATE transactions, busy
timeout — platform_survey/settings.py) with one connection per thread. The test database is in
memory (shared cache, table-level locks, one transaction shared by the test), so ``file_database``
copies it — knowledge base included — to a file, and ``on_file_database`` runs code in a thread whose
``default`` connection points at that file. The test database itself is never touched, so no
``transactional_db`` flush wipes the knowledge base the other tests share.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from rest_framework.test import APIClient

from decisions import services
from platform_survey.tokens import issue_token

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite default"),
    pytest.mark.django_db,  # the test database to copy; the test's own transaction on it stays empty
]

ANSWERS = {
    "hosts": "500_5000",
    "environment": "private_cloud",
    "workloads": ["stateless", "databases"],
    "autoscaling": "must",
    "network_policy": "must",
    "registry_ha": "should",
}


@pytest.fixture
def file_database(tmp_path: Path, django_db_blocker) -> dict:
    """Settings for a file copy of the test database (WAL mode comes with each connection)."""
    path = tmp_path / "faults.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        # serialize() reads through the test's own connection, inside its transaction (a backup
        # from that connection would wait for the transaction forever).
        image = sqlite3.connect(":memory:")
        image.deserialize(connection.connection.serialize())
        with closing(sqlite3.connect(path)) as copy:
            image.backup(copy)
        image.close()
        yield {**connection.settings_dict, "NAME": str(path)}


def on_file_database(settings_dict: dict, work: Callable[[], Any], *, start: threading.Barrier | None = None):
    """A thread running ``work()`` on its own connection to the file database; ``.outcome`` holds
    what it returned or raised."""

    def run() -> None:
        wrapper = DatabaseWrapper(settings_dict, "default")
        connections["default"] = wrapper  # this thread's connection only
        try:
            if start is not None:
                start.wait(timeout=60)
            thread.outcome = work()
        except Exception as error:  # handed to the test to assert on
            thread.outcome = error
        finally:
            wrapper.close()

    thread = threading.Thread(target=run)
    thread.outcome = None
    return thread


def counts(settings_dict: dict) -> dict[str, int]:
    with closing(sqlite3.connect(settings_dict["NAME"])) as database:
        return {
            table: database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("decisions_evaluation", "decisions_result")
        }


def test_the_file_database_runs_with_wal_a_busy_timeout_and_immediate_transactions(file_database):
    def check():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            busy_ms = cursor.fetchone()[0]
        return journal, busy_ms, connection.transaction_mode

    thread = on_file_database(file_database, check)
    thread.start()
    thread.join()

    assert thread.outcome == ("wal", 20000, "IMMEDIATE")


def test_concurrent_writers_through_the_services_all_land_without_database_is_locked(file_database):
    writers, evaluations_each = 8, 3
    before = counts(file_database)
    start = threading.Barrier(writers)

    def write(number: int) -> list[int]:
        def work() -> list[int]:
            revisions = []
            for index in range(evaluations_each):
                evaluation = services.start_evaluation(owner=None, title=f"Writer {number}.{index}", answers=ANSWERS)
                services.save_answers(evaluation, {"rolling_update": "should"})
                result, _ = services.run_evaluation(evaluation)
                revisions.append(result.revision)
            return revisions

        return work

    threads = [on_file_database(file_database, write(number), start=start) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [thread.outcome for thread in threads] == [[1] * evaluations_each] * writers
    assert counts(file_database) == {
        "decisions_evaluation": before["decisions_evaluation"] + writers * evaluations_each,
        "decisions_result": before["decisions_result"] + writers * evaluations_each,
    }


def test_a_disk_full_mid_post_rolls_back_the_real_transaction_and_answers_503(file_database, django_user_model):
    """Real transactions (no test transaction around them): the evaluation INSERT succeeds, the
    result INSERT finds the disk full, and the whole POST is rolled back."""

    def post():
        alice = django_user_model.objects.create_user("alice", password="alice-long-password-1")
        token = issue_token(alice)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA page_count")
            (pages,) = cursor.fetchone()
            # Room for the evaluation row, none for the result (~15 KB compressed; a fresh copy has no free pages).
            cursor.execute(f"PRAGMA max_page_count = {pages + 2}")
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {token.key}")
        response = api.post("/api/v1/evaluations/", {"title": "Payments", "answers": ANSWERS}, format="json")
        return response.status_code, response.json()["code"]

    before = counts(file_database)
    thread = on_file_database(file_database, post)
    thread.start()
    thread.join()

    assert thread.outcome == (503, "service_unavailable")
    assert counts(file_database) == before
