"""User-written Markdown, rendered to HTML that is safe to show.

Rendered **once, when the text is saved** (``decisions.models.Evaluation.save`` stores the result in
``notes_html``), never on a page view. The parser is cmark-gfm (GitHub's C implementation of
CommonMark, through ``cmarkgfm``), whose time is linear in its input: its own test suite feeds it the
pathological cases (nested brackets, emphasis runs, deep lists and quotes, backtick runs) that
make backtracking parsers quadratic. ``tests/platform_survey/test_markdown.py`` feeds them again at
the notes' 20,000-character limit and asserts the time and the stored HTML.

Then nh3 (the Rust ammonia sanitiser) keeps only a small allow-list of tags and attributes.
Scripts, event handlers, styles, iframes and javascript: URLs never survive: cmark already drops
raw HTML (``<!-- raw HTML omitted -->``, a comment nh3 then removes) and empties unsafe link
targets, and nh3 checks everything again."""

from __future__ import annotations

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Not CMARK_OPT_UNSAFE: raw HTML and javascript:/vbscript:/file:/data: links are dropped by cmark.
# VALIDATE_UTF8 replaces invalid sequences; the default table output uses align="…" (allowed below)
# rather than style="…" (which is not).
_OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8
_EXTENSIONS = ["table"]

# html5ever (inside nh3) walks its stack of open elements for every tag, so 20,000 nested
# blockquotes (20,000 ">") cost it over a second: quadratic in the depth. cmark itself is linear and
# limits list nesting, but not quotes or emphasis. Two bounds, both linear: a line's quote markers
# beyond the 32nd are escaped (they become text, as they would after any other character), and any
# element still nested deeper than 32 levels (emphasis inside emphasis, say) is unwrapped, its text
# kept, before sanitising. No real note nests 32 levels.
MAX_DEPTH = 32
_DEEP_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]*){" + str(MAX_DEPTH) + r"}(?=>)", re.MULTILINE)
# cmark writes every tag itself (raw HTML is omitted without CMARK_OPT_UNSAFE, "<" in text is
# "&lt;"), so this simple pattern sees exactly its well-formed, properly nested tags.
# Only the elements that can nest inside themselves are counted and unwrapped: quotes, lists and
# emphasis (a table, a paragraph or a heading adds a fixed few levels and never nests in itself).
_TAG = re.compile(r"<(/?)(?:blockquote|ul|ol|li|em|strong|del)\b[^>]*>")


def _cap_depth(html: str, limit: int = MAX_DEPTH) -> str:
    """Drop the tags of quotes, lists and emphasis nested deeper than ``limit`` (keeping their
    contents), in one pass."""
    out: list[str] = []
    kept: list[bool] = []  # per open element: whether its tags are kept
    depth = 0
    position = 0
    for match in _TAG.finditer(html):
        closing = match.group(1)
        out.append(html[position : match.start()])
        position = match.end()
        if closing:
            if kept:
                depth -= 1
                if kept.pop():
                    out.append(match.group(0))
        else:
            keep = depth < limit
            kept.append(keep)
            depth += 1
            if keep:
                out.append(match.group(0))
    out.append(html[position:])
    return "".join(out)


def markdown_to_html(text: str) -> str:
    """The sanitised HTML of ``text`` as a plain string (what ``notes_html`` stores)."""
    text = _DEEP_QUOTE.sub(lambda match: match.group(0) + "\\", text or "")
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=_OPTIONS, extensions=_EXTENSIONS)
    return nh3.clean(
        _cap_depth(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


def render_markdown(text: str) -> SafeString:
    return mark_safe(markdown_to_html(text))  # noqa: S308 - sanitised by nh3 in markdown_to_html
