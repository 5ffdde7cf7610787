"""A page as Markdown: the tables as they are (a compact one as a list), the charts as tables
with text bars and sparklines, readable in a terminal, a text editor, a diff or a code forge.

Text is escaped for Markdown, scenario text and answers included: a title cannot start a
link, an emphasis, an HTML tag or a new table cell; an answer cannot end its quotation
or leave its list item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gulag_escape.pages.document import (
    Answer,
    Aside,
    BandChart,
    Block,
    Cell,
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
    parts = [f"# {escape(document.title)}", *_blocks(document.intro)]
    for section in document.sections:
        parts += _section(section)
    if document.footer:
        parts += ["---", _text(document.footer)]
    return "\n\n".join(parts) + "\n"


def _section(section: Section) -> list[str]:
    label = f" — {escape(section.label)}" if section.label else ""
    heading = [f"## {escape(section.title)}{label}"] if section.title else []
    return [*heading, *_blocks(section.blocks)]


def _blocks(blocks: Sequence[Block]) -> list[str]:
    """Each block's Markdown, to be set a blank line apart; compact answers in a row are one
    list, a line apart, as a blank line between items would space the list out."""
    parts: list[str] = []
    for index, block in enumerate(blocks):
        if index and _listed(block) and _listed(blocks[index - 1]):
            parts[-1] += "\n" + _block(block)
        else:
            parts.append(_block(block))
    return parts


def _listed(block: Block) -> bool:
    return isinstance(block, Answer) and block.compact


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
        # A code span cannot escape a backtick, nor a pipe in a table cell: such text is
        # shown escaped instead.
        case Code(text=text) if not {"`", "|"} & set(text) and text.strip():
            return f"`{' '.join(text.split())}`"
        case Code(text=text) | Link(text=text) | Quiet(text=text) | Aside(text=text):
            return escape(text)  # grey has no Markdown of its own


def _lines(text: Text) -> list[tuple[Span, ...]]:
    """``text`` cut at its line breaks, each line in its styles."""
    lines: list[list[Span]] = [[]]
    for span in (text,) if isinstance(text, str) else text:
        if isinstance(span, str):
            first, *rest = span.split("\n")
            lines[-1].append(first)
            lines += [[part] for part in rest]
        else:
            lines[-1].append(span)
    return [tuple(line) for line in lines]


def _quote(text: str) -> list[str]:
    """Every line of ``text`` quoted, blank lines included, so a paragraph cannot end it."""
    return [f"> {escape(line)}" if line.strip() else ">" for line in text.splitlines()]


def _block(block: Block) -> str:
    match block:
        case Paragraph(text=text, tone=tone):
            return f"*{_text(text)}*" if tone in ("muted", "small") else _text(text)
        case Table(compact=True):
            return _list(block)
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
        case Answer(compact=True):
            return _answer_item(block)
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
        marker = f"{step.number}. "
        lines.append(f"{marker}{_text(step.line)}")
        # CommonMark keeps a block in the item only if it is indented as far as the item's
        # text starts: three spaces under "9. ", four under "10. ".
        indent = " " * len(marker)
        for part in _blocks(step.blocks):
            lines += ["", *(f"{indent}{line}" if line else "" for line in part.split("\n"))]
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


def _answer_item(answer: Answer) -> str:
    """An answer as one list item: its lines kept (a blank one starts a paragraph), each
    indented under the item so that none can leave it."""
    body: list[str] = []
    for line in map(escape, answer.text.splitlines()):
        if line and body and body[-1]:
            body[-1] += "  "  # Markdown's line break
        if line or (body and body[-1]):
            body.append(line)
    if body and not body[-1]:
        body.pop()
    first, *rest = body or ["*(no answer)*"]
    moment = f" ({escape(answer.moment)})" if answer.moment else ""
    return "\n".join([f"- **{escape(answer.heading)}**{moment}: {first}",
                      *(f"  {line}" if line else "" for line in rest)])


def _table(table: Table) -> str:
    numbers = [any(row[i].number for row in table.rows) for i in range(len(table.columns))]
    rows = [[_bold(_text(cell.text), cell.flagged) for cell in row] for row in table.rows]
    text = markdown_table([escape(column) for column in table.columns], rows, numbers)
    return f"*{escape(table.caption)}*\n\n{text}" if table.caption else text


def _bold(text: str, bold: bool) -> str:
    return f"**{text}**" if bold else text


def _list(table: Table) -> str:
    """A compact table: under its columns' names, one item per row in the same shape."""
    names = [table.columns[0], *(_lowered(name) for name in table.columns[1:])]
    items = [f"- {_row_line([_item_cell(cell, index == 0) for index, cell in enumerate(row)])}"
             for row in table.rows]
    return "\n\n".join([*([f"*{escape(table.caption)}*"] if table.caption else []),
                         f"*{_row_line([escape(name) for name in names])}*",
                         "\n".join(items) or "*(none)*"])


def _lowered(name: str) -> str:
    """A column's name inside a line: "Read by" as "read by", an acronym as it is."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _item_cell(cell: Cell, label: bool) -> str:
    """A cell on its list item's one line: its lines (the choices at a decision) a semicolon
    apart; the row's label, its first cell, in bold like a compact answer's student, unless
    it has styles of its own (a file name in code)."""
    line = "; ".join(part for part in (_text(each).strip() for each in _lines(cell.text)) if part)
    return _bold(line, cell.flagged or (label and isinstance(cell.text, str)))


def _row_line(parts: Sequence[str]) -> str:
    """"first (middle, …): last", a row of a compact table or its columns' names."""
    if len(parts) < 2:
        return "".join(parts)
    middle = [part for part in parts[1:-1] if part]
    return parts[0] + (f" ({', '.join(middle)})" if middle else "") + f": {parts[-1]}"


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
