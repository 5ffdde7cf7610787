"""Headless Chromium for the tests that look at a page as a browser shows it.

A screenshot's bytes say only that something was drawn: Chromium draws its own error page
just as well. ``page_text`` asks the browser for the document it built from the file
(``--dump-dom``) and keeps the words a reader sees, so a test can look for the content.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser",
                                                 "google-chrome") if shutil.which(name)), None)
"""The browser, or None where none is installed (the tests that need it are skipped)."""


def chromium(tmp_path: Path, page: Path, *output: str) -> str:
    """Run headless Chromium on ``page`` with ``output`` options; what it printed."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400",
         *output, page.as_uri()],
        capture_output=True, text=True, check=False, timeout=120)
    return result.stdout


class _Text(HTMLParser):
    """The text of a document outside ``<script>``, ``<style>`` and ``<head>``."""

    HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words += data.split()


def page_text(tmp_path: Path, page: Path) -> str:
    """The words of ``page`` as the browser built it, one space between each."""
    dom = chromium(tmp_path, page, "--dump-dom")
    assert "<body" in dom, f"Chromium gave no document for {page}:\n{dom[:500]}"
    parser = _Text()
    parser.feed(dom)
    return " ".join(parser.words)
