"""The plain mode, end to end through the real command, as a pipe would use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT

SHIPPED = [p.name for p in (ROOT / "scenarios").iterdir() if (p / "scenario.yaml").exists()]


def play(args: list[str], answers: str, env_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if env_dir is not None:
        env["GULAG_ESCAPE_SAVES"] = str(env_dir)
    return subprocess.run(
        [sys.executable, "-m", "gulag_escape", "play", *args, "--plain"],
        input=answers, capture_output=True, text=True, check=False, env=env, timeout=120,
    )


def test_ones_reach_an_ending_with_notes_and_the_same_transcript_twice() -> None:
    args = [str(DATA / "engine.yaml"), "--seed", "1", "--profile", "criminal"]
    first = play(args, "1\n" * 400)
    second = play(args, "1\n" * 400)
    assert first.returncode == 0, first.stderr
    assert "THE END:" in first.stdout
    assert "Historical notes" in first.stdout
    assert "[DOCUMENTED]" in first.stdout
    assert "Source: Applebaum, Anne. Gulag: A History." in first.stdout
    assert first.stdout == second.stdout
    assert "\x1b[" not in first.stdout, "no escape codes when not a terminal"


@pytest.mark.parametrize("scenario", SHIPPED)
def test_shipped_scenarios_play_to_an_ending_through_a_pipe(scenario: str) -> None:
    result = play([scenario, "--seed", "1"], "1\n" * 2000)
    assert result.returncode == 0, result.stderr
    assert "THE END:" in result.stdout
    assert "Historical notes" in result.stdout


def test_end_of_input_stops_cleanly_with_an_autosave(tmp_path: Path) -> None:
    result = play([str(DATA / "engine.yaml"), "--seed", "2", "--profile", "political"],
                  "1\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "End of input. Saved in the slot 'autosave'." in result.stdout
    resumed = play([str(DATA / "engine.yaml"), "--load", "autosave"], "status\n", tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "Body: Health" in resumed.stdout


def test_a_saved_game_can_be_loaded_at_the_profile_prompt(tmp_path: Path) -> None:
    saved = play([str(DATA / "engine.yaml"), "--seed", "2", "--profile", "political"],
                 "1\nsave mine\n", tmp_path)
    assert "Saved in the slot 'mine'." in saved.stdout, saved.stderr
    result = play([str(DATA / "engine.yaml")], "load nothing-here\nload mine\nstatus\n",
                  tmp_path)
    assert result.returncode == 0, result.stderr
    assert "load NAME to continue" in result.stdout
    assert "Loaded the slot 'mine'." in result.stdout
    assert "Body: Health" in result.stdout


def test_commands_status_why_help_and_bad_input(tmp_path: Path) -> None:
    answers = "help\nstatus\nwhy\n99\nfly\nsave first\nnotes\nquit\n"
    result = play([str(DATA / "engine.yaml"), "--seed", "3", "--profile", "political"], answers,
                  tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "save NAME" in out
    assert "Food:" in out
    assert "Nothing has been left to chance yet." in out
    assert "There is no choice 99" in out
    assert "'fly' is not a choice or a command." in out
    assert "Saved in the slot 'first'." in out
    assert "No notes yet" in out
    assert "Stopping. Saved in the slot 'autosave'." in out


def test_the_profile_is_asked_for_and_quit_works_at_any_prompt() -> None:
    result = play([str(DATA / "engine.yaml"), "--seed", "3"], "7\nquit\n")
    assert result.returncode == 0, result.stderr
    assert "Who are you?" in result.stdout
    assert "Type a number from 1 to 2 or load NAME." in result.stdout
    assert "THE END" not in result.stdout


def test_an_unknown_scenario_is_a_clear_error_not_a_traceback() -> None:
    result = play(["no-such-scenario"], "")
    assert result.returncode == 1
    assert "no-such-scenario" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_profile_is_a_clear_error() -> None:
    result = play([str(DATA / "engine.yaml"), "--profile", "tsar"], "")
    assert result.returncode == 1
    assert "no profile 'tsar'" in result.stderr
