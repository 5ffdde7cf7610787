"""The HTML report and class summary render in headless Chromium, on screen and printed.

The browser's own document of each page must hold its key content (the student, the
scenario, the outcome, the answers; the class's reports and decisions), so an error page
or an empty one fails. Skipped when Chromium is not installed; docs/teachers/assignments.md
describes the same check by hand. The screenshots are left in the test's folder for a
person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import CHROMIUM, chromium, page_text
from conftest import DATA as SCENARIO_DATA
from teaching_helpers import hand_in, load_class

from gulag_escape.teaching.handin import HTML_FILE
from gulag_escape.teaching.summary import summarise_folder, summary_html
from gulag_escape.teaching.verify import ScenarioLibrary

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("class")
    for number in range(4):
        hand_in(folder / f"student-{number}", load_class(), f"Student {number}")
    summary = folder.parent / f"{folder.name}-summary.html"
    summary.write_text(summary_html(summarise_folder(
        folder, ScenarioLibrary(paths=[SCENARIO_DATA / "engine.yaml"]))), encoding="utf-8")
    return [folder / "student-0" / HTML_FILE, summary]


KEY_CONTENT = {
    "report": ["The fence: a test assignment", "Student 0 · Test class 9B", "Seed 7",
               "Question 1: The old hand asks about your plan.", "Student 0 on plan-shown",
               "Question 2: Why did you hide the bread?"],
    "summary": ["The fence: a test assignment · Test class 9B",
                "4 reports verified, 0 failed verification.", "Decisions that divided the class",
                "The fence (day 7", "Answers", "Student 3 at the end Student 3 on lesson"],
}
"""Words each page must show: its heading, the run or the class, and the students' answers."""


@pytest.mark.parametrize("which", [0, 1], ids=["report", "summary"])
def test_pages_render_on_screen_and_on_paper(pages: list[Path], which: int,
                                             tmp_path: Path) -> None:
    page = pages[which]
    shown = page_text(tmp_path, page)
    missing = [words for words in KEY_CONTENT[["report", "summary"][which]]
               if words not in shown]
    assert not missing, f"the browser's page lacks {missing}; it shows:\n{shown[:2000]}"
    shot, pdf = tmp_path / "screen.png", tmp_path / "printed.pdf"
    chromium(tmp_path, page, f"--screenshot={shot}")
    chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000, "an almost empty screenshot: the page did not render"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 5_000
