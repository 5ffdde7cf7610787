"""``gulag-escape`` in a real terminal (tmux, 80×24): a few turns with keys, read back.

Pilot drives the app inside the test process; this drives the installed command through a
pseudo-terminal, as a player would, and reads the screen with ``capture-pane``.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest
from tmux_terminal import Terminal
from tui_helpers import MINIMAL

pytestmark = pytest.mark.slow


def _command() -> str:
    installed = Path(sys.executable).with_name("gulag-escape")
    program = [str(installed)] if installed.exists() else [sys.executable, "-m", "gulag_escape"]
    env = [f"{name}={os.environ[name]}" for name in
           ("GULAG_ESCAPE_CONFIG", "GULAG_ESCAPE_SAVES", "GULAG_ESCAPE_CACHE")]
    words = ["env", *env, "TERM=xterm-256color", "TEXTUAL_ANIMATIONS=none", *program, "play",
             str(MINIMAL), "--seed", "1"]
    # Keep the window after the game exits, so a crash's output can be read.
    return shlex.join(words) + "; echo EXITED $?; sleep 30"


def test_a_few_turns_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start(_command())
    terminal.wait_for("Who are you?")
    terminal.keys("C-n")
    terminal.wait_for("Content note")
    terminal.keys("b")
    shown = terminal.wait_for("You are in the camp.")
    assert "Bide your time (7 days)" in shown
    terminal.keys("1")
    terminal.wait_for("The fence is low tonight.")
    terminal.keys("1", "1")
    shown = terminal.wait_for("km remain")
    assert "Health" in shown and "Pursuit" in shown
    assert "▲" in shown
    assert "1-9 Choose" in shown
    for line in shown.splitlines():
        assert len(line) <= 80
    terminal.keys("Escape")
    assert "saved automatically on day 8" in terminal.wait_for("Leave this game")
    terminal.keys("y")
    terminal.wait_for("G U L A G")
    terminal.keys("q")
    terminal.wait_for("EXITED 0")
