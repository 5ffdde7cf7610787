"""One student's run of an assignment while it is played: which question comes up when,
the answers and the decisions they belong to, and the record written at the end.

Front ends (the plain mode, the TUI) tell an :class:`AssignmentRun` what the student sees
(:meth:`scene_shown`) and it tells them which questions to ask; they hand back answers.
It holds no engine state of its own: the record is built from the game's log by a replay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gulag_escape import __version__
from gulag_escape.engine.game import Game
from gulag_escape.errors import GameError
from gulag_escape.teaching.assignment import Question
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.record import (
    FORMAT,
    MARK,
    AnswerEntry,
    AssignmentIdentity,
    ChoiceEntry,
    Header,
    Outcome,
    QuestionRecord,
    RunRecord,
    ScenarioIdentity,
)
from gulag_escape.teaching.replay import replay, scene_key
from gulag_escape.teaching.students import student_seed
from gulag_escape.untrusted import clean

MAX_ANSWER = 4000


def clean_answer(text: str) -> str:
    """What a student typed, safe to store and show: no control characters, bounded."""
    lines = [clean(line).rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines)[:MAX_ANSWER]


@dataclass
class _Answer:
    question: str
    choice: int | None
    text: str


@dataclass
class AssignmentRun:
    """The questions and answers of one run; the game itself stays with the front end."""

    assignment: LoadedAssignment
    student: str
    answers: list[_Answer] = field(default_factory=list)
    loads: int = 0
    _scenes: dict[int, str] = field(default_factory=dict)
    """The scene shown after each number of choices: where choice n + 1 was taken."""
    _pending: list[_Answer] = field(default_factory=list)
    """Answers to questions asked when a storylet was shown: they belong to the next choice."""
    _log: list[str] = field(default_factory=list)

    @property
    def seed(self) -> int:
        return student_seed(self.assignment.model, self.student)

    @property
    def questions(self) -> list[Question]:
        return list(self.assignment.model.questions)

    def start(self, profile: str | None) -> Game:
        """The student's game: the assignment's seed, profile and content level."""
        model = self.assignment.model
        return Game.start(self.assignment.scenario, self.seed, model.profile or profile,
                          model.content_level)

    def check_game(self, game: Game) -> None:
        """Refuse a game (a loaded save, a record to continue) played under other rules."""
        state = game.state
        model = self.assignment.model
        expected = {"seed": self.seed, "content": model.content_level}
        if model.profile:
            expected["profile"] = model.profile
        for name, value in expected.items():
            if getattr(state, name) != value:
                raise GameError(f"that game was played with {name} {getattr(state, name)}, "
                                f"but this assignment plays with {name} {value}")

    # --- what comes up when --------------------------------------------------------------

    def scene_shown(self, game: Game) -> list[Question]:
        """Call whenever the student is shown a page; the questions to ask now, in order:
        first those about the choice just taken, then those about the scene now shown."""
        state = game.state
        log = state.log
        due: list[Question] = []
        if len(log) > len(self._log) and log[: len(self._log)] == self._log:
            for n in range(len(self._log) + 1, len(log) + 1):
                due += self._after_choice(n, log[n - 1], self._scenes.get(n - 1, ""))
        self._log = list(log)
        if game.ended:
            return due
        scene = scene_key(state)
        if self._scenes.get(len(log)) != scene:
            self._scenes[len(log)] = scene
            due += [q for q in self._open() if q.when_shown and scene == f"storylet:{q.storylet}"]
        return due

    def _after_choice(self, n: int, choice: str, scene: str) -> list[Question]:
        for answer in self._pending:
            answer.choice = n
            self.answers.append(answer)
        self._pending = []
        return [q for q in self._open() if q.choice == choice and (
            q.storylet is None or scene == f"storylet:{q.storylet}")]

    def end_questions(self) -> list[Question]:
        return [q for q in self._open() if q.at_end]

    def unreached(self) -> list[Question]:
        """Questions tied to a decision this run never came to."""
        return [q for q in self._open() if not q.at_end]

    def _open(self) -> list[Question]:
        asked = {a.question for a in [*self.answers, *self._pending]}
        return [q for q in self.questions if q.id not in asked]

    def answer(self, question: Question, text: str) -> None:
        """Record an answer to a question :meth:`scene_shown` or :meth:`end_questions` gave."""
        answer = _Answer(question.id, None, clean_answer(text))
        if question.at_end:
            self.answers.append(answer)
        elif question.when_shown:
            self._pending.append(answer)
        else:
            answer.choice = len(self._log)
            self.answers.append(answer)

    def loaded(self, game: Game) -> None:
        """A save was loaded: answers given after the point it goes back to are dropped
        (their questions come up again), and the load is counted."""
        log = game.state.log
        kept = 0
        while kept < min(len(log), len(self._log)) and log[kept] == self._log[kept]:
            kept += 1
        self.answers = [a for a in self.answers if a.choice is None or a.choice <= kept]
        self._pending = []
        self._scenes = {k: v for k, v in self._scenes.items() if k < kept}
        self._log = list(log[:kept])
        self.loads += 1

    def resume(self, record: RunRecord) -> Game:
        """Continue an unfinished run (every front end's one way): its game replayed from
        the record's choices, checked against the assignment, its answers and loads kept."""
        header = record.header
        game = Game.replay(self.assignment.scenario, header.seed, header.profile,
                           header.content, [c.id for c in record.choices])
        self.check_game(game)
        self.answers = [_Answer(a.question, a.choice, a.text) for a in record.answers]
        self.loads = record.outcome.loads
        self._log = [c.id for c in record.choices]
        self._scenes = {c.n - 1: c.scene for c in record.choices}
        return game

    # --- the record ----------------------------------------------------------------------

    def record(self, game: Game) -> RunRecord:
        """The sealed record of the run so far (unfinished when the game has not ended)."""
        state = game.state
        assignment = self.assignment
        model = assignment.model
        scenario = assignment.scenario
        header = Header(
            engine_version=__version__,
            assignment=AssignmentIdentity(title=model.title, class_name=model.class_name,
                                          digest=assignment.digest),
            student=self.student,
            scenario=ScenarioIdentity(id=scenario.id, version=scenario.model.meta.version,
                                      digest=scenario.digest, title=scenario.model.meta.title),
            seed=state.seed, seed_mode=model.seed.mode, seed_salt=model.seed.value or 0,
            profile=state.profile, content=state.content,
            content_off=list(model.content.leave_out), allow_loading=model.allow_loading,
            questions=[QuestionRecord(id=q.id, ask=q.ask, storylet=q.storylet, choice=q.choice)
                       for q in model.questions],
        )
        steps = replay(scenario, state.seed, state.profile, state.content, state.log).steps
        choices = [ChoiceEntry(n=s.n, id=s.choice, scene=s.scene, day=s.day) for s in steps]
        answered = [a for a in self.answers if a.choice is None or a.choice <= len(steps)]
        answers = [AnswerEntry(n=i, question=a.question, choice=a.choice, text=a.text)
                   for i, a in enumerate(answered, 1)]
        return RunRecord(format=FORMAT, record=MARK, header=header, choices=choices,
                         answers=answers, outcome=outcome_of(game, self.loads)).sealed()


def outcome_of(game: Game, loads: int) -> Outcome:
    """What the game came to, as a record states it (and a replay must reproduce)."""
    state = game.state
    tables = game.tables
    kind = tables.endings[state.ending].kind if state.ending else None
    return Outcome(
        finished=state.ending is not None, ending=state.ending, kind=kind, cause=state.cause,
        days=state.day,
        days_free=state.day - state.escaped_day if state.escaped_day is not None else 0,
        km=round(state.km, 1), route=[game.scenario.model.start, *state.visited],
        notes=list(state.notes), loads=loads,
    )
