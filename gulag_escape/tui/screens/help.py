"""Help: how to play, the keys, and what the evidence badges mean (text in help.md)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

HELP_TEXT = Path(__file__).with_name("help.md")


class HelpScreen(Screen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,h", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="prose"):
            yield Markdown(HELP_TEXT.read_text(encoding="utf-8"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()
