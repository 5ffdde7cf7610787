"""The run report as a self-contained, printable HTML page (content from :mod:`.report`)."""

from __future__ import annotations

from gulag_escape.teaching.html_page import esc, page, paragraphs
from gulag_escape.teaching.report import (
    CONTENT_CAVEAT,
    AnswerItem,
    Decision,
    Report,
    moment_text,
    odds_text,
)
from gulag_escape.words import EVIDENCE_MEANING


def _facts(items: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in items)
    return f'<dl class="facts">{rows}</dl>'


def _answer(answer: AnswerItem) -> str:
    moment = (f'<p class="moment">At that moment: {esc(moment_text(answer.moment))}</p>'
              if answer.moment else "")
    text = esc(answer.text) if answer.text else '<span class="muted">(no answer)</span>'
    return (f'<div class="answer"><p class="ask">Question {answer.number}: '
            f"{esc(answer.ask)}</p>{moment}<blockquote>{text}</blockquote></div>")


def _decision(decision: Decision) -> str:
    step = decision.step
    odds = odds_text(step)
    line = (f'<span class="scene">Day {step.day}, {esc(step.moment.date)} · '
            f"{esc(step.title)}:</span> <strong>{esc(step.label)}</strong>"
            + (f' <span class="odds">— {esc(odds)}</span>' if odds else ""))
    if not decision.answers:
        return f'<li value="{step.n}">{line}</li>'
    answers = "".join(_answer(a) for a in decision.answers)
    return (f'<li value="{step.n}" class="decision">{line}'
            f'<div class="scene-text">{paragraphs(step.text)}</div>{answers}</li>')


def report_html(report: Report) -> str:
    parts = [f"<header><h1>{esc(report.title)}</h1>",
             f'<p class="byline"><strong>{esc(report.student)}</strong> · '
             f"{esc(report.class_name)} · {esc(report.scenario)}</p>",
             _facts(report.details)]
    if report.content_off:
        parts.append(f'<p class="meta">Content the teacher asked to leave out: '
                     f"{esc('; '.join(report.content_off))}. {esc(CONTENT_CAVEAT)}</p>")
    parts.append("</header>")
    unfinished = "" if report.finished else " (unfinished run)"
    parts += ['<section class="ending">',
              f'<div class="kind">{esc(report.ending_kind)}{esc(unfinished)}</div>',
              f"<h2>{esc(report.ending)}</h2>", paragraphs(report.epilogue),
              _facts([*report.facts, ("Route", " → ".join(report.route))]), "</section>"]
    parts += ["<section><h2>The run</h2>", '<ol class="run">',
              *(_decision(d) for d in report.decisions), "</ol></section>"]
    if report.end_answers or report.unreached:
        parts.append("<section><h2>Questions at the end</h2>")
        parts += [_answer(a) for a in report.end_answers]
        parts += [f'<p class="muted">Not reached in this run: {esc(ask)}</p>'
                  for ask in report.unreached]
        parts.append("</section>")
    parts.append("<section><h2>The history: notes read</h2>")
    for note in report.notes:
        sources = "".join(f"<li>{esc(s)}</li>" for s in note.sources)
        parts.append(f'<article class="note"><h3>{esc(note.title)}</h3>'
                     f'<div class="evidence">{esc(note.evidence)} — '
                     f"{esc(EVIDENCE_MEANING.get(note.evidence, ''))}</div>"
                     f'{paragraphs(note.body)}<ul class="sources">{sources}</ul></article>')
    if not report.notes:
        parts.append('<p class="muted">No notes were opened in this run.</p>')
    parts.append("</section>")
    parts.append("<footer>This page is a reading copy. The record <code>run.json</code> "
                 "beside it is what <code>gulag-escape verify</code> checks by playing the run "
                 f"again. Seal: <code>{esc(report.seal)}</code></footer>")
    return page(f"{report.title} — {report.student}", "\n".join(parts))
