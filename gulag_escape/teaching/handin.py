"""The folder a student hands in: ``run.json`` (the record), ``report.html``, ``report.md``.

Folders live under ``./reports/`` (``GULAG_ESCAPE_REPORTS`` overrides), one per student and
assignment: ``anna-petrova--the-decisions-that-mattered``. An unfinished run is kept there
too, so playing the assignment again continues it; a finished one is never overwritten, a
second run gets a folder of its own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gulag_escape.errors import ReportError
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.record import RunRecord, read_record
from gulag_escape.teaching.students import normalised, slug

REPORTS_ENV = "GULAG_ESCAPE_REPORTS"
RECORD_FILE = "run.json"
HTML_FILE = "report.html"
MARKDOWN_FILE = "report.md"


def reports_root() -> Path:
    """``$GULAG_ESCAPE_REPORTS``, else ``reports/`` in the working folder."""
    return Path(os.environ.get(REPORTS_ENV) or "reports")


@dataclass(frozen=True)
class HandIn:
    """Where one run's report goes, and the unfinished record found there, if any."""

    folder: Path
    unfinished: RunRecord | None


def find_folder(root: Path, assignment: LoadedAssignment, student: str) -> HandIn:
    """The student's folder for this assignment: an unfinished run's, or a new one.

    An unfinished run is continued only under the same assignment and the same scenario
    files: a corrected scenario might not replay it.
    """
    title = assignment.model.title
    student_part = slug(student, "student-" + hashlib.sha256(
        normalised(student).encode()).hexdigest()[:8])
    base = f"{student_part}--{slug(title, 'assignment')}"
    for number in range(1, 1000):
        folder = root / (base if number == 1 else f"{base}-{number}")
        record_path = folder / RECORD_FILE
        if not folder.exists():
            return HandIn(folder, None)
        if not record_path.is_file():
            continue
        try:
            record = read_record(record_path)
        except ReportError:
            continue  # a damaged file is the teacher's to see: never written over
        same_run = (record.header.assignment.digest == assignment.digest
                    and record.header.scenario.digest == assignment.scenario.digest
                    and normalised(record.header.student) == normalised(student))
        if same_run and not record.outcome.finished:
            return HandIn(folder, record)
    raise ReportError(f"{root} holds 999 reports for this student; move some elsewhere")


def check_writable(folder: Path) -> None:
    """Before play: the report folder can be made and written, or a :class:`ReportError`
    says so now, not after an hour of play."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ReportError(f"cannot write the report in {folder}: {error.strerror or error}; "
                          f"check that the folder can be written, or set {REPORTS_ENV} to "
                          "another folder, before you play") from None


def keep_record(folder: Path, record: RunRecord) -> None:
    """The record of a run still being played, after each choice: what continuing needs."""
    from gulag_escape.files import SHARED, write_atomically

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / RECORD_FILE, record.to_json().encode("utf-8"), SHARED)
    except OSError as error:
        raise ReportError(f"cannot keep the run in {folder}: {error.strerror or error}; "
                          "the game goes on, and the report is written again at the end") from None


def write_report(folder: Path, record: RunRecord, scenario: LoadedScenario) -> None:
    """Write the record and the two readable reports, each file atomically."""
    from gulag_escape.files import SHARED, write_atomically  # one atomic writer for all user files
    from gulag_escape.pages.html_page import html_page
    from gulag_escape.pages.markdown_page import markdown_page
    from gulag_escape.teaching.report import build_report, report_document

    document = report_document(build_report(record, scenario))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Handed in and read by others (a teacher, a school's share): readable by all.
        write_atomically(folder / RECORD_FILE, record.to_json().encode("utf-8"), SHARED)
        for name, writer in ((MARKDOWN_FILE, markdown_page), (HTML_FILE, html_page)):
            write_atomically(folder / name, writer(document).encode("utf-8"), SHARED)
    except OSError as error:
        raise ReportError(f"cannot write the report in {folder}: {error.strerror or error}; "
                          f"check that the folder can be written, or set {REPORTS_ENV} to "
                          "another folder") from None
