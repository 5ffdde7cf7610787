"""``simulate --watch`` (live balance) and ``simulate --trace SEED`` (one bot game in full)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA

from gulag_escape.cli import main
from gulag_escape.scenario.loader import load_scenario
from gulag_escape.simulation.command import SimulateOptions, play_study
from gulag_escape.simulation.live import BalanceWatch, shift_lines
from gulag_escape.simulation.runner import GameSpec, play_game, simulate
from gulag_escape.simulation.situation import ScenarioReading
from gulag_escape.simulation.trace import trace_game

FIXTURE = DATA / "sim-fixture.yaml"


# --- live balance ---------------------------------------------------------------------------


def saved(path: Path, text: str, when: int) -> None:
    """Write ``text`` as an editor saves it, stamped ``when`` seconds after the epoch: the
    watch sees a change without waiting for the clock to tick."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(when * 10**9, when * 10**9))


def a_watch(path: Path) -> tuple[BalanceWatch, io.StringIO]:
    options = SimulateOptions(str(path), runs=40, policies="bold,cautious", workers=1)
    out = io.StringIO()

    def load(where: Path):  # type: ignore[no-untyped-def]
        return load_scenario(where, cache=False)

    return BalanceWatch(path, load, lambda loaded: play_study(
        options, [loaded], ["bold", "cautious"], details=False), out), out


def test_every_save_plays_again_and_shows_the_shift(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    saved(path, text, 1)
    watch, out = a_watch(path)
    assert watch.check() is True  # the first look plays the version there is
    first = out.getvalue()
    assert "Version 1 of" in first and "→" not in first
    assert watch.check() is False  # nothing changed: nothing played
    assert out.getvalue() == first

    # The bold bot climbs the fence: a fence four times as deadly kills more of them.
    assert "odds: 0.8" in text
    saved(path, text.replace("odds: 0.8", "odds: 0.2", 1), 2)
    assert watch.check() is True
    second = out.getvalue()[len(first):]
    assert "Version 2 of" in second
    bold = second[second.index("bold:"):second.index("cautious:")]
    killed = re.search(r"killed ([\d.]+) % → ([\d.]+) % \(([+-][\d.]+|±0\.0)\)", bold)
    assert killed is not None, bold
    before, after, shift = (float(killed[1]), float(killed[2]),
                            float(killed[3].replace("±", "")))
    assert after > before and shift == pytest.approx(after - before, abs=0.05)
    # The shares are those of a simulation of the new version with the same seeds.
    report = simulate(load_scenario(path, cache=False), 40, 1, "bold", workers=1)
    assert after == pytest.approx(100 * report.kinds.get("killed", 0) / 40, abs=0.05)


def test_a_save_that_does_not_load_is_shown_and_the_watch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    saved(path, text, 1)
    watch, out = a_watch(path)
    watch.check()
    saved(path, text + "broken: [\n", 2)
    assert watch.check() is True  # no exception: the error is shown
    shown = out.getvalue().splitlines()
    error = next(line for line in shown if line.startswith("Scenario error:"))
    assert f"{path}:" in error and "never closed" in error
    assert "Still watching" in shown[-1]
    # Fixed, the same version as before loading again is news: compared with the last one
    # that loaded, every share is unchanged.
    saved(path, text, 3)
    assert watch.check() is True
    after = out.getvalue().split("Still watching")[-1]
    assert "Version 2 of" in after
    assert all("(±0.0)" in line for line in after.splitlines() if "→" in line)


def test_shift_lines_name_each_outcome_before_and_after() -> None:
    lines = shift_lines({"cautious": {"freedom": 15.4, "escaped": 80.0}},
                        {"cautious": {"freedom": 12.1, "captured": 3.0, "escaped": 80.0}})
    assert lines == ["cautious:", "  freedom 12.1 % → 15.4 % (+3.3)",
                     "  captured 3.0 % → 0.0 % (-3.0)", "  escaped 80.0 % → 80.0 % (±0.0)"]


def test_watch_refuses_options_it_cannot_follow() -> None:
    result = CliRunner().invoke(main, ["simulate", str(FIXTURE), "--watch", "--json"])
    assert result.exit_code == 2
    assert "--watch compares each saved version" in result.output


# --- one game in full -----------------------------------------------------------------------


def test_trace_prints_the_game_the_simulator_plays() -> None:
    scenario = load_scenario(FIXTURE, cache=False)
    out = io.StringIO()
    spec = GameSpec(11, "cautious", None, "standard", 2000)
    record = trace_game(scenario, spec, out)
    # The same game as the simulator's with that seed.
    assert record == play_game(scenario, ScenarioReading(scenario), replace_profile(spec),
                               11)
    text = out.getvalue()
    taken = re.findall(r"The bot takes \d+ \(([^)]+)\)\.", text)
    assert len(taken) == record.turns
    assert sum(times for _, times in record.choices) == len(taken)
    assert "-- Day 0, " in text  # a line for each new day...
    days = [int(day) for day in re.findall(r"-- Day (\d+),", text)]
    assert days == sorted(set(days)) and days[-1] == record.days
    assert re.search(r"^\[.* · Health \d+ ", text, re.MULTILINE)  # ...the status of each scene
    joined = re.sub(r"\n +", " ", text)  # long lines are wrapped under their start
    checks = re.findall(r"Check: [^\n]*?: odds [^\n]*?\((\d+)\s%\), (succeeded|failed)\.",
                        joined)
    assert checks, "every draw of the game is shown with its odds"
    assert "Values: " in joined
    assert text.rstrip().endswith(f"{record.turns} choices.")


def replace_profile(spec: GameSpec) -> GameSpec:
    from dataclasses import replace

    return replace(spec, profile="prisoner")


def test_trace_through_the_command_line() -> None:
    result = CliRunner().invoke(main, ["simulate", str(FIXTURE), "--trace", "3",
                                       "--policy", "bold"])
    assert result.exit_code == 0, result.output
    assert "The bot takes" in result.stdout
    assert "Seed 3, bold policy, profile prisoner:" in result.stdout
    refused = CliRunner().invoke(main, ["simulate", str(FIXTURE), "--trace", "3",
                                        "--policies", "bold,random"])
    assert refused.exit_code == 2
