"""Shows a scenario or save error: its title, the file, what is wrong and the fix.

The error's message already names the file and line (see :mod:`gulag_escape.errors`); this
dialog adds what the player can do next, and never a traceback.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from gulag_escape.errors import GulagEscapeError
from gulag_escape.tui.dialogs.base import ClosableDialog


class ErrorDialog(ClosableDialog):
    """Enter or Escape closes it."""

    def __init__(self, error: GulagEscapeError, advice: str = "") -> None:
        super().__init__("-error")
        self.error = error
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.error.title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(self.error.message, classes="dialog-text", markup=False)
            if self.advice:
                yield Static(self.advice, classes="dialog-advice", markup=False)
            yield Button("Close", id="close", variant="primary")
