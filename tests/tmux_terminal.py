"""A real terminal for end-to-end tests: a tmux server of our own, read with capture-pane."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


class Terminal:
    """One tmux window (its server's socket in the test's folder) running one command."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True,
                              text=True, check=True).stdout

    def start(self, command: str, width: int = 80, height: int = 24) -> None:
        self.tmux("new-session", "-d", "-s", "game", "-x", str(width), "-y", str(height),
                  command)

    def keys(self, *keys: str) -> None:
        """Press keys one by one, as a person would."""
        for key in keys:
            self.tmux("send-keys", "-t", "game", key)
            time.sleep(0.15)

    def type(self, line: str) -> None:
        """Type a line and press Enter."""
        self.tmux("send-keys", "-t", "game", line, "Enter")

    def screen(self, joined: bool = False) -> str:
        """What the window shows; ``joined`` undoes the terminal's wrapping of long lines."""
        return self.tmux("capture-pane", "-p", *(["-J"] if joined else []), "-t", "game")

    def wait_for(self, text: str, timeout: float = 15.0, joined: bool = False) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen(joined)
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path / "tmux.socket")
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True,
                       check=False)
