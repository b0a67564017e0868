"""In Chromium: answering a question updates the step list's "n/m answered" as soon as the draft is
autosaved, without "Save draft" or "Next" (htmx swaps the count out of band)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_step_count_follows_each_autosave(live_writes, watched):
    watched_page = watched("zh-hans")
    page = watched_page.page
    watched_page.goto("/evaluations/new/")
    page.fill("#id_title", "计数")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    count = page.locator("#count-context")
    expect(count).to_contain_text(re.compile(r"\b0/\d+"))

    page.locator('input[name="hosts"][value="500_5000"]').check()
    expect(count).to_contain_text(re.compile(r"\b1/\d+"))
    page.locator('input[name="environment"][value="private_cloud"]').check()

    expect(count).to_contain_text(re.compile(r"\b2/\d+"))
    expect(page.locator("#save-status")).to_contain_text("草稿已保存")
    assert page.locator('button[value="save"]').count() == 1  # never pressed
    assert watched_page.problems == []
