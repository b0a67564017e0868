"""The main pages in Chromium: they load cleanly in both languages (no console error, no CSP
violation, no failed asset), pass axe-core without serious or critical violations, and leave a
screenshot each in test-artifacts/screenshots/."""

import json
import re

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", MAIN_PAGES)
def test_main_page_has_no_serious_accessibility_violations(watched, language, name, scheme):
    # axe is injected into the page, which the CSP forbids; only this context bypasses the CSP.
    # Both themes (the site follows the system's prefers-color-scheme), with every disclosure open
    # so that what it folds away is checked too.
    page = watched(language, bypass_csp=True, color_scheme=scheme)
    page.goto(MAIN_PAGES[name])
    assert page.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    page.page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    page.page.add_script_tag(path=str(AXE))

    result = page.page.evaluate("axe.run(document, {resultTypes: ['violations']})")

    serious = [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)


def test_technology_page_is_a_summary_card_with_folded_sections_on_a_phone(watched):
    page = watched("en", viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto("/technologies/kubernetes/")
    card = page.page.locator(".tech-card")

    # The card answers the first questions at a glance: mark, name, lifecycle, layer, key facts.
    assert card.locator(".tech-mark img").get_attribute("src").endswith("/icons/kubernetes.svg")
    assert card.locator(".tech-mark img").evaluate("img => img.naturalWidth") > 0
    assert card.locator("h1").inner_text().startswith("Kubernetes")
    assert card.locator(".badge.status-active").count() == 1
    facts = card.locator(".facts dt").all_inner_texts()
    assert {"MATURITY", "DELIVERY", "LICENSE"} <= {fact.upper() for fact in facts}

    # Folded, the page is a few phone screens (it was 24,340 px tall with every section spelled out).
    folded = page.page.evaluate("document.documentElement.scrollHeight")
    assert folded < 4 * 844, folded
    capabilities = page.page.locator("#capabilities details.fold")
    assert not capabilities.locator("table").first.is_visible()

    capabilities.locator("summary").click()  # a plain <details>: no script needed to unfold it
    assert capabilities.locator("table").first.is_visible()
    assert page.page.evaluate("document.documentElement.scrollHeight") > folded
    assert page.problems == []


def test_a_link_to_a_folded_capability_unfolds_it(watched):
    page = watched("en")
    page.goto("/technologies/kubernetes/#capability-autoscaling")

    row = page.page.locator("#capability-autoscaling")
    assert row.is_visible()
    assert page.page.locator("#capabilities details.fold").evaluate("details => details.open")
    assert page.problems == []


def test_a_technology_without_a_mark_gets_a_monogram(watched):
    page = watched("en")
    page.goto("/technologies/calico/")

    mark = page.page.locator(".tech-card .tech-mark")
    assert mark.locator("img").count() == 0
    assert mark.inner_text() == "Ca"
    assert mark.get_attribute("aria-hidden") == "true"


@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_the_theme_follows_the_system_setting(watched, scheme, dark):
    page = watched("en", color_scheme=scheme)
    page.goto("/technologies/kubernetes/")

    background = page.page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(value) for value in re.findall(r"\d+", background)[:3]]
    assert (sum(channels) / 3 < 80) is dark, background
    assert page.problems == []


def test_score_chart_labels_sit_above_their_bars_on_a_phone(watched, live_writes):
    from tests.browser.test_wizard import answer

    page = watched("en", viewport={"width": 390, "height": 844}, is_mobile=True)
    p = page.page
    page.goto("/evaluations/new/")
    p.fill("#id_title", "Phone chart")
    p.locator("form.stack-form button[type=submit]").click()
    for _ in range(25):
        if "/review/" in p.url:
            break
        answer(p, p.url.rstrip("/").rsplit("/", 1)[-1])
        before = p.url
        p.locator('button[value="next"]').click()
        p.wait_for_function("url => location.href !== url", arg=before)
    p.locator("form[action$='/run/'] button").click()
    p.wait_for_url(re.compile(r"/r/1/$"))

    row = p.locator(".score-bars .bar-row").first
    label, bar = row.locator(".bar-label").bounding_box(), row.locator(".bar-track").bounding_box()
    assert label["y"] + label["height"] <= bar["y"] + 1  # the label is above, not squeezed beside
    assert bar["width"] > 250  # the bar gets the row's width
    assert float(row.locator(".bar-value").inner_text()) >= 0
