"""axe-core on the pages of an evaluation (a wizard step, the review, the result), in both themes and
both languages: test_pages.py covers the catalog's pages, which need no evaluation of their own."""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def serious_violations(page) -> list[dict]:
    page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wizard_review_and_result_have_no_serious_accessibility_violations(live_writes, watched, language, scheme):
    # axe is injected into the page, which the CSP forbids; only this context bypasses the CSP.
    watched_page = watched(language, bypass_csp=True, color_scheme=scheme)
    page = watched_page.page
    watched_page.goto("/evaluations/new/")
    page.fill("#id_title", "Accessible platform")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    base = page.url.removesuffix("step/context/")
    page.locator('input[name="hosts"][value="50_500"]').check()
    page.goto(base + "step/network/")
    page.locator('input[name="network_policy"][value="must"]').check()
    page.locator('input[name="fixed_ip"][value="should"]').check()
    found = {"step": serious_violations(page)}

    page.goto(base + "review/")
    found["review"] = serious_violations(page)
    page.locator("form[action$='/run/'] button").click()
    expect(page).to_have_url(re.compile(r"/r/\d+/$"))
    found["result"] = serious_violations(page)

    assert found == {"step": [], "review": [], "result": []}, json.dumps(found, indent=1, ensure_ascii=False)
