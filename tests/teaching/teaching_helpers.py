"""Helpers for the teaching tests: assignments played headlessly, records edited by hand."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from gulag_escape.engine.game import Game
from gulag_escape.teaching.assignment import Question
from gulag_escape.teaching.assignment_file import LoadedAssignment, load_assignment
from gulag_escape.teaching.assignment_run import AssignmentRun
from gulag_escape.teaching.handin import RECORD_FILE, write_report
from gulag_escape.teaching.record import RunRecord

DATA = Path(__file__).resolve().parent / "data"
CLASS = DATA / "class.yaml"
"""Shared seed 7, the political prisoner, a question at every kind of moment."""
PER_STUDENT = DATA / "per-student.yaml"
"""A seed per student, profile left to the student, loading allowed, 'death' left out."""

Pick = Callable[[list[str], random.Random], str]


def random_pick(enabled: list[str], rng: random.Random) -> str:
    return rng.choice(enabled)


def prefer(*wanted: str) -> Pick:
    """Take the first of ``wanted`` that is offered, else the first choice."""
    def pick(enabled: list[str], rng: random.Random) -> str:
        return next((choice for choice in wanted if choice in enabled), enabled[0])

    return pick


def play_headless(assignment: LoadedAssignment, student: str, pick: Pick = random_pick, *,
                  profile: str | None = None, stop_after: int | None = None,
                  answer: Callable[[Question], str] | None = None,
                  ) -> tuple[AssignmentRun, Game]:
    """Play the assignment as a front end does: questions when they come up, then choices.

    The student's choices are drawn from a ``random.Random`` seeded with their name.
    """
    run = AssignmentRun(assignment, student)
    game = run.start(profile)
    rng = random.Random(student)
    turns = 0
    while True:
        for question in run.scene_shown(game):
            run.answer(question, answer(question) if answer else
                       f"{student} on {question.id}")
        if game.ended or turns == stop_after:
            break
        assert turns < 500, "the game did not end"
        game.choose(pick([o.id for o in game.options() if o.enabled], rng))
        turns += 1
    if game.ended:
        for question in run.end_questions():
            run.answer(question, answer(question) if answer else f"{student} on {question.id}")
    return run, game


def hand_in(folder: Path, assignment: LoadedAssignment, student: str,
            pick: Pick = random_pick, **options: Any) -> RunRecord:
    """Play headlessly and write the report folder, as the game does at the end."""
    run, game = play_headless(assignment, student, pick, **options)
    record = run.record(game)
    write_report(folder, record, assignment.scenario)
    return record


def edit_record(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit a record file by hand, as a student with a text editor would."""
    file = path / RECORD_FILE if path.is_dir() else path
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def load_class() -> LoadedAssignment:
    return load_assignment(CLASS)


class Tags(HTMLParser):
    """The element and attribute names of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()
        self.count: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.count[tag] += 1
        self.attributes.update(name for name, _ in attrs)
