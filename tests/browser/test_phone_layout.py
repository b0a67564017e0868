"""In Chromium, on a phone: the header shows the whole brand at 360 and 390 px, and the catalog list
and the network guide are compact (one row per technology, long sections folded) while a wide
screen shows everything unfolded; the folds are plain <details>, so they work without JavaScript."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}

# Header parts that stick out of the viewport or are cut inside their own box (the brand's name
# must be whole; a long user name may shorten, but there is none here: nobody is signed in).
HEADER_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const parts = ".brand, .brand-name, .lang-switch button, .account-nav a, .site-search";
  for (const element of document.querySelectorAll(parts.split(", ").map((part) => `.site-header ${part}`).join(", "))) {
    const box = element.getBoundingClientRect();
    if (box.left < -0.5 || box.right > width + 0.5 || element.scrollWidth > element.clientWidth + 1) {
      found.push(`${element.className || element.tagName} ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
  }
  return found;
}"""

ALL_OPEN_HEIGHT = """() => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  return document.documentElement.scrollHeight;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_shows_the_whole_brand_on_a_small_phone(watched, language, scheme):
    for width in (360, 390):
        page = watched(language, viewport={"width": width, "height": 740}, is_mobile=True, color_scheme=scheme)
        page.goto("/")

        assert page.page.evaluate(HEADER_OVERFLOW) == [], width
        assert page.page.evaluate("document.documentElement.scrollWidth") <= width
        brand = page.page.locator(".site-header .brand-name")
        assert brand.inner_text() == ("Platform Survey" if language == "en" else "容器平台选型")
        for path in ("/technologies/", "/network/"):  # the pages made compact below fit, too
            page.goto(path)
            assert page.page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
        assert page.problems == []


def test_the_catalog_list_is_one_compact_row_per_technology_on_a_phone(watched, language):
    page = watched(language, viewport=PHONE, is_mobile=True)
    page.goto("/technologies/")
    items = page.page.locator(".tech-item")
    first = items.first

    assert items.count() == 50
    assert first.locator(".tech-mark").is_visible()
    assert first.locator("h3 a").is_visible()
    assert first.locator(".tech-tags .badge").first.is_visible()  # the status
    assert first.locator(".tech-layers a").first.is_visible()
    assert not first.locator(".tech-summary").is_visible()
    heights = items.evaluate_all("items => items.map((item) => item.getBoundingClientRect().height)")
    assert max(heights) < 140, max(heights)  # a long name may take two lines; the summary is folded

    folded = page.page.evaluate("document.documentElement.scrollHeight")
    first.locator(".tech-more summary").click()
    assert first.locator(".tech-summary").is_visible()
    assert folded * 2 < page.page.evaluate(ALL_OPEN_HEIGHT)
    assert page.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.problems == []


def test_the_catalog_list_shows_every_summary_on_a_wide_screen(watched):
    page = watched("en", viewport=WIDE)
    page.goto("/technologies/")
    first = page.page.locator(".tech-item").first

    assert first.locator(".tech-summary").is_visible()
    assert first.locator(".tech-meta").is_visible()
    assert not first.locator(".tech-more summary").is_visible()
    assert page.problems == []


def test_the_network_guide_folds_its_long_sections_on_a_phone(watched, language):
    page = watched(language, viewport=PHONE, is_mobile=True)
    page.goto("/network/")
    approach = page.page.locator(".approach").first
    report = page.page.locator(".perf-report").first

    assert approach.locator("h3").is_visible()
    assert not approach.locator(".pros").is_visible()
    assert not report.locator(".bars").is_visible()
    assert page.page.locator(".toc a[href='#performance']").is_visible()

    folded = page.page.evaluate("document.documentElement.scrollHeight")
    approach.locator("details.fold-phone > summary").click()
    assert approach.locator(".pros").is_visible()
    assert folded * 1.6 < page.page.evaluate(ALL_OPEN_HEIGHT)
    assert page.problems == []


def test_the_network_guide_shows_everything_on_a_wide_screen(watched):
    page = watched("en", viewport=WIDE)
    page.goto("/network/")

    assert page.page.locator(".approach .pros").first.is_visible()
    assert page.page.locator(".camp .then").first.is_visible()
    assert page.page.locator(".perf-report .bars").first.is_visible()
    assert page.page.locator("details.fold-phone > summary:visible").count() == 0
    assert page.problems == []


def test_the_phone_folds_open_without_javascript(watched):
    page = watched("en", viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page.goto("/network/")
    report = page.page.locator(".perf-report").first
    page.goto("/technologies/")
    technology = page.page.locator(".tech-item").first

    technology.locator(".tech-more summary").click()
    assert technology.locator(".tech-summary").is_visible()
    page.goto("/network/")
    report.locator("details.fold-phone > summary").click()
    assert report.locator(".bars").is_visible()
