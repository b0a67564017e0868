"""What an architect does in the browser: filter a layer in place and by URL, compare, search in
both languages, switch language, and walk the main flow with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# An outline of at least 2px; a radar dot (an SVG link) shows focus with a thick ring instead.
FOCUS_IS_VISIBLE = """() => {
  const element = document.activeElement;
  const circle = element.querySelector && element.matches("svg a") ? element.querySelector("circle") : null;
  const style = getComputedStyle(circle || element);
  return circle ? parseFloat(style.strokeWidth) >= 3
                : style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tech_names(page) -> list[str]:
    return page.locator(".tech-item h3 a").all_inner_texts()


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches ``selector``; its focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            assert page.evaluate(FOCUS_IS_VISIBLE), f"focus on {selector} is not visible"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_filtering_a_layer_updates_the_list_in_place_and_keeps_the_state_in_the_url(watched):
    page = watched("en")
    page.goto("/layers/orchestration/")
    p = page.page
    everything = tech_names(p)
    p.evaluate("window.notReloaded = true")

    p.locator('input[name="status"][value="retired"]').check()
    p.wait_for_url(re.compile(r"status=retired"))
    p.wait_for_function("!document.querySelector('#results[aria-busy]')")
    filtered = tech_names(p)

    assert p.evaluate("window.notReloaded") is True  # swapped in place, not a page load
    assert "Marathon" in filtered
    assert "Kubernetes" not in filtered
    assert p.locator("#result-count").inner_text().startswith(f"{len(filtered)} technolog")

    p.reload()
    assert tech_names(p) == filtered
    assert p.locator('input[name="status"][value="retired"]').is_checked()

    # htmx keeps no snapshot (historyCacheSize 0), so going back reloads the unfiltered page.
    with p.expect_response(lambda response: response.request.resource_type == "document"):
        p.go_back()
    expect(p.locator(".tech-item")).to_have_count(len(everything))
    assert p.url.endswith("/layers/orchestration/")
    assert tech_names(p) == everything
    assert page.problems == []


def test_a_filtered_url_opens_filtered(watched):
    page = watched("en")

    page.goto("/layers/network/?capability=network_policy:yes")

    names = tech_names(page.page)
    assert "Calico" in names
    assert "Flannel" not in names
    assert page.page.locator("#id_capability").input_value() == "network_policy:yes"


def test_pitfall_severity_filter_updates_in_place(watched):
    page = watched("en")
    page.goto("/pitfalls/")
    p = page.page

    p.locator('input[name="severity"][value="high"]').check()
    p.wait_for_url(re.compile(r"severity=high"))
    p.wait_for_function("!document.querySelector('#results[aria-busy]')")

    severities = set(p.locator(".pitfall-card .severity").all_inner_texts())
    assert severities == {"High"}
    assert page.problems == []


def test_compare_from_the_picker_gives_a_shareable_matrix(watched):
    page = watched("en")
    page.goto("/compare/")
    p = page.page

    p.select_option("#pick-1", "kubernetes")
    p.select_option("#pick-2", "marathon")
    p.get_by_role("button", name="Compare", exact=True).click()
    p.wait_for_url(re.compile(r"/compare/\?technologies=kubernetes,marathon$"))

    headers = p.locator(".compare-matrix thead .tech-col > a").all_inner_texts()
    assert headers == ["Kubernetes", "Marathon"]
    assert p.locator(".compare-matrix tr.differs").count() > 0
    assert page.problems == []


def test_compare_from_a_list_with_checkboxes(watched):
    page = watched("en")
    page.goto("/layers/network/")
    p = page.page

    p.locator("#compare-calico").check()
    p.locator("#compare-flannel").check()
    p.get_by_role("button", name="Compare selected").click()

    p.wait_for_url(re.compile(r"/compare/\?technologies=calico,flannel$"))
    assert p.locator(".compare-matrix thead .tech-col > a").all_inner_texts() == ["Calico", "Flannel"]


@pytest.mark.parametrize(("language", "query"), [("zh-hans", "有状态"), ("en", "stateful")])
def test_search_finds_the_stateful_material_in_either_language(watched, language, query):
    page = watched(language)
    page.goto("/")
    p = page.page

    p.locator("#site-search-q").fill(query)
    p.locator("#site-search-q").press("Enter")
    p.wait_for_url(re.compile(r"/search/\?q="))

    technologies = p.locator("#technologies h3 > a").all_inner_texts()
    assert "Kubernetes" in technologies
    assert p.locator("#pitfalls .hits > li").count() >= 1
    assert p.locator("mark").count() >= 1
    page.screenshot(f"search-{language}")
    assert page.problems == []


def test_language_switch_is_remembered_across_pages(watched):
    page = watched("zh-hans")
    page.goto("/radar/")
    p = page.page
    assert p.locator("html").get_attribute("lang") == "zh-Hans"

    p.get_by_role("button", name="English").click()
    p.wait_for_load_state("load")
    assert p.url.endswith("/radar/")
    assert p.locator("html").get_attribute("lang") == "en"

    p.locator(".main-nav").get_by_role("link", name="Case studies").click()
    p.wait_for_url(re.compile(r"/case-studies/$"))
    assert p.locator("html").get_attribute("lang") == "en"
    assert p.locator("h1").inner_text() == "How companies built their container platforms"

    p.get_by_role("button", name="简体中文").click()
    p.wait_for_load_state("load")
    assert p.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.problems == []


def test_keyboard_alone_reaches_layer_filter_technology_and_compare(watched):
    page = watched("en")
    page.goto("/")
    p = page.page

    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert p.evaluate(FOCUS_IS_VISIBLE)
    p.keyboard.press("Enter")
    assert p.evaluate("document.activeElement.id") == "main"

    tab_to(p, 'a[href="/layers/orchestration/"]')
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/layers/orchestration/$"))

    tab_to(p, 'input[name="status"][value="retired"]')
    p.keyboard.press("Space")
    p.wait_for_url(re.compile(r"status=retired"))
    p.wait_for_function("!document.querySelector('#results[aria-busy]')")

    tab_to(p, 'a[href="/technologies/marathon/"]')
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/technologies/marathon/$"))

    tab_to(p, "#compare-with")
    for _ in range(200):
        if p.locator("#compare-with").input_value() == "kubernetes":
            break
        p.keyboard.press("ArrowDown")
    tab_to(p, '.side-box button[type="submit"]')
    p.keyboard.press("Enter")

    p.wait_for_url(re.compile(r"/compare/\?technologies=marathon,kubernetes$"))
    assert p.locator(".compare-matrix").count() == 1
    assert page.problems == []


def test_radar_explains_a_placement_on_keyboard_focus(watched):
    page = watched("en")
    page.goto("/radar/")
    p = page.page

    tab_to(p, "a.blip")

    focused = p.evaluate("document.activeElement.getAttribute('data-explanation')")
    assert p.locator("#radar-explanation").inner_text() == focused
    assert " — " in focused
    assert page.problems == []
