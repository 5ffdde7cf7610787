"""Live reload under ``play --watch``: edits between inputs, and in a real terminal (tmux)."""

from __future__ import annotations

import io
import os
import queue
import shlex
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA
from tmux_terminal import Terminal

from gulag_escape.errors import UsageError
from gulag_escape.plain.watch import GAME_OVER, WatchSession
from gulag_escape.session import PlayOptions

FENCE = "The fence is low where the snow has melted."
WAIT_CHOICE = """      - id: wait
        label: Wait for a better night
        text: You wait.
"""

Edit = Callable[[], str | None]


class Script:
    """Typed lines, with edits of the scenario in between: an edit happens while the game
    waits for input (the queue is empty for a moment), as when an author saves the file;
    an edit that returns a line was typed at once, with no pause for the timer."""

    def __init__(self, *steps: str | Edit) -> None:
        self.steps = list(steps)

    def get(self, block: bool = True, timeout: float | None = None) -> str | None:
        if not self.steps:
            return None
        step = self.steps.pop(0)
        if callable(step):
            typed = step()
            if typed is None:
                raise queue.Empty
            return typed
        return step


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    copy = tmp_path / "story.yaml"
    shutil.copy(DATA / "engine.yaml", copy)
    return copy


def replacing(path: Path, old: str, new: str, then_type: str | None = None) -> Edit:
    def edit() -> str | None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
        return then_type

    return edit


def play(scenario: Path, *steps: str | Edit) -> str:
    out = io.StringIO()
    options = PlayOptions(scenario=str(scenario), seed=1, profile="criminal")
    assert WatchSession(options, Script(*steps), out).run() == 0
    return out.getvalue()


def after(text: str, marker: str) -> str:
    assert marker in text, text
    return text.split(marker, 1)[1]


def test_a_text_change_reloads_at_the_same_point(scenario: Path) -> None:
    # Tell him the plan, bide a week: the fence; then the author rewrites the fence.
    out = play(scenario, "1", "1", replacing(scenario, FENCE, "The wire sags by the latrine."),
               "2", "quit")
    reloaded = after(out, f"Reloaded {scenario} (version 1.0): back at choice 2 of 2, day 7.\n")
    assert reloaded.index("The wire sags by the latrine.") < reloaded.index("> 2")
    assert "[8 Jun 1938 " in reloaded.split("> 2")[0], "the day has not moved"
    assert FENCE not in reloaded
    assert "You wait." in reloaded, "the game goes on after the reload"


def test_a_change_is_seen_between_inputs_that_come_without_a_pause(scenario: Path) -> None:
    out = play(scenario, "1", replacing(scenario, FENCE, "The wire sags.", then_type="1"),
               "quit")
    # The "1" typed with the edit is played on the old version; the new one follows at once.
    assert out.index(FENCE) < out.index("Reloaded") < out.index("The wire sags.")
    assert "back at choice 2 of 2, day 7." in out


def test_a_removed_choice_is_named_and_the_game_stops_before_it(scenario: Path) -> None:
    out = play(scenario, "1", "1", "2", replacing(scenario, WAIT_CHOICE, ""), "quit")
    reloaded = after(out, f"Reloaded {scenario} (version 1.0): choice 3 of 3 ('wait') is no "
                          "longer possible: there is no choice 'wait' here; stopped after "
                          "choice 2, on day 7.\n")
    shown = reloaded.split("> quit")[0]
    assert FENCE in shown
    assert "1. Climb it tonight" in shown and "2." not in shown


def test_a_broken_file_shows_its_problems_and_the_game_goes_on(scenario: Path) -> None:
    out = play(scenario, "1",
               replacing(scenario, "title: The fence\n", "title: [The fence\n"),
               "1", replacing(scenario, "title: [The fence\n", "title: The mended fence\n"),
               "quit")
    failed = after(out, "Reload failed (1 problem); still playing the version loaded before:\n")
    assert failed.startswith(f"  {scenario}:")  # file:line:column of the YAML error
    assert "== The fence ==" in failed.split("Reloaded")[0], "the old version was played on"
    fixed = after(failed, f"Reloaded {scenario} (version 1.0): back at choice 2 of 2, day 7.")
    assert "== The mended fence ==" in fixed


def test_a_check_error_is_shown_with_its_line(scenario: Path) -> None:
    out = play(scenario, "1", replacing(scenario, "when: \"day >= 7\"", "when: \"dya >= 7\""),
               "quit")
    failed = after(out, "Reload failed (1 problem)")
    line = next(n for n, text in enumerate(scenario.read_text().splitlines(), 1) if "dya" in text)
    assert f"  {scenario}:{line}:" in failed
    assert "'dya'" in failed


def test_a_removed_profile_keeps_the_old_version(scenario: Path) -> None:
    out = play(scenario, "1", replacing(scenario, "{id: criminal,", "{id: thief,"), "1", "quit")
    failed = after(out, "Reload failed (1 problem); still playing the version loaded before:\n")
    assert failed.startswith("  the scenario 'engine-fixture' has no profile 'criminal'")
    assert FENCE in failed, "the old version was played on"


def test_saving_without_a_change_prints_nothing(scenario: Path) -> None:
    def touch() -> None:
        os.utime(scenario, ns=(time.time_ns(), time.time_ns() + 10_000_000))

    out = play(scenario, "1", touch, "quit")
    assert "Reload" not in out


def test_after_an_ending_an_edit_shows_the_new_ending(scenario: Path) -> None:
    out = play(scenario, *["1"] * 6,
               replacing(scenario, "epilogue: They found you.", "epilogue: Dogs found you."),
               "1", "quit")
    assert "THE END: Caught (captured)" in out
    assert out.count(GAME_OVER) == 3  # the ending, the reload, the "1" typed after it
    reloaded = after(out, "Reloaded")
    assert "Dogs found you." in reloaded
    assert "They found you." not in reloaded


def test_watch_needs_a_scenario() -> None:
    with pytest.raises(UsageError, match="--watch needs a scenario"):
        WatchSession(PlayOptions(), Script(), io.StringIO())


# --- a real terminal ------------------------------------------------------------------------


@pytest.mark.slow
def test_editing_under_watch_in_a_real_terminal_keeps_the_game(terminal: Terminal,
                                                               scenario: Path) -> None:
    env = [f"{name}={os.environ[name]}" for name in
           ("GULAG_ESCAPE_CONFIG", "GULAG_ESCAPE_SAVES", "GULAG_ESCAPE_CACHE")]
    command = ["env", *env, "TERM=xterm-256color", sys.executable, "-m", "gulag_escape",
               "play", str(scenario), "--watch", "--seed", "1", "--profile", "criminal"]
    # Keep the window after the game exits, so a crash's output can be read.
    terminal.start(shlex.join(command) + "; echo EXITED $?; sleep 30", width=100, height=50)
    terminal.wait_for("1. Tell him your plan", joined=True)
    terminal.type("1")
    terminal.wait_for("1. Bide your time (7 days)", joined=True)
    terminal.type("1")
    before = terminal.wait_for(FENCE, joined=True)
    assert "[8 Jun 1938 " in before
    replacing(scenario, FENCE, "The wire sags by the latrine.")()
    shown = terminal.wait_for("The wire sags by the latrine.", joined=True)
    reloaded = after(shown, "Reloaded ")
    assert "back at choice 2 of 2, day 7." in reloaded
    assert "[8 Jun 1938 " in reloaded, "the day is the same after the reload"
    terminal.type("2")
    terminal.wait_for("You wait.", joined=True)
    terminal.type("quit")
    terminal.wait_for("EXITED 0", joined=True)
