"""Notes are rendered once, when saved, by a linear-time parser (cmark-gfm), and sanitised.

The pathological inputs are the ones that stalled the site under the old renderer (20,000 ``[``
took 133 s in Python-Markdown) and the classic ones from cmark's own pathological test suite, at the
notes' limit of 20,000 characters. Each must render in well under 50 ms and be stored as the exact
HTML asserted here; a page view must not run the parser at all."""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

import pytest
from django.urls import reverse

from decisions import services
from decisions.models import Evaluation
from platform_survey import markdown as markdown_module
from platform_survey.markdown import markdown_to_html

LIMIT = 20000
BUDGET_SECONDS = 0.050


@dataclass(frozen=True)
class sha:
    """Expected HTML too long to spell out: its SHA-256 and length (pinned from cmark-gfm's output)."""

    digest: str
    length: int

    def matches(self, html: str) -> bool:
        return len(html) == self.length and hashlib.sha256(html.encode()).hexdigest() == self.digest


PATHOLOGICAL = {
    # name: (text, expected stored HTML)
    "20,000 [": ("[" * LIMIT, "<p>" + "[" * LIMIT + "</p>\n"),
    "20,000 ]": ("]" * LIMIT, "<p>" + "]" * LIMIT + "</p>\n"),
    "unclosed links [a](": ("[a](" * 5000, "<p>" + "[a](" * 5000 + "</p>\n"),
    "image openers ![": ("![" * 10000, "<p>" + "![" * 10000 + "</p>\n"),
    "nested brackets [[…]]": ("[" * 10000 + "]" * 10000, "<p>" + "[" * 10000 + "]" * 10000 + "</p>\n"),
    "emphasis run *a": ("*a" * 10000, "<p>" + "<em>a</em>a" * 5000 + "</p>\n"),
    "strong run **a": ("**a" * 6666, "<p>" + "<strong>a</strong>a" * 3333 + "</p>\n"),
    "underscore run _a": ("_a" * 10000, "<p>" + "_a" * 10000 + "</p>\n"),
    "mixed openers *_": ("*_" * 10000, sha("67dbdcb4b11c58361526c06be2b846585c0c3ec081553ae47b9b33031318afc0", 66670)),
    "openers then closers": (
        "*" * 5000 + "a" + "_" * 5000 + "b" * 5000 + "*" * 4999,
        sha("88ca7c8c3818706882dd48d0b2ae25069091aab1b10125b5d7f9827df8cf3a93", 10036),
    ),
    "nested lists (indent)": (
        "".join("  " * i + "- x\n" for i in range(100)),
        sha("d150b4221a6b54c9e119976d05b49c1100310994226ec9437edaa98d3052fab6", 787),
    ),
    "nested lists (inline)": ("- " * 10000, "<hr>\n"),
    # cmark stops nesting lists at 100 levels (the rest stays text).
    "nested ordered lists": (
        "1. " * 6666,
        sha("78b9b70c943c1832caeedcc318fa2b282151ec6da76f5bdfd32dc62944a5b1bb", 20383),
    ),
    # Quote markers past the 32nd are text; elements past 32 levels are unwrapped (markdown.MAX_DEPTH).
    "nested quotes": (
        ">" * LIMIT,
        "<blockquote>\n" * 32 + "<p>" + "&gt;" * (LIMIT - 32) + "</p>\n" + "</blockquote>\n" * 32,
    ),
    "nested quotes with spaces": (
        "> " * 10000,
        sha("6512052c380f2a92ace0d966045c8f85606630210ca364d6236a9f3945d1d602", 50711),
    ),
    "quotes and lists": ("> - " * 5000, sha("6119f96ec587c1ee8795b8345226a367ad1ff4212315148fab4d3591af09d3d1", 35419)),
    "nested emphasis *a … b*": (
        "*a " * 3333 + "b*" * 3333,
        sha("cfda9c772759ab1600e193f94a7566258824f0ab238c6bca6b948825ea4c5b6a", 10295),
    ),
    "20,000 backticks": ("`" * LIMIT, "<pre><code></code></pre>\n"),
    "backtick runs `a``": (
        "`a``" * 5000,
        sha("1b82257d751a394b1d0666f77238b183a0e41e8eaeff0ce4c85d38303d72147a", 20015),
    ),
    "growing backtick runs": (
        "".join("`" * i + "a" for i in range(1, 199)),
        sha("8f9d3451656882b7580928584c362549b6acb8d95b01abf786f4a8426186a6b6", 19907),
    ),
    "20,000 <": ("<" * LIMIT, "<p>" + "&lt;" * LIMIT + "</p>\n"),
    "unclosed autolinks <a": ("<a" * 10000, "<p>" + "&lt;a" * 10000 + "</p>\n"),
    "unclosed tags <a b=": ('<a b="' * 3333, "<p>" + '&lt;a b="' * 3333 + "</p>\n"),
    "entities &#": ("&#" * 10000, "<p>" + "&amp;#" * 10000 + "</p>\n"),
    "table of 5,000 rows": (
        "|a|\n|-|\n" + "|x|\n" * 4998,
        "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n"
        + "<tr>\n<td>x</td>\n</tr>\n" * 4998
        + "</tbody>\n</table>\n",
    ),
    "reference definitions": ("[a]: b\n" * 2857, ""),
    "link reference pile": ("[a]" * 6666, "<p>" + "[a]" * 6666 + "</p>\n"),
}


def _best_of(text: str, runs: int = 5) -> float:
    """The fastest of a few runs, in CPU time of this thread: the machine is shared with other
    processes, and the question is what the parser itself costs."""
    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        markdown_to_html(text)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_renders_fast_and_exactly(name):
    text, expected = PATHOLOGICAL[name]
    assert len(text) <= LIMIT

    seconds = _best_of(text)
    html = markdown_to_html(text)

    assert seconds < BUDGET_SECONDS, f"{name}: {seconds * 1000:.1f} ms"
    if isinstance(expected, sha):
        assert expected.matches(html), (len(html), hashlib.sha256(html.encode()).hexdigest())
    else:
        assert html == expected
    assert "<script" not in html
    depth = deepest = 0
    for closing in re.findall(r"<(/?)[a-z]", html):
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    assert deepest <= markdown_module.MAX_DEPTH + 6  # capped quotes/lists/emphasis + a table or paragraph


def test_time_grows_linearly_with_the_input():
    """Four times the input costs well under ten times the time (a quadratic parser: sixteen); the
    margin over four absorbs cache effects and a shared machine."""
    for unit in ("[", "*a", "`a``", "[a]("):
        small = _best_of(unit * (5000 // len(unit)), runs=5)
        large = _best_of(unit * (20000 // len(unit)), runs=5)
        assert large < max(small * 10, 0.002), (unit, small, large)


@pytest.mark.django_db
def test_notes_are_rendered_when_saved_and_stored():
    evaluation = services.start_evaluation(owner=None, title="T", notes="**bold** <script>x()</script>")
    assert evaluation.notes_html == "<p><strong>bold</strong> x()</p>\n"
    assert Evaluation.objects.get(pk=evaluation.pk).notes_html == evaluation.notes_html

    services.update_details(evaluation, title="T", notes="[" * LIMIT)
    assert Evaluation.objects.get(pk=evaluation.pk).notes_html == "<p>" + "[" * LIMIT + "</p>\n"

    services.update_details(evaluation, title="Only the title")  # notes not given: stored HTML kept
    assert Evaluation.objects.get(pk=evaluation.pk).notes_html == "<p>" + "[" * LIMIT + "</p>\n"


@pytest.mark.django_db
def test_pages_show_the_stored_html_and_never_run_the_parser(client, monkeypatch):
    response = client.post(reverse("decisions:start"), {"title": "Stall me"})
    assert response.status_code == 302
    evaluation = Evaluation.objects.latest("created_at")
    services.update_details(evaluation, title="Stall me", notes="[" * LIMIT + "\n\n*hello*")
    services.run_evaluation(evaluation)

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered on a page view")

    monkeypatch.setattr(markdown_module, "markdown_to_html", refuse)
    monkeypatch.setattr(markdown_module, "render_markdown", refuse)
    for name in ("decisions:review", "decisions:detail"):
        start = time.perf_counter()
        page = client.get(reverse(name, args=[evaluation.public_id])).content.decode()
        assert time.perf_counter() - start < 2
        assert "<p><em>hello</em></p>" in page
        assert "[" * LIMIT in page


@pytest.mark.django_db
def test_the_migration_re_renders_stored_notes():
    """Rows stored before the column existed (or with stale HTML) get it from the migration's function."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("decisions.migrations.0002_evaluation_notes_html")
    evaluation = services.start_evaluation(owner=None, title="Old", notes="# Heading\n\n*old*")
    Evaluation.objects.filter(pk=evaluation.pk).update(notes_html="")  # as before the migration

    migration.render_stored_notes(apps, None)

    assert Evaluation.objects.get(pk=evaluation.pk).notes_html == "Heading\n<p><em>old</em></p>\n"
