"""In Chromium: an evaluation started while signed out is in "My evaluations" after signing in to an
existing account (test_claim.py walks the same at sign-up), and the start page says what moves."""

import re
from collections.abc import Iterator

import pytest
from django.db import connections
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

USERNAME = "browser-login-claimer"
PASSWORD = "a-long-login-password-5"


@pytest.fixture
def account_removed_afterwards(live_writes) -> Iterator[None]:
    """On PostgreSQL the live server commits the account and what it owns; remove them."""
    yield
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    cleaner = connections.create_connection(connection.alias)
    try:
        with cleaner.cursor() as cursor:
            owned = (
                "SELECT id FROM decisions_evaluation WHERE owner_id IN (SELECT id FROM auth_user WHERE username = %s)"
            )
            cursor.execute(f"DELETE FROM decisions_result WHERE evaluation_id IN ({owned})", [USERNAME])  # noqa: S608
            cursor.execute(f"DELETE FROM decisions_evaluation WHERE id IN ({owned})", [USERNAME])  # noqa: S608
            cursor.execute("DELETE FROM auth_user WHERE username = %s", [USERNAME])
    finally:
        cleaner.close()


def test_an_evaluation_started_signed_out_is_listed_after_signing_in(account_removed_afterwards, watched):
    reader = watched("zh-hans")
    page = reader.page
    # The account exists already: signed up, then signed out.
    reader.goto("/accounts/signup/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    page.locator(".account-nav form button").click()
    expect(page.locator(".account-nav")).to_contain_text("登录")

    reader.goto("/evaluations/new/")
    note = page.locator(".form-note")
    expect(note).to_contain_text("转入你的账户")
    expect(note).to_contain_text("答案、备注和每一次修订")
    expect(note).to_contain_text("只有链接能打开")
    page.fill("#id_title", "登录前开始的评估")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))

    reader.goto("/accounts/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.locator("form.stack-form button[type=submit]").click()
    expect(page.locator(".account-nav")).to_contain_text(USERNAME)
    reader.goto("/evaluations/")

    expect(page.locator("main")).to_contain_text("登录前开始的评估")
    expect(page.locator("main")).not_to_contain_text("你尚未登录")  # listed as the account's, not the browser's
    assert reader.problems == []
