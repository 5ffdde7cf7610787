"""The plain mode of a class's run: line by line, with the teacher's questions.

:class:`AssignmentSession` is the plain session with the assignment's rules: its seed,
profile and content level, its questions at their decision points, loading only when
allowed; it keeps the run in the report folder after every choice and writes the report at
the end (what the words mean: :mod:`gulag_escape.teaching.play`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace

from gulag_escape.engine.game import Game
from gulag_escape.engine.view import View
from gulag_escape.errors import ReportError, UsageError
from gulag_escape.markup import to_plain
from gulag_escape.plain import PlainSession, Terminal, stdin_reader, stdio_terminal
from gulag_escape.session import PlayOptions
from gulag_escape.teaching.assignment import Question
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.assignment_run import AssignmentRun
from gulag_escape.teaching.handin import (
    HandIn,
    check_writable,
    find_folder,
    keep_record,
    reports_root,
    write_report,
)
from gulag_escape.teaching.play import NO_LOADING, content_caveat, report_message
from gulag_escape.teaching.record import RunRecord
from gulag_escape.teaching.students import check_name


def run_assignment(options: PlayOptions, assignment: LoadedAssignment,
                   student: str | None) -> int:
    """Play ``assignment`` on standard input and output."""
    terminal = stdio_terminal(stdin_reader(sys.stdin))
    return AssignmentSession(terminal, options, assignment, student).run()


class AssignmentSession(PlainSession):
    """The plain session playing one student's run of an assignment."""

    def __init__(self, terminal: Terminal, options: PlayOptions, assignment: LoadedAssignment,
                 student: str | None) -> None:
        model = assignment.model
        super().__init__(terminal, replace(options, profile=model.profile,
                                           content=model.content_level))
        self.assignment = assignment
        self.student = student
        self.run_state: AssignmentRun | None = None
        self.handin: HandIn | None = None

    @property
    def tracker(self) -> AssignmentRun:
        assert self.run_state is not None, "the run starts before the game"
        return self.run_state

    def run(self) -> int:
        self.scenario = self.assignment.scenario
        self.terms = {t.id: t.term for t in self.scenario.model.glossary}
        student = check_name(self.student if self.student is not None else self._ask_name())
        self.run_state = AssignmentRun(self.assignment, student)
        self.options = replace(self.options, seed=self.tracker.seed)
        self.handin = find_folder(reports_root(), self.assignment, student)
        check_writable(self.handin.folder)
        self._brief()
        unfinished = self.handin.unfinished
        self.game = self._resume(unfinished) if unfinished else self._new_game()
        if self.game is None:
            return 0
        return self._loop()

    # --- before play ----------------------------------------------------------------------

    def _ask_name(self) -> str:
        self.io.say("Your name, as your teacher knows it:")
        return self.io.ask() or ""

    def _brief(self) -> None:
        model = self.assignment.model
        self.io.heading(f"Assignment: {model.title}")
        self.io.say(f"{model.class_name} · {self.tracker.student}")
        self.io.say()
        self.io.para(to_plain(model.instructions, self.terms))
        caveat = content_caveat(self.assignment)
        if caveat:
            self.io.para(caveat)
        if model.questions:
            self.io.say(f"Your teacher asks {len(model.questions)} question"
                        f"{'s' if len(model.questions) != 1 else ''}, each when its moment "
                        "comes; an empty line ends an answer.")
        if not model.allow_loading:
            self.io.say("Loading earlier saves is not allowed in this assignment.")
        self.io.say()

    def _resume(self, record: RunRecord) -> Game:
        assert self.scenario is not None
        game = self.tracker.resume(record)
        meta = self.scenario.model.meta
        self.io.heading(f"{meta.title} — continuing your run")
        self.io.say(f"Day {game.state.day}, after {len(record.choices)} choices. Content notes:")
        for note in meta.content_notes.values():
            self.io.say(f"- {note}")
        self.io.say()
        return game

    # --- questions ------------------------------------------------------------------------

    def show(self, view: View) -> None:
        assert self.game is not None
        due = self.tracker.scene_shown(self.game)
        self._ask([q for q in due if not q.when_shown])
        super().show(view)
        on_showing = [q for q in due if q.when_shown]
        if on_showing:
            self._ask(on_showing)
            self._show_choices(view.choices)

    def _ask(self, questions: list[Question]) -> None:
        everything = self.tracker.questions
        for question in questions:
            number = everything.index(question) + 1
            self.io.heading(f"Question from your teacher ({number} of {len(everything)})")
            self.io.para(to_plain(question.ask, self.terms))
            self.io.say("Write your answer; an empty line ends it.")
            lines: list[str] = []
            while (line := self.io.ask()) is not None and line.strip():
                lines.append(line)
            self.tracker.answer(question, "\n".join(lines))
            self.io.say()

    # --- the end, stopping, saves ---------------------------------------------------------

    def _show_ending(self, view: View) -> None:
        super()._show_ending(view)
        questions = self.tracker.end_questions()
        if questions:
            self.io.heading("Questions from your teacher")
            self.io.say()
            self._ask(questions)
        self._write("The game is over.")

    def _take(self, view: View, number: int) -> None:
        """Take the choice, then keep the run on disk: a kill or a closed terminal loses
        nothing, and playing again continues from here with the same seed."""
        super()._take(view, number)
        assert self.game is not None and self.handin is not None and self.scenario is not None
        if not self.game.ended:
            try:
                keep_record(self.handin.folder, self.tracker.record(self.game))
            except ReportError as error:
                self.io.say(f"{error.title}: {error.message}")

    def _autosave(self, why: str) -> None:
        assert self.game is not None
        if not self.game.ended:  # the ended game's report is written after the questions
            self._write(why)

    def _write(self, why: str) -> None:
        assert self.game is not None and self.handin is not None and self.scenario is not None
        write_report(self.handin.folder, self.tracker.record(self.game), self.scenario)
        if self.game.ended:
            self.io.say(f"{why} {report_message(self.handin.folder)}")
        else:
            self.io.say(f"{why} Your unfinished run is kept in {self.handin.folder}{os.sep}; "
                        "play the assignment again to continue it.")

    def _save(self, name: str) -> None:
        if not self.assignment.model.allow_loading:
            self.io.say(NO_LOADING)
            return
        super()._save(name)

    def _load_into(self, name: str) -> None:
        if not self.assignment.model.allow_loading:
            self.io.say(NO_LOADING)
            return
        if not name:
            raise UsageError("name the slot: load NAME")
        game = self._load(name)
        self.tracker.check_game(game)
        self.tracker.loaded(game)
        self.game = game
        self.io.say(f"Loaded the slot '{name}'.")
        self.show(game.view())
