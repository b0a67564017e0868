"""No stored XSS payload runs in Chromium.

The corpus (tests/platform_survey/xss_payloads.py) is typed into a real evaluation through the review
page's form — the notes in batches, the title one payload per batch — and the review page, the
result page, a wizard step and "My evaluations" are opened after each save. Nothing may open a
dialog, set ``window.__xss``, change ``document.title``, add a script or an event handler, load
anything from another origin, or trip the Content-Security-Policy.

Then the CSP is shown to hold on its own: script is injected into the result page past the
sanitiser (through DevTools) — an inline <script>, an inline event handler, a javascript: link and
a string passed to setTimeout — and Chromium blocks each one and reports it.

The evaluation is made (and deleted) through the browser, so the live server writes. On PostgreSQL
it commits, and the test deletes what it made. On SQLite, see ``server_joins_the_test_transaction``.
"""

from __future__ import annotations

import re

import pytest

from decisions.models import Evaluation
from tests.platform_survey.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


# Django's form fields refuse NUL characters, so those few payloads cannot be typed in at all.
NOTES = [payload for _group, payload in PAYLOADS if "\x00" not in payload]
BATCH = 30
BATCHES = [NOTES[start : start + BATCH] for start in range(0, len(NOTES), BATCH)]
# One title per batch: the attribute breakouts first (the title lands in <title>, <h1> and an
# <input value>), then script and handler payloads; each fits the field (200 characters, one line:
# a text input drops line breaks).
TITLES = [
    payload
    for group in ("breakout", "script", "handler")
    for g, payload in PAYLOADS
    if g == group and len(payload) <= 200 and not re.search(r"[\x00\r\n]", payload)
]

# Runs before the page's own scripts: records CSP violations for the assertions.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

# What must hold on every page after the payloads were stored.
PAGE_IS_CLEAN = """(expectedTitle) => {
  const found = [];
  if (window.__xss !== undefined) found.push(`window.__xss = ${window.__xss}`);
  if (!document.title.includes("Platform Survey") || document.title.startsWith("XSS")) {
    found.push(`document.title changed to ${document.title}`);
  }
  for (const script of document.scripts) {
    if (!script.src || !script.src.startsWith(location.origin + "/static/")) {
      found.push(`script ${script.outerHTML.slice(0, 80)}`);
    }
  }
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on") || attribute.name.startsWith("hx-on")) {
        found.push(`${attribute.name} on <${element.localName}>`);
      }
    }
  }
  for (const element of document.querySelectorAll(".markdown *")) {
    if (!["p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "a",
          "table", "thead", "tbody", "tr", "th", "td"].includes(element.localName)) {
      found.push(`<${element.localName}> in the notes`);
    }
  }
  for (const link of document.querySelectorAll(".markdown a[href]")) {
    if (!["http:", "https:", "mailto:"].includes(link.protocol)) found.push(`link to ${link.href}`);
  }
  const shown = [...document.querySelectorAll("h1, .wizard-head .eyebrow, td a")].map((e) => e.textContent.trim());
  if (expectedTitle !== null && !shown.includes(expectedTitle)) found.push(`title not shown as text: ${shown}`);
  return found.concat(window.__violations.map((v) => `CSP: ${v}`));
}"""


def open_watched(watched):
    page = watched("en")
    page.dialogs = []
    page.foreign_requests = []
    page.page.context.add_init_script(RECORD_VIOLATIONS)
    page.page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.page.on(
        "request",
        lambda request: None if request.url.startswith(page.base_url) else page.foreign_requests.append(request.url),
    )
    return page


def check(page, title: str | None) -> list[str]:
    page.page.mouse.move(400, 400)  # pass over the notes, in case anything waits for a hover
    page.page.mouse.move(600, 700)
    return page.page.evaluate(PAGE_IS_CLEAN, title)


def test_stored_xss_payloads_do_not_run_in_the_browser(live_writes, watched):
    page = open_watched(watched)
    p = page.page
    page.goto("/evaluations/new/")
    p.fill("#id_title", "XSS probe")
    p.click("form[action='/evaluations/new/'] button[type=submit]")
    public_id = re.search(r"/evaluations/([0-9a-f-]{36})/", p.url).group(1)
    review, result = f"/evaluations/{public_id}/review/", f"/evaluations/{public_id}/"
    found: dict[str, list[str]] = {}
    try:
        page.goto(review)
        p.click("form[action$='/run/'] button")
        assert p.url.endswith(f"/evaluations/{public_id}/r/1/")

        for number, batch in enumerate(BATCHES):
            title = TITLES[number].strip()
            page.goto(review)
            p.fill("#id_title", TITLES[number])
            p.fill("#id_notes", "\n\n".join(batch))
            p.click("form[action$='/details/'] button[type=submit]")
            assert p.url.endswith(review), f"batch {number} was not saved"
            assert p.locator("#id_title").input_value() == title
            for name, path in [
                ("review", review),
                ("result", result),
                ("step", f"/evaluations/{public_id}/step/context/"),
                ("list", "/evaluations/"),
            ]:
                if name != "review":
                    page.goto(path)
                if problems := check(page, title):
                    found[f"batch {number} {name}"] = problems
        page.goto(result)
        page.screenshot("xss-result-page")
        page.goto(review)
        page.screenshot("xss-review-page")
    finally:
        page.goto(review)
        p.click("details.manage summary")
        p.click("form[action$='/delete/'] button")

    assert not Evaluation.objects.filter(public_id=public_id).exists()  # deleted: nothing left behind
    assert found == {}
    assert page.dialogs == []
    assert page.foreign_requests == []
    assert page.problems == []
    assert (len(NOTES), len(BATCHES)) == (353, 12)


def test_the_csp_blocks_script_that_gets_past_the_sanitiser(live_writes, watched):
    """The second line of defence, provoked on purpose: each injection is blocked and reported."""
    page = open_watched(watched)
    p = page.page
    page.goto("/evaluations/")

    p.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__xss = 'inline script'";
      document.body.append(script);
      document.body.setAttribute("onclick", "window.__xss = 'event handler'");
      document.body.click();
      const link = document.createElement("a");
      link.href = "javascript:window.__xss = 'javascript: link'";
      document.body.append(link);
      link.click();
      setTimeout("window.__xss = 'string timeout'");
    }""")
    p.wait_for_function("window.__violations.length >= 4")
    p.wait_for_timeout(200)

    assert p.evaluate("window.__xss") is None
    assert sorted(p.evaluate("window.__violations")) == [
        "script-src blocked eval",
        "script-src-attr blocked inline",
        "script-src-elem blocked inline",
        "script-src-elem blocked inline",
    ]
    assert page.dialogs == []
    # Chromium reports each one on the console too; that is all that went wrong.
    assert len(page.problems) == 8
    assert all("Content Security Policy" in problem or "CSP violation" in problem for problem in page.problems)
