"""The game's app, opened on an assignment: its briefing first, its rules throughout.

:class:`AssignmentApp` is the ordinary app (:class:`~gulag_escape.tui.app.GulagEscapeApp`)
with the assignment's seed, profile and content level, its questions, saving and loading
only when the assignment allows them, and the report folder written when the game ends.
A run left unfinished is written when the app closes, to be continued next time.
"""

from __future__ import annotations

import os
from pathlib import Path

from gulag_escape.engine.game import Game
from gulag_escape.errors import GameError, GulagEscapeError
from gulag_escape.interactive import served_to_browser
from gulag_escape.session import PlayOptions
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.assignment_run import AssignmentRun
from gulag_escape.teaching.handin import (
    check_writable,
    find_folder,
    keep_record,
    reports_root,
    write_report,
)
from gulag_escape.teaching.play import NO_LOADING, content_caveat, report_message
from gulag_escape.teaching.tui import css_of
from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.catalogue import ScenarioEntry


class AssignmentApp(GulagEscapeApp):
    """The game playing one student's run of an assignment."""

    CSS_PATH = css_of(GulagEscapeApp)

    def __init__(self, options: PlayOptions, assignment: LoadedAssignment, student: str) -> None:
        # The catalogue holds the assignment's scenario only: saves of other scenarios
        # cannot be loaded into an assignment anyway.
        super().__init__(options, shipped=[assignment.scenario_path])
        self.tracker = AssignmentRun(assignment, student)
        self.handin = find_folder(reports_root(), assignment, student)
        check_writable(self.handin.folder)
        self._keep_failed = False
        self.entry = ScenarioEntry(assignment.scenario_path, loaded=assignment.scenario)
        self.content_caveat = content_caveat(assignment)
        self.game: Game | None = None
        self.report_folder: Path | None = None
        """Set once the finished run's report is written."""

    @property
    def allows_saves(self) -> bool:
        return self.tracker.assignment.model.allow_loading

    def on_mount(self) -> None:
        # Textual runs the parent's on_mount after this one (it pushes the title screen):
        # the briefing goes on top once both have run.
        self.call_after_refresh(self._brief)

    def _brief(self) -> None:
        from gulag_escape.teaching.tui.screens import AssignmentBriefing

        self.push_screen(AssignmentBriefing())

    async def begin_assignment(self, profile: str | None) -> None:
        """Start the run (or continue the unfinished one) from the briefing."""
        unfinished = self.handin.unfinished
        try:
            if unfinished is None:
                game = self.tracker.start(profile)
            else:
                header = unfinished.header
                game = Game.replay(self.tracker.assignment.scenario, header.seed,
                                   header.profile, header.content,
                                   [c.id for c in unfinished.choices])
                self.tracker.check_game(game)
                self.tracker.resumed(unfinished)
        except GulagEscapeError as error:
            self.show_error(error)
            return
        await self.play(self.entry, game)

    async def play(self, entry: ScenarioEntry, game: Game) -> None:
        """Show a game: the run's first, or one loaded from a save (answers after the point
        it goes back to are dropped, and the load is counted)."""
        from gulag_escape.teaching.tui.screens import AssignmentPlayScreen

        try:
            self.tracker.check_game(game)
        except GameError as error:
            self.show_error(error, "Load a save of this assignment's game.")
            return
        if self.game is not None:
            if not self.allows_saves:  # a new game of the same seed would undo choices
                self.notify(NO_LOADING, severity="warning")
                return
            self.tracker.loaded(game)
        self.game = game
        self.current_entry = entry
        await self.back_to_title()
        await self.push_screen(AssignmentPlayScreen(entry, game))

    async def show_ending(self, entry: ScenarioEntry, game: Game) -> None:
        from gulag_escape.teaching.tui.screens import AssignmentEndingScreen

        await self.switch_screen(AssignmentEndingScreen(entry, game))

    def finish(self) -> None:
        """After the last question: write the report and say where it is."""
        assert self.game is not None
        try:
            self.write()
        except GulagEscapeError as error:
            self.show_error(error, "Your answers are still here: fix the folder and quit; the "
                            "report is written again when the app closes.")
        else:
            self.notify(report_message(self.handin.folder), title="Report written", timeout=20)

    def keep_run(self) -> None:
        """After each choice: the unfinished run on disk, so a kill or a closed window keeps
        it and playing again continues it; a failure is shown once, the game goes on."""
        if self.game is None or self.game.ended:
            return
        try:
            keep_record(self.handin.folder, self.tracker.record(self.game))
        except GulagEscapeError as error:
            if not self._keep_failed:
                self._keep_failed = True
                self.show_error(error)

    def write(self) -> Path:
        """Write the record and reports of the run as it stands."""
        assert self.game is not None
        write_report(self.handin.folder, self.tracker.record(self.game),
                     self.tracker.assignment.scenario)
        if self.game.ended:
            self.report_folder = self.handin.folder
        return self.handin.folder

    # --- saves only when the assignment allows them --------------------------------------

    def autosave(self, game: Game) -> bool:
        return super().autosave(game) if self.allows_saves else False

    def save_as(self, game: Game) -> None:
        if self.allows_saves:
            super().save_as(game)
        else:
            self.notify(NO_LOADING, severity="warning")

    def action_load_game(self) -> None:
        if self.allows_saves:
            super().action_load_game()
        else:
            self.notify(NO_LOADING, severity="warning")

    def action_continue_game(self) -> None:
        """Back to the run from the title screen (an assignment has one game)."""
        if self.game is not None:
            self.call_later(self._back_to_run)

    async def _back_to_run(self) -> None:
        from gulag_escape.teaching.tui.screens import AssignmentPlayScreen

        assert self.game is not None
        await self.back_to_title()
        await self.push_screen(AssignmentPlayScreen(self.entry, self.game))

    def action_new_game(self) -> None:
        self.notify("This is an assignment: it has one game. Continue it with c.",
                    severity="warning")


def build_assignment_app(options: PlayOptions, assignment: LoadedAssignment,
                         student: str) -> AssignmentApp:
    """The one way to make the assignment app: the command and the tests call this."""
    return AssignmentApp(options, assignment, student)


def run_assignment_app(options: PlayOptions, assignment: LoadedAssignment, student: str) -> int:
    """Play the assignment in this terminal; say where the report is once the app closes."""
    app = build_assignment_app(options, assignment, student)
    app.run()
    message = after_closing(app)
    if message and not served_to_browser():  # in a browser, stdout is the web driver's pipe
        print(message)
    return app.return_code or 0


def after_closing(app: AssignmentApp) -> str | None:
    """Write what the app left unwritten (a run stopped midway, or ended before the last
    questions were answered); what to tell the student."""
    if app.game is None:
        return None
    if app.report_folder is not None:
        return report_message(app.report_folder)
    folder = app.write()
    if app.game.ended:
        return report_message(folder)
    return (f"Your unfinished run is kept in {folder}{os.sep}; play the assignment again to "
            "continue it.")
