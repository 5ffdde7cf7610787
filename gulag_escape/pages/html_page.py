"""A report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Every piece of text is escaped here, scenario text included, so a title cannot add markup
to the page. The page reads the same printed: charts and tables are not split across pages.
"""

from __future__ import annotations

import re
from html import escape

from gulag_escape.pages.charts import band_chart, histogram, stacked_bars
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

STYLE = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 0;
       line-height: 1.4; }
main { max-width: 1000px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid #ccc; }
nav ol { columns: 2; padding-left: 1.2rem; margin: 0; }
table { border-collapse: collapse; margin: 0.75rem 0 1.25rem; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.flag { background: #fbe3e0; color: #8b1a10; font-weight: bold; }
tbody tr:nth-child(even) td:not(.flag) { background: #fafafa; }
figure { margin: 0.75rem 0 1.25rem; }
svg { max-width: 100%; height: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
        gap: 0.5rem 1.5rem; }
.grid figure { margin: 0.5rem 0; }
@media print {
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
}
"""


def html_page(document: Document) -> str:
    """The whole page; the same document always gives the same text."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{STYLE}</style></head>",
        f"<body><main><h1>{escape(document.title)}</h1>",
        "<nav><ol>",
        *(f'<li><a href="#{_anchor(s.title)}">{escape(s.title)}</a></li>'
          for s in document.sections),
        "</ol></nav>",
    ]
    for section in document.sections:
        parts.append(f'<section id="{_anchor(section.title)}"><h2>{escape(section.title)}</h2>')
        parts += [_block(block) for block in section.blocks]
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _block(block: Block) -> str:
    match block:
        case Paragraph(text=text):
            return f"<p>{escape(text)}</p>"
        case Table():
            return _table(block)
        case Grid(charts=charts):
            return '<div class="grid">' + "".join(_figure(c) for c in charts) + "</div>"
        case _:
            return _figure(block)


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
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            classes = " ".join(name for name, on in (("n", cell.number), ("flag", cell.flagged))
                               if on)
            attribute = f' class="{classes}"' if classes else ""
            cells.append(f"<td{attribute}>{escape(cell.text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>"
            + "\n".join(rows) + "</tbody></table>")
