"""Who you are and how to play: profile, content level and seed, before the briefing."""

from __future__ import annotations

from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.catalogue import ScenarioEntry
from gulag_escape.tui.render import plain
from gulag_escape.tui.widgets.marked_radio import MarkedRadioButton

CONTENT_LEVELS = (
    ("mild", "Mild: death and violence are named, never described"),
    ("standard", "Standard: stated plainly, as the sources state them"),
)


class SetupScreen(Screen[None]):
    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+n,f2", "next", "Briefing"),
    ]

    app = getters.app(GulagEscapeApp)
    profiles = getters.query_one("#profiles", OptionList)
    content_levels = getters.query_one("#content", RadioSet)
    seed_field = getters.query_one("#seed", Input)

    def __init__(self, entry: ScenarioEntry, *, seed: int | None = None,
                 profile: str | None = None, content: str = "standard") -> None:
        super().__init__()
        self.entry = entry
        self.model = entry.model
        self.seed = seed
        self.profile = profile
        self.content = content

    def compose(self) -> ComposeResult:
        meta = self.model.meta
        yield Static(Content.assemble(("New game · ", "$foreground-muted"), meta.title),
                     classes="screen-title")
        with VerticalScroll(id="setup-form"):
            yield Static("Who are you?", classes="field-label")
            yield OptionList(*(
                Option(Content.assemble((profile.label, "bold"), "\n",
                                        (plain(profile.description), "$foreground-muted")),
                       id=profile.id)
                for profile in self.model.profiles
            ), id="profiles")
            yield Static("Content level", classes="field-label")
            with RadioSet(id="content"):
                for level, label in CONTENT_LEVELS:
                    yield MarkedRadioButton(label, value=level == self.content, name=level)
            yield Static("Seed", classes="field-label")
            yield Static("Leave empty for a new world; a class types in the same number to "
                         "share one.", classes="muted")
            yield Input(value="" if self.seed is None else str(self.seed), placeholder="random",
                        type="integer", id="seed", max_length=9)
            with Horizontal(classes="setup-buttons"):
                yield Button("Read the briefing", id="next", variant="primary")
                yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        ids = [p.id for p in self.model.profiles]
        self.profiles.highlighted = ids.index(self.profile) if self.profile in ids else 0
        self.profiles.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.content_levels.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            self.action_next()
        else:
            self.app.pop_screen()

    def action_next(self) -> None:
        from gulag_escape.session import new_seed
        from gulag_escape.tui.screens.briefing import BriefingScreen

        option = self.profiles.highlighted_option
        profile = option.id if option and option.id else self.model.profiles[0].id
        pressed = self.content_levels.pressed_button
        content = pressed.name if pressed and pressed.name else "standard"
        text = self.seed_field.value.strip()
        seed = int(text) if text.lstrip("-").isdigit() else new_seed()
        self.app.push_screen(BriefingScreen(self.entry, seed=seed, profile=profile,
                                            content=content))
