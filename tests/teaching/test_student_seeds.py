"""Students' names become the same seeds and folder names on every machine."""

from __future__ import annotations

import pytest
from teaching_helpers import CLASS, PER_STUDENT

from gulag_escape.errors import UsageError
from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.students import check_name, derived_seed, slug, student_seed


def test_a_per_student_seed_ignores_case_spacing_and_unicode_form() -> None:
    first = derived_seed("History 9B", "Anna Petrova", 0)
    assert derived_seed("history  9b", "  anna   PETROVA ", 0) == first
    # "é" typed as one code point or as e + combining accent is the same name
    assert derived_seed("9B", "Ren\u00e9", 0) == derived_seed("9B", "Rene\u0301", 0)


def test_per_student_seeds_differ_by_name_class_and_salt() -> None:
    seeds = {derived_seed("9B", "Anna", 0), derived_seed("9B", "Boris", 0),
             derived_seed("9C", "Anna", 0), derived_seed("9B", "Anna", 1)}
    assert len(seeds) == 4
    assert all(0 <= seed < 2**31 for seed in seeds)


def test_the_derivation_is_pinned() -> None:
    """A changed derivation would make every handed-in report unverifiable: pin one value."""
    assert derived_seed("History 9B", "Anna Petrova", 0) == 1566612329


def test_the_assignment_decides_the_seed() -> None:
    shared = load_assignment(CLASS)
    assert student_seed(shared.model, "Anna") == student_seed(shared.model, "Boris") == 7
    own = load_assignment(PER_STUDENT)
    assert student_seed(own.model, "Anna") == derived_seed("Test class 9C", "Anna", 3)
    assert student_seed(own.model, "Anna") != student_seed(own.model, "Boris")


@pytest.mark.parametrize(("name", "problem"), [
    ("", "give your name"), ("   ", "give your name"), ("x" * 81, "at most 80"),
    ("Anna\x1b[31m", "control character"), ("Anna\u202e", "control character"),
])
def test_unusable_names_are_refused(name: str, problem: str) -> None:
    with pytest.raises(UsageError, match=problem):
        check_name(name)


def test_names_are_trimmed_and_folder_names_are_safe() -> None:
    assert check_name("  Anna   Petrova ") == "Anna Petrova"
    assert slug("Anna Petrová", "x") == "anna-petrova"
    assert slug("../../etc/passwd", "x") == "etc-passwd"
    assert slug("Мария", "student-1") == "student-1"
    long = slug("A very long assignment title that goes on and on", "x")
    assert len(long) <= 40 and not long.endswith("-") and long.endswith("that-goes")


def test_an_unfinished_run_resumes_where_it_stopped_and_only_for_its_student() -> None:
    """The one way every front end continues a run: same game, same answers, same loads."""
    from teaching_helpers import play_headless

    from gulag_escape.errors import GameError
    from gulag_escape.teaching.assignment_run import AssignmentRun

    assignment = load_assignment(PER_STUDENT)
    run, game = play_headless(assignment, "Anna", stop_after=3)
    run.loads = 2
    record = run.record(game)
    assert not game.ended and record.answers
    again = AssignmentRun(assignment, "Anna")
    resumed = again.resume(record)
    assert resumed.state.log == game.state.log
    assert again.record(resumed).answers == record.answers
    assert again.loads == 2
    with pytest.raises(GameError, match="seed"):
        AssignmentRun(assignment, "Boris").resume(record)
