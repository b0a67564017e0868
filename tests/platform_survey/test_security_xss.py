"""User Markdown cannot carry script: every payload of the XSS corpus (xss_payloads.py) goes through
render_markdown, and the output is read back with a real HTML parser (the standard library's), which
sees the elements and attributes a browser would build — entities decoded, case folded — rather than
trusting substring checks.

The evaluation title is plain text; it is escaped wherever a page shows it (the last tests here; the
browser test in tests/browser/test_xss.py confirms that nothing runs in Chromium)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import markdown as markdown_lib
import pytest
from django.urls import reverse

from decisions import services
from platform_survey.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, render_markdown
from tests.platform_survey.xss_payloads import PAYLOADS, texts

FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
    "svg", "math", "img", "image", "video", "audio", "source", "form", "input", "button", "textarea",
    "select", "template", "noscript", "portal", "xmp", "plaintext",
}  # fmt: skip
# Attributes whose value the browser treats as a URL to load or navigate to.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "srcset", "xlink:href",
    "dynsrc", "lowsrc", "ping", "codebase", "cite", "longdesc", "usemap", "manifest",
}  # fmt: skip
# a's rel is added by the sanitiser itself (nofollow noopener noreferrer).
EXPECTED_ATTRIBUTES = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()} | {
    "a": {*ALLOWED_ATTRIBUTES["a"], "rel"}
}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: the URL standard strips leading/trailing C0 controls and
    spaces and removes every tab and newline before parsing."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                     "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                     "\x1c\x1d\x1e\x1f ")  # fmt: skip
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class ElementCollector(HTMLParser):
    """Every element, attribute (values entity-decoded), comment and declaration in a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.others: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_comment(self, data):
        self.others.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.others.append(f"declaration {decl!r}")

    def unknown_decl(self, data):
        self.others.append(f"declaration {data!r}")

    def handle_pi(self, data):
        self.others.append(f"processing instruction {data!r}")


def problems(html: str) -> list[str]:
    """Everything in ``html`` that could run script, load something or break out of the allow-list."""
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    found = list(collector.others)
    for tag, attrs in collector.elements:
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}> element")
        elif tag not in ALLOWED_TAGS:
            found.append(f"<{tag}> is not an allowed element")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"event handler {name} on <{tag}>")
            elif name.startswith(("hx-", "data-hx-", "x-", "ng-")) or name in {"style", "srcdoc", "formaction"}:
                found.append(f"active attribute {name} on <{tag}>")
            elif name not in EXPECTED_ATTRIBUTES.get(tag, set()):
                found.append(f"attribute {name} not allowed on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in ALLOWED_URL_SCHEMES:
                    found.append(f"{scheme}: URL in {name} of <{tag}>")
        if tag == "a" and dict(attrs).get("rel") not in (None, "nofollow noopener noreferrer"):
            found.append(f"rel={dict(attrs)['rel']!r} on <a>")
    # Belt and braces, on the raw text: no markup of a dangerous element survives unescaped.
    if re.search(r"<\s*/?\s*(script|iframe|object|embed|style|svg|math)\b", html, re.IGNORECASE):
        found.append("dangerous tag text")
    return found


def test_the_corpus_holds_more_than_two_hundred_distinct_payloads():
    assert len(texts()) == len(set(texts()))
    assert len(texts()) == 357


def test_without_the_sanitiser_most_payloads_would_inject_markup():
    """The checker is not blind and the corpus is not toothless: rendered by Markdown alone (which
    passes raw HTML through), 305 of the 357 payloads produce markup the checker refuses. The rest
    Markdown already turns into text (malformed tags, code, entities) or are dangerous only in other
    contexts (attribute breakouts, template syntax) — they matter for the title, tested below."""
    dangerous = [payload for payload in texts() if problems(markdown_lib.markdown(payload, extensions=["tables"]))]

    assert len(dangerous) == 305


@pytest.mark.parametrize(
    ("group", "payload"), PAYLOADS, ids=[f"{group}-{index}" for index, (group, _payload) in enumerate(PAYLOADS)]
)
def test_rendered_markdown_carries_no_script_handler_or_dangerous_url(group, payload):
    html = render_markdown(payload)

    assert problems(html) == []


def test_all_payloads_in_one_document_render_safely():
    """Payloads can combine (an unclosed tag in one swallowing the next); the whole corpus as one note."""
    html = render_markdown("\n\n".join(texts()))

    assert problems(html) == []


def test_safe_markdown_still_renders():
    html = render_markdown(
        '## Plan\n\n**Deadline** Q3, see [the doc](https://example.com/doc "Doc") or '
        "[mail](mailto:team@example.com).\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> quoted\n\n```\ncode <b>\n```"
    )

    assert html == (
        "<h2>Plan</h2>\n"
        '<p><strong>Deadline</strong> Q3, see <a href="https://example.com/doc" title="Doc" '
        'rel="nofollow noopener noreferrer">the doc</a> or '
        '<a href="mailto:team@example.com" rel="nofollow noopener noreferrer">mail</a>.</p>\n'
        '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>\n'
        "<blockquote>\n<p>quoted</p>\n</blockquote>\n"
        "<pre><code>code &lt;b&gt;\n</code></pre>\n"
    )
    assert problems(html) == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="java&#x09;script:alert(1)">x</a>', ["javascript: URL in href of <a>"]),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', ["javascript: URL in href of <a>"]),
        ("<p OnClick=alert(1)>x</p>", ["event handler onclick on <p>"]),
        ("<SCRIPT>alert(1)</SCRIPT>", ["<script> element", "dangerous tag text"]),
        ('<a href="https://example.com" rel="opener">x</a>', ["rel='opener' on <a>"]),
        ('<a href="/relative" rel="nofollow noopener noreferrer">x</a>', []),
    ],
)
def test_the_checker_sees_what_a_browser_would(html, expected):
    assert problems(html) == expected


# --- the title is plain text wherever it is shown -----------------------------------------------

# The title field takes up to 200 characters and refuses NUL characters (as PostgreSQL does).
TITLE_PAYLOADS = [payload for payload in texts() if len(payload.strip()) <= 200 and "\x00" not in payload]
# The slower pages (review, wizard step) get every attribute breakout and every fifth other payload.
TITLE_SAMPLE = [
    payload
    for index, (group, payload) in enumerate(PAYLOADS)
    if payload in TITLE_PAYLOADS and (group == "breakout" or index % 5 == 0)
]


def packed(payloads: list[str], limit: int = 200) -> list[str]:
    """The payloads, stripped, joined by spaces into as few titles of at most ``limit`` characters
    as they fit in, in order: one page load checks several payloads (about three and a half on
    average), and each payload also meets its neighbours."""
    titles: list[str] = []
    for payload in (payload.strip() for payload in payloads):
        if titles and len(titles[-1]) + 1 + len(payload) <= limit:
            titles[-1] += " " + payload
        else:
            titles.append(payload)
    return titles


# Each page that shows an evaluation's title: where on the page (the h1 or the eyebrow line above it)
# and which payloads. Every page also has the title in <title>.
TITLE_PAGES = [
    ("decisions:detail", [], "h1", TITLE_PAYLOADS),
    ("decisions:diff", [], "eyebrow", TITLE_PAYLOADS),
    ("decisions:revision", [1], "h1", TITLE_SAMPLE),
    ("decisions:review", [], "h1", TITLE_SAMPLE),
    ("decisions:step", ["context"], "eyebrow", TITLE_SAMPLE),
]


class PageInspector(ElementCollector):
    """Elements, plus the text of the h1, of <title> elements and of the eyebrow line, and the value
    of the title input."""

    def __init__(self) -> None:
        super().__init__()
        self._capture: str | None = None
        self.texts: dict[str, str] = {"h1": "", "title": "", "eyebrow": ""}
        self.title_input: str | None = None

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attributes = dict(attrs)
        if tag in ("h1", "title"):
            self._capture = tag
        elif tag == "p" and attributes.get("class") == "eyebrow" and not self.texts["eyebrow"]:
            self._capture = "eyebrow"
        elif tag == "input" and attributes.get("name") == "title":
            self.title_input = attributes.get("value")

    def handle_endtag(self, tag):
        if tag in ("h1", "title", "p"):
            self._capture = None

    def handle_data(self, data):
        if self._capture:
            self.texts[self._capture] += data


def page_problems(html: str) -> list[str]:
    """Anything on a whole page that is not the site's own markup: inline script, event handlers,
    hx-on, elements the site never uses."""
    inspector = ElementCollector()
    inspector.feed(html)
    found = []
    for tag, attrs in inspector.elements:
        attributes = dict(attrs)
        for name, _value in attrs:
            if name.startswith(("on", "hx-on")):
                found.append(f"{name} on <{tag}>")
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            found.append(f"script {attributes}")
        site_image = tag == "img" and (attributes.get("src") or "").startswith("/static/")
        score_chart = tag == "svg" and attributes.get("class") == "score-chart"
        own_elements = {"script", "form", "input", "button", "textarea", "select", "link", "meta"}
        if tag in FORBIDDEN_ELEMENTS - own_elements and not (site_image or score_chart):
            found.append(f"<{tag}>")
    return found


@pytest.fixture
def two_revisions(db):
    """An anonymous evaluation with two revisions, so that every result page (and the diff) renders."""
    evaluation = services.start_evaluation(owner=None, title="start", answers={"autoscaling": "must"})
    services.run_evaluation(evaluation)
    services.save_answers(evaluation, {"autoscaling": "should"})
    services.run_evaluation(evaluation)
    return evaluation


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "extra", "where", "payloads"), TITLE_PAGES, ids=[page[0] for page in TITLE_PAGES])
def test_titles_from_the_corpus_are_shown_as_plain_text(client, two_revisions, name, extra, where, payloads):
    """The evaluation is retitled with the payloads, several to a title (``packed``); the page must
    show exactly that text (in <title>, in its heading and, on the review page, as the title
    field's value) and carry no markup that the site itself did not write."""
    url = reverse(name, args=[two_revisions.public_id, *extra])
    titles = packed(payloads)
    failures = []

    for title in titles:
        services.update_details(two_revisions, title=title)
        response = client.get(url)
        html = response.content.decode()
        inspector = PageInspector()
        inspector.feed(html)
        if response.status_code != 200 or title not in inspector.texts["title"]:
            failures.append((title, response.status_code, inspector.texts["title"]))
        if inspector.texts[where].strip() != title:
            failures.append((title, where, inspector.texts[where]))
        if name == "decisions:review" and inspector.title_input != title:
            failures.append((title, "input value", inspector.title_input))
        if found := page_problems(html):
            failures.append((title, found))

    assert failures == []
    # Every payload was on a page: the titles hold all of them, whole and in order.
    assert " ".join(titles) == " ".join(payload.strip() for payload in payloads)
    assert all(len(title) <= 200 for title in titles)


@pytest.mark.django_db
def test_titles_are_plain_text_in_the_list_of_my_evaluations(client, django_user_model):
    alice = django_user_model.objects.create_user("alice", password="alice-long-password-1")
    for payload in TITLE_PAYLOADS:
        services.start_evaluation(owner=alice, title=payload)
    client.force_login(alice)

    html = client.get(reverse("decisions:list")).content.decode()

    assert page_problems(html) == []
    shown = re.findall(r'<td><a href="/evaluations/[0-9a-f-]+/">(.*?)</a></td>', html, re.DOTALL)
    assert sorted(unescape(text) for text in shown) == sorted(payload.strip() for payload in TITLE_PAYLOADS)
