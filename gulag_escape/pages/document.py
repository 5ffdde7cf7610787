"""A written page as plain data: sections of paragraphs, tables, charts and the teachers' blocks.

:mod:`~gulag_escape.simulation.contents` decides what an authors' report says, and
:mod:`~gulag_escape.teaching` what a run report, a class summary or the dashboard says; the
writers decide how it looks (:mod:`~gulag_escape.pages.html_page` draws the charts as SVG,
:mod:`~gulag_escape.pages.markdown_page` as tables with text bars, and the terminal
prints the tables with Rich). All text here is plain and unescaped: each writer escapes it
for its own format, so no page builder ever writes markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Strong:
    """Words set in bold inside a line: the choice taken, a student's name, a count."""

    text: str


@dataclass(frozen=True)
class Code:
    """A file name, a command or a seal, set in a fixed-width font."""

    text: str


@dataclass(frozen=True)
class Quiet:
    """Words set back in grey: where a decision was taken, a missing answer."""

    text: str


@dataclass(frozen=True)
class Aside:
    """Words set back in grey italics after a line: the odds of a choice."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link to another page of the same site (a path starting with ``/``), never elsewhere."""

    text: str
    path: str

    def __post_init__(self) -> None:
        check_on_site(self.path)


_ON_SITE = re.compile(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*")
"""A path from the site's root: browsers read a backslash as a slash and drop tabs and line
breaks, so a backslash or a tab after the first slash would lead to another host."""


def check_on_site(path: str) -> None:
    """Refuse a path that leaves the site (a scheme, another host): pages link nowhere else."""
    if not _ON_SITE.fullmatch(path):
        raise ValueError(f"a page links only within its own site, not to {path!r}")


Span = str | Strong | Code | Quiet | Aside | Link
Text = str | tuple[Span, ...]
"""A line of plain words, or of words in their styles. A line break starts a new line in
HTML; Markdown keeps a line (a table cell, a list item) on one line, so it shows a space, or
a semicolon between the lines of a compact table's cell."""


def plain(text: Text) -> str:
    """The words of ``text`` without their styles, for writers that have none (a terminal)."""
    return text if isinstance(text, str) else "".join(
        span if isinstance(span, str) else span.text for span in text)


@dataclass(frozen=True)
class Cell:
    """One table cell."""

    text: Text
    number: bool = False
    """Aligned right."""
    flagged: bool = False
    """Needs an author's eye: a storylet never reached, a band that fails."""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    compact: bool = False
    """A short row reads as a line: Markdown writes a list under the columns' names, one
    item per row ("**first** (middle, …): last"), which a text editor shows better than a
    pipe table. HTML sets it as a table all the same."""


@dataclass(frozen=True)
class Paragraph:
    text: Text
    tone: Literal["", "byline", "muted", "small", "warning"] = ""
    """How the paragraph stands out: the byline under a title, words set back in grey,
    small print, or a warning in red."""


@dataclass(frozen=True)
class SubHeading:
    """A heading inside a section: a question whose answers follow."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Labelled values side by side: who played what, how a run ended."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Excerpt:
    """Text quoted from the story (the scene where a decision was taken), blank-line
    separated paragraphs set back from the page's own words."""

    text: str


@dataclass(frozen=True)
class Answer:
    """A student's written answer with what it answers: the question (or the student, on a
    page of one question's answers) and the moment it was given."""

    heading: str
    moment: str
    text: str
    """Empty when the question was left unanswered."""
    compact: bool = False
    """One of many answers in a row (a class's answers to one question): Markdown writes
    it as a list item, "heading (moment): text", the answers in a row one list. HTML sets
    it as any answer."""


@dataclass(frozen=True)
class Note:
    """A historical note as a reader opened it: its evidence in words, body and sources."""

    title: str
    evidence: str
    """The kind of evidence and what it means: "documented — archives and scholarship"."""
    body: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One numbered step of a run; ``blocks`` (the scene, the answers) show under the
    decisions that have them."""

    number: int
    line: Text
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Steps:
    """A run's decisions in order, each under its own number (numbers may skip)."""

    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Form:
    """A one-field form posted to a path of the same site: a student types their name."""

    path: str
    label: str
    field: str
    max_length: int
    button: str

    def __post_init__(self) -> None:
        check_on_site(self.path)


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


Block = (Paragraph | Table | Chart | Grid | SubHeading | Facts | Excerpt | Answer | Note
         | Steps | Form)


@dataclass(frozen=True)
class Section:
    title: str
    """Empty for a page's one untitled part (the form a student fills in)."""
    blocks: tuple[Block, ...]
    label: str = ""
    """A small line over the title (an ending's kind): the section is then set in a box."""
    warning: bool = False
    """The title is a warning: reports that failed verification."""


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]
    intro: tuple[Block, ...] = ()
    """Under the title, before the first section: the byline and the facts of a run."""
    footer: Text = ""
    """Small print at the end: what the page is a copy of."""
    contents: bool = False
    """List the sections, linked, under the title: a long report read on screen."""
    tab: str = ""
    """The browser tab's title when it says more than the heading (the student's name)."""


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Story text's blank-line separated paragraphs; single line breaks kept."""
    return tuple(Paragraph(part) for part in text.split("\n\n") if part.strip())
