"""Save and load dialogs: named slots, each shown with its date, place and day.

Both only choose; the app does the saving and loading (and shows any SaveError).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from gulag_escape.textkit import short_date
from gulag_escape.tui.dialogs.confirm import ConfirmDialog

if TYPE_CHECKING:
    from gulag_escape.saves import SaveInfo

PlaceNames = Mapping[tuple[str, str], str]
"""(scenario id, place id) → the place's name: saves keep ids, people read names."""


def describe(info: SaveInfo, places: PlaceNames) -> Content:
    """One line for a save: slot, scenario, in-game date and place, day, when saved."""
    if info.error:
        return Content.assemble((f"{info.slot:<14}", "bold"), (" cannot be read", "$error"),
                                ("  (choose it to see why)", "$foreground-muted"))
    when = short_date(info.date) if info.date else "?"
    place = places.get((info.scenario, info.place), info.place)
    ended = ("  · ended", "$foreground-muted") if info.ended else ("", "")
    saved = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return Content.assemble(
        (f"{info.slot:<14}", "bold"), f" {when} · {place}",
        (f" · day {info.day}", "$foreground-muted"),
        ended, (f"\n{'':<14} {info.scenario} · saved {saved}", "$foreground-muted"),
    )


class SaveDialog(ModalScreen[str | None]):
    """Type a slot name or pick an existing slot; overwriting asks first."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, saves: list[SaveInfo], places: PlaceNames, suggested: str) -> None:
        super().__init__(classes="dialog")
        self.saves = saves
        self.places = places
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("Save the game", classes="dialog-title")
            yield Input(value=self.suggested, placeholder="a name for this save",
                        id="slot-name", restrict=r"[A-Za-z0-9 _\-]*", max_length=40)
            if self.saves:
                yield Static("Or overwrite one of these:", classes="dialog-text")
                yield OptionList(*(Option(describe(info, self.places), id=info.slot)
                                   for info in self.saves), id="slots")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#slot-name", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        field = self.query_one("#slot-name", Input)
        field.value = event.option.id or ""
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        slot = self.query_one("#slot-name", Input).value.strip()
        if not slot:
            self.notify("Give the save a name.", severity="warning")
            return
        if any(info.slot == slot for info in self.saves):
            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self.dismiss(slot)

            self.app.push_screen(ConfirmDialog(f"Overwrite the save “{slot}”?",
                                               "The game saved there will be replaced."),
                                 answered)
            return
        self.dismiss(slot)


class LoadDialog(ModalScreen["SaveInfo | None"]):
    """Pick a save to continue; returns its SaveInfo."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, saves: list[SaveInfo], places: PlaceNames) -> None:
        super().__init__(classes="dialog")
        self.saves = saves
        self.places = places

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box -wide"):
            yield Static("Load a saved game", classes="dialog-title")
            if self.saves:
                yield OptionList(*(Option(describe(info, self.places), id=str(index))
                                   for index, info in enumerate(self.saves)), id="slots")
            else:
                yield Static("There are no saved games yet.", classes="dialog-text")
            yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        target = self.query("#slots") or self.query("#cancel")
        target.first().focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.saves[event.option_index])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
