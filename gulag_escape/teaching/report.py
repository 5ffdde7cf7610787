"""The run report's content, read from a record and its replay, and its Markdown form.

:func:`build_report` gathers everything a reader needs — who played what, each decision in
its scene with the odds in words and how a check fell, the answers beside the decisions
they belong to with the state at that moment, the route, the ending and the notes read —
from the record and a replay of it (never from the front end's memory), so a report can be
rebuilt on any machine. :func:`report_document` lays it out as a typed page, which
:mod:`~gulag_escape.pages.html_page` and :mod:`~gulag_escape.pages.markdown_page` write.

Scenario text and answers come from strangers: the writers escape every word, and nothing
here writes markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from gulag_escape.engine.view import format_source
from gulag_escape.markup import to_plain
from gulag_escape.pages.document import (
    Answer,
    Aside,
    Block,
    Code,
    Document,
    Excerpt,
    Facts,
    Note,
    Paragraph,
    Quiet,
    Section,
    Span,
    Steps,
    Strong,
    paragraphs,
)
from gulag_escape.pages.document import Step as PageStep
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.teaching.record import RunRecord
from gulag_escape.teaching.replay import Moment, Step, replay
from gulag_escape.words import CAUSES, ENDING_KINDS, EVIDENCE_MEANING

CONTENT_CAVEAT = ("The game cannot remove a whole category from the story: it plays at the "
                  "mild level, which leaves out the graphic details of every category.")


@dataclass(frozen=True)
class AnswerItem:
    number: int
    question: str
    ask: str
    text: str
    moment: Moment | None
    """The state at the decision it belongs to; None for a question asked at the end."""


@dataclass(frozen=True)
class Decision:
    step: Step
    answers: list[AnswerItem]


@dataclass(frozen=True)
class NoteItem:
    title: str
    evidence: str
    body: str
    sources: list[str]


@dataclass(frozen=True)
class Report:
    """Everything the report shows, as plain text ready to be escaped by its renderer."""

    title: str
    class_name: str
    student: str
    scenario: str
    details: list[tuple[str, str]]
    """(label, value) lines: scenario version, seed, profile, content, engine..."""
    content_off: list[str]
    finished: bool
    ending: str
    ending_kind: str
    epilogue: str
    facts: list[tuple[str, str]]
    """Days, distance, cause, loads."""
    route: list[str]
    decisions: list[Decision]
    end_answers: list[AnswerItem]
    unreached: list[str]
    """Questions tied to decisions this run never came to."""
    notes: list[NoteItem]
    seal: str
    """The last hash of the record's chain: names this exact record."""


def build_report(record: RunRecord, scenario: LoadedScenario) -> Report:
    header = record.header
    model = scenario.model
    terms = {t.id: t.term for t in model.glossary}
    steps = replay(scenario, header.seed, header.profile, header.content,
                   [c.id for c in record.choices]).steps
    asks = {q.id: q.ask for q in header.questions}
    by_choice: dict[int | None, list[AnswerItem]] = {}
    for answer in record.answers:
        step = steps[answer.choice - 1] if answer.choice and answer.choice <= len(steps) else None
        by_choice.setdefault(answer.choice, []).append(AnswerItem(
            answer.n, answer.question, asks.get(answer.question, answer.question), answer.text,
            step.moment if step else None))
    answered = {a.question for a in record.answers}
    outcome = record.outcome
    ending = next((e for e in model.endings if e.id == outcome.ending), None)
    places = {p.id: p.name for p in model.places}
    notes = {n.id: n for n in model.notes}
    profiles = {p.id: p.label for p in model.profiles}
    seed_words = ("shared by the class" if header.seed_mode == "shared"
                  else "drawn from the class and the student's name")
    facts = [("Days", f"{outcome.days} ({outcome.days_free} on the run)"),
             ("Distance", f"{outcome.km:.0f} km")]
    cause = CAUSES.get(outcome.cause or "")
    if cause:
        facts.append(("What ended it", cause))
    facts.append(("Saves loaded", str(outcome.loads) if header.allow_loading else
                  "loading was not allowed"))
    return Report(
        title=header.assignment.title,
        class_name=header.assignment.class_name,
        student=header.student,
        scenario=to_plain(model.meta.title, terms),
        details=[
            ("Scenario", f"{header.scenario.title} {header.scenario.version} "
                         f"({header.scenario.id})"),
            ("Seed", f"{header.seed}, {seed_words}"),
            ("Profile", to_plain(profiles.get(header.profile, header.profile), terms)),
            ("Content level", header.content),
            ("Engine", f"Gulag Escape {header.engine_version}"),
        ],
        content_off=[to_plain(model.meta.content_notes.get(c, c), terms)
                     for c in header.content_off],
        finished=outcome.finished,
        ending=to_plain(ending.title, terms) if ending else "Unfinished",
        ending_kind=ENDING_KINDS.get(outcome.kind or "", "Still on the way").lower(),
        epilogue=to_plain(ending.epilogue, terms) if ending else (
            "The student stopped before the end; the run can be continued by playing the "
            "assignment again."),
        facts=facts,
        route=[to_plain(places.get(p, p), terms) for p in outcome.route],
        decisions=[Decision(step, by_choice.get(step.n, [])) for step in steps],
        end_answers=by_choice.get(None, []),
        unreached=[q.ask for q in header.questions
                   if q.id not in answered and (q.storylet or q.choice)],
        notes=[NoteItem(to_plain(notes[n].title, terms), notes[n].evidence,
                        to_plain(notes[n].body, terms),
                        [to_plain(format_source(s)) for s in notes[n].sources])
               for n in outcome.notes if n in notes],
        seal=outcome.hash,
    )


def odds_text(step: Step) -> str:
    """"good chance (72 %): it went your way", "risk: capture 3 %", or "" when nothing was
    left to chance."""
    if step.odds_text is None:
        return step.risk_text or ""
    text = step.odds_text
    if step.check is not None:
        text += ": it went your way" if step.check else ": it went against you"
    return text


def moment_text(moment: Moment) -> str:
    """The state at a decision in one line."""
    body = ", ".join(f"{label} {value:.0f}" for label, value in moment.body)
    with_you = f"; with {', '.join(moment.companions)}" if moment.companions else ""
    return (f"{moment.date} (day {moment.day}), {moment.where}; {body}; food "
            f"{moment.food:.1f} days; pursuit: {moment.pursuit}{with_you}")


# --- The page -----------------------------------------------------------------------------------

def _answer_block(answer: AnswerItem) -> Answer:
    return Answer(f"Question {answer.number}: {answer.ask}",
                  f"At that moment: {moment_text(answer.moment)}" if answer.moment else "",
                  answer.text)


def _step(decision: Decision) -> PageStep:
    step = decision.step
    odds = odds_text(step)
    line: tuple[Span, ...] = (Quiet(f"Day {step.day}, {step.moment.date} · {step.title}:"), " ",
                              Strong(step.label), *((" ", Aside(f"— {odds}")) if odds else ()))
    blocks: tuple[Block, ...] = ((Excerpt(step.text), *map(_answer_block, decision.answers))
                                 if decision.answers else ())
    return PageStep(step.n, line, blocks)


def report_document(report: Report) -> Document:
    """The report as a page: who played what, the ending in a box, the run step by step,
    the answers at the end, the notes read, and the seal that names the record."""
    intro: list[Block] = [
        Paragraph((Strong(report.student), f" · {report.class_name} · {report.scenario}"),
                  "byline"),
        Facts(tuple(report.details))]
    if report.content_off:
        intro.append(Paragraph("Content the teacher asked to leave out: "
                               f"{'; '.join(report.content_off)}. {CONTENT_CAVEAT}", "small"))
    unfinished = "" if report.finished else " (unfinished run)"
    sections = [
        Section(report.ending, (*paragraphs(report.epilogue),
                                Facts((*report.facts, ("Route", " → ".join(report.route))))),
                label=report.ending_kind + unfinished),
        Section("The run", (Steps(tuple(_step(d) for d in report.decisions)),))]
    if report.end_answers or report.unreached:
        sections.append(Section("Questions at the end", (
            *map(_answer_block, report.end_answers),
            *(Paragraph(f"Not reached in this run: {ask}", "muted") for ask in report.unreached))))
    notes = tuple(Note(n.title, f"{n.evidence} — {EVIDENCE_MEANING.get(n.evidence, '')}", n.body,
                       tuple(n.sources)) for n in report.notes)
    sections.append(Section("The history: notes read", notes or (
        Paragraph("No notes were opened in this run.", "muted"),)))
    footer = ("This report is a reading copy. The record ", Code("run.json"), " beside it is what ",
              Code("gulag-escape verify"), " checks by playing the run again. Seal: ",
              Code(report.seal))
    return Document(report.title, tuple(sections), tuple(intro), footer,
                    tab=f"{report.title} — {report.student}")
