"""Language-free text: what the engine says, as codes and parameters (rendered at read time).

The engine never holds a sentence in a language. Where it used to say something it returns one of
these JSON values, which ``decisions/rendering.py`` turns into text in the reader's language:

- ``{"$m": code}`` or ``{"$m": code, "p": {name: value}}`` — a message of the renderer's catalog
  (``rendering.MESSAGES``), with its parameters (themselves values of this list);
- ``{"zh": ..., "en": ...}`` — bilingual catalog data (a name, a title, a note), stored as it was when
  the engine ran so that a stored result does not change when the catalog does;
- ``{"$l": table, "k": key}`` — a label of one of the renderer's tables (a lifecycle status, a
  context answer's value, a rule's name);
- ``{"$join": [values]}`` — a list in running text (the separator depends on the language);
  with ``"sorted": true`` the rendered items are sorted and repeats dropped;
- ``{"$s": [values]}`` — sentences one after another;
- ``{"$cat": [values]}`` — values written one after another, as they are;
- anything else (strings, numbers) stands for itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# One of the values above: what a message-making function returns (a Msg, a pair, a label, or a
# plain string such as "" for no message).
type Words = Msg | dict[str, Any] | str


class Msg(dict):
    """A message code; ``msg(code) % params`` gives the same message with its parameters."""

    __slots__ = ()

    def __mod__(self, params: Mapping[str, Any]) -> Msg:
        return Msg({"$m": self["$m"], "p": dict(params)})


def msg(code: str) -> Msg:
    return Msg({"$m": code})


def pair(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def label(table: str, key: Any) -> dict[str, Any]:
    return {"$l": table, "k": key}


def join(items: Iterable[Any], *, ordered: bool = False) -> Any:
    """A list in running text; "" when empty, the item itself when alone (as a join would give).
    ``ordered``: the renderer sorts the rendered items and drops repeats (names sort differently in
    each language)."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1 and isinstance(items[0], str):
        return items[0]
    if ordered:
        return {"$join": items, "sorted": True}
    return {"$join": items}


def sentences(*parts: Any) -> Any:
    present = [part for part in parts if part]
    if not present:
        return ""
    if len(present) == 1:
        return present[0]
    return {"$s": present}


def cat(*parts: Any) -> Any:
    if all(isinstance(part, str) for part in parts):
        return "".join(parts)
    return {"$cat": list(parts)}
