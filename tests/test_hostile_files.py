"""Hostile files never hang, crash or reach the terminal (issue 12).

Saves, run records, transcripts and assignment files from tests/data/hostile/ and made here
(markup, escape sequences, a named pipe, a symlink to /dev/zero, deep JSON, huge numbers,
wrong types, unwritable outputs): each ends in a clear message and exit 1 or 2, with no
traceback and no raw escape. Most run in-process through click's runner; the cases that
could hang or fill memory run as real processes under a time bound and a memory limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from gulag_escape import cli
from gulag_escape.saves import SaveStore
from gulag_escape.untrusted import find_control

HOSTILE = DATA / "hostile"
CLASS = ROOT / "tests" / "teaching" / "data" / "class.yaml"
ESCAPES = "\x1b]0;owned\x07\x1b[2J[/bold]x [@click=app.quit]q[/]"


def assert_clear_failure(code: int, output: str) -> None:
    assert code in {1, 2}, output
    assert output.strip(), "a failure must say what went wrong"
    assert "Traceback" not in output
    assert "\x1b" not in output and "\x9b" not in output


def invoke(*args: str | Path, answers: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, [str(a) for a in args], input=answers)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.json")))
def test_hostile_run_records_fail_verify_and_the_summary_goes_on(
        name: str, tmp_path: Path) -> None:
    code, output = invoke("verify", HOSTILE / name)
    assert_clear_failure(code, output)
    assert len(output.strip().splitlines()) == 1
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / name).write_bytes((HOSTILE / name).read_bytes())
    (folder / "other.json").write_text('{"a": ' * 100 + "1" + "}" * 100, encoding="utf-8")
    code, output = invoke("class-summary", folder, "-o", tmp_path / "summary.md")
    assert code == 0, output
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert name in summary and "other.json" in summary
    assert find_control(summary) is None


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.transcript")))
def test_hostile_transcripts_are_refused(name: str) -> None:
    assert_clear_failure(*invoke("replay", HOSTILE / name))


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*-assignment.yaml")))
def test_hostile_assignment_files_are_refused(name: str) -> None:
    assert_clear_failure(*invoke("assignment", "check", HOSTILE / name))
    assert_clear_failure(*invoke("play", "--plain", "--assignment", HOSTILE / name,
                                 "--student", "Anna"))


def _save(folder: Path) -> Path:
    code, output = invoke("play", "kolyma", "--plain", "--seed", "3", "--saves-dir", folder,
                          answers="1\n" * 3)
    assert code == 0, output
    return folder / "autosave.json"


@pytest.mark.parametrize(("field", "value"), [
    ("place", ESCAPES), ("label", ESCAPES), ("scenario", ESCAPES), ("seed", "HUGE"),
    ("log", {"a": 1}), ("state", [[[[]]]] * 3), ("day", "two"), ("format", 10**30),
])
def test_hostile_saves_are_refused_or_shown_cleaned(
        tmp_path: Path, field: str, value: object) -> None:
    path = _save(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data[field] = value
    path.write_text(json.dumps(data).replace('"HUGE"', "9" * 5000), encoding="utf-8")
    code, output = invoke("play", "kolyma", "--plain", "--load", "autosave", "--saves-dir",
                          tmp_path)
    assert "Traceback" not in output and "\x1b" not in output
    if field not in {"place", "label"}:  # display fields: the replay does not read them
        assert_clear_failure(code, output)
    for info in SaveStore(tmp_path).list():
        shown = f"{info.label} {info.scenario} {info.place} {info.error or ''}"
        assert find_control(shown) is None


def test_a_save_nested_deeply_is_refused(tmp_path: Path) -> None:
    path = _save(tmp_path)
    path.write_text('{"format": 2, "state": ' + "[" * 10_000 + "]" * 10_000 + "}",
                    encoding="utf-8")
    assert_clear_failure(*invoke("play", "kolyma", "--plain", "--load", "autosave",
                                 "--saves-dir", tmp_path))


@pytest.mark.parametrize("args", [
    ["record", "kolyma", "--seed", "1", "--choices", "1", "-o", "{blocked}/x.transcript"],
    ["class-summary", "{reports}", "-o", "{blocked}/summary.md"],
    ["schema", "-o", "{blocked}/schema.json"],
    ["assignment", "schema", "-o", "{blocked}/schema.json"],
    ["assignment", "new", "-o", "{blocked}/class.yaml"],
])
def test_unwritable_outputs_are_refused(tmp_path: Path, args: list[str]) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "run.json").write_text("{}", encoding="utf-8")
    filled = [a.format(blocked=blocked, reports=reports) for a in args]
    assert_clear_failure(*invoke(*filled))


def _special_files(tmp_path: Path) -> list[Path]:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    zero = tmp_path / "zero"
    zero.symlink_to("/dev/zero")
    return [pipe, zero]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", [
    ["verify", "{path}"],
    ["replay", "{path}"],
    ["record", "kolyma", "--seed", "1", "--input", "{path}", "-o", "{out}"],
    ["assignment", "check", "{path}"],
    ["play", "kolyma", "--plain", "--load", "slot", "--saves-dir", "{folder}"],
])
def test_pipes_and_devices_are_refused_at_once_in_a_real_process(
        tmp_path: Path, command: list[str]) -> None:
    """Real processes: a hang or a file read into memory would show here, bounded by the
    timeout and by a memory limit on the process."""
    import resource

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    for special in _special_files(tmp_path):
        folder = tmp_path / f"saves-{special.name}"
        folder.mkdir()
        (folder / "slot.json").symlink_to(special)
        args = [a.format(path=special, folder=folder, out=tmp_path / "out.transcript")
                for a in command]
        result = subprocess.run([sys.executable, "-m", "gulag_escape", *args],
                                capture_output=True, text=True, timeout=30, check=False,
                                stdin=subprocess.DEVNULL, preexec_fn=limit_memory)
        assert_clear_failure(result.returncode, result.stdout + result.stderr)
