"""Files generated from the models stay in step with them, and scenario files point at them.

The JSON Schema and the format reference are committed so that editors and authors can
use them without running anything; these tests fail as soon as a model changes without
them, and say which command brings each back in step.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from gulag_escape.authoring import rules_doc
from gulag_escape.scenario.models import Scenario
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


# --- the numbers of how-the-game-runs.md ------------------------------------------------------

HOW_IT_RUNS = ROOT / "docs" / "how-the-game-runs.md"
RULE_SECTIONS = ("body", "pursuit", "travel", "company", "meetings", "checkpoints")


def test_how_the_game_runs_states_the_models_defaults() -> None:
    page = HOW_IT_RUNS.read_text(encoding="utf-8")
    assert page == rules_doc.render(page), (
        f"a number in docs/how-the-game-runs.md differs from the models; run: {rules_doc.COMMAND}"
    )


def test_a_changed_default_makes_the_page_stale() -> None:
    """The drift test bites: a marked number that is not the default is rewritten."""
    assert rules_doc.render("x <!--rule travel.forced_pace-->2<!--/rule--> forced") == (
        "x <!--rule travel.forced_pace-->1.4<!--/rule--> forced")
    assert rules_doc.render("<!--rule company.betray_chance %-->3 %<!--/rule-->") == (
        "<!--rule company.betray_chance %-->30 %<!--/rule-->")
    with pytest.raises(KeyError, match="forced_pase"):
        rules_doc.render("<!--rule travel.forced_pase-->1<!--/rule-->")


def _rule_fields(model: type[BaseModel], prefix: str) -> list[str]:
    """Every leaf field of a rule section, by its dotted path."""
    paths = []
    for name, info in model.model_fields.items():
        default = info.default
        if isinstance(default, BaseModel):
            paths += _rule_fields(type(default), f"{prefix}.{name}")
        else:
            paths.append(f"{prefix}.{name}")
    return paths


def test_how_the_game_runs_explains_every_rule() -> None:
    """Each rule field is named on the page, by a marked number or in backticks."""
    page = HOW_IT_RUNS.read_text(encoding="utf-8")
    named = {match.group(1) for match in rules_doc.MARKED.finditer(page)}
    quoted = {word for span in re.findall(r"`([^`]+)`", page)
              for word in re.findall(r"[a-z_][a-z_.]*", span)}
    missing = []
    for section in RULE_SECTIONS:
        for path in _rule_fields(type(Scenario.model_fields[section].default), section):
            parts = path.split(".")
            # The field, or the group it belongs to (``body.food_per_day`` for ``.full``).
            names = {".".join(parts[start:end]) for end in range(2, len(parts) + 1)
                     for start in range(1, end)} | {".".join(parts[:end])
                                                    for end in range(2, len(parts) + 1)}
            if path not in named and not names & quoted:
                missing.append(path)
    assert not missing, f"docs/how-the-game-runs.md never names: {', '.join(missing)}"
