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
    """Gives models ``obj.tr('summary')`` and, for every ``<field>_zh``/``<field>_en`` pair, a
    ``<field>_local`` attribute that templates can use: ``{{ technology.summary_local }}``."""

    def tr(self, field: str, language: str | None = None) -> LocalizedText:
        return localized(self, field, language)

    def __getattr__(self, name: str):
        # Only called when normal lookup fails, so real fields and properties always win.
        if name.endswith("_local") and not name.startswith("_"):
            field = name.removesuffix("_local")
            if hasattr(type(self), "_meta") and _has_field(self, f"{field}_en"):
                return localized(self, field)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def _has_field(obj: object, name: str) -> bool:
    try:
        obj._meta.get_field(name)  # type: ignore[attr-defined]
    except Exception:
        return False
    return True
