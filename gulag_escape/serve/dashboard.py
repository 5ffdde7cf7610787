"""The teacher's dashboard: who is playing, where each run stands, and the class summary.

Everything comes from the reports folder, the same files ``verify`` and ``class-summary``
read: a run is kept there after every choice, so the folder is the live state of the class.
Each record is verified (replayed) once per change of its file; the summary is the one
``class-summary`` writes (:func:`~gulag_escape.teaching.summary.summary_sections`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gulag_escape.errors import ReportError
from gulag_escape.markup import to_plain
from gulag_escape.pages.document import Cell, Document, Paragraph, Section, Strong, Table
from gulag_escape.pages.html_page import html_page
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.record import read_record
from gulag_escape.teaching.replay import Moment
from gulag_escape.teaching.students import normalised
from gulag_escape.teaching.summary import (
    report_files,
    summarise,
    summary_sections,
    verified_words,
    verify_in,
)
from gulag_escape.teaching.verify import ScenarioLibrary, Verdict
from gulag_escape.words import ENDING_KINDS

REFRESH_SECONDS = 10
"""How often the dashboard page reloads itself."""


@dataclass(frozen=True)
class Progress:
    """One run as the teacher sees it on the dashboard."""

    student: str
    state: str
    """"playing", "finished", "left unfinished" or "failed verification"."""
    day: int | None
    where: str
    choices: int
    answers: int
    outcome: str
    """The ending (kind and title) of a finished run; why a record failed verification."""


def progress_of(verdict: Verdict, playing: set[str]) -> Progress:
    """Where one run stands; ``playing`` holds the normalised names of the open tabs."""
    record = verdict.record
    student = record.header.student if record is not None else verdict.source
    live = normalised(student) in playing
    if record is None or verdict.replay is None or not verdict.ok:
        return Progress(student, "playing" if live else "failed verification", None, "",
                        len(record.choices) if record else 0,
                        len(record.answers) if record else 0, verdict.message)
    view = verdict.replay.game.view()
    terms = {t.id: t.term for t in verdict.replay.game.scenario.model.glossary}
    moment = Moment.of(view.status, terms)
    ending = view.ending
    outcome = (f"{ENDING_KINDS.get(ending.kind, ending.kind)}: {to_plain(ending.title, terms)}"
               if ending is not None else "")
    state = "playing" if live else "finished" if record.outcome.finished else "left unfinished"
    return Progress(student, state, moment.day, moment.where, len(record.choices),
                    len(record.answers), outcome)


def has_finished(reports: Path, assignment: LoadedAssignment, student: str) -> bool:
    """Whether the folder holds a finished run of this assignment by this student."""
    for path in report_files(reports) if reports.is_dir() else []:
        try:
            header, outcome = (record := read_record(path)).header, record.outcome
        except ReportError:
            continue
        if (outcome.finished and header.assignment.digest == assignment.digest
                and normalised(header.student) == normalised(student)):
            return True
    return False


@dataclass
class Dashboard:
    """The reports folder watched for the dashboard; each record verified once per change."""

    reports: Path
    library: ScenarioLibrary
    _verdicts: dict[Path, tuple[tuple[int, int], Verdict]] = field(default_factory=dict)

    def verdicts(self) -> list[Verdict]:
        """Every record of the folder, verified; unchanged files are not replayed again."""
        found: dict[Path, tuple[tuple[int, int], Verdict]] = {}
        for path in report_files(self.reports) if self.reports.is_dir() else []:
            try:
                stat = path.stat()
            except OSError:
                continue  # written over between the listing and now: next refresh
            stamp = (stat.st_mtime_ns, stat.st_size)
            cached = self._verdicts.get(path)
            found[path] = cached if cached and cached[0] == stamp else (
                stamp, verify_in(self.reports, path, self.library))
        self._verdicts = found
        return [verdict for _, verdict in found.values()]

    def html(self, title: str, playing: Sequence[str]) -> str:
        """The whole dashboard page, for the names of the students in an open tab now."""
        verdicts = self.verdicts()
        live = {normalised(name) for name in playing}
        rows = sorted((progress_of(v, live) for v in verdicts),
                      key=lambda p: (p.state != "playing", normalised(p.student)))
        with_report = {normalised(row.student) for row in rows}
        starting = [name for name in playing if normalised(name) not in with_report]
        byline, section = progress_section(rows, starting)
        summary = summarise(verdicts) if verdicts else None
        return html_page(Document(
            title, (section, *(summary_sections(summary) if summary else ())),
            (byline, *((Paragraph((Strong(summary.title), " · ", verified_words(summary))),)
                       if summary else ())), tab=f"Dashboard: {title}"))


def progress_section(rows: list[Progress],
                     starting: list[str]) -> tuple[Paragraph, Section]:
    """How many play and have finished, and the table of runs with the students who opened
    the game but have not chosen yet."""
    now = dt.datetime.now().strftime("%H:%M:%S")
    playing = sum(row.state == "playing" for row in rows) + len(starting)
    finished = sum(row.state == "finished" for row in rows)
    cells = [(Cell(row.student), Cell(row.state),
              Cell("" if row.day is None else str(row.day), number=True), Cell(row.where),
              Cell(str(row.choices), number=True), Cell(str(row.answers), number=True),
              Cell(row.outcome)) for row in rows]
    cells += [(Cell(name), Cell("playing"), Cell("", number=True), Cell("(not started yet)"),
               Cell("0", number=True), Cell("0", number=True), Cell("")) for name in starting]
    table = (Table(("Student", "State", "Day", "Where", "Choices", "Answers", "Outcome"),
                   tuple(cells)) if cells
             else Paragraph("No student has started yet.", "muted"))
    byline = Paragraph(f"{playing} playing, {finished} finished · updated {now}, every "
                       f"{REFRESH_SECONDS} s", "byline")
    return byline, Section("The class now", (table,))
