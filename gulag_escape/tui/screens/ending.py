"""The ending: the epilogue, the run's own story, and the history behind it.

The run's story is days, kilometres, the route drawn on the map, the turning points (every
check and how it fell) and what wore the fugitive down; then each historical note with its
evidence badge and sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from gulag_escape.engine.game import Game
from gulag_escape.engine.view import EndingView, run_summary
from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.catalogue import ScenarioEntry
from gulag_escape.tui.map_data import route_map_data
from gulag_escape.tui.messages import EndingShown, LeaveGame, StartGame
from gulag_escape.tui.render import NBSP, Unbroken, gauge, plain, story
from gulag_escape.tui.widgets.note_card import NoteCard
from gulag_escape.tui.widgets.route_map import RouteMap
from gulag_escape.words import CAUSES, ENDING_KINDS

GOOD_ENDINGS = {"freedom", "hiding"}
DAY_WIDTH = 9
"""``Day 12   `` before each turning point."""


class EndingScreen(Screen[None]):
    CSS_PATH = "ending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.archive", "Archive"),
        Binding("r", "again(True)", "Same seed"),
        Binding("n", "again(False)", "New seed"),
        Binding("t,escape", "title", "Title"),
        Binding("q", "app.quit", "Quit"),
    ]

    app = getters.app(GulagEscapeApp)

    def __init__(self, entry: ScenarioEntry, game: Game) -> None:
        super().__init__()
        self.entry = entry
        self.game = game
        self.view = game.view()

    def compose(self) -> ComposeResult:
        ending = self.view.ending
        assert ending is not None
        terms = self.entry.terms
        kind_style = "bold $success" if ending.kind in GOOD_ENDINGS else "bold $error"
        yield Static(Content.assemble(
            (ENDING_KINDS.get(ending.kind, ending.kind).upper(), kind_style), "  ",
            (plain(ending.title, terms), "bold"),
        ), id="ending-bar")
        with VerticalScroll(id="ending", classes="prose"):
            if self.view.text:
                yield Static(story(self.view.text, terms), classes="last-page")
            # The page always says what happened, even for an ending written without words.
            epilogue = story(ending.epilogue, terms) if ending.epilogue.strip() else Content(
                f"{ENDING_KINDS.get(ending.kind, ending.kind)}: {plain(ending.title, terms)}.")
            yield Static(epilogue, classes="epilogue")
            yield Static(Unbroken(_cause(ending)), classes="cause")
            yield Static("Your escape", classes="section-title")
            yield Static(_summary(ending), classes="summary")
            yield RouteMap(id="ending-map")
            with Vertical(classes="turning-points"):
                yield from (Static(line) for line in _turning_points(ending))
            yield Static(_harm(ending), classes="harm")
            if ending.party:
                yield Static(_party(ending, terms), classes="party")
            yield Static("The history", classes="section-title")
            if not ending.notes:
                yield Static("No notes were opened in this game.", classes="muted")
            for note in ending.notes:
                yield NoteCard(note, terms)
        with Horizontal(id="ending-buttons"):
            yield Button("Archive (a)", id="archive")
            yield Button("Same seed (r)", id="same")
            yield Button("New seed (n)", id="new")
            yield Button("Title (t)", id="title")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending-map", RouteMap).data = route_map_data(
            self.entry.model, self.game.state)
        self.query_one("#ending", VerticalScroll).focus()
        self.post_message(EndingShown(self.game))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "archive":
                await self.run_action("app.archive")
            case "same":
                await self.action_again(True)
            case "new":
                await self.action_again(False)
            case _:
                await self.action_title()

    async def action_again(self, same_seed: bool) -> None:
        """A new game of the same scenario, profile and content level."""
        from gulag_escape.session import new_seed

        state = self.game.state
        seed = state.seed if same_seed else new_seed()
        self.post_message(StartGame(self.entry, seed, state.profile, state.content))

    async def action_title(self) -> None:
        self.post_message(LeaveGame())


def _summary(ending: EndingView) -> Content:
    route = " → ".join(ending.route)
    return Content.assemble(
        (run_summary(ending), "bold"), "\n",
        ("Route: ", "$foreground-muted"), route,
    )


def _turning_points(ending: EndingView) -> list[Content | Unbroken]:
    """A heading and one line per chance taken; a wrapped line stays right of its day."""
    if not ending.turning_points:
        return [Content.styled("No chance was taken: every step was your own choice.",
                               "$foreground-muted")]
    lines: list[Content | Unbroken] = [Content.styled("Turning points", "bold")]
    for day, label, odds, success in ending.turning_points:
        outcome = ("went your way", "$success") if success else ("went against you", "$error")
        lines.append(Unbroken(Content.assemble(
            (f"Day{NBSP}{day:<{DAY_WIDTH - 5}} ", "$foreground-muted"), plain(label),
            (f" · {odds * 100:.0f} % — ", "$foreground-muted"), outcome,
        ), hang=DAY_WIDTH))
    return lines


def _cause(ending: EndingView) -> Content:
    """What ended the game: the engine's cause, else the last chance taken, else a choice."""
    head = ("What it came down to: ", "bold")
    cause = CAUSES.get(ending.cause or "")
    if cause:
        return Content.assemble(head, cause)
    if ending.turning_points:
        day, label, odds, success = ending.turning_points[-1]
        went = "went your way" if success else "went against you"
        return Content.assemble(head, plain(label),
                                f" (day{NBSP}{day}, {odds * 100:.0f} %, {went})")
    return Content.assemble(head, "your own choice; nothing was left to chance")


def _party(ending: EndingView, terms: Mapping[str, str]) -> Content:
    """What became of the people who went with you."""
    lines = [Content.styled("Your party", "bold")]
    lines += [Content.assemble((f"{name}: ", "bold"), plain(fate, terms))
              for name, fate in ending.party]
    return Content("\n").join(lines)


def _harm(ending: EndingView) -> Content:
    if not ending.harm:
        return Content("")
    worst = max(ending.harm.values()) or 1
    lines = [Content.styled("Health lost to each hardship:", "$foreground-muted")]
    lines += [gauge(name.capitalize(), value, high=max(worst, 1), bad_when_high=True,
                    label_width=12, width=16)
              for name, value in sorted(ending.harm.items(), key=lambda kv: -kv[1])]
    return Content("\n").join(lines)
