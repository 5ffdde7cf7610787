"""The journal of past days: one dated line for each day worth remembering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from gulag_escape.textkit import long_date
from gulag_escape.tui.render import story


class Journal(VerticalScroll, can_focus=True):
    """Newest entries last, like a diary; scrolled to the end when shown."""

    entries = getters.query_one("#journal-entries", Static)

    def compose(self) -> ComposeResult:
        yield Static("Journal", classes="section-title")
        yield Static(id="journal-entries")

    def show(self, entries: Sequence[tuple[dt.date, str]], terms: Mapping[str, str]) -> None:
        if not entries:
            self.entries.update("Nothing written yet.")
            return
        text = Text()
        last_date: dt.date | None = None
        for date, line in entries:
            if date != last_date:
                if last_date is not None:
                    text.append("\n")
                text.append(f"{long_date(date)}\n", style="bold")
                last_date = date
            text.append("  ")
            text.append_text(story(line, terms))
            text.append("\n")
        self.entries.update(text)
        self.scroll_end(animate=False)
