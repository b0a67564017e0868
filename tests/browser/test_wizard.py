"""The whole questionnaire in Chromium: start, answer step by step (htmx swaps each step in place
and saves drafts as you go), go back without losing answers, run, read the result, export the ADR —
and the same walk with JavaScript switched off."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ANSWERS = {
    "context": [("hosts", "500_5000"), ("environment", "private_cloud"), ("workloads", "databases")],
    "orchestration": [("autoscaling", "must"), ("stateful_workloads", "should")],
    "network": [("network_policy", "must"), ("cross_host_networking", "must")],
}


def answer(page, step: str) -> None:
    for key, value in ANSWERS.get(step, []):
        page.locator(f'input[name="{key}"][value="{value}"]').check()


def test_the_wizard_runs_to_a_result_and_an_exported_adr(live_writes, watched):
    watched_page = watched("en")
    page = watched_page.page
    watched_page.goto("/evaluations/new/")
    page.fill("#id_title", "Browser-built platform")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    page.evaluate("window.notReloaded = true")

    answer(page, "context")
    expect(page.locator("#save-status")).to_contain_text("Draft saved.")  # autosaved on change
    page.locator('button[value="next"]').click()
    expect(page).to_have_url(re.compile(r"/step/orchestration/$"))  # swapped in place, URL pushed
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator(".wizard-progress-label")).to_contain_text("Step 2 of 11")

    answer(page, "orchestration")
    page.locator('button[value="back"]').click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    assert page.locator('input[name="hosts"][value="500_5000"]').is_checked()  # nothing lost going back

    page.locator('button[value="next"]').click()
    expect(page).to_have_url(re.compile(r"/step/orchestration/$"))
    assert page.locator('input[name="autoscaling"][value="must"]').is_checked()
    page.locator('button[value="next"]').click()
    expect(page).to_have_url(re.compile(r"/step/network/$"))
    answer(page, "network")
    for following in (
        "storage",
        "discovery",
        "observability",
        "registry",
        "jobs",
        "security",
        "delivery",
        "runtime",
    ):  # left unanswered
        page.locator('button[value="next"]').click()
        expect(page).to_have_url(re.compile(rf"/step/{following}/$"))
    page.locator('button[value="next"]').click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    expect(page.locator(".review")).to_contain_text("500 to 5,000")

    page.locator("form[action$='/run/'] button").click()
    expect(page).to_have_url(re.compile(r"/r/1/$"))
    expect(page.locator(".decision-summary")).to_contain_text("Kubernetes")  # the stack by role leads
    page.locator(".ranked details.explanation summary").first.click()
    expect(page.locator(".ranked details.explanation[open] table").first).to_be_visible()
    watched_page.screenshot("wizard-result-en")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export ADR (Markdown)").click()
    adr = Path(download.value.path()).read_text(encoding="utf-8")

    assert adr.startswith("# Browser-built platform\n")
    assert "## Decision Outcome" in adr
    assert "* Autoscaling — **must**" in adr
    assert watched_page.problems == []


def test_the_wizard_works_without_javascript(live_writes, watched):
    watched_page = watched("en", java_script_enabled=False)
    page = watched_page.page
    watched_page.goto("/evaluations/new/")
    page.fill("#id_title", "No-script platform")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))

    answer(page, "context")
    page.locator('button[value="next"]').click()  # a plain form POST and a redirect
    expect(page).to_have_url(re.compile(r"/step/orchestration/$"))
    answer(page, "orchestration")
    page.locator('button[value="save"]').click()
    expect(page.locator(".messages")).to_contain_text("Draft saved.")
    page.goto(page.url.replace("/step/orchestration/", "/review/"))
    page.locator("form[action$='/run/'] button").click()

    expect(page).to_have_url(re.compile(r"/r/1/$"))
    expect(page.locator(".decision-summary")).to_contain_text("Kubernetes")
    assert watched_page.problems == []
