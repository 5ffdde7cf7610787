"""The Gulag Escape application, built by one factory for the CLI, the tests and the bench.

Start-up paints the title screen first: the scenarios (Pydantic, YAML) and the saves are
read in a thread after the first refresh, so the player sees the game at once.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType

from gulag_escape.errors import GulagEscapeError, SaveError
from gulag_escape.tui import messages
from gulag_escape.tui.archive_record import ArchiveRecord
from gulag_escape.tui.settings import (
    TEXT_WIDTHS,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)
from gulag_escape.tui.themes import THEMES
from gulag_escape.tui.trace import Trace
from gulag_escape.untrusted import clean

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from gulag_escape.engine.game import Game
    from gulag_escape.saves import SaveInfo, SaveStore
    from gulag_escape.session import PlayOptions
    from gulag_escape.tui.catalogue import Catalogue, ScenarioEntry

Breakpoints = list[tuple[int, str]] | None
"""Screen widths or heights at which a class such as ``-wide`` is set on every screen."""


class GulagEscapeApp(App[int]):
    """Holds what outlives one screen: settings, scenarios, saves, the archive record."""

    CSS_PATH = "app.tcss"
    TITLE = "Gulag Escape"
    ENABLE_COMMAND_PALETTE = False
    # Textual declares these as ``ClassVar[...] | None``, which mypy reads as instance
    # variables; they are class settings all the same, as Textual's documentation sets them.
    HORIZONTAL_BREAKPOINTS: ClassVar[Breakpoints] = [(0, "-narrow"), (110, "-wide")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar[Breakpoints] = [(0, "-short"), (34, "-tall")]  # type: ignore[misc]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, options: PlayOptions, *, trace: Trace | None = None,
                 shipped: Sequence[Path] | None = None) -> None:
        super().__init__()
        self.options = options
        self.shipped = shipped
        """Scenario paths to offer; None offers the scenarios shipped with the game."""
        self.trace = trace or Trace.from_environment()
        self.settings = load_settings()
        self.archive = ArchiveRecord.load()
        self.catalogue: Catalogue | None = None
        self.saves: SaveStore | None = None
        """None until read, just after the title screen is painted."""
        self.current_entry: ScenarioEntry | None = None
        """The scenario being played, for opening links in its text."""
        self.ready = asyncio.Event()
        self.saves_refused: str | None = None
        """Why saving and loading are off (an assignment's rule), or None when they are on."""
        self._autosave_failed = False
        for theme in THEMES:
            self.register_theme(theme)
        self.apply_settings(self.settings)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification is plain text: they quote scenario text, paths and saves, where
        ``[sic]`` must stay visible and ``[/nothing]`` must not raise (``markup`` is ignored)."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                       markup=False)

    def _fatal_error(self) -> None:
        """A bug (an exception nothing handled): Textual would print a traceback; instead it
        goes to a crash log and the terminal gets one line naming it, after the app closes."""
        from rich.text import Text

        from gulag_escape.crash import crash_line, write_crash_log

        error = self._exception or RuntimeError("an unknown error")
        self.bell()
        line = crash_line(error, write_crash_log(error, sys.argv))
        self._exit_renderables.append(Text(line))  # Text: the message is not markup
        self._close_messages_no_wait()

    # --- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        from gulag_escape.tui.screens.title import TitleScreen

        # Pushed rather than returned by get_default_screen: only pushed screens load their
        # CSS_PATH. The push happens before the first refresh, so it costs no extra paint.
        self.push_screen(TitleScreen())
        self.call_after_refresh(self._title_painted)
        self.call_after_refresh(self._check_size)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        """Below the smallest size the layout can take, say so instead of drawing it."""
        from gulag_escape.tui.dialogs.too_small import TooSmallScreen, fits

        small = not fits(*self.size)
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    def _title_painted(self) -> None:
        self.trace.mark("title", time.time_ns())
        self._read_scenarios_and_saves()

    @work(thread=True, group="start-up")
    def _read_scenarios_and_saves(self) -> None:
        from gulag_escape.saves import SaveStore, default_saves_dir
        from gulag_escape.tui.catalogue import Catalogue

        catalogue = Catalogue.read(self.options.scenario, self.shipped)
        store = SaveStore(self.options.saves_dir or default_saves_dir())
        self.call_from_thread(self._started, catalogue, store)

    def _started(self, catalogue: Catalogue, store: SaveStore) -> None:
        self.catalogue = catalogue
        self.saves = store
        self.ready.set()
        options = self.options
        if options.slot:
            self.load_slot(options.slot)
        elif catalogue.requested is not None:
            self.open_setup(catalogue.requested)
        self.call_after_refresh(self._check_size)  # a screen may now cover the message

    # --- settings ----------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.theme = settings.theme
        self.animation_level = settings.animation_level
        for width in TEXT_WIDTHS:
            self.set_class(settings.text_width == width, f"-text-{width}")

    @property
    def settings_file(self) -> Path:
        return settings_path()

    def change_settings(self, settings: Settings) -> None:
        self.apply_settings(settings)
        try:
            save_settings(settings)
        except OSError as error:
            self.notify(f"Settings apply now but could not be saved: {error}",
                        severity="warning")

    # --- menus -------------------------------------------------------------------------------

    def on_new_game_wanted(self, message: messages.NewGameWanted) -> None:
        from gulag_escape.tui.screens.scenario_choice import ScenarioChoiceScreen

        self.push_screen(ScenarioChoiceScreen())

    def open_setup(self, entry: ScenarioEntry) -> None:
        if entry.loaded is None:
            if entry.error is not None:
                self.show_error(entry.error, SCENARIO_ADVICE)
            return
        from gulag_escape.tui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(entry, seed=self.options.seed,
                                     profile=self.options.profile,
                                     content=self.options.content))

    def action_archive(self) -> None:
        from gulag_escape.tui.screens.archive import ArchiveScreen

        self.push_screen(ArchiveScreen())

    def action_settings(self) -> None:
        from gulag_escape.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings))

    def action_help(self) -> None:
        from gulag_escape.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        from gulag_escape.tui.screens.play import PlayScreen

        playing = next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)
        if playing is None or playing.game.ended:
            self.exit(0)
            return
        from gulag_escape.tui.dialogs.confirm import ConfirmDialog

        detail = (f"The game was last saved automatically on day {playing.autosaved_day}."
                  if playing.autosaved_day is not None else "This game has not been saved.")

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.exit(0)

        self.push_screen(ConfirmDialog("Quit Gulag Escape?", detail, yes="Quit",
                                       no="Keep playing"), answered)

    # --- games -------------------------------------------------------------------------------

    async def back_to_title(self) -> None:
        from gulag_escape.tui.screens.title import TitleScreen

        while not isinstance(self.screen, TitleScreen):
            await self.pop_screen()

    async def begin(self, entry: ScenarioEntry, seed: int, profile: str, content: str) -> None:
        """Start a new game and show its first scene."""
        from gulag_escape.session import begin_game

        assert entry.loaded is not None, "only a scenario that loaded can be started"
        try:
            game = begin_game(entry.loaded, seed, profile, content, self.options)
        except GulagEscapeError as error:
            self.show_error(error)
            return
        await self.play(entry, game)

    async def play(self, entry: ScenarioEntry, game: Game) -> None:
        from gulag_escape.tui.screens.ending import EndingScreen
        from gulag_escape.tui.screens.play import PlayScreen

        self.current_entry = entry
        await self.back_to_title()
        screen = EndingScreen(entry, game) if game.ended else PlayScreen(entry, game)
        await self.push_screen(screen)

    def remember(self, game: Game) -> None:
        """Record the notes this game opened, for the archive."""
        state = game.state
        self.archive.remember(state.scenario, state.notes, ended=game.ended,
                              content=state.content)

    # --- what the screens tell the app -------------------------------------------------------

    async def on_start_game(self, message: messages.StartGame) -> None:
        await self.begin(message.entry, message.seed, message.profile, message.content)

    def on_setup_wanted(self, message: messages.SetupWanted) -> None:
        self.open_setup(message.entry)

    def on_turn_taken(self, message: messages.TurnTaken) -> None:
        """After the new page is painted: time it, autosave each day that passes, and
        record the notes the game opened."""
        game = message.game
        self.trace.mark("turn", message.elapsed_ms)
        if (message.day_passed or game.ended) and self.autosave(game):
            message.screen.autosaved_day = message.screen.view.status.day
        self.remember(game)

    async def on_game_over(self, message: messages.GameOver) -> None:
        from gulag_escape.tui.screens.ending import EndingScreen

        await self.switch_screen(EndingScreen(message.entry, message.game))

    def on_ending_shown(self, message: messages.EndingShown) -> None:
        self.remember(message.game)

    def on_save_wanted(self, message: messages.SaveWanted) -> None:
        self.save_as(message.game)

    def on_link_opened(self, message: messages.LinkOpened) -> None:
        self.action_open_link(message.kind, message.target)

    async def on_leave_game(self, message: messages.LeaveGame) -> None:
        await self.back_to_title()

    def on_settings_changed(self, message: messages.SettingsChanged) -> None:
        self.change_settings(message.settings)

    async def on_game_loaded(self, message: messages.GameLoaded) -> None:
        await self.play(message.entry, message.game)

    # --- saves -------------------------------------------------------------------------------

    def autosave(self, game: Game) -> bool:
        """Autosave; the first failure is shown in a dialog, later ones as a quiet notice."""
        if self.saves is None or self.saves_refused:
            return False
        try:
            self.saves.autosave(game)
        except SaveError as error:
            if self._autosave_failed:
                self.notify(error.message, title="Autosave failed", severity="warning")
            else:
                self._autosave_failed = True
                self.show_error(error, "The game goes on; autosave will keep trying each day.")
            return False
        return True

    def save_slots(self) -> list[SaveInfo]:
        if self.saves is None:
            return []
        try:
            return list(self.saves.list())
        except SaveError as error:
            self.show_error(error)
            return []

    def save_as(self, game: Game) -> None:
        """Ask for a slot name (confirming an overwrite) and save there."""
        if self.saves_refused:
            self.notify(self.saves_refused, severity="warning")
            return
        if self.saves is None:
            self.notify("Saving is not available.", severity="warning")
            return
        from gulag_escape.tui.dialogs.saves import SaveDialog

        store = self.saves

        def chosen(slot: str | None) -> None:
            if not slot:
                return
            try:
                store.save(slot, game)
            except SaveError as error:
                self.show_error(error)
                return
            self.notify(f"Saved as “{slot}”.")

        state = game.state
        self.push_screen(SaveDialog(self.save_slots(), self.place_names(),
                                    f"{state.scenario}-day-{state.day}"), chosen)

    def action_load_game(self) -> None:
        if self.saves_refused:
            self.notify(self.saves_refused, severity="warning")
            return
        if self.saves is None:
            self.notify("Saving is not available.", severity="warning")
            return
        from gulag_escape.tui.dialogs.saves import LoadDialog

        def chosen(info: SaveInfo | None) -> None:
            if info is not None:
                self.load_info(info)

        self.push_screen(LoadDialog(self.save_slots(), self.place_names()), chosen)

    def place_names(self) -> dict[tuple[str, str], str]:
        """Saves name places by id; the dialogs show their names."""
        if self.catalogue is None:
            return {}
        return {(entry.id, place.id): place.name for entry in self.catalogue.entries
                if entry.loaded for place in entry.loaded.model.places}

    def on_continue_wanted(self, message: messages.ContinueWanted) -> None:
        """The latest save, autosave or not, played from where it stopped."""
        if self.saves is None:
            return
        try:
            latest = self.saves.latest()
        except SaveError as error:
            self.show_error(error)
            return
        if latest is None:
            self.notify("There is no saved game to continue.")
            return
        self.load_info(latest)

    def load_slot(self, slot: str) -> None:
        info = next((i for i in self.save_slots() if i.slot == slot), None)
        if info is None:
            self.show_error(SaveError(f"there is no save called '{slot}' in {self.saves_folder}"),
                            "Open the load dialog (l) to see the saves there are.")
            return
        self.load_info(info)

    @property
    def saves_folder(self) -> str:
        return str(self.saves.directory) if self.saves else "the saves folder"

    @work(group="load", exclusive=True)
    async def load_info(self, info: SaveInfo) -> None:
        """Load a save listed by the store, and play it."""
        if info.error:
            self.show_error(SaveError(info.error), "Load another save, or start a new game.")
            return
        assert self.catalogue is not None and self.saves is not None
        entry = self.catalogue.find(info.scenario)
        if entry is None or entry.loaded is None:
            self.show_error(
                SaveError(f"the save '{info.slot}' belongs to the scenario '{info.scenario}', "
                          "which is not installed or cannot be loaded"),
                f"Start the game with that scenario's file: gulag-escape play "
                f"path/to/{info.scenario}.yaml --load {info.slot}",
            )
            return
        try:
            result = self.saves.load(info.slot, entry.loaded)
        except GulagEscapeError as error:
            self.show_error(error, "Load another save, or start a new game.")
            return
        for warning in result.warnings:
            self.notify(str(warning), title="Loaded with a warning", severity="warning")
        self.post_message(messages.GameLoaded(entry, result.game))

    # --- errors and links --------------------------------------------------------------------

    def show_error(self, error: GulagEscapeError, advice: str = "") -> None:
        from gulag_escape.tui.dialogs.error import ErrorDialog

        self.push_screen(ErrorDialog(error, advice))

    def action_open_link(self, kind: str, target: str) -> None:
        """Called by clicks on links in story text (see :mod:`gulag_escape.markup`)."""
        from gulag_escape.tui.dialogs.entry import NoteDialog, TermDialog

        entry = self.current_entry
        if entry is None or entry.loaded is None:
            return
        model = entry.loaded.model
        if kind == "note":
            from gulag_escape.engine.view import note_view

            note = next((n for n in model.notes if n.id == target), None)
            if note is not None:
                self.push_screen(NoteDialog(note_view(note), entry.terms))
            return
        term = next((t for t in model.glossary if t.id == target), None)
        if term is not None:
            self.push_screen(TermDialog(term.term, term.definition, entry.terms))


SCENARIO_ADVICE = ("Fix the file at the line named above (`gulag-escape validate FILE` lists "
                    "every problem), or choose another scenario.")


def build_app(options: PlayOptions | None = None, *, trace: Trace | None = None,
              shipped: Sequence[Path] | None = None) -> GulagEscapeApp:
    """The one way to make the app: the CLI, the tests and the benchmark all call this.

    ``shipped`` replaces the shipped scenarios (snapshot tests must not change when a new
    scenario is added).
    """
    if options is None:
        from gulag_escape.session import PlayOptions

        options = PlayOptions()
    return GulagEscapeApp(options, trace=trace, shipped=shipped)


def run_app(options: PlayOptions) -> int:
    """Run the game in this terminal; the exit code for the CLI."""
    app = build_app(options)
    app.run()
    return app.return_code or 0
