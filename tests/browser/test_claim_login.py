"""In Chromium: an evaluation started while signed out is in "My evaluations" after signing in to an
existing account (test_claim.py walks the same at sign-up), and the start page says what moves."""

import re

import pytest
from playwright.sync_api import expect

from .accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

USERNAME = "browser-login-claimer"


def test_an_evaluation_started_signed_out_is_listed_after_signing_in(accounts, watched):
    reader = watched("zh-hans")
    page = reader.page
    # The account exists already: signed up, then signed out.
    accounts(page, USERNAME)
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
