"""Reading fixture files: YAML 1.2-style booleans, so ``level: yes`` stays the string "yes"."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml


class StrictLoader(yaml.SafeLoader):
    """SafeLoader in which only true/false are booleans (YAML 1.1 also turns yes/no/on/off into them)."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class FileFormatError(Exception):
    """The file cannot be parsed at all."""


def read_fixture_file(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise FileFormatError(f"cannot be parsed: {error}") from None
