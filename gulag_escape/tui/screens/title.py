"""The title screen: the first thing painted, so it imports nothing heavy.

The menu is an OptionList (arrows and Enter) with a letter for each entry; Continue stays
disabled until the saves have been read and one exists.
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from gulag_escape.errors import SaveError
from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.messages import ContinueWanted, NewGameWanted
from gulag_escape.untrusted import clean

MENU = (
    ("new", "New game", "n"),
    ("continue", "Continue", "c"),
    ("load", "Load a saved game", "l"),
    ("archive", "The archive", "a"),
    ("settings", "Settings", "s"),
    ("help", "Help", "h"),
    ("quit", "Quit", "q"),
)
ACTIONS = {"new": "new_game", "continue": "continue_game", "load": "app.load_game",
           "archive": "app.archive", "settings": "app.settings", "help": "app.help",
           "quit": "app.quit"}


class TitleScreen(Screen[None]):
    CSS_PATH = "title.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, ACTIONS[item], label, show=item in {"new", "continue", "quit"})
          for item, label, key in MENU),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    app = getters.app(GulagEscapeApp)
    menu = getters.query_one("#menu", OptionList)
    status = getters.query_one("#title-status", Static)

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static("G U L A G   E S C A P E", id="title")
            yield Static("Escapes from the Soviet camps, and the history behind each one.",
                         id="subtitle")
            yield OptionList(*(
                Option(Content.assemble(f"{label:<22}", (key, "$accent")), id=item,
                       disabled=item == "continue")
                for item, label, key in MENU
            ), id="menu")
            yield Static("Reading the scenarios…", id="title-status")
        yield Footer()

    def on_mount(self) -> None:
        self._when_ready()

    @work(group="title")
    async def _when_ready(self) -> None:
        await self.app.ready.wait()
        self.refresh_status()

    def on_screen_resume(self) -> None:
        if self.app.ready.is_set():
            self.refresh_status()

    def refresh_status(self) -> None:
        """Enable Continue when there is a save; say what is on offer."""
        app = self.app
        latest = None
        if app.saves is not None:
            try:
                latest = app.saves.latest()
            except SaveError:  # a broken save shows its error when it is loaded, not here
                latest = None
        if latest is not None:
            self.menu.enable_option("continue")
        else:
            self.menu.disable_option("continue")
        count = len(app.catalogue.entries) if app.catalogue else 0
        parts = [f"{count} scenario{'s' if count != 1 else ''}"]
        if latest is not None:
            place = app.place_names().get((latest.scenario, latest.place), latest.place)
            parts.append(f"last save: {latest.slot}, day {latest.day} at {place}")
        self.status.update(Content(clean(" · ".join(parts))))  # a save's text is no markup

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            await self.run_action(ACTIONS[event.option.id])

    def action_new_game(self) -> None:
        self.post_message(NewGameWanted())

    def action_continue_game(self) -> None:
        self.post_message(ContinueWanted())
