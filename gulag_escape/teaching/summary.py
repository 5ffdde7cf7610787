"""The class summary: every verified report of a folder in one overview.

Outcomes by kind, days and distance (median and range), the decisions that divided the class,
the notes read, and every answer grouped by question; reports that failed verification are
listed apart with the reason and count in nothing else. Decisions are compared at the same
point: the same scene on the same day when the whole class met the same world (one shared
seed), else the same storylet.

Laid out once as a page (:func:`summary_document`), which is written as Markdown or as a
printable HTML page; or as CSV, one row per report, for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gulag_escape.pages.document import (
    Answer,
    Block,
    Cell,
    Code,
    Document,
    Paragraph,
    Section,
    Span,
    Strong,
    SubHeading,
    Table,
)
from gulag_escape.pages.html_page import html_page
from gulag_escape.pages.markdown_page import markdown_page
from gulag_escape.spread import Spread
from gulag_escape.teaching.record import RunRecord
from gulag_escape.teaching.verify import ScenarioLibrary, Verdict, record_path, verify_file
from gulag_escape.words import ENDING_KINDS, EVIDENCE_MEANING

SHOWN_DECISIONS = 20
"""Divided decisions listed (the most widely reached first)."""


@dataclass(frozen=True)
class DividedDecision:
    scene: str
    title: str
    day: int | None
    """The day, when the class shared one world; None when compared by storylet."""
    reached: int
    counts: list[tuple[str, int]]
    """(choice label, students who took it there), most taken first."""


@dataclass(frozen=True)
class AnswerLine:
    student: str
    text: str
    context: str
    """The decision it belongs to, e.g. "choice 12: Go under the wire (day 40)"."""


@dataclass(frozen=True)
class QuestionAnswers:
    id: str
    ask: str
    answers: list[AnswerLine]
    missing: int
    """Verified reports without an answer to it."""


@dataclass(frozen=True)
class ClassSummary:
    title: str
    verified: list[Verdict]
    failed: list[Verdict]
    outcomes: list[tuple[str, int]]
    endings: list[tuple[str, str, int]]
    """(kind, ending title, count)."""
    days: Spread | None
    km: Spread | None
    shared_world: bool
    decisions: list[DividedDecision]
    notes: list[tuple[str, str, int]]
    """(title, evidence, reports that opened it)."""
    questions: list[QuestionAnswers]


def report_files(folder: Path) -> list[Path]:
    """Every record under ``folder``: report folders' ``run.json`` and loose JSON files."""
    return sorted({record_path(p) for p in folder.rglob("*.json") if p.is_file()})


def summarise_folder(folder: Path, library: ScenarioLibrary) -> ClassSummary:
    """Verify every record in ``folder`` (named relative to it) and summarise them."""
    return summarise([verify_in(folder, path, library) for path in report_files(folder)])


def verify_in(folder: Path, path: Path, library: ScenarioLibrary) -> Verdict:
    """One record of ``folder`` verified, named as the summary names it: relative to it."""
    return verify_file(path, library, path.relative_to(folder).as_posix())


def summarise(verdicts: list[Verdict]) -> ClassSummary:
    good = [v for v in verdicts if v.ok and v.record is not None and v.replay is not None]
    failed = [v for v in verdicts if v not in good]
    records = [v.record for v in good if v.record is not None]
    finished = [r for r in records if r.outcome.finished]
    titles = Counter(f"{r.header.assignment.title} · {r.header.assignment.class_name}"
                     for r in records)
    seeds = {(r.header.scenario.digest, r.header.seed) for r in records}
    shared = len(seeds) == 1 and all(r.header.seed_mode == "shared" for r in records)
    outcomes = Counter(ENDING_KINDS.get(r.outcome.kind or "", r.outcome.kind or "")
                       for r in finished)
    outcomes.update({"unfinished": len(records) - len(finished)} if len(finished) < len(records)
                    else {})
    return ClassSummary(
        title=titles.most_common(1)[0][0] if titles else "Class summary",
        verified=good, failed=failed,
        outcomes=_ranked(outcomes),
        endings=_endings(good),
        days=Spread.of(float(r.outcome.days) for r in finished) if finished else None,
        km=Spread.of(r.outcome.km for r in finished) if finished else None,
        shared_world=shared,
        decisions=_divided(good, shared),
        notes=_notes(good),
        questions=_answers(good),
    )


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _endings(good: list[Verdict]) -> list[tuple[str, str, int]]:
    counter: Counter[tuple[str, str]] = Counter()
    for verdict in good:
        assert verdict.replay is not None
        ending = verdict.replay.game.view().ending
        if ending is not None:
            counter[(ENDING_KINDS.get(ending.kind, ending.kind), ending.title)] += 1
    return [(kind, title, n) for (kind, title), n in
            sorted(counter.items(), key=lambda item: (-item[1], item[0]))]


def _divided(good: list[Verdict], shared: bool) -> list[DividedDecision]:
    """Points several students reached where they did not all choose alike.

    A day's plan is the same decision only at the same place (or the same point of a leg):
    its title, which names where the day was spent, is part of the point.
    """
    takers: dict[tuple[str, int | None, str], dict[str, set[str]]] = {}
    titles: dict[tuple[str, int | None, str], str] = {}
    for verdict in good:
        assert verdict.replay is not None
        for step in verdict.replay.steps:
            if not shared and not step.scene.startswith("storylet:"):
                continue
            key = (step.scene, step.day if shared else None,
                   step.title if step.scene.startswith("plan:") else "")
            takers.setdefault(key, {}).setdefault(step.label, set()).add(verdict.source)
            titles.setdefault(key, step.title)
    result = []
    for key, by_label in takers.items():
        reached = len(set().union(*by_label.values()))
        if reached < 2 or len(by_label) < 2:
            continue
        counts = sorted(((label, len(who)) for label, who in by_label.items()),
                        key=lambda item: (-item[1], item[0]))
        result.append(DividedDecision(key[0], titles[key], key[1], reached, counts))
    return sorted(result, key=lambda d: (-d.reached, d.day or 0, d.scene, d.title))


def _notes(good: list[Verdict]) -> list[tuple[str, str, int]]:
    counter: Counter[str] = Counter()
    info: dict[str, tuple[str, str]] = {}
    for verdict in good:
        assert verdict.replay is not None and verdict.record is not None
        notes = {n.id: n for n in verdict.replay.game.scenario.model.notes}
        for note_id in verdict.record.outcome.notes:
            counter[note_id] += 1
            info.setdefault(note_id, (notes[note_id].title, notes[note_id].evidence))
    return [(*info[n], count) for n, count in
            sorted(counter.items(), key=lambda item: (-item[1], info[item[0]][0]))]


def _answers(good: list[Verdict]) -> list[QuestionAnswers]:
    asks: dict[str, str] = {}
    lines: dict[str, list[AnswerLine]] = {}
    for verdict in sorted(good, key=lambda v: _student(v.record)):
        record, played = verdict.record, verdict.replay
        assert record is not None and played is not None
        for question in record.header.questions:
            asks.setdefault(question.id, question.ask)
        for answer in record.answers:
            context = "at the end"
            if answer.choice is not None:
                step = played.steps[answer.choice - 1]
                context = f"choice {step.n}: {step.label} (day {step.day}, {step.title})"
            lines.setdefault(answer.question, []).append(
                AnswerLine(record.header.student, answer.text, context))
    return [QuestionAnswers(qid, ask, lines.get(qid, []), len(good) - len(lines.get(qid, [])))
            for qid, ask in asks.items()]


def _student(record: RunRecord | None) -> str:
    return record.header.student.casefold() if record else ""


# --- The page -----------------------------------------------------------------------------------


def summary_document(summary: ClassSummary) -> Document:
    """The one description of the page, which the HTML and the Markdown are written from."""
    return Document(summary.title, summary_sections(summary),
                    (Paragraph(verified_words(summary), "byline"),))


def summary_html(summary: ClassSummary) -> str:
    return html_page(summary_document(summary))


def verified_words(summary: ClassSummary) -> str:
    """How many reports count, and how many failed verification: under the page's title."""
    return (f"{len(summary.verified)} reports verified, {len(summary.failed)} failed "
            "verification.")


def summary_sections(summary: ClassSummary) -> tuple[Section, ...]:
    """The summary's sections without the page around them: the teacher's dashboard shows
    them too."""
    outcomes: list[Block] = [
        Table(("Outcome", "Reports"),
              tuple((Cell(k), Cell(str(n), number=True)) for k, n in summary.outcomes),
              compact=True),
        Table(("Ending", "Kind", "Reports"),
              tuple((Cell(t), Cell(k), Cell(str(n), number=True)) for k, t, n in summary.endings),
              compact=True)]
    if summary.days and summary.km:
        outcomes.append(Paragraph(f"Days: {summary.days.text('days')}. "
                                  f"Distance: {summary.km.text('km')}."))
    basis = ("the same scene on the same day (the class shared one world)" if
             summary.shared_world else "the same storylet (students met different worlds)")
    rows = tuple((Cell(_decision_heading(d)), Cell(_counts(d.counts)))
                 for d in summary.decisions[:SHOWN_DECISIONS])
    decisions: list[Block] = [
        Paragraph(f"Compared at {basis}.", "muted"),
        Table(("Decision", "Choices (students)"), rows, compact=True) if rows else
        Paragraph("No decision divided the class.", "muted")]
    if len(summary.decisions) > SHOWN_DECISIONS:
        decisions.append(Paragraph(f"… and {len(summary.decisions) - SHOWN_DECISIONS} more, "
                                   "each reached by fewer students.", "muted"))
    notes = Table(("Note", "Evidence", "Read by"), tuple(
        (Cell(t), Cell(f"{e} — {EVIDENCE_MEANING.get(e, '')}"),
         Cell(f"{n} of {len(summary.verified)}", number=True)) for t, e, n in summary.notes),
        compact=True)
    answers: list[Block] = []
    for question in summary.questions:
        answers.append(SubHeading(question.ask))
        answers += [Answer(line.student, line.context, line.text, compact=True)
                    for line in question.answers]
        if question.missing:
            answers.append(Paragraph(f"{question.missing} report(s) without an answer.", "muted"))
    sections = [Section("Outcomes", tuple(outcomes)),
                Section("Decisions that divided the class", tuple(decisions)),
                Section("Notes read", (notes,)), Section("Answers", tuple(answers))]
    if summary.failed:
        sections.append(Section("Reports that failed verification", (Table(
            ("Report", "Reason"),
            tuple((Cell((Code(v.source),)), Cell(v.message)) for v in summary.failed),
            compact=True),),
            warning=True))
    return tuple(sections)


def _decision_heading(decision: DividedDecision) -> str:
    when = f"day {decision.day}, " if decision.day is not None else ""
    return f"{decision.title} ({when}{decision.reached} students)"


def _counts(counts: list[tuple[str, int]]) -> tuple[Span, ...]:
    """Each choice taken at a decision with its number of students, one a line."""
    spans: list[Span] = []
    for label, n in counts:
        spans += ["\n" if spans else "", f"{label}: ", Strong(str(n))]
    return tuple(spans)


# --- CSV ----------------------------------------------------------------------------------------


def _cell(value: object) -> object:
    """A spreadsheet shows text starting with = + - @ as a formula: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def summary_csv(summary: ClassSummary) -> str:
    """One row per report, verified or not, with each answer in its question's column."""
    question_ids = [q.id for q in summary.questions]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["report", "student", "verified", "reason", "ending", "kind", "days",
                     "days_free", "km", "choices", *question_ids])
    for verdict in [*summary.verified, *summary.failed]:
        record = verdict.record
        if record is None or not verdict.ok:
            student = record.header.student if record else ""
            writer.writerow([_cell(v) for v in (verdict.source, student, "no", verdict.message)])
            continue
        outcome = record.outcome
        answers = {a.question: a.text for a in record.answers}
        writer.writerow([_cell(v) for v in (
            verdict.source, record.header.student, "yes", "", outcome.ending or "",
            outcome.kind or "unfinished", outcome.days, outcome.days_free, f"{outcome.km:g}",
            len(record.choices), *(answers.get(q, "") for q in question_ids))])
    # The byte-order mark makes spreadsheet programs read UTF-8 (Cyrillic names) as such.
    return "\ufeff" + buffer.getvalue()


RENDERERS: dict[str, Callable[[ClassSummary], str]] = {
    "md": lambda summary: markdown_page(summary_document(summary)),
    "html": summary_html,
    "csv": summary_csv,
}
