"""A teacher's question as a dialog: the question, a box to write in, and Done."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from gulag_escape.markup import to_plain


class QuestionDialog(ModalScreen[str | None]):
    """Returns the answer as typed (it may be empty) on Ctrl+S or Done; Escape goes back
    without answering (None), so a half-written answer is never handed in by mistake."""

    CSS_PATH: ClassVar = ["../dialogs/dialogs.tcss", "assignment.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "done", "Done", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    def __init__(self, ask: str, number: int, total: int) -> None:
        super().__init__(classes="dialog")
        self.ask = ask
        self.number = number
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box -wide"):
            yield Static(f"Question from your teacher ({self.number} of {self.total})",
                         classes="dialog-title", markup=False)
            yield Static(to_plain(self.ask), classes="dialog-text", markup=False)
            yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
            yield Static("Your answer goes into your run report. Ctrl+S when you are done; "
                         "Escape goes back without answering.",
                         classes="question-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_done()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(self.query_one("#answer", TextArea).text)
