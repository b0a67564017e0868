"""Bilingual content fields.

Content is stored twice, ``<field>_zh`` and ``<field>_en``. ``localized(obj, field)`` returns the text
in the active language, falling back to the other one; the result knows whether it fell back so a
page can say "(English only)" instead of silently showing the wrong language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("zh", "en")


def content_language(language: str | None = None) -> str:
    """Map a Django language code (zh-hans, en, en-us, ...) to a content suffix: 'zh' or 'en'."""
    code = (language or get_language() or "zh-hans").lower()
    return "en" if code.startswith("en") else "zh"


@dataclass(frozen=True, slots=True)
class LocalizedText:
    text: str
    language: str  # the content language the text is actually in
    fallback: bool  # True when the requested language was missing

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def localized(obj: object, field: str, language: str | None = None) -> LocalizedText:
    wanted = content_language(language)
    other = "en" if wanted == "zh" else "zh"
    text = getattr(obj, f"{field}_{wanted}", "") or ""
    if text:
        return LocalizedText(text, wanted, False)
    text = getattr(obj, f"{field}_{other}", "") or ""
    return LocalizedText(text, other, bool(text))


class BilingualMixin:
    """Gives models ``obj.tr('summary')`` and, when they have name_zh/name_en, a localized name."""

    def tr(self, field: str, language: str | None = None) -> LocalizedText:
        return localized(self, field, language)

    @property
    def name_local(self) -> LocalizedText:
        return localized(self, "name")

    @property
    def title_local(self) -> LocalizedText:
        return localized(self, "title")
