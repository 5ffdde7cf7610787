"""A card for one scenario: what, when, where, how long, how sure the history is.

A broken scenario gets a card too, in the error style, so the player learns which file
failed and can open the details (the screen shows them in the error dialog).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from gulag_escape.tui.catalogue import ScenarioEntry
from gulag_escape.tui.render import evidence_badge, plain
from gulag_escape.words import EVIDENCE_MEANING


class ScenarioCard(Vertical, can_focus=True):
    """Focusable; Enter or a click picks it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "pick", "Choose", show=True)]

    @dataclass
    class Picked(Message):
        """The player chose this card's scenario."""

        entry: ScenarioEntry

    def __init__(self, entry: ScenarioEntry, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-broken" if entry.loaded is None else "")
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        if entry.loaded is None:
            yield Static(Content.assemble(("Cannot be loaded: ", "bold $error"),
                                          entry.path.name), classes="card-title")
            first = entry.error.message.splitlines()[0] if entry.error else ""
            yield Static(Content.styled(first, "$foreground-muted"), classes="card-summary")
            yield Static(Content.styled("Press Enter for what is wrong and how to fix it.",
                                        "italic"), classes="card-notes")
            return
        meta = entry.loaded.model.meta
        years = (f"{meta.years.start}" if meta.years.start == meta.years.end
                 else f"{meta.years.start}–{meta.years.end}")
        with Horizontal(classes="card-head"):
            yield Static(Content(meta.title), classes="card-title")
            yield Static(evidence_badge(meta.basis.evidence), classes="card-badge")
        yield Static(Content.assemble(
            years, " · ", meta.place, " · ", meta.length, "   ",
            (f"basis: {EVIDENCE_MEANING.get(meta.basis.evidence, '')}", "$foreground-muted"),
        ), classes="card-facts")
        yield Static(Content(plain(meta.summary)), classes="card-summary")
        # The card names the categories; the briefing before play gives each note in full.
        notes = ", ".join(category.replace("_", " ") for category in meta.content_notes)
        yield Static(Content.assemble(("Content notes: ", "bold"), notes), classes="card-notes")

    def action_pick(self) -> None:
        self.post_message(self.Picked(self.entry))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_pick()
