"""The HTML report and class summary render in headless Chromium, on screen and printed.

Skipped when Chromium is not installed; docs/teachers/assignments.md describes the same
check by hand. The screenshots are left in the test's folder for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA as SCENARIO_DATA
from teaching_helpers import hand_in, load_class

from gulag_escape.teaching.handin import HTML_FILE
from gulag_escape.teaching.summary import summarise_folder, summary_html
from gulag_escape.teaching.verify import ScenarioLibrary

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser",
                                                 "google-chrome") if shutil.which(name)), None)
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]


def chromium(tmp_path: Path, page: Path, *output: str) -> None:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--window-size=1000,1400", *output,
                    page.as_uri()], capture_output=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("class")
    for number in range(4):
        hand_in(folder / f"student-{number}", load_class(), f"Student {number}")
    summary = folder.parent / f"{folder.name}-summary.html"
    summary.write_text(summary_html(summarise_folder(
        folder, ScenarioLibrary(paths=[SCENARIO_DATA / "engine.yaml"]))), encoding="utf-8")
    return [folder / "student-0" / HTML_FILE, summary]


@pytest.mark.parametrize("which", [0, 1], ids=["report", "summary"])
def test_pages_render_on_screen_and_on_paper(pages: list[Path], which: int,
                                             tmp_path: Path) -> None:
    page = pages[which]
    shot, pdf = tmp_path / "screen.png", tmp_path / "printed.pdf"
    chromium(tmp_path, page, f"--screenshot={shot}")
    chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000, "an almost empty screenshot: the page did not render"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 5_000
