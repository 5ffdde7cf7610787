"""The tiny UI-neutral markup of story text, rendered for Rich or stripped for plain text.

Scenario text comes from strangers: everything that is not our markup is escaped, so a file
cannot inject Rich markup or terminal escape sequences (the models already refuse control
characters; this is the second wall).

Markup: ``_emphasis_``; ``[[term-id]]`` or ``[[term-id|shown words]]`` links a glossary term;
``[[note:id|shown words]]`` links a historical note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from gulag_escape.textkit import LINK
from gulag_escape.untrusted import clean

_TOKEN = re.compile(LINK.pattern + r"|(?<![\w])_([^_\n]+)_(?![\w])")
"""A link (groups 1 and 2, as in :data:`~gulag_escape.textkit.LINK`) or an ``_emphasis_``
(group 3)."""


@dataclass(frozen=True)
class Link:
    """A link in story text: ``kind`` is "term" or "note"."""

    kind: str
    target: str
    words: str


def _link(target: str, words: str | None, terms: Mapping[str, str]) -> Link:
    target = target.strip()
    if target.startswith("note:"):
        note = target[5:]
        return Link("note", note, words or note)
    return Link("term", target, words or terms.get(target, target))


def to_plain(text: str, terms: Mapping[str, str] | None = None) -> str:
    """Text without markup: links become their words, emphasis its letters."""
    terms = terms or {}

    def replace(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return match.group(3)
        return _link(match.group(1), match.group(2), terms).words

    return clean(_TOKEN.sub(replace, text))


def links(text: str, terms: Mapping[str, str] | None = None) -> list[Link]:
    """Every link in the text, in order."""
    terms = terms or {}
    return [
        _link(m.group(1), m.group(2), terms) for m in _TOKEN.finditer(text) if m.group(1)
    ]


def to_rich_text(
    text: str,
    terms: Mapping[str, str] | None = None,
    link_style: str = "underline",
    emphasis_style: str = "italic",
) -> Text:
    """Rich Text with emphasis and clickable links (``@click`` meta); nothing else is markup."""
    terms = terms or {}
    result = Text()
    position = 0
    text = clean(text)
    for match in _TOKEN.finditer(text):
        result.append(text[position : match.start()])
        if match.group(3) is not None:
            result.append(match.group(3), style=emphasis_style)
        else:
            link = _link(match.group(1), match.group(2), terms)
            action = f"app.open_link({link.kind!r}, {link.target!r})"
            style = Style.parse(link_style) + Style(meta={"@click": action})
            result.append(link.words, style=style)
        position = match.end()
    result.append(text[position:])
    return result
