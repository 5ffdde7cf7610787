"""The briefing: what the story is, how sure its history is, and what it contains.

The Begin button has the focus, so the arrow and page keys scroll the text from here: on a
small terminal the content notes are below the fold and must be reachable by keyboard.
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

from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.catalogue import ScenarioEntry
from gulag_escape.tui.messages import StartGame
from gulag_escape.tui.render import evidence_badge, plain, story
from gulag_escape.words import EVIDENCE_MEANING


class BriefingScreen(Screen[None]):
    CSS_PATH = "briefing.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("b", "begin", "Begin"),
        *(Binding(keys, f"scroll({how!r})", "Scroll", show=False) for keys, how in (
            ("down,j", "scroll_down"), ("up,k", "scroll_up"), ("pagedown", "page_down"),
            ("pageup", "page_up"), ("end", "scroll_end"), ("home", "scroll_home"))),
    ]

    app = getters.app(GulagEscapeApp)
    text = getters.query_one("#briefing", VerticalScroll)

    def __init__(self, entry: ScenarioEntry, *, seed: int, profile: str, content: str) -> None:
        super().__init__()
        self.entry = entry
        self.seed = seed
        self.profile = profile
        self.content = content

    def compose(self) -> ComposeResult:
        model = self.entry.model
        meta = model.meta
        profile = next(p for p in model.profiles if p.id == self.profile)
        terms = self.entry.terms
        yield Static(Content.assemble(("Briefing · ", "$foreground-muted"), meta.title),
                     classes="screen-title")
        with VerticalScroll(id="briefing", classes="prose"):
            yield Static(story(meta.summary, terms), classes="paragraph")
            yield Static(Content.assemble(
                ("The history behind it  ", "bold"), evidence_badge(meta.basis.evidence),
                "  ", (EVIDENCE_MEANING.get(meta.basis.evidence, ""), "$foreground-muted"),
            ))
            yield Static(story(meta.basis.summary, terms), classes="paragraph")
            yield Static(Content.assemble(("You are  ", "bold"), profile.label),)
            yield Static(story(profile.description, terms), classes="paragraph")
            notes = "\n".join(f"• {plain(line)}" for line in meta.content_notes.values())
            yield Static(Content.assemble(("Content note", "bold $warning"), "\n", notes),
                         classes="content-note")
            yield Static(Content.styled(
                f"Seed {self.seed} · content level {self.content} · {meta.length}",
                "$foreground-muted"))
        with Horizontal(classes="briefing-buttons"):
            yield Button("Begin", id="begin", variant="primary")
            yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#begin", Button).focus()

    def action_scroll(self, how: str) -> None:
        """Scroll the briefing whichever part of the screen has the focus."""
        getattr(self.text, f"action_{how}")()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "begin":
            await self.action_begin()
        else:
            self.app.pop_screen()

    async def action_begin(self) -> None:
        self.post_message(StartGame(self.entry, self.seed, self.profile, self.content))
