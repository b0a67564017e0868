"""platform_survey/i18n.py: bilingual content fields, the active language and the fallback."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from catalog.models import Category
from platform_survey.i18n import content_language, localized


@pytest.mark.parametrize(
    ("code", "suffix"), [("zh-hans", "zh"), ("zh-hant", "zh"), ("en", "en"), ("en-us", "en"), ("EN-GB", "en")]
)
def test_a_django_language_code_maps_to_a_content_suffix(code, suffix):
    assert content_language(code) == suffix


def test_without_a_code_the_active_language_decides():
    with translation.override("en"):
        assert content_language() == "en"
    with translation.override("zh-hans"):
        assert content_language() == "zh"


def test_the_text_in_the_wanted_language_is_not_a_fallback():
    note = SimpleNamespace(text_zh="中文", text_en="English")

    english = localized(note, "text", "en")
    chinese = localized(note, "text", "zh-hans")

    assert (str(english), english.language, english.fallback) == ("English", "en", False)
    assert (str(chinese), chinese.language, chinese.fallback) == ("中文", "zh", False)


def test_a_missing_translation_falls_back_to_the_other_language_and_says_so():
    note = SimpleNamespace(text_zh="只有中文", text_en="")

    shown = localized(note, "text", "en")

    assert (shown.text, shown.language, shown.fallback) == ("只有中文", "zh", True)


def test_text_missing_in_both_languages_is_empty_and_not_a_fallback():
    shown = localized(SimpleNamespace(text_zh="", text_en=None), "text", "en")

    assert (shown.text, shown.fallback, bool(shown)) == ("", False, False)


def test_a_bilingual_model_offers_local_attributes_for_its_field_pairs_only():
    layer = Category(name_zh="编排", name_en="Orchestration", description_zh="", description_en="Runs containers.")

    with translation.override("zh-hans"):
        assert str(layer.name_local) == "编排"
        assert layer.description_local.fallback
        assert str(layer.tr("description")) == "Runs containers."
    with translation.override("en"):
        assert str(layer.name_local) == "Orchestration"
    with pytest.raises(AttributeError):
        layer.slug_local  # noqa: B018 - no slug_zh/slug_en pair
