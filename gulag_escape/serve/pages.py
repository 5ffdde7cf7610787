"""The pages the server writes itself: the name page and the page of a finished student.

Built as typed :class:`~gulag_escape.pages.document.Document` pages like every report, so the
one writer escapes the assignment's title and the student's name; the page holding the
terminal is :func:`~gulag_escape.pages.terminal_page.terminal_page`.
"""

from __future__ import annotations

from urllib.parse import quote

from gulag_escape.pages.document import Document, Form, Link, Paragraph, Section
from gulag_escape.pages.html_page import html_page
from gulag_escape.teaching.students import MAX_NAME

STATIC = "/static"
"""Where textual-serve's scripts, stylesheet and fonts are served."""


def play_path(student: str) -> str:
    """A student's own page: their name in the path, so a reload continues the same run."""
    return "/play/" + quote(student, safe="")


def name_page(title: str, class_name: str, problem: str | None = None) -> str:
    """The first page a student sees: the assignment, and their name."""
    warning = (Paragraph(problem, "warning"),) if problem else ()
    return html_page(Document(title, (Section("", (
        *warning,
        Form("/join", "Your name, as your teacher knows it:", "name", MAX_NAME, "Start"),
        Paragraph("Your run is kept under your name: closing the tab or reloading the page "
                  "continues it. Your report goes to your teacher when you finish.", "muted"),
    )),), (Paragraph(class_name, "byline"),)))


def finished_page(title: str, student: str) -> str:
    """What a student who has finished sees on reloading: not a second run by accident."""
    return html_page(Document(title, (Section("", (
        Paragraph(f"{student}, you have finished this assignment: your report is with your "
                  "teacher."),
        Paragraph("Playing again starts a second run, with a report of its own.", "muted"),
        Paragraph((Link("Play it again", play_path(student) + "?again=1"),)),
    )),)))


def not_allowed_page() -> str:
    """What a wrong or missing token gets instead of the dashboard."""
    return html_page(Document("Not allowed", (Section("", (Paragraph(
        "The dashboard needs the address printed in the teacher's terminal."),)),)))
