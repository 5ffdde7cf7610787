"""The page of prose: the scene's title, what happened, and a line about the last check."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class Narrative(VerticalScroll, can_focus=True):
    """Scrollable story text; links in it are clickable (they call ``app.open_link``)."""

    heading = getters.query_one("#scene-title", Static)
    body = getters.query_one("#scene-text", Static)
    footnote = getters.query_one("#scene-check", Static)

    def compose(self) -> ComposeResult:
        yield Static(id="scene-title")
        yield Static(id="scene-text")
        yield Static(id="scene-check")

    def show(self, title: str, text: Text, check: Content | None = None) -> None:
        self.heading.update(Content(title))
        self.body.update(text)
        self.footnote.update(check or Content(""))
        self.footnote.display = check is not None
        self.scroll_home(animate=False)
