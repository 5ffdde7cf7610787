"""JSON Schemas of the files authors write, generated from the models so they cannot drift.

The committed copies (``scenarios/scenario.schema.json``, ``scenarios/archive.schema.json``)
let editors autocomplete and check the files (each shipped file names its schema in a
yaml-language-server comment); a test fails when a copy is stale and names the command that
rewrites it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from gulag_escape.scenario.models import Scenario
from gulag_escape.scenario.sources import INCLUDE_DOC

TITLES = {"Scenario": "Gulag Escape scenario", "Archive": "Gulag Escape archive of stories"}


def scenario_schema(model: type[BaseModel] = Scenario) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    if model is Scenario:  # the loader reads include: before validation; editors must know it
        schema["properties"]["include"] = {
            "type": "array", "items": {"type": "string"}, "title": "Include",
            "description": INCLUDE_DOC.replace("`", ""),
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": TITLES.get(model.__name__, model.__name__),
        **{key: value for key, value in schema.items() if key != "title"},
    }


def scenario_schema_text(model: type[BaseModel] = Scenario) -> str:
    """The schema as the committed file holds it: stable key order, trailing newline."""
    return json.dumps(scenario_schema(model), indent=2, ensure_ascii=False) + "\n"
