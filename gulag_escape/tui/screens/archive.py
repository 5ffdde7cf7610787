"""The archive: historical notes opened by playing, the glossary, and escape stories.

Each section is a list beside a reading pane; the list is grouped by scenario.
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.archive_items import ArchiveItem, ArchiveSections, archive_sections
from gulag_escape.tui.render import Unbroken, evidence_badge, story
from gulag_escape.tui.widgets.note_card import NoteCard

SECTIONS = (
    ("notes", "Historical notes",
     "Nothing here yet. Notes open as you play; all of a scenario's notes open after any "
     "ending."),
    ("glossary", "Glossary", "No scenario has a glossary."),
    ("stories", "Escape stories", "No archive of escape stories is installed."),
)


class ArchiveScreen(Screen[None]):
    CSS_PATH = "archive.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("1", "section('notes')", "Notes"),
        Binding("2", "section('glossary')", "Glossary"),
        Binding("3", "section('stories')", "Stories"),
        Binding("tab", "app.focus_next", "Reading pane", show=False),
    ]

    app = getters.app(GulagEscapeApp)
    tabs = getters.query_one(TabbedContent)

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, tuple[ArchiveItem, ...]] = {}

    def compose(self) -> ComposeResult:
        yield Static("The archive", classes="screen-title")
        with TabbedContent(id="sections"):
            for key, label, _ in SECTIONS:
                with TabPane(label, id=key), Horizontal():
                    yield OptionList(id=f"{key}-list", classes="archive-list")
                    with VerticalScroll(id=f"{key}-reader", classes="archive-reader prose"):
                        yield Static("", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    @work(group="archive")
    async def _fill(self) -> None:
        await self.app.ready.wait()
        assert self.app.catalogue is not None
        sections = archive_sections(self.app.catalogue, self.app.archive)
        empties = {key: empty for key, _, empty in SECTIONS}
        problem = self.app.catalogue.stories_error
        if problem is not None:
            empties["stories"] = f"The archive of escape stories cannot be read:\n{problem.message}"
        for key, empty in empties.items():
            await self._fill_section(key, sections, empty)
        self.query_one("#notes-list", OptionList).focus()

    async def _fill_section(self, key: str, sections: ArchiveSections, empty: str) -> None:
        items: tuple[ArchiveItem, ...] = getattr(sections, key)
        self.items[key] = items
        options: list[Option] = []
        group = None
        for index, item in enumerate(items):
            if item.group != group:
                group = item.group
                options.append(Option(Content.styled(group, "bold $accent"), disabled=True))
            # A long title wraps under itself, not under its badge.
            badge = evidence_badge(item.note.evidence) if item.note else Content("")
            prompt = Unbroken(Content.assemble(badge, " ", item.title), hang=len(badge) + 1) \
                if item.note else Unbroken(Content(item.title))
            options.append(Option(prompt, id=str(index)))
        listing = self.query_one(f"#{key}-list", OptionList)
        listing.set_options(options)
        if key == "notes" and sections.locked:
            listing.add_option(Option(Content.styled(
                f"{sections.locked} more to find by playing", "italic $foreground-muted"),
                disabled=True))
        if items:
            listing.highlighted = next(i for i, o in enumerate(options) if not o.disabled)
        else:
            await self._read(key, None, empty)

    async def on_option_list_option_highlighted(
        self, event: OptionList.OptionHighlighted
    ) -> None:
        key = (event.option_list.id or "").removesuffix("-list")
        if key in self.items and event.option.id is not None:
            await self._read(key, self.items[key][int(event.option.id)], "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        key = (event.option_list.id or "").removesuffix("-list")
        self.query_one(f"#{key}-reader", VerticalScroll).focus()

    async def _read(self, key: str, item: ArchiveItem | None, empty: str) -> None:
        reader = self.query_one(f"#{key}-reader", VerticalScroll)
        await reader.remove_children()
        terms = dict(item.terms) if item else {}
        if item is None:
            await reader.mount(Static(empty, classes="muted"))
        elif item.note is not None:
            await reader.mount(NoteCard(item.note, terms))
        else:
            await reader.mount_all([
                Static(Content(item.title), classes="term-title"),
                Static(story(item.definition, terms)),
                Static(Content.styled(item.group, "$foreground-muted"), classes="term-group"),
            ])
        reader.scroll_home(animate=False)

    def action_section(self, key: str) -> None:
        self.tabs.active = key
        self.query_one(f"#{key}-list", OptionList).focus()
