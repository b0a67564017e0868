"""Accounts in browser tests: sign up through the real form, and remove afterwards what the live
server committed.

On SQLite the live server writes inside the test's transaction (``live_writes``), which rolls back;
on PostgreSQL it commits through its own connections, so the accounts it created, and the
evaluations and results they own, are deleted here through a connection of our own (autocommit).
The ``accounts`` fixture (conftest.py) ties the two together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connections
from playwright.sync_api import expect

PASSWORD = "a-long-browser-password-7"


def sign_up(page, username: str, password: str = PASSWORD) -> None:
    """Sign up as ``username`` in ``page`` (its context's base URL is the live server); the browser
    is signed in on the account page afterwards."""
    page.goto("/accounts/signup/")
    page.fill("#id_username", username)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))


def remove_committed_accounts(usernames: Iterable[str]) -> None:
    """On PostgreSQL, delete these accounts with their evaluations and results; elsewhere nothing
    outlives the test transaction, so there is nothing to do."""
    usernames = list(usernames)
    connection = connections["default"]
    if connection.vendor != "postgresql" or not usernames:
        return
    owned = "SELECT id FROM decisions_evaluation WHERE owner_id IN (SELECT id FROM auth_user WHERE username = ANY(%s))"
    cleaner = connections.create_connection(connection.alias)
    try:
        with cleaner.cursor() as cursor:
            cursor.execute(f"DELETE FROM decisions_result WHERE evaluation_id IN ({owned})", [usernames])  # noqa: S608 - fixed SQL
            cursor.execute(f"DELETE FROM decisions_evaluation WHERE id IN ({owned})", [usernames])  # noqa: S608 - fixed SQL
            cursor.execute("DELETE FROM auth_user WHERE username = ANY(%s)", [usernames])
    finally:
        cleaner.close()
