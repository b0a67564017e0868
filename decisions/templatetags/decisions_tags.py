"""Template helpers for the wizard and result pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from catalog.choices import LEVEL_WORDS, SEVERITY_WORDS, Importance
from platform_survey.i18n import LocalizedText, localized

register = template.Library()


@register.filter
def local(obj, field: str) -> LocalizedText:
    """{{ section|local:"intro" }} — a bilingual field in the active language (with fallback)."""
    return localized(obj, field)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def source_label(source) -> str:
    """An explanation line's source, whether the engine gave a slug or {slug, title, url}."""
    if isinstance(source, dict):
        return source.get("title") or source.get("slug") or ""
    return source or ""


@register.filter
def source_anchor(source) -> str:
    slug = source.get("slug") if isinstance(source, dict) else source
    return f"#source-{slug}" if slug else ""


@register.filter
def percent(value) -> str:
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def markdown(text: str):
    """Sanitised HTML from user Markdown (platform_survey/markdown.py)."""
    from platform_survey.markdown import render_markdown

    return render_markdown(text)


_LABELS = {"level": LEVEL_WORDS, "importance": dict(Importance.choices), "severity": SEVERITY_WORDS}


@register.filter
def label(value, vocabulary: str) -> str:
    """A stored code (a level, an importance, a severity or risk level) in the reader's language."""
    if value is None or value == "":
        return "—"
    return str(_LABELS.get(vocabulary, {}).get(value, value))


# The engine's context rules (decisions/engine/explain.py "context:<rule>") that no question is named after.
CONTEXT_RULES = {
    "scale": _("Scale"),
    "maturity": _("Project maturity"),
    "provider": _("Cloud provider"),
    "lifecycle": _("Lifecycle today"),
    "license": _("License"),
}


class Words:
    """The people's words for the codes a stored result or diff holds: question keys, answer values,
    capability slugs and technology slugs, in the reader's language (three queries, on first use)."""

    def __init__(self) -> None:
        from catalog.models import Capability, Technology

        from ..models import Question

        questions = list(Question.objects.filter(section__questionnaire__is_current=True).prefetch_related("options"))
        self.questions = {question.key: question for question in questions}
        self.capabilities = {c.slug: c for c in Capability.objects.all()}
        self.technologies = {t.slug: t for t in Technology.objects.only("slug", "name", "name_zh")}

    def question(self, key: str) -> str:
        """A requirement's name: a question's prompt, a capability's name, or a context rule's."""
        if key.startswith("context:"):
            key = key.removeprefix("context:")
            if key in CONTEXT_RULES:
                return str(CONTEXT_RULES[key])
        question = self.questions.get(key)
        if question is not None:
            return str(localized(question, "prompt"))
        capability = self.capabilities.get(key)
        return str(localized(capability, "name")) if capability is not None else key

    def requirement(self, key: str) -> str:
        """A requirement's short name: its capability's, else the question's prompt."""
        capability = self.capabilities.get(key)
        return str(localized(capability, "name")) if capability is not None else self.question(key)

    def answer(self, key: str, value) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, list | tuple):
            return _list_separator().join(self.answer(key, item) for item in value)
        question = self.questions.get(key)
        if question is not None:
            for option in question.options.all():
                if option.value == value:
                    return str(localized(option, "label"))
        return code_label(value)

    def technology(self, slug: str) -> str:
        technology = self.technologies.get(slug)
        return str(technology.name_local) if technology is not None else slug


def list_separator() -> str:
    from django.utils.translation import pgettext

    return pgettext("list separator", ", ")


_list_separator = list_separator


@register.filter(name="md")
def markdown_escape(text) -> str:
    """Text that stays text inside Markdown (the ADR export): no headings, links, emphasis or HTML."""
    value = "" if text is None else str(text)
    for char in ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"):
        value = value.replace(char, "\\" + char)
    return value.replace("\n", " ")


def code_label(value) -> str:
    """An importance, level or severity code in the reader's language (the code itself if none)."""
    if value is None or value == "":
        return "—"
    for vocabulary in ("importance", "level", "severity"):
        if value in _LABELS[vocabulary]:
            return str(_LABELS[vocabulary][value])
    return str(value)


@register.simple_tag
def result_words() -> Words:
    return Words()


@register.simple_tag
def question_name(words: Words, key: str) -> str:
    return words.question(key)


@register.simple_tag
def answer_name(words: Words, key: str, value) -> str:
    return words.answer(key, value)


@register.simple_tag
def technology_names(words: Words, slugs) -> str:
    return _list_separator().join(words.technology(slug) for slug in slugs)


@register.filter(name="code_label")
def code_label_filter(value) -> str:
    return code_label(value)
