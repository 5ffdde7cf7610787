"""The shape every read-and-close dialog shares: a box, a Close button, Enter/Escape to close."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button


class ClosableDialog(ModalScreen[None]):
    """Subclasses compose a ``.dialog-box`` ending in a Button with id ``close``."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "Close")]

    def __init__(self, classes: str = "") -> None:
        super().__init__(classes=f"dialog {classes}".strip())

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
