"""``gulag-escape new``: the scaffold validates, passes lint and plays to both endings.

Validating and playing the scaffold run the real command in its own process, in a fresh
folder, as an author would; making it (``new``, once for each test) runs the same command
inside this process with click's runner, which costs no interpreter start. The plain
games are pinned: a seed and the answers that reach each ending with it. If an engine change
moves them, find new ones by playing the scaffold and update the pins (the same seed and
answers must always give the same game).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from gulag_escape.cli import main
from gulag_escape.scenario.loader import load_scenario
from gulag_escape.scenario.schema import scenario_schema_text

FREEDOM = (3, "1111111221131121311")
"""Save bread, wait, take the spare crust, go under the wire, go around the post, rest when
tired, pick berries: seed 3 reaches the railway."""
CAPTURED = (1, "11111")
"""The same start with seed 1: the searchlight finds you under the wire."""
_SCHEMA_COMMENT = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def run(*args: str, cwd: Path, answers: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gulag_escape", *args], input=answers, capture_output=True,
        text=True, check=False, cwd=cwd, timeout=120, env=dict(os.environ),
    )


def new(*args: str, cwd: Path) -> Result:
    """``gulag-escape new ...`` run inside this process from ``cwd``."""
    with contextlib.chdir(cwd):
        return CliRunner().invoke(main, ["new", *args])


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """``gulag-escape new demo --dir tmp`` run in a fresh folder; the new scenario's folder."""
    result = new("demo", "--dir", "tmp", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Made tmp/demo/scenario.yaml" in result.stdout
    return tmp_path / "tmp" / "demo"


def play(folder: Path, seed: int, answers: str) -> str:
    result = run("play", str(folder), "--plain", "--seed", str(seed),
                 cwd=folder.parent, answers="".join(f"{a}\n" for a in answers))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_scaffold_validates(demo: Path) -> None:
    result = run("validate", "tmp/demo", cwd=demo.parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tmp/demo/scenario.yaml: ok — Demo." in result.stdout


def test_the_scaffold_passes_lint_strictly(demo: Path) -> None:
    result = run("validate", "--strict", "tmp/demo", cwd=demo.parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout + result.stderr


def test_the_scaffold_plays_to_freedom(demo: Path) -> None:
    transcript = play(demo, *FREEDOM)
    assert "THE END: The railway (freedom)" in transcript
    assert "Most fugitives were caught [DOCUMENTED]" in transcript


def test_the_scaffold_plays_to_capture(demo: Path) -> None:
    transcript = play(demo, *CAPTURED)
    assert "THE END: Taken back (captured)" in transcript
    assert "Fear on both sides of the wire [MEMOIR]" in transcript


def test_the_schema_comment_leads_to_this_versions_schema(demo: Path) -> None:
    text = (demo / "scenario.yaml").read_text(encoding="utf-8")
    match = _SCHEMA_COMMENT.match(text)
    assert match is not None
    schema_path = demo / match.group(1)
    assert schema_path.read_text(encoding="utf-8") == scenario_schema_text()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # What an editor checks as the author types: YAML dates reach it as strings.
    document = json.loads(json.dumps(yaml.safe_load(text), default=str))
    errors = [error.message for error in Draft202012Validator(schema).iter_errors(document)]
    assert not errors


def test_in_a_folder_with_a_schema_the_comment_points_to_it(tmp_path: Path) -> None:
    (tmp_path / "scenario.schema.json").write_text(scenario_schema_text(), encoding="utf-8")
    result = run("new", "river-road", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "river-road"
    first_line = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../scenario.schema.json"
    assert sorted(p.name for p in folder.iterdir()) == ["scenario.yaml"]
    assert load_scenario(folder).model.meta.title == "River road"


def test_the_notes_are_honest_placeholders_with_real_sources(demo: Path) -> None:
    model = load_scenario(demo).model
    assert model.meta.id == "demo"
    for note in model.notes:
        assert "Placeholder:" in note.body, note.id
        assert all(source.author and source.title and source.year for source in note.sources)
    assert {note.evidence for note in model.notes} == {"documented", "memoir"}
    assert {ending.kind for ending in model.endings} >= {"freedom", "captured"}
    assert any(place.checkpoint for place in model.places)
    assert {storylet.phase for storylet in model.storylets} == {"camp", "run"}


def test_an_existing_folder_is_never_overwritten(demo: Path) -> None:
    main = demo / "scenario.yaml"
    main.write_text("# my work\n", encoding="utf-8")
    result = run("new", "demo", "--dir", "tmp", cwd=demo.parent.parent)
    assert result.returncode == 1
    assert "tmp/demo already exists (a folder); nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert main.read_text(encoding="utf-8") == "# my work\n"


def test_an_existing_file_of_that_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "demo").write_text("notes\n", encoding="utf-8")
    result = run("new", "demo", cwd=tmp_path)
    assert result.returncode == 1
    assert "demo already exists (a file)" in result.stderr
    assert (tmp_path / "demo").read_text(encoding="utf-8") == "notes\n"


@pytest.mark.parametrize("name", ["Demo", "1938", "river road", "../escape", "_x", "a" * 49])
def test_a_name_that_is_not_an_id_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             name: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", name])
    assert result.exit_code == 1
    assert "cannot be a scenario's id: use lower-case letters, digits, - and _" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []
