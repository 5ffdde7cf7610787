"""A class in a real browser: ``serve --assignment`` on 127.0.0.1, headless Chromium types a
name, plays to an ending by keyboard (reloading midway: the run continues), answers the
questions; the report lands in the reports folder, ``verify`` accepts it, and the teacher's
dashboard shows the run finished. Skipped only where no Chromium is installed."""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_helpers import (
    CAPTURE,
    CLASS,
    LOCAL_ONLY,
    chromium_path,
    start_serve,
    stop_serve,
    wait_for,
)
from click.testing import CliRunner

from gulag_escape.cli import main
from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.assignment_run import AssignmentRun
from gulag_escape.teaching.record import read_record

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(chromium_path() is None, reason="no Chromium installed")]

STUDENT = "Anna Petrova"
FOLDER = "anna-petrova--the-fence-a-test-assignment"


@dataclass(frozen=True)
class Step:
    """One thing the student does: answer the question asking ``ask``, or press ``key``."""

    ask: str = ""
    key: str = ""


def key_plan() -> list[Step]:
    """The run the browser plays, worked out headlessly: the first choice that can be taken
    at each turn, and each question where it comes up."""
    run = AssignmentRun(load_assignment(CLASS), STUDENT)
    game = run.start(None)
    steps: list[Step] = []
    while True:
        for question in run.scene_shown(game):
            run.answer(question, "")
            steps.append(Step(ask=question.ask))
        if game.ended:
            break
        choices = game.view().choices
        index = next(i for i, choice in enumerate(choices) if choice.enabled)
        steps.append(Step(key=str(index + 1)))
        game.choose(choices[index].id)
    return [*steps, *(Step(ask=q.ask) for q in run.end_questions())]


class Student:
    """One browser tab, read through the captured screen updates."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.seen = 0

    def text(self) -> str:
        return str(self.page.evaluate("window.__term.text"))  # type: ignore[attr-defined]

    def wait_for_text(self, wanted: str, timeout: float = 15) -> None:
        """Wait until ``wanted`` is painted after what was already read."""
        def shown() -> bool:
            return wanted in self.text()[self.seen:]

        wait_for(shown, timeout, repr(wanted))
        self.seen = len(self.text())

    def settle(self, quiet: float = 0.3) -> None:
        """Wait until the screen has not changed for ``quiet`` seconds."""
        seen = {"updates": -1, "at": time.monotonic()}

        def still() -> bool:
            updates = self.page.evaluate("window.__term.updates")  # type: ignore[attr-defined]
            if updates != seen["updates"]:
                seen.update(updates=updates, at=time.monotonic())
            return time.monotonic() - seen["at"] >= quiet

        wait_for(still, 10, "the screen to settle")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)  # type: ignore[attr-defined]

    def answer(self, ask: str, text: str) -> None:
        self.wait_for_text(ask[:24])
        self.settle()
        self.page.keyboard.type(text, delay=20)  # type: ignore[attr-defined]
        self.wait_for_text(text)  # echoed in the answer box before it is handed in
        self.press("Control+s")
        self.settle()


def choices_kept(reports: Path) -> int:
    path = reports / FOLDER / "run.json"
    return len(read_record(path).choices) if path.exists() else 0


def play(student: Student, plan: list[Step], reports: Path) -> None:
    """Play the plan by keyboard; after the first choice and its question, reload the page
    (as a student who closes the tab and comes back) and go on from there."""
    page = student.page

    def begin() -> None:
        student.seen = 0
        student.wait_for_text("Begin")
        page.click("#terminal")  # type: ignore[attr-defined]
        student.press("b")

    begin()
    taken = 0
    reloaded = False
    for number, step in enumerate(plan):
        if step.ask:
            if number == len(plan) - 1:  # the ending, then its question on w
                student.wait_for_text("See how it ended")
                student.press("1")
                student.wait_for_text("Answer the questions")
                student.press("w")
            student.answer(step.ask, f"answer {number}")
            if taken == 1 and not reloaded:
                reloaded = True
                page.reload()  # type: ignore[attr-defined]
                begin()
                student.settle()
            continue
        student.press(step.key)
        taken += 1
        if number + 1 < len(plan) and plan[number + 1].key:
            wait_for(lambda wanted=taken: choices_kept(reports) == wanted, 15, f"choice {taken}")


def test_a_class_plays_an_assignment_in_the_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    reports = tmp_path / "reports"
    plan = key_plan()
    server, url, dashboard = start_serve(["--assignment", str(CLASS), "--reports", str(reports)],
                                         tmp_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                                args=LOCAL_ONLY)
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.add_init_script(CAPTURE)
            page.goto(url + "/")
            page.fill("#name", "  Anna   Petrova ")
            page.click("button[type=submit]")
            assert page.url == url + "/play/Anna%20Petrova"
            play(Student(page), plan, reports)

            def finished() -> bool:
                path = reports / FOLDER / "run.json"
                return path.exists() and read_record(path).outcome.finished

            wait_for(finished, 15, "the finished report")
            browser.close()
        with urllib.request.urlopen(dashboard, timeout=10) as response:
            shown = response.read().decode()
    finally:
        stop_serve(server)
    folder = reports / FOLDER
    assert {p.name for p in folder.iterdir()} == {"run.json", "report.html", "report.md"}
    record = read_record(folder / "run.json")
    assert record.header.student == STUDENT
    assert len(record.choices) == sum(1 for step in plan if step.key)
    assert [a.text for a in record.answers][:2] == ["answer 0", "answer 2"]
    assert record.answers[-1].text == f"answer {len(plan) - 1}"
    verified = CliRunner().invoke(main, ["verify", "--assignment", str(CLASS), str(folder)])
    assert verified.exit_code == 0, verified.output
    assert ": ok" in verified.output
    assert STUDENT in shown and "finished" in shown and "The class now" in shown
    json.loads((folder / "run.json").read_text())  # the report is whole, not half written
