"""Choose a scenario: one card per scenario, evidence badge at a glance."""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from gulag_escape.tui.app import SCENARIO_ADVICE, GulagEscapeApp
from gulag_escape.tui.widgets.scenario_card import ScenarioCard


class ScenarioChoiceScreen(Screen[None]):
    CSS_PATH = "scenario_choice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("down,j", "app.focus_next", "Next", show=False),
        Binding("up,k", "app.focus_previous", "Previous", show=False),
    ]

    app = getters.app(GulagEscapeApp)
    cards = getters.query_one("#cards", VerticalScroll)

    def compose(self) -> ComposeResult:
        yield Static("Choose a story", classes="screen-title")
        yield Static("Each scenario says how sure we are of its history: "
                     "documented, memoir, literary, disputed or legend.", classes="muted")
        yield VerticalScroll(Static("Reading the scenarios…", classes="muted"), id="cards")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    @work(group="cards")
    async def _fill(self) -> None:
        await self.app.ready.wait()
        catalogue = self.app.catalogue
        assert catalogue is not None
        await self.cards.remove_children()
        if not catalogue.entries:
            await self.cards.mount(Static("No scenarios are installed.", classes="muted"))
            return
        await self.cards.mount_all(ScenarioCard(entry) for entry in catalogue.entries)
        self.cards.query(ScenarioCard).first().focus()

    def on_scenario_card_picked(self, event: ScenarioCard.Picked) -> None:
        event.stop()
        entry = event.entry
        if entry.loaded is None and entry.error is not None:
            self.app.show_error(entry.error, SCENARIO_ADVICE)
            return
        self.app.open_setup(entry)
