"""Search across the knowledge base in Chinese and English.

A query is split into terms on whitespace and where Chinese meets Latin letters or digits
(「固定IP」 is 「固定」 and 「IP」, as 「固定 IP」 is); a record matches when every term appears (case
insensitively) in at least one of its searched fields, in either language. ``icontains`` works the
same on SQLite and PostgreSQL and needs no tokeniser for Chinese, which has no spaces between
words: 「有状态」 finds 「有状态服务」. The catalog is small (hundreds of records), so a scan is fine.

Searched fields:
- technologies: name, Chinese name, aliases, summaries, survey notes, status notes, and the notes
  of their assessments (so "StatefulSet" finds Kubernetes through its stateful-workloads note);
- capabilities: names and descriptions (listed with the technologies that meet them);
- case studies: titles, summaries and the company's names; lessons: titles and bodies;
- pitfalls: titles, explanations, mitigations and trigger notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, When
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from platform_survey.i18n import content_language

from .evidence import evidence
from .models import Assessment, Capability, Pitfall, Technology

RESULT_LIMIT = 50
SNIPPET_CONTEXT = 60


# Han, kana and Hangul: scripts written without spaces between words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# Where a run of CJK meets a run of Latin letters or digits, with no space between them.
_SCRIPT_BOUNDARY = re.compile(rf"(?<=[{_CJK}])(?=[^\s{_CJK}])|(?<=[^\s{_CJK}])(?=[{_CJK}])")
# Chinese and full-width punctuation (「，」「：」「（」…) separates terms as a space does.
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


def terms_of(query: str) -> list[str]:
    """The query's terms: split on whitespace, and where Chinese meets Latin letters or digits.
    Chinese writers space mixed text both ways (「固定IP」, 「固定 IP」); splitting at the boundary
    makes both the same two terms, so they find the same records whichever way the text is spaced."""
    return [term for term in _SCRIPT_BOUNDARY.sub(" ", _CJK_PUNCTUATION.sub(" ", query)).split() if term][:8]


def _matches(fields: list[str], terms: list[str]) -> Q:
    """Every term in at least one field."""
    return reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": term}) for f in fields)) for term in terms))


def bilingual(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in ("zh", "en")]


TECHNOLOGY_FIELDS = ["name", "name_zh", "aliases", *bilingual("summary", "survey_note", "status_note")]
ASSESSMENT_FIELDS = bilingual("note")
CAPABILITY_FIELDS = bilingual("name", "description")
CASE_STUDY_FIELDS = [*bilingual("title", "summary"), "company__name_zh", "company__name_en"]
LESSON_FIELDS = bilingual("title", "body")
PITFALL_FIELDS = bilingual("title", "explanation", "mitigation", "trigger_note")


@dataclass
class Hit:
    """One result and the snippet that shows why it matched."""

    obj: object
    snippet: SafeString = mark_safe("")  # noqa: RUF009 - an immutable empty string
    snippet_lang: str = ""
    extra: list = field(default_factory=list)


@dataclass
class Results:
    query: str
    terms: list[str]
    technologies: list[Hit] = field(default_factory=list)
    capabilities: list[Hit] = field(default_factory=list)
    case_studies: list[Hit] = field(default_factory=list)
    lessons: list[Hit] = field(default_factory=list)
    pitfalls: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(group) for group in self.groups().values())

    def groups(self) -> dict[str, list[Hit]]:
        return {
            "technologies": self.technologies,
            "capabilities": self.capabilities,
            "case_studies": self.case_studies,
            "lessons": self.lessons,
            "pitfalls": self.pitfalls,
        }


def highlight(text: str, terms: list[str], context: int = SNIPPET_CONTEXT) -> SafeString:
    """An escaped excerpt of ``text`` around the first term, with every term in <mark>."""
    if not text:
        return mark_safe("")
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        excerpt, prefix, suffix = text[: 2 * context], "", "…" if len(text) > 2 * context else ""
    else:
        start = max(0, first.start() - context)
        end = min(len(text), first.end() + context)
        excerpt, prefix, suffix = text[start:end], "…" if start else "", "…" if end < len(text) else ""
    parts, last = [], 0
    for match in pattern.finditer(excerpt):
        parts.append(format_html("{}<mark>{}</mark>", excerpt[last : match.start()], match.group()))
        last = match.end()
    parts.append(format_html("{}", excerpt[last:]))
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part is escaped


def _best_text(obj: object, names: list[str], terms: list[str]) -> tuple[str, str]:
    """The first field (active language first) that contains a term: ``(text, content language)``."""
    wanted = content_language()
    ordered = sorted(names, key=lambda name: not name.endswith(f"_{wanted}"))
    lowered = [term.lower() for term in terms]
    for name in ordered:
        value = getattr(obj, name, "") or ""
        if any(term in value.lower() for term in lowered):
            return value, "en" if name.endswith("_en") else "zh" if name.endswith("_zh") else ""
    return "", ""


def _hit(obj: object, names: list[str], terms: list[str], extra: list | None = None) -> Hit:
    text, lang = _best_text(obj, names, terms)
    return Hit(obj, highlight(text, terms) if text else mark_safe(""), lang, extra or [])


def search(query: str) -> Results:
    """Everything matching ``query``, grouped by type, at most RESULT_LIMIT per group: seven queries
    (technologies, their matching assessments, capabilities, their supporting technologies, case
    studies, lessons, pitfalls); none when the query is blank."""
    terms = terms_of(query)
    results = Results(query, terms)
    if not terms:
        return results

    assessment_match = _matches(ASSESSMENT_FIELDS, terms)
    technologies = (
        Technology.objects.filter(
            _matches(TECHNOLOGY_FIELDS, terms)
            | Exists(Assessment.objects.filter(assessment_match, technology=OuterRef("pk")))
        )
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.filter(assessment_match).select_related("capability"),
                to_attr="matching_assessments",
            )
        )
        # Name matches first: someone typing "calico" wants Calico before what mentions it.
        .alias(name_hit=Case(When(_matches(["name", "name_zh", "aliases"], terms), then=0), default=1))
        .order_by("name_hit", "name")[:RESULT_LIMIT]
    )
    for technology in technologies:
        names = ["name", "name_zh", *bilingual("summary", "survey_note", "status_note")]
        hit = _hit(
            technology, names, terms, extra=[_hit(a, ASSESSMENT_FIELDS, terms) for a in technology.matching_assessments]
        )
        results.technologies.append(hit)

    capabilities = (
        Capability.objects.filter(_matches(CAPABILITY_FIELDS, terms))
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.filter(level__in=[Assessment.Level.YES, Assessment.Level.PARTIAL])
                .select_related("technology")
                .order_by("level", "technology__name"),
                to_attr="supporting",
            )
        )
        .order_by("category__order", "order")[:RESULT_LIMIT]
    )
    results.capabilities = [_hit(c, CAPABILITY_FIELDS, terms, extra=c.supporting) for c in capabilities]

    case_studies = (
        evidence()
        .case_studies()
        .filter(_matches(CASE_STUDY_FIELDS, terms))
        .select_related("company")
        .order_by("company__name_en")
    )[:RESULT_LIMIT]
    results.case_studies = [_hit(c, bilingual("summary", "title"), terms) for c in case_studies]

    lessons = (
        evidence()
        .lessons()
        .filter(_matches(LESSON_FIELDS, terms))
        .select_related("case_study__company")
        .order_by("case_study__company__name_en", "order")[:RESULT_LIMIT]
    )
    results.lessons = [_hit(lesson, bilingual("body", "title"), terms) for lesson in lessons]

    pitfalls = Pitfall.objects.filter(_matches(PITFALL_FIELDS, terms)).by_severity()[:RESULT_LIMIT]
    results.pitfalls = [
        _hit(p, bilingual("explanation", "mitigation", "title", "trigger_note"), terms) for p in pitfalls
    ]
    return results
