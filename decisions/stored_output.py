"""The engine's output as it is stored: each layer's first role written once.

``decisions.engine.explain.layer_result`` gives a layer the fields of v1 (``candidates`` and
``eliminated``, those of its first role) beside ``roles``, which lists that same first role again.
Stored as it is, a full questionnaire's output writes the first role of every layer twice (about a
third of a megabyte of JSON), and every read renders it twice. So a stored output leaves the
layer-level copies out when they are the first role's, and :func:`expanded` puts them back: readers
(the API, the pages, the diff, the ADR) see the shape the engine returns, and an output stored
before this (the copies present) reads as it always did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_COPIED = ("candidates", "eliminated")


def _first_role_copy(layer: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The role whose lists the layer's v1 fields copy, or None when they are not a copy."""
    roles = layer.get("roles") or ()
    if not roles or not isinstance(roles[0], Mapping):
        return None
    first = roles[0]
    for key in _COPIED:
        mine, theirs = layer.get(key), first.get(key)
        if mine is None or not (mine is theirs or mine == theirs):
            return None
    return first


def compact(output: Mapping[str, Any]) -> dict[str, Any]:
    """``output`` without the layer-level copies of each layer's first role (a shallow copy: the
    engine's own dicts are not changed)."""
    layers = output.get("categories")
    if not isinstance(layers, list):
        return dict(output)
    stored = []
    for layer in layers:
        if isinstance(layer, Mapping) and _first_role_copy(layer) is not None:
            layer = {key: value for key, value in layer.items() if key not in _COPIED}
        stored.append(layer)
    return {**output, "categories": stored}


def expanded(output: Mapping[str, Any]) -> dict[str, Any]:
    """A stored output in the engine's shape: a layer without its v1 fields gets its first role's
    (the same lists, not copies). An output that has them is returned as it is."""
    layers = output.get("categories")
    if not isinstance(layers, list):
        return dict(output)
    full = []
    for layer in layers:
        if isinstance(layer, Mapping) and "candidates" not in layer and layer.get("roles"):
            layer = _with_copies(layer, layer["roles"][0])
        full.append(layer)
    return {**output, "categories": full}


def _with_copies(layer: Mapping[str, Any], first: Mapping[str, Any]) -> dict[str, Any]:
    """The layer with its first role's lists in the engine's key order (each after its count)."""
    full: dict[str, Any] = {}
    for key, value in layer.items():
        full[key] = value
        if key == "candidate_count":
            full["candidates"] = first.get("candidates", [])
        elif key == "eliminated_count":
            full["eliminated"] = first.get("eliminated", [])
    for key in _COPIED:
        full.setdefault(key, first.get(key, []))
    return full
