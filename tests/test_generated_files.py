"""Files generated from the models stay in step with them, and scenario files point at them.

The JSON Schema and the format reference are committed so that editors and authors can
use them without running anything; these tests fail as soon as a model changes without
them, and say which command brings each back in step.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from conftest import DATA, ROOT
from jsonschema import Draft202012Validator

from gulag_escape.scenario.reference_doc import COMMAND as DOC_COMMAND
from gulag_escape.scenario.reference_doc import reference_markdown
from gulag_escape.scenario.schema import scenario_schema_text

SCENARIOS = ROOT / "scenarios"
SCHEMA = SCENARIOS / "scenario.schema.json"
REFERENCE = ROOT / "docs" / "scenario-format.md"
SCHEMA_COMMAND = "gulag-escape schema -o scenarios/scenario.schema.json"
_SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_TOP_LEVEL_META = re.compile(r"^meta:", re.MULTILINE)


def test_committed_schema_matches_the_models() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == scenario_schema_text(), (
        f"scenarios/scenario.schema.json is stale; regenerate it with: {SCHEMA_COMMAND}"
    )


def test_format_reference_matches_the_models() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == reference_markdown(), (
        f"docs/scenario-format.md is stale; regenerate it with: {DOC_COMMAND}"
    )


def test_schema_is_valid_and_accepts_the_minimal_scenario() -> None:
    schema = json.loads(scenario_schema_text())
    Draft202012Validator.check_schema(schema)
    document = yaml.safe_load((DATA / "minimal.yaml").read_text(encoding="utf-8"))
    # Editors hand the schema JSON values: YAML's dates become strings there too.
    document = json.loads(json.dumps(document, default=str))
    errors = [f"{'/'.join(map(str, error.path))}: {error.message}"
              for error in Draft202012Validator(schema).iter_errors(document)]
    assert not errors, "\n".join(errors)


def _scenario_files() -> list[Path]:
    """Shipped scenario files and every YAML file of each scenario folder (main and parts).

    A YAML file beside the scenarios that has no top-level ``meta:`` is other data (the
    archive of escape stories, with a schema of its own) and is left out.
    """
    if not SCENARIOS.is_dir():
        return []
    files = sorted(path for path in SCENARIOS.glob("*.yaml")
                   if _TOP_LEVEL_META.search(path.read_text(encoding="utf-8")))
    for folder in sorted(path for path in SCENARIOS.iterdir() if path.is_dir()):
        if (folder / "scenario.yaml").is_file():
            files += sorted(folder.rglob("*.yaml"))
    return files


def test_every_scenario_file_names_the_schema() -> None:
    """Without the comment an editor cannot check a file as the author types."""
    wrong = []
    for path in _scenario_files():
        with path.open(encoding="utf-8") as file:
            first_line = file.readline()
        match = _SCHEMA_COMMENT.match(first_line)
        if match is None:
            wrong.append(f"{path.relative_to(ROOT)}: the first line is not "
                         "'# yaml-language-server: $schema=...'")
        elif (path.parent / match.group(1)).resolve() != SCHEMA.resolve():
            wrong.append(f"{path.relative_to(ROOT)}: $schema={match.group(1)} does not lead to "
                         "scenarios/scenario.schema.json")
    assert not wrong, "\n".join(wrong)
