"""The play screen: the page, the choices, the fugitive's state, the map and the journal.

This screen is the controller of one game: it calls the engine, hands the resulting view
to its widgets (attributes down), hears the player's choice from them (messages up), and
tells the app what happened (:mod:`gulag_escape.tui.messages`): a turn taken (the app
autosaves and records the notes the game opens), the ending asked for, a save, a link.
"""

from __future__ import annotations

from time import perf_counter
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from gulag_escape.engine.game import Game
from gulag_escape.engine.view import CheckView, ChoiceView, View
from gulag_escape.errors import GulagEscapeError
from gulag_escape.markup import Link, links
from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.catalogue import ScenarioEntry
from gulag_escape.tui.dialogs.error import ErrorDialog
from gulag_escape.tui.map_data import route_map_data
from gulag_escape.tui.messages import GameOver, LeaveGame, LinkOpened, SaveWanted, TurnTaken
from gulag_escape.tui.render import plain, story
from gulag_escape.tui.widgets.choice_list import ChoiceList
from gulag_escape.tui.widgets.journal import Journal
from gulag_escape.tui.widgets.narrative import Narrative
from gulag_escape.tui.widgets.route_map import LEGEND, RouteMap
from gulag_escape.tui.widgets.status_panel import StatusPanel

SEE_ENDING = ChoiceView("see-ending", "See how it ended")
"""The one choice left when the game is over: the last page stays readable until then."""


class PlayScreen(Screen[None]):
    CSS_PATH = "play.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(2, 10)),
        Binding("question_mark", "why", "Why?"),
        Binding("m", "show('map')", "Map"),
        Binding("j", "show('journal')", "Journal"),
        Binding("g", "links", "Terms"),
        Binding("s", "save", "Save"),
        Binding("l", "app.load_game", "Load"),
        Binding("escape", "back", "Menu"),
    ]

    app = getters.app(GulagEscapeApp)
    bar = getters.query_one("#play-bar", Static)
    main = getters.query_one("#main", ContentSwitcher)
    narrative = getters.query_one(Narrative)
    choice_list = getters.query_one(ChoiceList)
    status_panel = getters.query_one(StatusPanel)
    journal = getters.query_one(Journal)
    big_map = getters.query_one("#big-map", RouteMap)
    mini_map = getters.query_one("#mini-map", RouteMap)

    def __init__(self, entry: ScenarioEntry, game: Game) -> None:
        super().__init__()
        self.entry = entry
        self.game = game
        self.view: View = game.view()
        self.autosaved_day: int | None = None
        """The day of the last autosave, set by the app."""
        self._journal_length = -1

    def compose(self) -> ComposeResult:
        yield Static(id="play-bar")
        with Horizontal(id="play-body"):
            with ContentSwitcher(initial="story", id="main"):
                with Vertical(id="story"):
                    yield Narrative(id="narrative")
                    yield ChoiceList(id="choices")
                with Vertical(id="map"):
                    yield Static("Route map", classes="section-title")
                    yield RouteMap(id="big-map")
                    yield Static(LEGEND, id="legend")
                yield Journal(id="journal")
            # Scrolls (Tab reaches it) where a short terminal cannot show the whole state.
            with VerticalScroll(id="sidebar"):
                yield StatusPanel(id="status")
                yield RouteMap(id="mini-map", all_names=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show_view(None)
        self.choice_list.focus()

    # --- drawing -----------------------------------------------------------------------------

    def show_view(self, before: View | None) -> None:
        """Hand the current view to every widget."""
        view = self.view
        terms = self.entry.terms
        status = view.status
        where = status.leg_name or status.place_name
        self.bar.update(Content.assemble(
            (self.entry.model.meta.title, "bold"),
            (f"   day {status.day} · {where} · seed {self.game.state.seed}", "$foreground-muted"),
        ))
        changed_check = view.last_check if before is None or (
            view.last_check != before.last_check) else None
        self.narrative.show(plain(view.title, terms), story(view.text, terms),
                            _check_line(changed_check) if changed_check else None)
        self.choice_list.show([SEE_ENDING] if self.game.ended else view.choices)
        self.status_panel.show(status, before.status if before else None)
        data = route_map_data(self.entry.model, self.game.state)
        self.big_map.data = data
        self.mini_map.data = data
        if self.main.current == "journal":
            self._show_journal()

    def _show_journal(self) -> None:
        """The journal is drawn when it is shown (and only when it has grown): a long one
        would cost every turn otherwise."""
        journal = self.view.journal
        if len(journal) != self._journal_length:
            self._journal_length = len(journal)
            self.journal.show(journal, self.entry.terms)

    # --- choosing ----------------------------------------------------------------------------

    async def action_choose(self, number: int) -> None:
        started = perf_counter()
        if self.main.current != "story":
            self.action_show("story")
        choices = [SEE_ENDING] if self.game.ended else self.view.choices
        if number > len(choices):
            return
        await self.pick(choices[number - 1], started)

    async def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        choices = [SEE_ENDING] if self.game.ended else self.view.choices
        choice = next((c for c in choices if c.id == event.choice_id), None)
        if choice is not None:
            await self.pick(choice, perf_counter())

    async def pick(self, choice: ChoiceView, started: float) -> None:
        """Take a choice, or say why it cannot be taken."""
        if not choice.enabled:
            self.notify(plain(choice.reason or "Not possible now.", self.entry.terms),
                        title=plain(choice.label), severity="warning")
            return
        await self.take(choice.id, started)

    async def take(self, choice_id: str, started: float) -> None:
        if choice_id == SEE_ENDING.id and self.game.ended:
            self.post_message(GameOver(self.entry, self.game))
            return
        before = self.view
        try:
            turn = self.game.choose(choice_id)
        except GulagEscapeError as error:
            self.app.push_screen(ErrorDialog(error))
            return
        self.view = turn.view
        self.show_view(before)
        day_passed = turn.view.status.day != before.status.day
        self.call_after_refresh(self._turn_painted, started, day_passed)

    def _turn_painted(self, started: float, day_passed: bool) -> None:
        # To the app itself, not bubbling up from this screen: a screen already closing
        # (a key pressed in the same refresh) drops what it posts, and with it the autosave.
        self.app.post_message(TurnTaken(self, self.game, day_passed,
                                        (perf_counter() - started) * 1000))

    # --- the other keys ----------------------------------------------------------------------

    def action_show(self, pane: str) -> None:
        """Switch between the story, the map and the journal; the same key goes back."""
        target = "story" if self.main.current == pane else pane
        if target == "journal":
            self._show_journal()
        self.main.current = target
        focus = {"story": self.choice_list, "journal": self.journal}.get(target)
        if focus is not None:
            focus.focus()

    def action_why(self) -> None:
        from gulag_escape.tui.dialogs.why import WhyDialog

        option = self.choice_list.highlighted_option
        choice = next((c for c in self.view.choices if option and c.id == option.id), None)
        self.app.push_screen(WhyDialog(self.view.last_check, choice))

    def action_links(self) -> None:
        from gulag_escape.tui.dialogs.entry import LinksDialog

        found = links(self.view.text, self.entry.terms)
        if not found:
            self.notify("No terms or notes are linked on this page. The archive (from the "
                        "title screen) holds the whole glossary.")
            return

        def chosen(link: Link | None) -> None:
            if link is not None:
                self.post_message(LinkOpened(link.kind, link.target))

        self.app.push_screen(LinksDialog(found), chosen)

    def action_save(self) -> None:
        if self.game.ended:
            self.notify("The game is over; it was saved automatically.")
            return
        self.post_message(SaveWanted(self.game))

    def action_back(self) -> None:
        if self.main.current != "story":
            self.action_show("story")
            return
        from gulag_escape.tui.dialogs.confirm import ConfirmDialog

        detail = (f"It was saved automatically on day {self.autosaved_day}."
                  if self.autosaved_day is not None else
                  "It has not been saved yet: press s to save it first.")

        def answered(leave: bool | None) -> None:
            if leave:
                self.post_message(LeaveGame())

        self.app.push_screen(ConfirmDialog("Leave this game for the title screen?", detail,
                                           yes="Leave", no="Stay"), answered)


def _check_line(check: CheckView) -> Content:
    outcome = ("it went your way", "$success") if check.success else (
        "it went against you", "$error")
    return Content.assemble(
        ("→ ", "$accent"), plain(check.label), " — ",
        check.odds_text, " — ", outcome,
        ("   (? why)", "$foreground-muted"),
    )
