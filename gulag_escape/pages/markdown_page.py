"""A report as Markdown: the tables as they are, the charts as tables with text bars and
sparklines, readable in a terminal, a diff or a code forge.

Text is escaped for Markdown, scenario text included: a title cannot start a link, an
emphasis, an HTML tag or a new table cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from gulag_escape.pages.document import (
    BandChart,
    Block,
    Chart,
    Document,
    Grid,
    Histogram,
    Paragraph,
    StackedBars,
    Table,
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
    """Plain text that Markdown shows as it is, on one line."""
    return escape_markdown(" ".join(text.split()))


def markdown_page(document: Document) -> str:
    """The whole report; the same document always gives the same text."""
    parts = [f"# {escape(document.title)}"]
    for section in document.sections:
        parts.append(f"## {escape(section.title)}")
        parts += [_block(block) for block in section.blocks]
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> str:
    match block:
        case Paragraph(text=text):
            return escape(text)
        case Table():
            return _table(block)
        case Grid(charts=charts) if charts and all(isinstance(c, Histogram) for c in charts):
            return _histograms([c for c in charts if isinstance(c, Histogram)])
        case Grid(charts=charts):
            return "\n\n".join(_chart(chart) for chart in charts)
        case _:
            return _chart(block)


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
    rows = [[f"**{escape(cell.text)}**" if cell.flagged else escape(cell.text) for cell in row]
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
