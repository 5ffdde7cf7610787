"""Teacher data is never lost: the run is kept after every choice (a kill loses nothing and
playing again continues it), the folder is checked before play, reports are readable by
others, verify checks every rule of the assignment, and the summary's files fit their use."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from teaching_helpers import CLASS, edit_record, hand_in, load_class, prefer

from gulag_escape.errors import ReportError
from gulag_escape.teaching.handin import RECORD_FILE, check_writable
from gulag_escape.teaching.record import read_record
from gulag_escape.teaching.verify import ScenarioLibrary, verify_file

ENGINE = ROOT / "tests" / "data" / "engine.yaml"
FOLDER = Path("reports") / "anna--the-fence-a-test-assignment"
COMMAND = [sys.executable, "-m", "gulag_escape"]


def _choices_kept(path: Path) -> int:
    try:
        return len(read_record(path).choices)
    except ReportError:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_a_killed_run_is_kept_and_continued_with_the_same_seed_and_choices(
        tmp_path: Path) -> None:
    record_file = tmp_path / FOLDER / RECORD_FILE
    process = subprocess.Popen(
        [*COMMAND, "play", "--plain", "--assignment", str(CLASS), "--student", "Anna"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        cwd=tmp_path, text=True)
    assert process.stdin is not None
    process.stdin.write("answer\n\n1\n\n")  # the stdin stays open: the game waits for more
    process.stdin.flush()
    deadline = time.monotonic() + 60  # a bound on waiting, not a measurement
    while _choices_kept(record_file) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.kill()
    process.wait()
    killed = read_record(record_file)
    assert len(killed.choices) >= 1 and not killed.outcome.finished
    assert stat.S_IMODE(record_file.stat().st_mode) == 0o644

    again = subprocess.run(
        [*COMMAND, "play", "--plain", "--assignment", str(CLASS), "--student", "Anna"],
        input="1\n\n" * 300, capture_output=True, text=True, cwd=tmp_path, timeout=120,
        check=False)
    assert again.returncode == 0, again.stderr
    assert "continuing your run" in again.stdout
    finished = read_record(record_file)
    assert finished.outcome.finished
    assert finished.header.seed == killed.header.seed
    assert [c.id for c in finished.choices[:len(killed.choices)]] == [
        c.id for c in killed.choices]


def test_an_unwritable_report_folder_is_refused_before_play(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = subprocess.run(
        [*COMMAND, "play", "--plain", "--assignment", str(CLASS), "--student", "Anna"],
        input="1\n", capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
        env={**os.environ, "GULAG_ESCAPE_REPORTS": str(tmp_path / "file" / "reports")})
    assert result.returncode == 1
    assert "cannot write the report in" in result.stderr and "before you play" in result.stderr
    assert "==" not in result.stdout  # no game was shown
    with pytest.raises(ReportError):
        check_writable(tmp_path / "file" / "x")


def test_reports_are_readable_by_others(tmp_path: Path) -> None:
    hand_in(tmp_path / "anna", load_class(), "Anna", prefer("trust"))
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "anna").iterdir()}
    assert set(modes.values()) == {0o644}


@pytest.mark.parametrize(("field", "value", "rule"), [
    ("content", "standard", "content level"),
    ("content_off", ["violence"], "content left out"),
    ("allow_loading", True, "loading rule"),
    ("seed_salt", 99, "seed salt"),
    ("questions", [], "questions"),
])
def test_verify_with_the_assignment_checks_every_rule(
        tmp_path: Path, field: str, value: object, rule: str) -> None:
    assignment = load_class()
    hand_in(tmp_path / "anna", assignment, "Anna", prefer("trust"))
    library = ScenarioLibrary([ENGINE], assignment)
    assert verify_file(tmp_path / "anna", library).ok
    edit_record(tmp_path / "anna", lambda d: d["header"].update({field: value}))
    verdict = verify_file(tmp_path / "anna", library)
    assert not verdict.ok
    assert verdict.message.startswith(f"the record does not match the assignment in its {rule}")


def test_verify_on_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = subprocess.run([*COMMAND, "verify", "empty"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stdout == ("empty: FAILED — this folder holds no run record (run.json); give "
                             "the students' report folders or their run.json files\n")


@pytest.mark.parametrize("args", [["-o", "class.pdf"], ["--format", "csv", "-o", "class.md"]])
def test_a_summary_file_must_be_named_for_its_format(tmp_path: Path, args: list[str]) -> None:
    hand_in(tmp_path / "reports" / "anna", load_class(), "Anna", prefer("trust"))
    result = subprocess.run([*COMMAND, "class-summary", "reports", *args], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60, check=False)
    assert result.returncode == 1
    assert "does not end in the format written" in result.stderr
    assert not any(tmp_path.glob("class.*"))
