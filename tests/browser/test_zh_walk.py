"""In Chromium: every main page type, walked in zh-hans (and in en), shows people only words in their
language — never the contract's keys, slugs or answer codes.

tests/test_raw_identifiers.py scans the HTML the server sends. This walk scans what a reader sees
after JavaScript has run: ``document.body.innerText`` (every ``<details>`` opened first, since a
reader opens them; ``<code>``, ``<pre>``, ``<kbd>`` and ``<samp>`` set aside, where code belongs)
plus the page title and the alt / title / aria-label / placeholder texts a screen reader meets. The
rules and word lists are those of tests/test_raw_identifiers.py (``problems_in``): snake_case codes,
answer codes around arrows, slugs, rule codes, contract keys in code, English site words on Chinese
pages, repeated labels, nested names, and Markdown markup shown as text.

The evaluation the result, diff and ADR pages show is made in the browser, through the live server
(two runs with different answers, so that there is a diff), and an account is signed up in it to
reach the account pages. On English pages, Chinese is wrong unless it is marked as Chinese
(``lang="zh-Hans"``: a company's own name, the language switch, a labelled fallback).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.test_raw_identifiers import context_of, markdown_text, problems_in, vocabulary

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The evaluation's title is the reader's own words, in the reader's language.
TITLE = {"zh-hans": "中文走查", "en": "English walk"}
USERNAME = "zh-walk-reader"

# What a reader sees: body text with code set aside, every disclosure open.
VISIBLE_TEXT = """() => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const code = [];
  document.querySelectorAll("code, pre, kbd, samp").forEach((element) => {
    if (!element.parentElement.closest("code, pre, kbd, samp")) {
      code.push(element.innerText.trim());
      element.replaceWith(document.createTextNode(" "));
    }
  });
  const attributes = [];
  document.querySelectorAll("[alt], [title], [aria-label], [placeholder]").forEach((element) => {
    if (element.closest("head, script, style, template")) { return; }
    for (const name of ["alt", "title", "aria-label", "placeholder"]) {
      const value = element.getAttribute(name);
      if (value && value.trim()) { attributes.push(value.trim()); }
    }
  });
  return {title: document.title, text: document.body.innerText, code, attributes};
}"""

# On an English page: text with Chinese characters that is not marked as Chinese.
UNMARKED_CHINESE = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    // A quotation of the Chinese source ("待补充" (to be written)) or a name glossed in brackets
    // (Primeton (普元)) is the original's own words; only the rest must be English.
    const own = node.data.replace(/"[^"]*"|“[^”]*”|「[^」]*」|\\([^)]*\\)|（[^）]*）/g, " ");
    if (!/[\\u4e00-\\u9fff]/.test(own)) { continue; }
    const parent = node.parentElement;
    if (parent.closest("script, style, template, code, pre")) { continue; }
    const marked = parent.closest("[lang]");
    if (marked && marked.lang.toLowerCase().startsWith("zh")) { continue; }
    found.push(node.data.trim().slice(0, 80));
  }
  return found;
}"""

ANSWERS = {
    "context": [("hosts", "500_5000"), ("environment", "private_cloud"), ("workloads", "databases")],
    "orchestration": [("autoscaling", "must"), ("rolling_update", "should"), ("stateful_workloads", "should")],
    "network": [("network_policy", "must"), ("cross_host_networking", "must")],
}
# On AWS with fixed IPs a must, the VPC CNI that comes with EKS falls short and is replaced: the
# result then explains a replacement (needs_more), whose wording once showed a raw level code.
SECOND_RUN = {
    "context": [("hosts", "50_500"), ("environment", "public_cloud"), ("cloud_providers", "aws")],
    "network": [("fixed_ip", "must")],
}


def _answer_and_save(page, answers) -> None:
    for key, value in answers:
        page.locator(f'input[name="{key}"][value="{value}"]').check()
    # Let the autosave (300 ms after the last change) land, then save and wait for that answer too:
    # leaving the page with a request in flight aborts it, which htmx reports as a console error.
    page.wait_for_timeout(400)
    page.wait_for_load_state("networkidle")
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator('button[value="save"]').click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#save-status")).not_to_be_empty()


def make_evaluation_with_two_revisions(watched_page, language: str) -> str:
    """Start, answer and run an evaluation in the browser, change answers and run it again; answer
    its address (…/evaluations/<id>/)."""
    page = watched_page.page
    watched_page.goto("/evaluations/new/")
    page.fill("#id_title", TITLE[language])
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    base = page.url.removesuffix("step/context/")
    for revision, run in enumerate((ANSWERS, SECOND_RUN), start=1):
        for step, answers in run.items():
            watched_page.page.goto(f"{base}step/{step}/")
            _answer_and_save(page, answers)
        page.goto(f"{base}review/")
        page.locator("form[action$='/run/'] button").click()
        expect(page).to_have_url(re.compile(rf"/r/{revision}/$"))
    return base.removeprefix(watched_page.base_url)


# Fields of the JSON export written for people (names, titles, messages), not for programs.
HUMAN_FIELDS = ("name", "title", "message", "resolution", "mitigation", "trigger_note", "note", "role_name")


def human_labels(value) -> Iterator[str]:
    """Every string of the export under a field meant for people, anywhere in it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in HUMAN_FIELDS and isinstance(item, str) and item.strip():
                yield re.sub(r"\s+", " ", item)
            elif key != "answers":  # the answers are the codes as sent
                yield from human_labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from human_labels(item)


# Chinese text takes full-width brackets and colons around a label: 固定 IP（必须：否）, never
# 固定 IP (必须: 否). Found as ASCII brackets holding Chinese and an ASCII colon.
ASCII_LABEL_PUNCTUATION = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*: [^()]*\)")


def scan(watched_page, language: str, words) -> tuple[list[str], str]:
    """The problems on the open page (each with its context) and the text scanned."""
    seen = watched_page.page.evaluate(VISIBLE_TEXT)
    parts = [seen["title"], *seen["attributes"], *(line for line in seen["text"].splitlines() if line.strip())]
    parts = [re.sub(r"\s+", " ", part) for part in parts]
    text = " ".join(parts)
    report = []
    for problem in sorted(set(problems_in(parts, seen["code"], language, words))):
        needle = problem.split("'")[1] if "'" in problem else ""
        report.append(f"{problem} … {context_of(text, needle)}")
    if language == "en":
        report += [f"unmarked Chinese {item!r}" for item in watched_page.page.evaluate(UNMARKED_CHINESE)]
    else:
        report += [f"ASCII punctuation in Chinese {found!r}" for found in ASCII_LABEL_PUNCTUATION.findall(text)]
    return report, text


def public_pages() -> list[str]:
    return [
        "/",
        "/technologies/",
        "/technologies/?kind=product&status=active",
        "/technologies/?kind=in_house",
        "/layers/network/?status=active",
        "/layers/orchestration/",
        "/technologies/kubernetes/",
        "/technologies/marathon/",
        "/technologies/calico/",
        "/technologies/zhihu-mesos-framework/",
        "/compare/?technologies=kubernetes,nomad,docker-swarm-mode",
        "/case-studies/",
        "/case-studies/tongcheng/",
        "/case-studies/uber/",
        "/case-studies/jd/",
        "/case-studies/adoption/",
        "/network/",
        "/radar/",
        "/pitfalls/",
        "/pitfalls/stateful-services-in-containers/",
        "/search/?q=固定IP",
        "/sources/",
        "/accounts/login/",
        "/accounts/signup/",
        "/evaluations/new/",
        "/no-such-page/",
    ]


def evaluation_pages(evaluation: str, steps: list[str]) -> list[str]:
    return [
        *(f"{evaluation}step/{step}/" for step in steps),
        f"{evaluation}review/",
        f"{evaluation}r/1/",
        f"{evaluation}r/2/",
        f"{evaluation}r/2/?why_not=docker-swarm-mode#why-not",
        f"{evaluation}diff/?from=1&to=2",
    ]


def walk(watched_page, language: str, paths: list[str], words) -> tuple[list[str], dict[str, str]]:
    report, texts = [], {}
    for path in paths:
        response = watched_page.goto(path)
        expected = 404 if path == "/no-such-page/" else 200
        assert response.status == expected, (path, response.status)
        watched_page.page.wait_for_load_state("networkidle")
        found, texts[path] = scan(watched_page, language, words)
        report += [f"{language} {path}: {problem}" for problem in found]
    return report, texts


def step_slugs(watched_page, evaluation: str) -> list[str]:
    watched_page.goto(f"{evaluation}step/context/")
    hrefs = watched_page.page.locator(".wizard-steps a").evaluate_all("links => links.map((a) => a.pathname)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs if "/step/" in href]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_a_reader_reaches_speaks_their_language(accounts, watched, language):
    words = vocabulary()
    reader = watched(language)
    evaluation = make_evaluation_with_two_revisions(reader, language)
    # Only the walk's own pages are watched for console errors: making the evaluation fast (answers,
    # autosaves and saves back to back) can abort an autosave, which htmx logs; test_wizard.py is
    # where the wizard's own behaviour is held to no console error.
    reader.problems.clear()
    steps = step_slugs(reader, evaluation)
    assert len(steps) >= 10, steps

    report, texts = walk(reader, language, [*public_pages(), *evaluation_pages(evaluation, steps)], words)

    # Signed up in this browser: the account pages, and the evaluation claimed into "My evaluations".
    accounts(reader.page, USERNAME)
    more, more_texts = walk(reader, language, ["/accounts/", "/evaluations/"], words)
    report += more
    texts |= more_texts

    # The ADR export, as the file a reader downloads.
    adr = reader.page.request.get(reader.base_url + f"{evaluation}r/2/adr.md")
    assert adr.ok
    markdown = adr.text()
    adr_text = markdown_text(markdown).replace("\\_", "_")
    report += [
        f"{language} ADR: {problem}"
        for problem in problems_in(adr_text.splitlines(), re.findall(r"`([^`]+)`", markdown), language, words)
    ]
    if language == "zh-hans":
        headings = [line for line in adr_text.splitlines() if line.startswith("##")]
        report += [f"ADR: English heading {line!r}" for line in headings if not re.search(r"[\u4e00-\u9fff]", line)]

    # The JSON export: its keys and codes are for programs, its labels and messages for people.
    export = reader.page.request.get(reader.base_url + f"{evaluation}r/2/evaluation.json")
    assert export.ok
    labels = list(human_labels(export.json()["result"]))
    assert len(labels) > 20
    report += [f"{language} JSON: {problem}" for problem in problems_in(labels, [], language, words)]

    assert not report, "\n".join(report)
    assert reader.problems == []
    # The walk saw the pages it meant to: a few words each must show, in the reader's language.
    if language == "zh-hans":
        assert "下一页" in texts["/technologies/"]
        assert "找不到这个页面" in texts["/no-such-page/"]
        assert TITLE[language] in texts["/evaluations/"]
        assert "推荐的技术栈" in texts[f"{evaluation}r/2/"]
        assert "随技术栈自带" in texts[f"{evaluation}r/2/"]  # the replacement's reason, on the page
    else:
        assert "Next" in texts["/technologies/"]
        assert "We could not find that page" in texts["/no-such-page/"]
        assert "Recommended stack" in texts[f"{evaluation}r/2/"]
        assert "comes with the stack but does not fully meet" in texts[f"{evaluation}r/2/"]
        assert TITLE[language] in texts["/evaluations/"]


def test_the_browser_scan_sees_what_it_looks_for(watched):
    """The scan reads rendered text: a raw key revealed by JavaScript or hidden in a closed
    disclosure is found; code and text marked as Chinese are left alone."""
    page = watched("en")
    page.goto("/no-such-page/")
    page.page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend",
            '<details><summary>More</summary><p>operational_simplicity: should → could</p></details>' +
            '<p>Severity: 高</p><p lang="zh-Hans">京东</p><p>Primeton (普元) said “待补充”</p>' +
            '<p><code>net.ipv4.ip_forward</code> used `redis-cli`</p>');
        }"""
    )
    words = vocabulary()

    report, _text = scan(page, "en", words)

    kinds = [problem.split(" … ")[0] for problem in report]
    assert "snake_case 'operational_simplicity'" in kinds
    assert not [kind for kind in kinds if "arrow" in kind]  # English importance words are English here
    # Marked Chinese (京东), a quotation (“待补充”) and a gloss (普元) are the original's words.
    assert [kind for kind in kinds if kind.startswith("unmarked Chinese")] == ["unmarked Chinese 'Severity: 高'"]
    assert not [kind for kind in kinds if "ip_forward" in kind]
    assert "Markdown markup shown as text '`redis-cli`'" in kinds


def test_the_browser_scan_finds_ascii_punctuation_in_chinese(watched):
    page = watched("zh-hans")
    page.goto("/no-such-page/")
    page.page.evaluate(
        """() => {
          document.querySelector("main").insertAdjacentHTML("beforeend",
            '<p>不能完全满足 固定 IP (必须: 否)。</p><p>满足 固定 IP（必须：部分）。</p><p>技术 (5)</p>');
        }"""
    )

    report, _text = scan(page, "zh-hans", vocabulary())

    assert [problem for problem in report if problem.startswith("ASCII")] == [
        "ASCII punctuation in Chinese '(必须: 否)'"
    ]
