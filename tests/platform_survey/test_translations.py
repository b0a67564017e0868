"""The Chinese message catalogue is complete and compiled.

Git does not keep file times, so "the .mo is current" is checked by content: compiling the .po
again must give the messages the committed .mo holds.
"""

import gettext
import json
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"


def entries() -> list[str]:
    return PO.read_text(encoding="utf-8").split("\n\n")[1:]  # the first block is the header


def test_every_message_has_a_chinese_translation():
    untranslated = [
        entry
        for entry in entries()
        if not entry.lstrip().startswith("#~")
        and (
            re.search(r'^msgstr ""[ \t]*$(?!\n")', entry, re.MULTILINE)
            or re.search(r'^msgstr\[0\] ""$(?!\n")', entry, re.MULTILINE)
        )
    ]

    assert untranslated == []


def test_no_translation_is_left_fuzzy():
    # A fuzzy entry is skipped by compilemessages, so the page would silently show English.
    assert [entry for entry in entries() if re.search(r"^#,.*\bfuzzy\b", entry, re.MULTILINE)] == []


def parse_po() -> dict:
    """The .po's translations keyed like GNUTranslations' catalog: msgid, "ctxt\x04msgid", or
    (msgid, n) for plural forms. A small parser, so the test needs no gettext tools."""
    catalog = {}
    for entry in entries():
        if entry.lstrip().startswith("#~"):
            continue
        fields: dict[str, str] = {}
        current = None
        for line in entry.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = json.loads(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += json.loads(line)
        if "msgid" not in fields:
            continue
        key = fields["msgid"] if "msgctxt" not in fields else f"{fields['msgctxt']}\x04{fields['msgid']}"
        if "msgid_plural" in fields:
            for name, value in fields.items():
                if name.startswith("msgstr["):
                    catalog[(key, int(name[7:-1]))] = value
        else:
            catalog[key] = fields["msgstr"]
    return catalog


def test_the_committed_mo_matches_the_po():
    with MO.open("rb") as committed:
        compiled = gettext.GNUTranslations(committed)._catalog

    expected = parse_po()
    compiled.pop("", None)  # the header

    assert compiled == expected, "run scripts/i18n and commit the .mo"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("Compare", "比较"), ("Draft saved.", "草稿已保存。"), ("Recommended stack", "推荐的技术栈")],
)
def test_pages_speak_chinese_by_default_and_english_on_request(english, chinese):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese
    with translation.override("en"):
        assert translation.gettext(english) == english
