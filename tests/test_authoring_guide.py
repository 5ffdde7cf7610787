"""docs/authoring.md works as written: its parts are the scenario, its commands succeed.

The guide marks each YAML block that belongs to the scenario with
``<!-- guide:part file="NAME" -->`` and each command block a reader runs with
``<!-- guide:run -->``. The test reads the guide top to bottom as a reader would: it appends
each part to its file in a fresh folder and runs each command, literally, at the point where
the guide gives it, so a command sees the file as the reader has it then.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from gulag_escape.scenario.loader import load_scenario

GUIDE = ROOT / "docs" / "authoring.md"
_STEP = re.compile(
    r'<!-- guide:part file="(?P<file>[^"]+)" -->\n```yaml\n(?P<yaml>.*?)```'
    r"|<!-- guide:run -->\n```console\n(?P<commands>.*?)```",
    re.DOTALL,
)
_SHOWN_ENDING = re.compile(r"^THE END: .+$", re.MULTILINE)
_SHOWN_PROBLEM = re.compile(r"^(?P<file>\S+\.yaml):\d+:\d+: unknown ending '(?P<typo>\w+)'.*$",
                            re.MULTILINE)


@dataclass(frozen=True)
class Step:
    """A part to append to ``file``, or a command to run."""

    file: str | None = None
    text: str = ""
    command: str | None = None


def guide_steps(guide: str) -> list[Step]:
    steps = []
    for match in _STEP.finditer(guide):
        if match.group("file"):
            steps.append(Step(file=match.group("file"), text=match.group("yaml")))
            continue
        for line in match.group("commands").splitlines():
            assert line.startswith("$ "), f"a command block holds only '$ ' lines: {line!r}"
            steps.append(Step(command=line[2:]))
    return steps


def shell(command: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run a command as a reader's shell would, with this environment's gulag-escape first.

    The game's cache, saves and settings go under ``home``: the module's walk through the
    guide starts before the per-test isolation in conftest applies.
    """
    scripts = Path(sys.executable).parent
    assert (scripts / "gulag-escape").exists(), "the game is not installed in this environment"
    env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
           **{f"GULAG_ESCAPE_{name}": str(home / name.lower())
              for name in ("CACHE", "SAVES", "CONFIG")}}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


def freedom_band(report: str) -> str:
    """The verdict of the freedom band in a simulation report's "By kind" table."""
    row = next(line for line in report.splitlines() if line.startswith("│ freedom"))
    return row.split("│")[-2].strip()


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """The guide followed in a fresh folder: the folder and each command's output."""
    folder = tmp_path_factory.mktemp("reader")
    outputs: dict[str, list[str]] = {}
    home = tmp_path_factory.mktemp("home")
    for step in guide_steps(GUIDE.read_text(encoding="utf-8")):
        if step.file is not None:
            with (folder / step.file).open("a", encoding="utf-8") as file:
                file.write(step.text)
            continue
        assert step.command is not None
        result = shell(step.command, folder, home)
        assert result.returncode == 0, f"$ {step.command}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        words = step.command.split()
        outputs.setdefault(words[words.index("gulag-escape") + 1], []).append(result.stdout)
    return folder, outputs


def test_the_parts_make_one_scenario_the_guide_names() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    steps = guide_steps(guide)
    files = {step.file for step in steps if step.file}
    assert files == {"first-escape.yaml"}
    assert "a file named `first-escape.yaml`" in guide
    assert len([step for step in steps if step.file]) >= 8
    assert {"validate", "play", "simulate", "graph"} <= {
        word for step in steps if step.command for word in step.command.split()}


@pytest.mark.slow
def test_the_guide_scenario_validates_and_loads(walked: tuple[Path, dict[str, list[str]]]) -> None:
    folder, outputs = walked
    assert "first-escape.yaml: ok — First escape: the timber camp." in outputs["validate"][0]
    model = load_scenario(folder / "first-escape.yaml").model
    assert model.meta.id == "first-escape"
    assert (folder / "scenario.schema.json").is_file()


@pytest.mark.slow
def test_the_guide_game_reaches_the_ending_it_shows(walked: tuple[Path, dict[str, list[str]]]
                                                     ) -> None:
    _, outputs = walked
    shown = _SHOWN_ENDING.findall(GUIDE.read_text(encoding="utf-8"))
    transcript = outputs["play"][0]
    assert "THE END:" in transcript
    assert shown and all(line in transcript for line in shown), transcript[-2000:]
    assert "Historical notes" in transcript


@pytest.mark.slow
def test_balancing_moves_the_band_as_the_guide_says(walked: tuple[Path, dict[str, list[str]]]
                                                     ) -> None:
    _, outputs = walked
    before, after = outputs["simulate"]
    assert freedom_band(before) == "outside", before
    assert freedom_band(after) == "ok", after


@pytest.mark.slow
def test_the_guide_graphs_are_written(walked: tuple[Path, dict[str, list[str]]]) -> None:
    folder, outputs = walked
    assert "reached from: place station" in outputs["graph"][0]
    assert (folder / "first-escape.mmd").read_text(encoding="utf-8").startswith("flowchart")
    assert (folder / "first-escape.dot").read_text(encoding="utf-8").startswith("digraph")


@pytest.mark.slow
def test_the_error_the_guide_shows_is_the_one_validate_prints(
        walked: tuple[Path, dict[str, list[str]]], tmp_path: Path) -> None:
    folder, _ = walked
    guide = GUIDE.read_text(encoding="utf-8")
    shown = _SHOWN_PROBLEM.search(guide)
    assert shown is not None
    text = (folder / "first-escape.yaml").read_text(encoding="utf-8")
    typo = text.replace("[{end: caught}]", f"[{{end: {shown.group('typo')}}}]", 1)
    (tmp_path / shown.group("file")).write_text(typo, encoding="utf-8")
    result = shell(f"gulag-escape validate {shown.group('file')}", tmp_path, tmp_path)
    assert result.returncode == 1
    assert shown.group(0) in result.stdout.splitlines(), result.stdout
