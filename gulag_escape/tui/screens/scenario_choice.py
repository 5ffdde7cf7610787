"""Choose a scenario: one card per scenario, evidence badge at a glance.

The arrow keys read the cards like a page: a card taller than the window scrolls first,
then the next card takes the focus. (The list's own scrolling would otherwise take the
arrows, and a small terminal could never focus the second card.)
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.messages import SetupWanted
from gulag_escape.tui.widgets.scenario_card import ScenarioCard


class ScenarioChoiceScreen(Screen[None]):
    CSS_PATH = "scenario_choice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("down,j", "step(1)", "Next", show=False, priority=True),
        Binding("up,k", "step(-1)", "Previous", show=False, priority=True),
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

    def action_step(self, direction: int) -> None:
        """Scroll through a card that does not fit, else move to the next or previous card."""
        cards = list(self.cards.query(ScenarioCard))
        if not cards:
            self.cards.scroll_relative(y=direction, animate=False)
            return
        current = self.focused if isinstance(self.focused, ScenarioCard) else None
        if current is not None:
            shown = self.cards.content_region
            hidden_below = current.region.bottom > shown.bottom
            hidden_above = current.region.y < shown.y
            if (hidden_below and direction > 0) or (hidden_above and direction < 0):
                self.cards.scroll_relative(y=direction, animate=False)
                return
        index = cards.index(current) + direction if current is not None else 0
        if 0 <= index < len(cards):
            cards[index].focus(scroll_visible=False)
            self.cards.scroll_to_widget(cards[index], animate=False, top=direction > 0)

    def on_scenario_card_picked(self, event: ScenarioCard.Picked) -> None:
        event.stop()
        self.post_message(SetupWanted(event.entry))
