"""A page as Markdown: the tables as they are, the charts as tables with text bars and
sparklines, readable in a terminal, a diff or a code forge.

Text is escaped for Markdown, scenario text and answers included: a title cannot start a
link, an emphasis, an HTML tag or a new table cell; an answer cannot end its quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
from gulag_escape.textkit import escape_markdown, markdown_table

BAR_WIDTH = 20
"""Characters of the longest text bar."""
EIGHTHS = " ▏▎▍▌▋▊▉"
SPARKS = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 40
"""Points of a sparkline at most; longer runs are sampled evenly."""
SAMPLED_DAYS = 8
"""Rows of a body table: days sampled evenly over the run."""
def escape(text: str) -> str:
    """Plain text that Markdown shows as it is, on one line; no-break spaces ("60 %") kept."""
    return escape_markdown(" ".join(re.split(r"[ \t\r\n\f\v]+", text.strip(" \t\r\n\f\v"))))


def markdown_page(document: Document) -> str:
    """The whole page; the same document always gives the same text."""
    parts = [f"# {escape(document.title)}", *(_block(block) for block in document.intro)]
    for section in document.sections:
        parts += _section(section)
    if document.footer:
        parts += ["---", _text(document.footer)]
    return "\n\n".join(parts) + "\n"


def _section(section: Section) -> list[str]:
    label = f" — {escape(section.label)}" if section.label else ""
    heading = [f"## {escape(section.title)}{label}"] if section.title else []
    return [*heading, *(_block(block) for block in section.blocks)]


def _text(text: Text) -> str:
    """A line in its styles, on one line."""
    if isinstance(text, str):
        return escape(text)
    return "".join(_span(span) for span in text)


def _span(span: Span) -> str:
    match span:
        case str():
            # escape() trims; the spaces (or line breaks) between spans stay one space.
            lead = " " if span[:1].isspace() else ""
            return lead + escape(span) + (" " if span[-1:].isspace() and span.strip() else "")
        case Strong(text=text):
            return f"**{escape(text)}**"
        case Code(text=text) if "`" not in text and text.strip():
            return f"`{' '.join(text.split())}`"
        case Code(text=text) | Link(text=text) | Quiet(text=text) | Aside(text=text):
            return escape(text)  # grey has no Markdown of its own


def _quote(text: str) -> list[str]:
    """Every line of ``text`` quoted, blank lines included, so a paragraph cannot end it."""
    return [f"> {escape(line)}" if line.strip() else ">" for line in text.splitlines()]


def _block(block: Block) -> str:
    match block:
        case Paragraph(text=text, tone=tone):
            return f"*{_text(text)}*" if tone in ("muted", "small") else _text(text)
        case Table():
            return _table(block)
        case Grid(charts=charts) if charts and all(isinstance(c, Histogram) for c in charts):
            return _histograms([c for c in charts if isinstance(c, Histogram)])
        case Grid(charts=charts):
            return "\n\n".join(_chart(chart) for chart in charts)
        case SubHeading(text=text):
            return f"### {escape(text)}"
        case Facts(items=items):
            return "\n".join(f"- {escape(label)}: {escape(value)}" for label, value in items)
        case Excerpt(text=text):
            return "\n".join(_quote(text))
        case Answer(heading=heading, moment=moment, text=text):
            lines = [f"**{escape(heading)}**", *([f"*{escape(moment)}*"] if moment else [])]
            return "\n\n".join([*lines, "\n".join(_quote(text or "(no answer)"))])
        case Note(title=title, evidence=evidence, body=body, sources=sources):
            return "\n\n".join([f"### {escape(title)}", f"*Evidence: {escape(evidence)}*",
                                  *(_block(p) for p in paragraphs(body)),
                                  *(["\n".join(f"- Source: {escape(s)}" for s in sources)]
                                    if sources else [])])
        case Steps(steps=steps):
            return "\n".join(_step_lines(steps))
        case Form(label=label):
            return escape(label)
        case _:
            return _chart(block)


def _step_lines(steps: Sequence[Step]) -> list[str]:
    """A numbered list keeping each step's own number, its blocks indented under it."""
    lines = []
    for step in steps:
        lines.append(f"{step.number}. {_text(step.line)}")
        for block in step.blocks:
            lines += ["", *(f"   {line}" if line else "" for line in _block(block).split("\n"))]
        if step.blocks:
            lines.append("")  # the next number starts a new item, not a line of the quotation
    return lines[:-1] if lines and not lines[-1] else lines


def _chart(chart: Chart) -> str:
    match chart:
        case StackedBars():
            return _stacked(chart)
        case Histogram():
            return _histograms([chart])
        case BandChart():
            return _bands(chart)


def _table(table: Table) -> str:
    numbers = [any(row[i].number for row in table.rows) for i in range(len(table.columns))]
    rows = [[f"**{_text(cell.text)}**" if cell.flagged else _text(cell.text) for cell in row]
            for row in table.rows]
    text = markdown_table([escape(column) for column in table.columns], rows, numbers)
    return f"*{escape(table.caption)}*\n\n{text}" if table.caption else text


def bar(value: float, top: float) -> str:
    """A text bar, ``BAR_WIDTH`` characters for ``top``, to the eighth of a character."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * BAR_WIDTH * 8))
    return "█" * (eighths // 8) + EIGHTHS[eighths % 8].strip()


def sparkline(values: Sequence[float], low: float = 0.0, high: float = 100.0) -> str:
    if len(values) > SPARK_POINTS:
        values = [values[round(i * (len(values) - 1) / (SPARK_POINTS - 1))]
                  for i in range(SPARK_POINTS)]
    span = (high - low) or 1.0
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, int((v - low) / span * len(SPARKS))))]
                   for v in values)


def _stacked(chart: StackedBars) -> str:
    percent = chart.unit == "%"
    columns = ["", *(escape(name) for name in chart.legend)]
    totals = [sum(values) for _, values in chart.rows]
    top = max(totals, default=0)
    rows = []
    for (label, values), total in zip(chart.rows, totals, strict=True):
        cells = [f"{v:.1f} %" if percent else f"{v:g}" for v in values]
        rows.append([escape(label), *cells, *([] if percent else [f"{total:g}", bar(total, top)])])
    if not percent:
        columns += ["games", ""]
    numbers = [False, *([True] * (len(columns) - 1))]
    return f"**{escape(chart.title)}**\n\n" + markdown_table(columns, rows, numbers)


def _histograms(charts: Sequence[Histogram]) -> str:
    """Histograms on the same bins as one table, a column per chart."""
    first = charts[0]
    top = max(chart.y_max for chart in charts)
    rows = []
    for index, low in enumerate(first.edges[:-1]):
        high = first.edges[index + 1] - 1
        label = f"{low}" if high == low else f"{low}–{high}"
        rows.append([label, *(f"{c.counts[index]} {bar(c.counts[index], top)}".rstrip()
                              for c in charts)])
    columns = [escape(first.x_label), *(escape(c.title) for c in charts)]
    return markdown_table(columns, rows, [False, *([False] * len(charts))])


def _bands(chart: BandChart) -> str:
    lines = [f"**{escape(chart.title)}**", ""]
    bands = [band for band in chart.bands if band.days]
    if not bands:
        return lines[0]
    for band in bands:
        lines.append(f"- {escape(band.name)} (median, day {band.days[0]}–{band.days[-1]}): "
                     f"`{sparkline(band.median)}`")
    first = bands[0]
    picks = sorted({round(i * (len(first.days) - 1) / (SAMPLED_DAYS - 1))
                    for i in range(SAMPLED_DAYS)}) if len(first.days) > 1 else [0]
    rows = [[str(first.days[i]), str(first.games[i]),
             *(f"{b.median[i]:g} ({b.p10[i]:g}–{b.p90[i]:g})" for b in bands)] for i in picks]
    columns = ["day", "games on the run", *(f"{escape(b.name)} median (p10–p90)" for b in bands)]
    lines += ["", markdown_table(columns, rows, [True] * len(columns))]
    return "\n".join(lines)
