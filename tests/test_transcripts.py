"""Golden transcripts: recording, replaying, diffs, refresh, and the shipped scenarios' goldens."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import DATA, ROOT

from gulag_escape.authoring.transcripts import (
    MAGIC,
    SEPARATOR,
    main,
    read_transcript,
    replay_transcript,
)
from gulag_escape.commands.authoring import record_command, replay_command

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("*.transcript"))
REFRESH_ALL = "python -m gulag_escape.authoring.transcripts --refresh tests/golden"
CHOICES = ",".join(["1", "status", "1", "why", "journal", *["1"] * 40])
"""Enough ones to reach an ending of the engine fixture (it ends after about ten)."""
FENCE = "The fence is low where the snow has melted."


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A copy of the engine fixture that a test may edit."""
    copy = tmp_path / "story.yaml"
    shutil.copy(DATA / "engine.yaml", copy)
    return copy


def run(command, *args: str | Path) -> Result:
    return CliRunner().invoke(command, [str(arg) for arg in args])


def record(scenario: Path, output: Path, *extra: str) -> Result:
    result = run(record_command, scenario, "--seed", "1", "--profile", "criminal", *extra,
                 "-o", output)
    assert result.exit_code == 0, result.output
    return result


def test_record_writes_a_header_and_exactly_what_plain_mode_prints(scenario: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "run.transcript"
    result = record(scenario, out, "--choices", CHOICES)
    assert "the game ends: Caught" in result.output
    transcript = read_transcript(out)
    header = out.read_text(encoding="utf-8").split(SEPARATOR)[0]
    assert header.startswith(MAGIC + "\n")
    # The scenario beside the transcript is named relative to it: it replays from anywhere.
    assert "scenario: story.yaml\nseed: 1\nprofile: criminal\ncontent: standard\n" in header
    assert transcript.recording.scenario == str(scenario)
    assert "scenario-id: engine-fixture\nversion: 1.0\n" in header
    assert len(transcript.digest) == 64
    # Only the input the game read is kept: it ended long before the fortieth "1".
    assert transcript.recording.input[:5] == ("1", "status", "1", "why", "journal")
    assert len(transcript.recording.input) < 20
    assert transcript.refresh == (f"gulag-escape record {scenario} --seed 1 --profile criminal "
                                  f"--content standard --input {out} -o {out}")
    piped = subprocess.run(
        [sys.executable, "-m", "gulag_escape", "play", str(scenario), "--plain", "--seed", "1",
         "--profile", "criminal"],
        input="\n".join(transcript.recording.input) + "\n", capture_output=True, text=True,
        check=True, env=dict(os.environ), timeout=60,
    )
    assert transcript.output == piped.stdout


def test_replay_of_an_unchanged_scenario_exits_zero(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run.transcript"
    record(scenario, out, "--choices", CHOICES)
    result = run(replay_command, out)
    assert result.exit_code == 0, result.output
    assert "the same output" in result.output
    assert "Note:" not in result.output


def test_replay_after_a_text_change_shows_the_first_difference_and_a_diff(
    scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run.transcript"
    record(scenario, out, "--choices", CHOICES)
    file_line = out.read_text(encoding="utf-8").split("\n").index(FENCE) + 1
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(FENCE, "The fence sags."),
                        encoding="utf-8")
    result = run(replay_command, out)
    assert result.exit_code == 1
    assert "Note: the scenario changed since the recording" in result.output
    assert f"{out}:{file_line}: the output differs from the recording" in result.output
    assert f"recorded: '{FENCE}'" in result.output
    assert "now:      'The fence sags.'" in result.output
    assert f"-{FENCE}\n+The fence sags.\n" in result.output
    assert f"--- {out} (recorded)\n+++ {out} (now)\n@@ -" in result.output
    assert f"record it again: {read_transcript(out).refresh}" in result.output


def test_a_changed_digest_alone_is_a_note_not_a_failure(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run.transcript"
    record(scenario, out, "--choices", CHOICES)
    with scenario.open("a", encoding="utf-8") as file:
        file.write("# an author's comment\n")
    result = run(replay_command, out)
    assert result.exit_code == 0, result.output
    assert "Note: the scenario changed since the recording" in result.output


def test_the_scenario_argument_replaces_the_header_and_must_be_the_same_scenario(
    scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run.transcript"
    record(scenario, out, "--choices", CHOICES)
    moved = tmp_path / "moved.yaml"
    scenario.rename(moved)
    assert run(replay_command, out, moved).exit_code == 0
    other = run(replay_command, out, DATA / "minimal.yaml")
    assert other.exit_code == 1
    assert "was recorded with the scenario 'engine-fixture'" in other.output


def test_input_from_a_file_or_from_a_transcript_gives_the_same_recording(
    scenario: Path, tmp_path: Path
) -> None:
    lines = tmp_path / "input.txt"
    lines.write_text(CHOICES.replace(",", "\n") + "\n", encoding="utf-8")
    first, second = tmp_path / "a.transcript", tmp_path / "b.transcript"
    record(scenario, first, "--choices", CHOICES)
    record(scenario, second, "--input", lines)
    assert read_transcript(first).output == read_transcript(second).output
    record(scenario, second, "--input", first)
    assert read_transcript(first).recording == read_transcript(second).recording


def test_then_answers_after_the_input_until_the_game_ends(scenario: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "then.transcript"
    assert "the game ends: Caught" in record(scenario, out, "--then", "1").output
    assert read_transcript(out).recording.input == ()
    result = record(scenario, out, "--choices", "1,status", "--then", "1")
    assert "the game ends: Caught" in result.output
    transcript = read_transcript(out)
    assert transcript.recording.input == ("1", "status")
    assert transcript.recording.then == "1"
    assert "\nthen: 1\n" in out.read_text(encoding="utf-8")
    assert transcript.refresh.endswith(f"--input {out} --then 1 -o {out}")
    assert transcript.output.count("> 1\n") > 3
    assert replay_transcript(out).identical


def test_input_that_runs_out_is_recorded_and_said(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "short.transcript"
    result = record(scenario, out, "--choices", "1")
    assert "the input ran out on day 0, before an ending" in result.output
    assert read_transcript(out).output.endswith("End of input. Saved in the slot 'autosave'.\n")


@pytest.mark.parametrize(("args", "message"), [
    ((), "give the input with --input FILE, --choices"),
    (("--choices", "1", "--input", "x.txt"), "with --input FILE or with --choices, not both"),
    (("--input", "missing.txt"), "cannot read the input file missing.txt"),
])
def test_record_refuses_bad_input_options(scenario: Path, tmp_path: Path,
                                          args: tuple[str, ...], message: str) -> None:
    result = run(record_command, scenario, "--seed", "1", *args, "-o", tmp_path / "x")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("text", "message"), [
    ("hello\n", ":1: not a transcript"),
    (f"{MAGIC}\nseed: 1\n", "the line '--- output ---' that ends the header is missing"),
    (f"{MAGIC}\nseed 1\n{SEPARATOR}\n", ":2: expected 'key: value' in the header"),
    (f"{MAGIC}\nscenario: x\nseed: one\n{SEPARATOR}\n", "the header lacks a valid content"),
])
def test_replay_names_what_is_wrong_with_a_damaged_transcript(tmp_path: Path, text: str,
                                                              message: str) -> None:
    bad = tmp_path / "bad.transcript"
    bad.write_text(text, encoding="utf-8")
    result = run(replay_command, bad)
    assert result.exit_code == 1
    assert message in result.output


def test_refresh_records_every_transcript_again_from_its_header(
        scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "golden"
    out = folder / "run.transcript"
    record(scenario, out, "--choices", CHOICES)
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(FENCE, "The fence sags."),
                        encoding="utf-8")
    assert not replay_transcript(out).identical
    assert main(["--refresh", str(folder)]) == 0
    assert f"{out}: changed; the game ends: Caught." in capsys.readouterr().out
    assert replay_transcript(out).identical
    assert "The fence sags." in read_transcript(out).output


# --- the shipped scenarios' golden transcripts ----------------------------------------------


def test_every_shipped_scenario_has_golden_transcripts_that_reach_an_ending() -> None:
    by_scenario: dict[str, int] = {}
    for path in GOLDEN_FILES:
        transcript = read_transcript(path)
        by_scenario[transcript.scenario_id] = by_scenario.get(transcript.scenario_id, 0) + 1
        assert "\nTHE END: " in transcript.output, (
            f"{path.name} no longer reaches an ending with its recorded input: record it again "
            f"with more input (--choices or --input, see `gulag-escape record --help`); it was "
            f"recorded with: {transcript.refresh}")
    assert by_scenario.get("kolyma", 0) >= 2
    assert by_scenario.get("kem-1925", 0) >= 2
    assert by_scenario.get("tchernavin-1932", 0) >= 2


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_golden_transcript_replays_unchanged(path: Path) -> None:
    replay = replay_transcript(path)
    if not replay.identical:
        pytest.fail(f"{replay.report()}\nOr record every golden transcript again at once, "
                    f"from the project's root:\n  {REFRESH_ALL}", pytrace=False)


def test_a_transcript_replays_from_another_working_folder(scenario: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "runs").mkdir()
    out = tmp_path / "runs" / "run.transcript"
    monkeypatch.chdir(tmp_path)
    record(Path("story.yaml"), Path("runs/run.transcript"), "--choices", CHOICES)
    assert "\nscenario: ../story.yaml\n" in out.read_text(encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run(replay_command, "../runs/run.transcript")
    assert result.exit_code == 0, result.output
    assert "the same output" in result.output


def test_an_older_transcript_naming_the_scenario_from_its_working_folder_still_loads(
    scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "runs").mkdir()
    out = tmp_path / "runs" / "old.transcript"
    record(scenario, out, "--choices", CHOICES)
    text = out.read_text(encoding="utf-8")
    # Written before paths were relative to the transcript: as typed, from tmp_path.
    out.write_text(text.replace("\nscenario: ../story.yaml\n", "\nscenario: story.yaml\n"),
                   encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert read_transcript(Path("runs/old.transcript")).recording.scenario == "story.yaml"
    assert run(replay_command, "runs/old.transcript").exit_code == 0


def test_record_from_a_transcript_keeps_its_then(scenario: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.transcript", tmp_path / "b.transcript"
    record(scenario, first, "--choices", "1,status", "--then", "1")
    record(scenario, second, "--input", first)
    again = read_transcript(second)
    assert again.recording.then == "1"
    assert again.output == read_transcript(first).output
    assert again.refresh.endswith("--then 1 -o " + str(second))
    # --then given on the command line wins over the transcript's.
    third = tmp_path / "c.transcript"
    record(scenario, third, "--input", first, "--then", "status")
    assert read_transcript(third).recording.then == "status"
