"""``play --assignment --plain`` through the real command: briefing, questions at their
moments, the report folder, stopping and continuing, and saves only when allowed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from teaching_helpers import CLASS, PER_STUDENT

from gulag_escape.teaching.handin import HTML_FILE, MARKDOWN_FILE, RECORD_FILE
from gulag_escape.teaching.record import read_record

ENGINE = ROOT / "tests" / "data" / "engine.yaml"
FOLDER = Path("reports") / "anna--the-fence-a-test-assignment"
EVERY_TIME = "1\n\n" * 300
"""Take the first choice; answer "1" to every question (the empty line ends an answer and
only lists the choices again at a choice prompt)."""


def play(cwd: Path, *args: str, answers: str, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gulag_escape", "play", "--plain", *args],
        input=answers, capture_output=True, text=True, check=False, cwd=cwd, timeout=120,
        env={**os.environ, **(env or {})})


def verify(cwd: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gulag_escape", "verify", *paths,
                           "--scenario", str(ENGINE)], capture_output=True, text=True,
                          check=False, cwd=cwd, timeout=120)


def test_a_whole_assignment_with_answers_at_their_decisions(tmp_path: Path) -> None:
    answers = ("I will tell him: he knows the forest.\nAnd I cannot walk it alone.\n\n1\n"
               "Because he knows the forest.\n\n" + EVERY_TIME)
    result = play(tmp_path, "--assignment", str(CLASS), "--student", "Anna", answers=answers)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    # The instructions and the content note come before the story.
    assert out.startswith("Assignment: The fence: a test assignment\nTest class 9B · Anna\n")
    assert out.index("Play to the end and answer every question.") < out.index("Content notes:")
    assert out.index("- Death is mentioned.") < out.index("== The plan ==")
    # Asked when the storylet is shown, before choosing; the choices are listed again after.
    plan = out.index("== The plan ==")
    first = out.index("Question from your teacher (1 of 5)")
    assert plan < first < out.index("1. Tell him your plan", first)
    # Asked right after the choice it is about, before its outcome is shown.
    second = out.index("Question from your teacher (2 of 5)")
    assert "Why did you trust him?" in out[second:second + 200]
    assert out.index("Question from your teacher (5 of 5)") > out.index("THE END:")
    assert f"Your run report is in {FOLDER}{os.sep}: report.html" in out
    folder = tmp_path / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [HTML_FILE, MARKDOWN_FILE, RECORD_FILE]

    record = read_record(folder / RECORD_FILE)
    answered = {a.question: a for a in record.answers}
    assert answered["plan-shown"].text == ("I will tell him: he knows the forest.\n"
                                           "And I cannot walk it alone.")
    assert answered["plan-shown"].choice == answered["after-trust"].choice == 1
    assert record.choices[0].id == "trust" and record.choices[0].scene == "storylet:plan"
    assert answered["lesson"].choice is None
    checked = verify(tmp_path, str(FOLDER))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith(f"{FOLDER}: ok — Anna: ")


def test_the_same_run_writes_the_same_bytes_anywhere(tmp_path: Path) -> None:
    """A report depends on nothing but the assignment, the name and the input."""
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    first = play(here, "--assignment", str(CLASS), "--student", "Anna", answers=EVERY_TIME)
    second = play(there, "--assignment", str(CLASS), "--student", "Anna", answers=EVERY_TIME,
                  env={"LC_ALL": "de_DE.UTF-8", "TZ": "Asia/Tokyo",
                       "GULAG_ESCAPE_REPORTS": str(there / "elsewhere")})
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    for name in (RECORD_FILE, HTML_FILE, MARKDOWN_FILE):
        mine = (here / FOLDER / name).read_bytes()
        assert mine == (there / "elsewhere" / FOLDER.name / name).read_bytes(), name
        assert str(tmp_path).encode() not in mine


def test_stopping_keeps_the_run_and_playing_again_continues_it(tmp_path: Path) -> None:
    args = ("--assignment", str(CLASS), "--student", "Anna")
    stopped = play(tmp_path, *args, answers="My plan.\n\n1\nHe knows.\n\nquit\n")
    assert stopped.returncode == 0, stopped.stderr
    assert (f"Stopping. Your unfinished run is kept in {FOLDER}{os.sep}; play the assignment "
            "again to continue it.") in stopped.stdout
    unfinished = read_record(tmp_path / FOLDER / RECORD_FILE)
    assert not unfinished.outcome.finished and [c.id for c in unfinished.choices] == ["trust"]
    assert verify(tmp_path, str(FOLDER)).returncode == 0

    again = play(tmp_path, *args, answers=EVERY_TIME)
    assert again.returncode == 0, again.stderr
    assert "continuing your run" in again.stdout
    assert "(1 of 5)" not in again.stdout and "(2 of 5)" not in again.stdout
    finished = read_record(tmp_path / FOLDER / RECORD_FILE)
    assert finished.outcome.finished
    assert finished.choices[0].id == "trust"
    assert {a.question: a.text for a in finished.answers}["after-trust"] == "He knows."
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [FOLDER.name]
    # A finished run is never written over: another run gets its own folder.
    third = play(tmp_path, *args, answers="quit\n")
    assert f"{FOLDER}-2{os.sep}" in third.stdout


def test_saving_and_loading_are_refused_unless_allowed(tmp_path: Path) -> None:
    result = play(tmp_path, "--assignment", str(CLASS), "--student", "Anna",
                  answers="x\n\nsave early\nload early\nquit\n")
    assert result.stdout.count("This assignment does not allow loading saves") == 2
    assert not list(Path(os.environ["GULAG_ESCAPE_SAVES"]).glob("early*"))


def test_a_load_drops_the_answers_after_it_and_is_counted(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    answers = ("1\n"            # who are you: the first profile
               "First answer.\n\n"  # the question when the plan is shown
               "save early\n1\n"    # save, then trust the old hand
               "load early\n"       # back before the choice: the question comes again
               "Second answer.\n\n" + EVERY_TIME)
    result = play(tmp_path, "--assignment", str(PER_STUDENT), "--student", "Anna",
                  answers=answers, env={"GULAG_ESCAPE_SAVES": str(saves)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Your teacher asked to leave out: “Death is mentioned.” The game cannot remove" in out
    assert out.count("What will you tell the old hand?") == 2
    folder = tmp_path / "reports" / "anna--worlds-apart"
    record = read_record(folder / RECORD_FILE)
    assert record.outcome.loads == 1
    first = record.answers[0]
    assert (first.question, first.text) == ("plan-shown", "Second answer.")
    assert record.header.content == "mild" and record.header.content_off == ["death"]
    assert verify(tmp_path, str(folder)).returncode == 0


def test_the_assignment_decides_seed_profile_and_scenario(tmp_path: Path) -> None:
    result = play(tmp_path, "--assignment", str(CLASS), "--student", "Anna", "--seed", "3",
                  answers="")
    assert result.returncode == 1
    assert "the assignment decides the scenario, the seed" in result.stderr
    assert "leave out --seed" in result.stderr


def test_without_a_name_the_plain_mode_asks_for_it(tmp_path: Path) -> None:
    result = play(tmp_path, "--assignment", str(CLASS), answers="Boris Ivanov\nquit\n")
    assert "Your name, as your teacher knows it:" in result.stdout
    assert "Test class 9B · Boris Ivanov" in result.stdout
    assert (tmp_path / "reports" / "boris-ivanov--the-fence-a-test-assignment").is_dir()


def test_an_unfinished_run_of_a_changed_scenario_starts_afresh(tmp_path: Path) -> None:
    """A corrected scenario might not replay the old choices: a new folder, the old kept."""
    from teaching_helpers import hand_in

    from gulag_escape.teaching.assignment_file import load_assignment
    from gulag_escape.teaching.handin import find_folder

    (tmp_path / "engine.yaml").write_bytes(ENGINE.read_bytes())
    (tmp_path / "class.yaml").write_text(CLASS.read_text(encoding="utf-8").replace(
        "../../data/engine.yaml", "engine.yaml"), encoding="utf-8")
    root = tmp_path / "reports"
    assignment = load_assignment(tmp_path / "class.yaml")
    first = find_folder(root, assignment, "Anna")
    hand_in(first.folder, assignment, "Anna", stop_after=2)
    resumed = find_folder(root, assignment, "anna")
    assert resumed.folder == first.folder and resumed.unfinished is not None
    (tmp_path / "engine.yaml").write_text(ENGINE.read_text(encoding="utf-8").replace(
        "The fence is low", "The fence is lower"), encoding="utf-8")
    changed = find_folder(root, load_assignment(tmp_path / "class.yaml"), "Anna")
    assert changed.unfinished is None and changed.folder.name == f"{first.folder.name}-2"
