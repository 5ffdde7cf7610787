"""The class summary: a folder of reports, some edited, verified and summarised."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA as SCENARIO_DATA
from teaching_helpers import PER_STUDENT, Tags, edit_record, hand_in, load_class

from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.record import RunRecord
from gulag_escape.teaching.summary import RENDERERS, summarise_folder
from gulag_escape.teaching.verify import ScenarioLibrary

ENGINE = SCENARIO_DATA / "engine.yaml"
STUDENTS = 24
TAMPERED = {
    "student-3": "recorded ending 'free', but the replay ends in",
    "student-8": "is attached to choice",
    "student-12": "choice 2 is missing from the log",
    "student-20": "(to 'lesson') was changed after the report was written",
}


def _remove_second_choice(data: dict[str, Any]) -> None:
    del data["choices"][1]


def _move_first_answer(data: dict[str, Any]) -> None:
    data["answers"][0]["choice"] = 2


def _rewrite_lesson(data: dict[str, Any]) -> None:
    lesson = next(a for a in data["answers"] if a["question"] == "lesson")
    lesson["text"] = "Copied from a friend."


EDITS = {
    "student-3": lambda d: d["outcome"].update(ending="free", kind="freedom"),
    "student-8": _move_first_answer,
    "student-12": _remove_second_choice,
    "student-20": _rewrite_lesson,
}


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[RunRecord]]:
    """24 students' report folders as handed in; four edited by hand."""
    folder = tmp_path_factory.mktemp("9B")
    assignment = load_class()
    records = []
    for number in range(STUDENTS):
        name = f"student-{number}"
        records.append(hand_in(folder / name, assignment, f"Student {number}"))
        if name in EDITS:
            edit_record(folder / name, EDITS[name])
    return folder, records


def run_summary(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gulag_escape", "class-summary", str(folder),
                           "--scenario", str(ENGINE), *args], capture_output=True, text=True,
                          check=False, timeout=300)


def test_the_summary_counts_the_verified_reports_only(
        class_folder: tuple[Path, list[RunRecord]]) -> None:
    folder, records = class_folder
    result = run_summary(folder, "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "4 of 24 reports failed verification" in result.stderr
    text = result.stdout
    assert text.startswith("# The fence: a test assignment · Test class 9B\n\n"
                           "20 reports verified, 4 failed verification.")
    honest = [r for r in records if r.header.student.replace(" ", "-").lower() not in TAMPERED]
    kinds = Counter(r.outcome.kind for r in honest)
    words = {"died": "Died", "captured": "Captured", "surrendered": "Gave himself up"}
    for kind, count in kinds.items():
        assert f"- **{words[kind]}**: {count}\n" in text
    days = sorted(r.outcome.days for r in honest)
    assert f"from {days[0]} to {days[-1]})" in text


def test_failed_reports_are_listed_apart_with_the_reason(
        class_folder: tuple[Path, list[RunRecord]]) -> None:
    text = run_summary(class_folder[0], "--format", "md").stdout
    failed = text[text.index("## Reports that failed verification"):]
    for name, reason in TAMPERED.items():
        line = next(line for line in failed.splitlines() if f"`{name}/run.json`" in line)
        assert reason in line.replace("\\", ""), line  # Markdown's escapes removed
    answers = text[text.index("## Answers"):text.index("## Reports that failed")]
    assert "Copied from a friend" not in answers and "Student 20" not in answers


def test_the_decision_that_divided_the_class(class_folder: tuple[Path, list[RunRecord]]) -> None:
    summary = summarise_folder(class_folder[0], ScenarioLibrary(paths=[ENGINE]))
    assert summary.shared_world
    verified = [v.record for v in summary.verified if v.record]
    first = Counter(r.choices[0].id for r in verified)
    assert set(first) == {"trust", "alone"}, "the fixture class must split on the first choice"
    plan = next(d for d in summary.decisions if d.scene == "storylet:plan" and d.day == 0)
    assert plan.reached == 20
    assert dict(plan.counts) == {"Tell him your plan": first["trust"],
                                 "Keep it to yourself": first["alone"]}
    choices = "; ".join(f"{label}: **{n}**" for label, n in plan.counts)
    assert f"- **The plan (day 0, 20 students)**: {choices}\n" in RENDERERS["md"](summary)


def test_answers_are_grouped_by_question_with_their_decision(
        class_folder: tuple[Path, list[RunRecord]]) -> None:
    summary = summarise_folder(class_folder[0], ScenarioLibrary(paths=[ENGINE]))
    by_id = {q.id: q for q in summary.questions}
    assert list(by_id) == ["plan-shown", "after-trust", "after-keep", "gave-up", "lesson"]
    shown = by_id["plan-shown"]
    assert len(shown.answers) == 20 and shown.missing == 0
    assert shown.answers[0].student == "Student 0"  # sorted by name
    assert shown.answers[0].context.startswith("choice 1: ")
    assert shown.answers[0].context.endswith("(day 0, The plan)")
    assert by_id["lesson"].answers[0].context == "at the end"
    trusted = sum(1 for v in summary.verified if v.record and v.record.choices[0].id == "trust")
    assert len(by_id["after-trust"].answers) == trusted
    assert by_id["after-trust"].missing == 20 - trusted


def test_notes_read_are_counted(class_folder: tuple[Path, list[RunRecord]]) -> None:
    text = run_summary(class_folder[0], "--format", "md").stdout
    assert ("- **Few escapes succeeded** (documented — archives and scholarship): 20 of 20"
            in text)


def test_csv_has_a_row_per_report(class_folder: tuple[Path, list[RunRecord]],
                                  tmp_path: Path) -> None:
    target = tmp_path / "class.csv"
    result = run_summary(class_folder[0], "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # the summary is in the file; what was done, on stderr
    assert result.stderr.endswith(f"Wrote {target}: 20 verified reports, 4 failed.\n")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == STUDENTS
    assert Counter(row["verified"] for row in rows) == {"yes": 20, "no": 4}
    failed = {row["report"]: row["reason"] for row in rows if row["verified"] == "no"}
    assert set(failed) == {f"{name}/run.json" for name in TAMPERED}
    good = next(row for row in rows if row["report"] == "student-0/run.json")
    assert good["plan-shown"] == "Student 0 on plan-shown"
    assert int(good["days"]) >= 0 and good["kind"]


def test_html_summary_is_one_safe_page(class_folder: tuple[Path, list[RunRecord]],
                                      tmp_path: Path) -> None:
    target = tmp_path / "class.html"
    assert run_summary(class_folder[0], "-o", str(target)).returncode == 0
    page = target.read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(page)
    assert "script" not in tags.names and "img" not in tags.names and "link" not in tags.names
    assert tags.attributes <= {"lang", "charset", "name", "content", "http-equiv", "class"}
    assert "Decisions that divided the class" in page and "@media print" in page
    honest = [r for r in class_folder[1]
              if r.header.student.replace(" ", "-").lower() not in TAMPERED]
    assert page.count('<div class="answer">') == sum(len(r.answers) for r in honest)


def test_the_summary_does_not_depend_on_order_or_machine(
        class_folder: tuple[Path, list[RunRecord]]) -> None:
    first = run_summary(class_folder[0], "--format", "md").stdout
    assert run_summary(class_folder[0], "--format", "md").stdout == first
    assert str(class_folder[0]) not in first


def test_students_with_worlds_of_their_own_are_compared_by_storylet(tmp_path: Path) -> None:
    assignment = load_assignment(PER_STUDENT)
    for name in ("Anna", "Boris", "Clara", "Dmitri"):
        hand_in(tmp_path / name, assignment, name, profile="political")
    summary = summarise_folder(tmp_path, ScenarioLibrary(paths=[ENGINE]))
    assert len(summary.verified) == 4 and not summary.shared_world
    assert all(d.day is None and d.scene.startswith("storylet:") for d in summary.decisions)
    assert "Compared at the same storylet" in RENDERERS["md"](summary)


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_summary(tmp_path)
    assert result.returncode == 1
    assert "there are no run records" in result.stderr
