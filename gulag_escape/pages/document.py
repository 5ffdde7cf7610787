"""A written report as plain data: sections of paragraphs, tables and charts.

:mod:`~gulag_escape.simulation.contents` decides what a report says; the writers decide how
it looks (:mod:`~gulag_escape.pages.html_page` draws the charts as SVG,
:mod:`~gulag_escape.pages.markdown_page` as tables with text bars, and the terminal
prints the tables with Rich). All text here is plain and unescaped: each writer escapes it
for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One table cell."""

    text: str
    number: bool = False
    """Aligned right."""
    flagged: bool = False
    """Needs an author's eye: a storylet never reached, a band that fails."""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class StackedBars:
    """Horizontal bars, one per row, each split into the legend's parts (ending kinds)."""

    title: str
    legend: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float, ...]], ...]
    """(label, one value per legend entry)."""
    unit: str
    """``%`` (each row adds up to 100) or ``games``."""


@dataclass(frozen=True)
class Histogram:
    title: str
    x_label: str
    edges: tuple[int, ...]
    """Bin ``i`` holds values from ``edges[i]`` up to, not including, ``edges[i + 1]``."""
    counts: tuple[int, ...]
    y_max: int
    """The top of the scale, shared by the histograms set side by side."""


@dataclass(frozen=True)
class Band:
    """One body number by day of the run: its median and the p10–p90 band around it."""

    name: str
    days: tuple[int, ...]
    median: tuple[float, ...]
    p10: tuple[float, ...]
    p90: tuple[float, ...]
    games: tuple[int, ...]
    """Games still on the run each day."""


@dataclass(frozen=True)
class BandChart:
    title: str
    bands: tuple[Band, ...]
    x_max: int
    """The last day on the scale, shared by the charts set side by side."""


Chart = StackedBars | Histogram | BandChart


@dataclass(frozen=True)
class Grid:
    """Charts of the same kind and scale, set side by side where the page is wide enough."""

    charts: tuple[Chart, ...]


Block = Paragraph | Table | Chart | Grid


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]
