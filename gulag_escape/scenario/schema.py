"""The JSON Schema of scenario files, generated from the models so it cannot drift.

The committed copy ``scenarios/scenario.schema.json`` lets editors autocomplete and check
scenario files (each shipped file names it in its yaml-language-server comment); a test
fails when the copy is stale and names the command that rewrites it.
"""

from __future__ import annotations

import json
from typing import Any

from gulag_escape.scenario.models import Scenario


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Gulag Escape scenario",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def scenario_schema_text() -> str:
    """The schema as the committed file holds it: stable key order, trailing newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
