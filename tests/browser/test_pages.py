"""The main pages in Chromium: they load cleanly in both languages (no console error, no CSP
violation, no failed asset), pass axe-core without serious or critical violations, and leave a
screenshot each in test-artifacts/screenshots/."""

import json

import pytest

from .conftest import AXE

# django_db: the session database is set up only for tests that ask for it; these only read it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MAIN_PAGES = {
    "home": "/",
    "technologies": "/technologies/",
    "layer": "/layers/orchestration/",
    "layer-filtered": "/layers/network/?status=active&kind=product",
    "technology": "/technologies/kubernetes/",
    "technology-retired": "/technologies/marathon/",
    "compare": "/compare/?technologies=kubernetes,marathon,docker-swarm-mode",
    "compare-empty": "/compare/",
    "case-studies": "/case-studies/",
    "case-study": "/case-studies/qunar/",
    "adoption": "/case-studies/adoption/?stages=any",
    "pitfalls": "/pitfalls/",
    "pitfall": "/pitfalls/stateful-services-in-containers/",
    "network": "/network/",
    "radar": "/radar/",
    "search": "/search/?q=stateful",
    "sources": "/sources/",
}


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_main_page_loads_cleanly_and_is_screenshotted(watched, language, name):
    page = watched(language)

    response = page.goto(MAIN_PAGES[name])
    page.page.wait_for_load_state("networkidle")
    page.screenshot(f"{name}-{language}")

    assert response.status == 200
    assert page.page.locator("html").get_attribute("lang") == ("en" if language == "en" else "zh-Hans")
    assert page.problems == []


def test_main_pages_fit_a_phone_screen(watched):
    page = watched("zh-hans", viewport={"width": 375, "height": 740}, is_mobile=True)
    overflowing = {}
    for name in ("home", "layer", "technology", "compare", "case-study", "radar"):
        page.goto(MAIN_PAGES[name])
        page.screenshot(f"phone-{name}")
        width = page.page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            overflowing[name] = width

    assert overflowing == {}
    assert page.problems == []


def test_unknown_page_is_a_translated_404_without_errors(watched, language):
    page = watched(language)

    response = page.goto("/technologies/no-such-technology/")
    page.screenshot(f"404-{language}")

    assert response.status == 404
    heading = page.page.locator("h1").inner_text()
    assert heading == ("We could not find that page" if language == "en" else "找不到这个页面")
    assert page.problems == []


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_main_page_has_no_serious_accessibility_violations(watched, language, name):
    # axe is injected into the page, which the CSP forbids; only this context bypasses the CSP.
    page = watched(language, bypass_csp=True)
    page.goto(MAIN_PAGES[name])
    page.page.add_script_tag(path=str(AXE))

    result = page.page.evaluate("axe.run(document, {resultTypes: ['violations']})")

    serious = [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)
