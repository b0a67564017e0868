"""The API's JSON parser, with bounds: a malformed or oversized body is the client's error (400 or
413 in the API's error shape), never a 500 and never unbounded work.

- **Size**: at most ``API_MAX_BODY_BYTES`` (default 256 KiB; an evaluation with 20,000 characters
  of notes and every answer is under 130 KiB even with every character escaped) → 413.
- **Depth**: arrays and objects nested at most ``API_MAX_JSON_DEPTH`` (32) levels → 400. Python's
  decoder would otherwise raise RecursionError (a 500) at about 1,000 levels.
- **Size of the tree**: at most ``API_MAX_JSON_ITEMS`` (10,000) values in all → 400, so 100,000
  unknown keys cost one parse and a short answer, not 100,000 validation errors.
- **NUL**: no string or key may contain U+0000 → 400 (PostgreSQL cannot store or even compare
  it: a slug lookup with NUL was a 500).
"""

from __future__ import annotations

import codecs
import json

from django.conf import settings
from django.utils.translation import gettext
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser


def check_tree(data, *, max_depth: int, max_items: int, nul: bool = True) -> tuple[str, str | None] | None:
    """What is wrong with a decoded JSON value (too deep, too many values, a NUL), or None. Iterative.

    Returns (message, field): the field is the dotted path of a value holding a NUL, so the error
    names it; None for problems of the whole body."""
    stack = [(data, 1, "")]
    items = 0
    while stack:
        node, depth, path = stack.pop()
        items += 1
        if items > max_items:
            return gettext("The request body has more than %(count)d values.") % {"count": max_items}, None
        if isinstance(node, str):
            if nul and "\x00" in node:
                return gettext("Null characters are not allowed."), path or None
        elif isinstance(node, dict | list):
            if depth > max_depth:
                message = gettext("The request body is nested more than %(count)d levels deep.")
                return message % {"count": max_depth}, None
            if isinstance(node, dict):
                for key, value in node.items():
                    if nul and "\x00" in key:  # the object that holds the key (the body itself at the top)
                        return gettext("Null characters are not allowed."), path or "body"
                    stack.append((value, depth + 1, f"{path}.{key}" if path else str(key)))
            else:
                stack.extend((value, depth + 1, f"{path}[{index}]") for index, value in enumerate(node))
    return None


def _read_part(data, view):
    """The part of a body the view will read: for an object body, the members its serializer has
    fields for (DRF drops the others unread, so what they hold cannot reach the database)."""
    if not isinstance(data, dict) or view is None or not hasattr(view, "get_serializer"):
        return data
    try:
        fields = set(view.get_serializer().fields)
    except Exception:
        return data
    return {key: value for key, value in data.items() if key in fields}


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        from .errors import PayloadTooLarge  # errors imports DRF's views, which import the parsers

        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(gettext("The request body is larger than %(count)d bytes.") % {"count": limit})
        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, parse_constant=_reject_constant)
        except RecursionError as exc:
            raise ParseError(
                gettext("The request body is nested more than %(count)d levels deep.")
                % {"count": settings.API_MAX_JSON_DEPTH}
            ) from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc  # DRF's own wording
        bounds = {"max_depth": settings.API_MAX_JSON_DEPTH, "max_items": settings.API_MAX_JSON_ITEMS}
        # Size, depth and count on the whole body; NUL in what the view reads (the rest is dropped).
        problem = check_tree(data, **bounds, nul=False) or check_tree(
            _read_part(data, parser_context.get("view")), **bounds
        )
        if problem:
            message, field = problem
            if field:  # a value the client can fix: named like any other field error
                raise ValidationError({field: [message]})
            raise ParseError(message)
        return data


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")
