"""Shown instead of a broken layout when the terminal is smaller than the game can use.

The app pushes it when the terminal shrinks below :data:`MIN_SIZE` and pops it when the
terminal grows again; what was underneath comes back unchanged. If another screen was
pushed on top meanwhile, this one closes itself as soon as it is uncovered at a good size.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_SIZE = (72, 20)
"""Columns and rows: below this the play screen's story column and choices no longer fit
beside the state panel, and the footer's keys are cut (measured in a real terminal)."""


def fits(width: int, height: int) -> bool:
    return width >= MIN_SIZE[0] and height >= MIN_SIZE[1]


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen {
        background: $background;
        align: center middle;
        #too-small { width: auto; max-width: 100%; text-align: center; }
    }
    """

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(self.message(), id="too-small")

    def message(self) -> str:
        width, height = self.app.size
        return (f"The window is too small: {width} × {height}.\n"
                f"Gulag Escape needs at least {MIN_SIZE[0]} × {MIN_SIZE[1]}.\n"
                "Make the window larger, or press Ctrl+Q to quit.")

    def on_resize(self) -> None:
        self.query_one("#too-small", Static).update(self.message())

    def on_screen_resume(self) -> None:
        if fits(*self.app.size):
            self.app.call_later(self.dismiss)
