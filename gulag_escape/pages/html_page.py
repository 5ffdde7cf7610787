"""A page as one self-contained HTML file: inline CSS and SVG, no script, no network.

Reports and class summaries are opened from a USB stick or a school's shared drive, printed,
and filed: the page carries its own stylesheet (with a print stylesheet), loads nothing and
runs nothing (its Content-Security-Policy forbids it). Every piece of text is escaped here,
scenario text and students' answers included, so a title cannot add markup to the page.
Charts, tables and answers are not split across printed pages.
"""

from __future__ import annotations

import re
from html import escape

from gulag_escape.pages.charts import band_chart, histogram, stacked_bars
from gulag_escape.pages.document import (
    Answer,
    Aside,
    BandChart,
    Block,
    Chart,
    Code,
    Document,
    Excerpt,
    Facts,
    Form,
    Grid,
    Histogram,
    Link,
    Note,
    Paragraph,
    Quiet,
    Section,
    Span,
    StackedBars,
    Step,
    Steps,
    Strong,
    SubHeading,
    Table,
    Text,
    paragraphs,
)

STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b60; --rule: #d5d5da;
        --accent: #7a2418; --paper: #fbfaf7; --box: #f1efe9;
        --sans: "DejaVu Sans", Helvetica, Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
       font: 16px/1.5 Georgia, "Times New Roman", serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
main.wide { max-width: 1000px; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
     border-bottom: 1px solid var(--rule); }
h2.warning, .warning { color: #8a1c12; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p { margin: .4rem 0 .8rem; }
.byline { font-size: 1.1rem; margin: 0 0 1rem; }
.muted, .moment, .small, .scene { color: var(--muted); }
.small { font-size: .9rem; }
nav ol { columns: 2; padding-left: 1.2rem; margin: .5rem 0 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
           margin: .5rem 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
section.boxed { background: var(--box); border-left: 4px solid var(--accent);
                padding: .6rem 1rem; margin: 1rem 0; }
section.boxed h2 { margin: .2rem 0 .5rem; padding: 0; border: none; }
.label { text-transform: uppercase; letter-spacing: .06em; font-size: .85rem;
         color: var(--accent); font-weight: bold; }
ol.steps { padding-left: 2.6rem; }
ol.steps > li { margin: .15rem 0; }
ol.steps > li.opened { margin: .6rem 0 1rem; }
.odds { font-style: italic; color: var(--muted); }
.excerpt { font-size: .92rem; color: var(--muted); border-left: 2px solid var(--rule);
           padding-left: .7rem; margin: .4rem 0; }
.answer { background: var(--box); padding: .6rem .9rem; margin: .5rem 0 .9rem;
          border-radius: 3px; break-inside: avoid; }
.answer .ask { font-weight: bold; margin: 0 0 .2rem; }
.answer .moment { font-size: .85rem; margin: 0 0 .4rem; }
.answer blockquote { margin: 0; padding: 0; white-space: pre-wrap; }
.note { break-inside: avoid; }
.evidence { font-size: .85rem; text-transform: uppercase; letter-spacing: .05em;
            color: var(--accent); }
.sources { font-size: .9rem; color: var(--muted); padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
main.wide table { width: auto; font: .85rem/1.4 var(--sans); }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;
         border-bottom: 1px solid var(--rule); }
main.wide th, main.wide td { border: 1px solid var(--rule); padding: .2rem .5rem; }
th { font-weight: bold; }
main.wide th { background: var(--box); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.flag { background: #fbe3e0; color: #8b1a10; font-weight: bold; }
main.wide tbody tr:nth-child(even) td:not(.flag) { background: #f6f4ef; }
figure { margin: .75rem 0 1.25rem; }
svg { max-width: 100%; height: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
        gap: .5rem 1.5rem; }
.grid figure { margin: .5rem 0; }
form input { font-size: 1.2rem; width: 100%; }
form button { font-size: 1.1rem; }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted);
         border-top: 1px solid var(--rule); padding-top: .6rem; }
code { font-size: .8rem; word-break: break-all; }
@media print {
  @page { margin: 18mm 16mm; }
  body { background: white; font-size: 11pt; }
  main, main.wide { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  section.boxed, .answer { background: none; border: 1px solid #999; }
  a { color: inherit; text-decoration: none; }
}
"""
"""The one stylesheet of every page: prose in a reading column; a page with charts (an
authors' report) set wide, its tables ruled and in a sans-serif font for the numbers."""

CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
"""Nothing loaded, nothing run: the page's own inline stylesheet only."""


def html_page(document: Document) -> str:
    """The whole page; the same document always gives the same text."""
    wide = any(isinstance(block, (StackedBars, Histogram, BandChart, Grid))
               for section in document.sections for block in section.blocks)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">',
        f"<title>{escape(document.tab or document.title)}</title>",
        f"<style>{STYLE}</style></head>",
        '<body><main class="wide">' if wide else "<body><main>",
        f"<header><h1>{escape(document.title)}</h1>",
        *(_block(block) for block in document.intro),
    ]
    if document.contents:
        parts += ["<nav><ol>",
                  *(f'<li><a href="#{_anchor(s.title)}">{escape(s.title)}</a></li>'
                    for s in document.sections if s.title),
                  "</ol></nav>"]
    parts.append("</header>")
    parts += [_section(section, document.contents) for section in document.sections]
    if document.footer:
        parts.append(f"<footer>{_text(document.footer)}</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _section(section: Section, anchored: bool) -> str:
    anchor = f' id="{_anchor(section.title)}"' if anchored and section.title else ""
    boxed = ' class="boxed"' if section.label else ""
    label = f'<div class="label">{escape(section.label)}</div>' if section.label else ""
    warning = ' class="warning"' if section.warning else ""
    heading = f"<h2{warning}>{escape(section.title)}</h2>" if section.title else ""
    return "\n".join([f"<section{anchor}{boxed}>{label}{heading}",
                      *(_block(block) for block in section.blocks), "</section>"])


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _text(text: Text) -> str:
    """A line in its styles; its line breaks kept."""
    if isinstance(text, str):
        return escape(text).replace("\n", "<br>")
    return "".join(_span(span) for span in text)


def _span(span: Span) -> str:
    match span:
        case str():
            return escape(span).replace("\n", "<br>")
        case Strong(text=text):
            return f"<strong>{escape(text)}</strong>"
        case Code(text=text):
            return f"<code>{escape(text)}</code>"
        case Quiet(text=text):
            return f'<span class="muted">{escape(text)}</span>'
        case Aside(text=text):
            return f'<span class="odds">{escape(text)}</span>'
        case Link(text=text, path=path):
            return f'<a href="{escape(path)}">{escape(text)}</a>'


def _paragraphs(text: str) -> str:
    return "".join(_block(paragraph) for paragraph in paragraphs(text))


def _block(block: Block) -> str:
    match block:
        case Paragraph(text=text, tone=tone):
            attribute = f' class="{tone}"' if tone else ""
            return f"<p{attribute}>{_text(text)}</p>"
        case Table():
            return _table(block)
        case Grid(charts=charts):
            return '<div class="grid">' + "".join(_figure(c) for c in charts) + "</div>"
        case SubHeading(text=text):
            return f"<h3>{escape(text)}</h3>"
        case Facts(items=items):
            return ('<dl class="facts">' + "".join(
                f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in items)
                + "</dl>")
        case Excerpt(text=text):
            return f'<div class="excerpt">{_paragraphs(text)}</div>'
        case Answer():
            return _answer(block)
        case Note():
            return _note(block)
        case Steps(steps=steps):
            return '<ol class="steps">' + "\n".join(map(_step, steps)) + "</ol>"
        case Form():
            return _form(block)
        case _:
            return _figure(block)


def _step(step: Step) -> str:
    """One numbered item under its own number; an opened one is set apart from the rest."""
    return (f'<li value="{step.number}"' + (' class="opened">' if step.blocks else ">")
            + _text(step.line) + "".join(_block(block) for block in step.blocks) + "</li>")


def _answer(answer: Answer) -> str:
    moment = f'<p class="moment">{escape(answer.moment)}</p>' if answer.moment else ""
    text = (escape(answer.text) if answer.text
            else '<span class="muted">(no answer)</span>')
    return (f'<div class="answer"><p class="ask">{escape(answer.heading)}</p>{moment}'
            f"<blockquote>{text}</blockquote></div>")


def _note(note: Note) -> str:
    sources = "".join(f"<li>{escape(source)}</li>" for source in note.sources)
    return (f'<article class="note"><h3>{escape(note.title)}</h3>'
            f'<div class="evidence">{escape(note.evidence)}</div>'
            f'{_paragraphs(note.body)}<ul class="sources">{sources}</ul></article>')


def _form(form: Form) -> str:
    return (f'<form method="post" action="{escape(form.path)}">'
            f'<p><label for="{escape(form.field)}">{escape(form.label)}</label></p>'
            f'<p><input id="{escape(form.field)}" name="{escape(form.field)}" '
            f'maxlength="{form.max_length}" required autofocus autocomplete="name"></p>'
            f'<p><button type="submit">{escape(form.button)}</button></p></form>')


def _figure(chart: Chart) -> str:
    match chart:
        case StackedBars():
            svg = stacked_bars(chart)
        case Histogram():
            svg = histogram(chart)
        case BandChart():
            svg = band_chart(chart)
    return f"<figure>{svg}</figure>"


def _table(table: Table) -> str:
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    numbers = [any(row[i].number for row in table.rows) for i in range(len(table.columns))]
    head = "".join(f'<th class="n">{escape(column)}</th>' if number
                   else f"<th>{escape(column)}</th>"
                   for column, number in zip(table.columns, numbers, strict=True))
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            classes = " ".join(name for name, on in (("n", cell.number), ("flag", cell.flagged))
                               if on)
            attribute = f' class="{classes}"' if classes else ""
            cells.append(f"<td{attribute}>{_text(cell.text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>"
            + "\n".join(rows) + "</tbody></table>")
