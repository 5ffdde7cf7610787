"""The game's app, opened on an assignment: its briefing first, its rules throughout.

:class:`AssignmentApp` is the ordinary app (:class:`~gulag_escape.tui.app.GulagEscapeApp`)
with the assignment's seed, profile and content level, its questions, saving and loading
only when the assignment allows them, and the report folder written when the game ends.
A run left unfinished is written when the app closes, to be continued next time.

It changes the game app by handling the screens' messages (:mod:`gulag_escape.tui.messages`)
its own way: after a turn it keeps the run and asks the questions due; the ending is its own
screen; a loaded save must be of this run. The questions are asked by one worker that waits
for each dialog in turn (:meth:`AssignmentApp.ask`).
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work

from gulag_escape.engine.game import Game
from gulag_escape.errors import GameError, GulagEscapeError
from gulag_escape.interactive import served_to_browser
from gulag_escape.session import PlayOptions
from gulag_escape.teaching.assignment import Question
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
from gulag_escape.tui import messages
from gulag_escape.tui.app import GulagEscapeApp
from gulag_escape.tui.assignment.question import QuestionDialog
from gulag_escape.tui.catalogue import ScenarioEntry


class AssignmentApp(GulagEscapeApp):
    """The game playing one student's run of an assignment."""

    CSS_PATH = "../app.tcss"

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
        self.saves_refused = None if assignment.model.allow_loading else NO_LOADING
        self.game: Game | None = None
        self.report_folder: Path | None = None
        """Set once the finished run's report is written."""

    def on_mount(self) -> None:
        # Textual runs the parent's on_mount after this one (it pushes the title screen):
        # the briefing goes on top once both have run.
        self.call_after_refresh(self._brief)

    def _brief(self) -> None:
        from gulag_escape.tui.assignment.screens import AssignmentBriefing

        self.push_screen(AssignmentBriefing())

    # --- the run --------------------------------------------------------------------------

    async def on_assignment_begun(self, message: messages.AssignmentBegun) -> None:
        """Start the run (or continue the unfinished one) from the briefing."""
        unfinished = self.handin.unfinished
        try:
            if unfinished is None:
                game = self.tracker.start(message.profile)
            else:
                game = self.tracker.resume(unfinished)
        except GulagEscapeError as error:
            self.show_error(error)
            return
        await self._show_run(game)

    @on(messages.GameLoaded)
    async def _loaded(self, message: messages.GameLoaded) -> None:
        """A save of this run's game goes back to that point (answers after it are
        dropped, and the load is counted); any other is refused."""
        message.prevent_default()
        game = message.game
        try:
            self.tracker.check_game(game)
        except GameError as error:
            self.show_error(error, "Load a save of this assignment's game.")
            return
        if self.game is not None:
            self.tracker.loaded(game)
        await self._show_run(game)

    async def _show_run(self, game: Game) -> None:
        """The run's game on the play screen; the questions due at its page once painted."""
        from gulag_escape.tui.screens.play import PlayScreen

        self.game = game
        self.current_entry = self.entry
        await self.back_to_title()
        await self.push_screen(PlayScreen(self.entry, game))
        self.call_after_refresh(self._ask_due, game)

    def _ask_due(self, game: Game) -> None:
        questions = self.tracker.scene_shown(game)
        if questions:
            self.ask(questions)

    @on(messages.TurnTaken)
    def _turn_taken(self, message: messages.TurnTaken) -> None:
        """Keep the run on disk, so a kill or a closed window keeps it and playing again
        continues it (a failure is shown once, the game goes on); then the questions due.
        The game app's own handling (the trace, autosave if allowed, the archive) follows."""
        game = message.game
        if not game.ended:
            try:
                keep_record(self.handin.folder, self.tracker.record(game))
            except GulagEscapeError as error:
                if not self._keep_failed:
                    self._keep_failed = True
                    self.show_error(error)
        self._ask_due(game)

    @on(messages.GameOver)
    async def _game_over(self, message: messages.GameOver) -> None:
        """The ending and its history first; the questions about the run come after (w),
        or the report at once when none are left."""
        from gulag_escape.tui.assignment.screens import AssignmentEndingScreen

        message.prevent_default()
        await self.switch_screen(AssignmentEndingScreen(message.entry, message.game))
        count = len(self.tracker.end_questions())
        if not count:
            self.finish()
            return
        self.notify(f"Your teacher asks {count} question{'s' if count != 1 else ''} about "
                    "this run: read the ending and the history, then press w to answer.",
                    timeout=20)

    def on_end_questions_wanted(self, message: messages.EndQuestionsWanted) -> None:
        """w on the ending asks the end questions; leaving asks those still open, then
        closes the app (at once when the report is already written)."""
        questions = self.tracker.end_questions()
        if message.leaving and (self.report_folder is not None or not questions):
            self.exit(0)
            return
        self.ask(questions, at_end=True, then_exit=message.leaving)

    # --- the questions --------------------------------------------------------------------

    @work(group="questions")
    async def ask(self, questions: list[Question], *, at_end: bool = False,
                  then_exit: bool = False) -> None:
        """Ask each question in its own dialog, one after the other.

        Escape in a dialog goes back without answering: that question and the rest stay
        open. The end questions all answered (``at_end``), the report is written, and the
        app closes if the student was leaving (``then_exit``)."""
        everything = self.tracker.questions
        for question in questions:
            text = await self.push_screen_wait(
                QuestionDialog(question.ask, everything.index(question) + 1, len(everything)))
            if text is None:
                return
            self.tracker.answer(question, text)
        if at_end:
            self.finish()
            if then_exit:
                self.exit(0)

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

    def write(self) -> Path:
        """Write the record and reports of the run as it stands."""
        assert self.game is not None
        write_report(self.handin.folder, self.tracker.record(self.game),
                     self.tracker.assignment.scenario)
        if self.game.ended:
            self.report_folder = self.handin.folder
        return self.handin.folder

    # --- the title screen: an assignment has one game -------------------------------------

    @on(messages.ContinueWanted)
    def _continue(self, message: messages.ContinueWanted) -> None:
        """Back to the run (not to the latest save)."""
        message.prevent_default()
        if self.game is not None:
            self.call_later(self._show_run, self.game)

    @on(messages.NewGameWanted)
    def _no_new_game(self, message: messages.NewGameWanted) -> None:
        message.prevent_default()
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
