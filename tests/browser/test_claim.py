"""In Chromium: an evaluation started before signing up is in "My evaluations" after sign-up, and a
second browser that signs in to another account does not get it (decisions/claims.py)."""

import re
from collections.abc import Iterator

import pytest
from django.db import connections
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "a-long-browser-password-7"
USERNAMES = ("browser-claimer", "browser-other")


@pytest.fixture
def accounts_removed_afterwards(live_writes) -> Iterator[None]:
    """On PostgreSQL the live server commits the accounts it creates; remove them (and anything
    they own) so that later tests start without them. On SQLite the test transaction rolls back."""
    yield
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    cleaner = connections.create_connection(connection.alias)
    try:
        with cleaner.cursor() as cursor:
            ids = "SELECT id FROM auth_user WHERE username = ANY(%s)"
            for table in ("decisions_result",):
                cursor.execute(
                    f"DELETE FROM {table} WHERE evaluation_id IN "  # noqa: S608 - fixed table names
                    f"(SELECT id FROM decisions_evaluation WHERE owner_id IN ({ids}))",
                    [list(USERNAMES)],
                )
            cursor.execute(f"DELETE FROM decisions_evaluation WHERE owner_id IN ({ids})", [list(USERNAMES)])  # noqa: S608
            cursor.execute("DELETE FROM auth_user WHERE username = ANY(%s)", [list(USERNAMES)])
    finally:
        cleaner.close()


def sign_up(page, username: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("#id_username", username)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))


def test_an_evaluation_started_before_sign_up_is_listed_in_my_evaluations_afterwards(
    accounts_removed_afterwards, watched
):
    first = watched("en")
    page = first.page
    first.goto("/evaluations/new/")
    expect(page.locator(".form-note")).to_contain_text("move into your account")
    page.fill("#id_title", "Started before signing up")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    evaluation_url = page.url

    sign_up(page, USERNAMES[0])
    first.goto("/evaluations/")

    expect(page.locator("main")).to_contain_text("Started before signing up")

    # Another browser with the link, signing up to another account, neither lists nor opens it.
    second = watched("en")
    sign_up(second.page, USERNAMES[1])
    second.goto("/evaluations/")
    expect(second.page.locator("main")).not_to_contain_text("Started before signing up")
    response = second.page.goto(evaluation_url)
    assert response.status == 404
    assert not first.problems + second.problems, first.problems + second.problems
