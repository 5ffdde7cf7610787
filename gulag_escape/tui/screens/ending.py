"""The ending: the epilogue, the run's own story, and the history behind it.

The run's story is days, kilometres, the route drawn on the map, the turning points (every
check and how it fell) and what wore the fugitive down; then each historical note with its
evidence badge and sources.
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from gulag_escape.engine.game import Game
from gulag_escape.engine.view import EndingView, run_summary
from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.catalogue import ScenarioEntry
from gulag_escape.tui.map_data import route_map_data
from gulag_escape.tui.render import gauge, plain, pretty_id, story
from gulag_escape.tui.widgets.note_card import NoteCard
from gulag_escape.tui.widgets.route_map import RouteMap
from gulag_escape.words import CAUSES, ENDING_KINDS

GOOD_ENDINGS = {"freedom", "hiding"}


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
            yield Static(story(ending.epilogue, terms), classes="epilogue")
            yield Static("Your escape", classes="section-title")
            yield Static(_summary(ending), classes="summary")
            yield RouteMap(id="ending-map")
            yield Static(_turning_points(ending, _choice_labels(self.entry)),
                         classes="turning-points")
            yield Static(_harm(ending), classes="harm")
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
        self.app.remember(self.game)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "archive":
                self.app.action_archive()
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
        await self.app.begin(self.entry, seed, state.profile, state.content)

    async def action_title(self) -> None:
        await self.app.back_to_title()


def _summary(ending: EndingView) -> Content:
    route = " → ".join(ending.route)
    return Content.assemble(
        (run_summary(ending), "bold"), "\n",
        ("Route: ", "$foreground-muted"), route,
    )


def _choice_labels(entry: ScenarioEntry) -> dict[str, str]:
    """Storylet choice ids to their labels, for the ids that mean one choice only.

    Turning points name choices by id; where an id is shared by several storylets the
    label is ambiguous and the id is shown as words instead.
    """
    labels: dict[str, str] = {}
    shared: set[str] = set()
    for storylet in entry.model.storylets:
        for choice in storylet.choices:
            if choice.id in labels:
                shared.add(choice.id)
            labels[choice.id] = plain(choice.label)
    return {key: label for key, label in labels.items() if key not in shared}


def _turning_points(ending: EndingView, labels: dict[str, str]) -> Content:
    if not ending.turning_points:
        return Content.styled("No chance was taken: every step was your own choice.",
                              "$foreground-muted")
    lines: list[Content] = [Content.styled("Turning points", "bold")]
    for day, choice, odds, success in ending.turning_points:
        outcome = ("went your way", "$success") if success else ("went against you", "$error")
        lines.append(Content.assemble(
            (f"Day {day:<4} ", "$foreground-muted"), labels.get(choice, pretty_id(choice)),
            (f"  {odds * 100:.0f} % — ", "$foreground-muted"), outcome,
        ))
    return Content("\n").join(lines)


def _harm(ending: EndingView) -> Content:
    cause = CAUSES.get(ending.cause or "", "")  # a storylet's own ending needs no cause
    header = Content.assemble(("What it came down to: ", "bold"), cause) if cause else Content(
        "")
    if not ending.harm:
        return header
    worst = max(ending.harm.values()) or 1
    lines = [header, Content.styled("Health lost to each hardship:", "$foreground-muted")]
    lines += [gauge(name.capitalize(), value, high=max(worst, 1), bad_when_high=True,
                    label_width=12, width=16)
              for name, value in sorted(ending.harm.items(), key=lambda kv: -kv[1])]
    return Content("\n").join(lines)
