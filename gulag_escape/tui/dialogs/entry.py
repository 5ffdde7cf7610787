"""One glossary term or historical note, opened from a link in the story."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from gulag_escape.engine.view import NoteView
from gulag_escape.markup import Link
from gulag_escape.tui.dialogs.base import ClosableDialog
from gulag_escape.tui.render import story
from gulag_escape.tui.widgets.note_card import NoteCard


class TermDialog(ClosableDialog):
    """A glossary entry: the term and its definition."""

    def __init__(self, term: str, definition: str, terms: Mapping[str, str]) -> None:
        super().__init__()
        self.term = term
        self.definition = definition
        self.terms = terms

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.term, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(story(self.definition, self.terms), classes="dialog-text")
            yield Button("Close", id="close", variant="primary")


class NoteDialog(ClosableDialog):
    """A historical note with its evidence badge and sources."""

    def __init__(self, note: NoteView, terms: Mapping[str, str]) -> None:
        super().__init__()
        self.note = note
        self.terms = terms

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            with VerticalScroll(classes="dialog-scroll"):
                yield NoteCard(self.note, self.terms)
            yield Button("Close", id="close", variant="primary")


class LinksDialog(ModalScreen[Link | None]):
    """The glossary terms and notes linked from the page, for players without a mouse."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, links: list[Link]) -> None:
        super().__init__(classes="dialog")
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("Terms and notes on this page", classes="dialog-title")
            yield OptionList(*(
                Option(Content.assemble(link.words, ("  · note" if link.kind == "note"
                                                     else "  · term", "$foreground-muted")),
                       id=str(index))
                for index, link in enumerate(self.links)
            ))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index])
