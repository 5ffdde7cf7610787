"""Settings: theme, animations and text width; each change applies at once and is saved."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, RadioSet, Static, Switch

from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.messages import SettingsChanged
from gulag_escape.tui.settings import (
    TEXT_WIDTHS,
    THEMES,
    Settings,
    animations_allowed_by_environment,
)
from gulag_escape.tui.widgets.marked_radio import MarkedRadioButton


class SettingsScreen(Screen[None]):
    CSS_PATH = "settings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    app = getters.app(GulagEscapeApp)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        yield Static("Settings", classes="screen-title")
        with VerticalScroll(id="settings-form"):
            yield Static("Theme", classes="field-label")
            with RadioSet(id="theme"):
                for name, label in THEMES.items():
                    yield MarkedRadioButton(label, value=name == self.settings.theme, name=name)
            yield Static("Text width", classes="field-label")
            with RadioSet(id="text-width"):
                for name, label in TEXT_WIDTHS.items():
                    chosen = name == self.settings.text_width
                    yield MarkedRadioButton(label, value=chosen, name=name)
            yield Static("Motion", classes="field-label")
            with Horizontal(classes="switch-row"):
                yield Switch(value=self.settings.animations, id="animations",
                             disabled=not animations_allowed_by_environment())
                yield Static("Animations", classes="switch-label")
            if not animations_allowed_by_environment():
                yield Static("Off: TEXTUAL_ANIMATIONS=none is set in your environment.",
                             classes="muted")
            yield Static(f"Saved in {self.app.settings_file}", classes="muted where")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#theme", RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        name = event.pressed.name or ""
        if event.radio_set.id == "theme":
            self._change(replace(self.settings, theme=name))
        else:
            self._change(replace(self.settings, text_width=name))

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self._change(replace(self.settings, animations=event.value))

    def _change(self, settings: Settings) -> None:
        if settings != self.settings:
            self.settings = settings
            self.post_message(SettingsChanged(settings))
