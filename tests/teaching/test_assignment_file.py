"""Assignment files: the template validates, every mistake is reported at its line, the
committed JSON Schema matches the models, and the engine's own choices are all known."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA as SCENARIO_DATA
from conftest import ROOT
from jsonschema import Draft202012Validator
from teaching_helpers import CLASS, PER_STUDENT

from gulag_escape.errors import AssignmentError
from gulag_escape.scenario.loader import load_scenario
from gulag_escape.teaching.assignment import SCHEMA_COMMAND, assignment_schema_text
from gulag_escape.teaching.assignment_file import is_known_choice, load_assignment

SCHEMA = ROOT / "scenarios" / "assignment.schema.json"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gulag_escape", *args], capture_output=True,
                          text=True, check=False, cwd=cwd, timeout=120)


@pytest.mark.parametrize("scenario", ["kolyma", "kem-1925", str(SCENARIO_DATA / "engine.yaml")])
def test_the_template_validates_as_written(tmp_path: Path, scenario: str) -> None:
    target = tmp_path / "class" / "assignment.yaml"
    target.parent.mkdir()
    written = cli("assignment", "new", "-o", str(target), "--scenario", scenario)
    assert written.returncode == 0, written.stderr
    checked = cli("assignment", "check", str(target))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ": ok — " in checked.stdout
    loaded = load_assignment(target)
    assert loaded.model.scenario.digest == loaded.scenario.digest
    assert {q.id for q in loaded.model.questions} >= {"before-choosing", "decisions"}
    if scenario.endswith(".yaml"):  # a scenario outside the shipped ones is found by path
        assert loaded.model.scenario.path is not None
        assert not Path(loaded.model.scenario.path).is_absolute()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine", encoding="utf-8")
    result = cli("assignment", "new", "-o", str(target))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def _broken(tmp_path: Path, replacements: dict[str, str]) -> Path:
    text = CLASS.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "engine.yaml").write_bytes((SCENARIO_DATA / "engine.yaml").read_bytes())
    return path


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_every_reference_problem_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, {
        "path: ../../data/engine.yaml": "path: engine.yaml",
        'version: "1.0"': 'version: "2.0"',
        "profile: political": "profile: poet",
        "    storylet: plan\n    ask: The old": "    storylet: plann\n    ask: The old",
        "choice: trust": "choice: trusst",
        "choice: surrender": "choice: surender",
    })
    with pytest.raises(AssignmentError) as caught:
        load_assignment(path)
    found = {(p.line, p.message.split(" (")[0], p.hint) for p in caught.value.problems}
    name = path.name
    assert all(str(p).startswith(f"{tmp_path.name}/{name}:") or str(p).startswith(str(path))
               or str(p).startswith(name) for p in caught.value.problems)
    lines = {line for line, _, _ in found}
    assert lines == {_line_of(path, 'version: "2.0"'), _line_of(path, "profile: poet"),
                     _line_of(path, "storylet: plann"), _line_of(path, "choice: trusst"),
                     _line_of(path, "choice: surender")}
    messages = " | ".join(message for _, message, _ in found)
    assert "the scenario is version 1.0, not 2.0" in messages
    assert "the scenario has no profile 'poet'" in messages
    assert "the scenario has no storylet 'plann'" in messages
    assert "no storylet has a choice 'surender'" in messages
    assert "did you mean 'surrender'?" in {hint for _, _, hint in found}


def test_model_problems_are_located_and_all_reported(tmp_path: Path) -> None:
    path = _broken(tmp_path, {
        "path: ../../data/engine.yaml": "path: engine.yaml",
        "  value: 7": "  valeu: 7",
        "  level: mild": "  level: standard\n  leave_out: [death]",
        "instructions:": "instructionz:",
    })
    with pytest.raises(AssignmentError) as caught:
        load_assignment(path)
    text = str(caught.value)
    assert f":{_line_of(path, 'valeu')}:" in text and "unknown key 'valeu'" in text
    assert "did you mean 'value'?" in text
    assert "content categories can only be left out at level: mild" in text
    assert "missing key 'instructions'" in text
    assert "Traceback" not in text


def test_a_shared_seed_needs_its_value(tmp_path: Path) -> None:
    path = _broken(tmp_path, {"path: ../../data/engine.yaml": "path: engine.yaml",
                              "  value: 7\n": ""})
    with pytest.raises(AssignmentError, match="a shared seed needs its value") as caught:
        load_assignment(path)
    assert caught.value.problems[0].line == _line_of(path, "seed:") + 1


def test_a_pinned_digest_refuses_a_changed_scenario(tmp_path: Path) -> None:
    path = _broken(tmp_path, {"path: ../../data/engine.yaml": "path: engine.yaml",
                              'version: "1.0"': f'digest: "{"0" * 64}"'})
    with pytest.raises(AssignmentError, match="have changed since this assignment") as caught:
        load_assignment(path)
    assert load_scenario(tmp_path / "engine.yaml").digest in caught.value.problems[0].hint


def test_unknown_content_category_and_missing_scenario(tmp_path: Path) -> None:
    path = _broken(tmp_path, {"path: ../../data/engine.yaml": "path: engine.yaml",
                              "  level: mild": "  level: mild\n  leave_out: [death, gore]"})
    with pytest.raises(AssignmentError, match="no content category 'gore'"):
        load_assignment(path)
    nowhere = _broken(tmp_path, {"path: ../../data/engine.yaml": "path: missing.yaml"})
    with pytest.raises(AssignmentError, match=r"there is no scenario at 'missing\.yaml'"):
        load_assignment(nowhere)


def test_check_command_lists_problems_and_exits_1(tmp_path: Path) -> None:
    path = _broken(tmp_path, {"path: ../../data/engine.yaml": "path: engine.yaml",
                              "profile: political": "profile: poet"})
    result = cli("assignment", "check", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"broken.yaml:{_line_of(path, 'poet')}:")
    assert "Traceback" not in result.stdout + result.stderr


def test_committed_schema_matches_the_models() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == assignment_schema_text(), (
        f"scenarios/assignment.schema.json is stale; regenerate it with: {SCHEMA_COMMAND}")


@pytest.mark.parametrize("path", [CLASS, PER_STUDENT])
def test_schema_accepts_the_fixtures_and_refuses_a_typo(path: Path) -> None:
    schema = json.loads(assignment_schema_text())
    Draft202012Validator.check_schema(schema)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(document))
    document["allow_loadin"] = True
    assert list(Draft202012Validator(schema).iter_errors(document))


def test_every_choice_the_engine_logs_can_be_named_by_a_question() -> None:
    """ENGINE_CHOICES must follow the engine: play games and check every logged id."""
    from gulag_escape.engine.game import Game

    for name in ["engine.yaml", "kolyma", "kem-1925"]:
        path = SCENARIO_DATA / name if name.endswith(".yaml") else ROOT / "scenarios" / name
        scenario = load_scenario(path)
        logged: set[str] = set()
        for seed in range(40):
            game = Game.start(scenario, seed, scenario.model.profiles[seed % len(
                scenario.model.profiles)].id)
            rng = random.Random(seed)
            for _ in range(300):
                if game.ended:
                    break
                game.choose(rng.choice([o.id for o in game.options() if o.enabled]))
            logged.update(game.state.log)
        unknown = sorted(c for c in logged if not is_known_choice(c, scenario.model))
        assert not unknown, f"{name}: add these to ENGINE_CHOICES: {unknown}"
