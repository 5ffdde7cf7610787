"""A historical note: title, evidence badge, body and sources."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from gulag_escape.engine.view import NoteView
from gulag_escape.tui.render import evidence_badge, story
from gulag_escape.words import EVIDENCE_MEANING


class NoteCard(Vertical):
    """Built once from a note; the badge says how sure the history is, in words and colour."""

    def __init__(self, note: NoteView, terms: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.note = note
        self.terms = terms

    def compose(self) -> ComposeResult:
        note = self.note
        meaning = EVIDENCE_MEANING.get(note.evidence, "")
        yield Static(Content.assemble(evidence_badge(note.evidence), "  ",
                                      (meaning, "$foreground-muted")), classes="note-badge")
        yield Static(Content(note.title), classes="note-title")
        yield Static(story(note.body, self.terms), classes="note-body")
        sources = Text()
        for index, source in enumerate(note.sources):
            if index:
                sources.append("\n")
            sources.append("— ")
            sources.append_text(story(source, self.terms))
        yield Static(sources, classes="note-sources")
