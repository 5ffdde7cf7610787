"""Text helpers every writer shares: story links, Markdown escaping and tables, month names.

Each existed several times, each copy a little different (four ``[[link]]`` patterns, four
Markdown escapers escaping four sets of characters, three month lists); a fix to one never
reached the others. Here each is defined once. Control characters and terminal escapes are
:mod:`gulag_escape.untrusted`'s business; files are :mod:`gulag_escape.files`'.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

LINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
"""A link in the story markup: ``[[term-id]]``, ``[[term-id|shown words]]`` or
``[[note:id|shown words]]``; group 1 is the target, group 2 the shown words (or None)."""

with calendar.different_locale(("C", None)):
    MONTHS: tuple[str, ...] = tuple(calendar.month_name[1:])
    MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(calendar.month_abbr[1:])
"""January to December (and Jan to Dec), from the standard library under the C locale: a
game's text and generated pages must not change with the machine's language settings."""


def long_date(date: dt.date, year: bool = True) -> str:
    """``1 June 1938`` (``1 June`` without the year): the date as the story, the reports and
    the guides write it.

    Written out rather than by ``strftime("%-d %B")``: ``%B`` follows the locale, and
    ``%-d`` (no leading zero) is a glibc extension that Windows refuses.
    """
    return _date(date, MONTHS, year)


def short_date(date: dt.date, year: bool = True) -> str:
    """``1 Jun 1938`` (``1 Jun``): the date where a line is short, as in the status panel."""
    return _date(date, MONTH_ABBREVIATIONS, year)


def _date(date: dt.date, names: tuple[str, ...], year: bool) -> str:
    day_month = f"{date.day} {names[date.month - 1]}"
    return f"{day_month} {date.year}" if year else day_month


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: every character Markdown (or the HTML inside it)
    could read as markup is escaped, and so is a line start that would begin a list."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    """"- x" and "1. x" would start a list: escape the sign, or the dot after the number."""
    indent, start = match.group(1), match.group(2)
    return f"{indent}{start}\\" if start[0].isdigit() else f"{indent}\\{start}"


def markdown_cell(markdown: str) -> str:
    """Markdown we wrote ourselves (a docstring with its ``code``), kept in its table cell:
    only the pipes are escaped, the rest stays markup. Text from outside wants
    :func:`escape_markdown` instead."""
    return markdown.replace("|", "\\|")


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[str]],
                   numbers: Sequence[bool] = ()) -> str:
    """A pipe table of cells already escaped (:func:`escape_markdown` for text from outside,
    :func:`markdown_cell` for our own Markdown); a column marked in ``numbers`` is
    right-aligned."""
    aligned = [bool(numbers[i]) if i < len(numbers) else False for i in range(len(columns))]
    lines = ["| " + " | ".join(columns) + " |",
             "| " + " | ".join("---:" if right else "---" for right in aligned) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def reflowed(text: str) -> str:
    """Each paragraph on one line, paragraphs apart by a blank line, for a front end to wrap
    at its own width: text from a file keeps the line breaks of the editor it was typed in
    (a teacher's YAML ``|`` block), which would otherwise leave ragged half-lines."""
    return "\n\n".join(" ".join(line.strip(" \t") for line in paragraph.split("\n"))
                        for paragraph in _PARAGRAPH_BREAK.split(text.strip()))

