"""The one place where engine and scenario text becomes something the terminal draws.

Story text goes through :mod:`gulag_escape.markup` (which escapes everything that is not our
markup); the game's own small pieces (badges, bars, odds) are Textual ``Content`` whose
colours are theme variables, so every theme, high contrast included, restyles them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from gulag_escape.markup import to_plain, to_rich_text

NBSP = "\u00a0"
_HOLD = "\u2800"
"""Stands in for a non-breaking space while a line is wrapped, and is never drawn: Rich and
Textual break lines at every Unicode space, NBSP included, and a blank braille cell is not one."""
_NUMBER_AND_UNIT = re.compile(
    r"(\d)[ \u00a0](%|°C|km\b|kilometres?\b|h\b|hours?\b|d\b|days?\b|weeks?\b)")

EVIDENCE: dict[str, tuple[str, str, str]] = {
    "documented": ("■", "documented", "$success"),
    "memoir": ("◆", "memoir", "$primary"),
    "literary": ("◇", "literary", "$secondary"),
    "disputed": ("▲", "disputed", "$warning"),
    "legend": ("○", "legend", "$error"),
}
"""Evidence level → glyph, word and colour: glyph and word carry it without colour too."""

def keep_together(text: str) -> str:
    """Join each number to its unit with a non-breaking space: "(52 %)" never splits."""
    return _NUMBER_AND_UNIT.sub(f"\\1{NBSP}\\2", text)

MIN_HANGING_TEXT = 16
"""Columns a hanging indent must leave for the text beside it."""


class Unbroken(Visual):
    """Text that wraps only where a line may break, optionally with a hanging indent.

    Numbers stay with their units (see :func:`keep_together`), and with ``hang`` the first
    ``hang`` cells (a choice's number) stand alone while every wrapped line lines up under
    the text after them. Everything else is the wrapped :class:`Content`'s own drawing.
    """

    def __init__(self, content: Content | Text | str, *, hang: int = 0) -> None:
        if isinstance(content, Text):
            content = Content.from_rich_text(content)
        elif isinstance(content, str):
            content = Content(content)
        self.content = content
        held = keep_together(content.plain).replace(NBSP, _HOLD)
        self._held = Content(held, list(content.spans))
        self.hang = hang if 0 < hang < len(held) else 0
        self._head, self._body = (self._held.divide([self.hang]) if self.hang
                                  else (Content(""), self._held))

    @property
    def plain(self) -> str:
        """The text, as tests and the text selection read it."""
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        hang = self.hang if self._hangs_at(width) else 0
        if not hang:
            strips = self._held.render_strips(width, height, style, options)
            return [_released(strip) for strip in strips]
        body = self._body.render_strips(width - hang, height, style, options)
        head = self._head.render_strips(hang, 1, style, options)[0]
        indent = Content(" " * hang).render_strips(hang, 1, style, options)[0]
        return [_released(Strip.join([head if index == 0 else indent, line]))
                for index, line in enumerate(body)]

    def _hangs_at(self, width: int) -> bool:
        """A hanging indent only where it leaves the text room for a few words."""
        return bool(self.hang) and width - self.hang >= MIN_HANGING_TEXT

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._held.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self._held.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if self._hangs_at(width):
            return self._body.get_height(rules, width - self.hang)
        return self._held.get_height(rules, width)


def _released(strip: Strip) -> Strip:
    """The drawn line with each held space a space again."""
    if not any(_HOLD in segment.text for segment in strip):
        return strip
    return Strip([Segment(segment.text.replace(_HOLD, " "), segment.style, segment.control)
                  for segment in strip], strip.cell_length)


def story(text: str, terms: Mapping[str, str] | None = None) -> Text:
    """Story text with emphasis and clickable glossary and note links."""
    return to_rich_text(text, terms, link_style="underline", emphasis_style="italic")


def plain(text: str, terms: Mapping[str, str] | None = None) -> str:
    return to_plain(text, terms)


def evidence_badge(level: str) -> Content:
    """A short badge such as ``■ documented``, readable without colour."""
    glyph, words, colour = EVIDENCE.get(level, ("?", level, "$foreground-muted"))
    return Content.styled(f" {glyph} {words} ", f"bold {colour} on $panel")


def gauge(
    label: str,
    value: float,
    *,
    low: float = 0,
    high: float = 100,
    bad_when_high: bool = False,
    delta: float = 0.0,
    width: int = 10,
    label_width: int = 8,
) -> Content:
    """``Health  ██████░░░░  62 ▼8``: the bar turns red in the dangerous third."""
    span = (high - low) or 1
    fraction = max(0.0, min(1.0, (value - low) / span))
    filled = round(fraction * width)
    danger = fraction >= 2 / 3 if bad_when_high else fraction <= 1 / 3
    colour = "$error" if danger else "$primary"
    return Content.assemble(
        (f"{label[:label_width]:<{label_width}}", "$foreground-muted" if not danger else "$error"),
        ("█" * filled, colour),
        ("░" * (width - filled), "$foreground-disabled"),
        f" {value:>3.0f}",
        delta_mark(delta, bad_when_high=bad_when_high),
    )


def delta_mark(delta: float, *, bad_when_high: bool = False, digits: int = 0) -> Content:
    """`` ▲4`` or `` ▼8``, red when the change is for the worse; nothing for no change."""
    if round(delta, digits) == 0:
        return Content("")
    worse = (delta > 0) == bad_when_high
    arrow = "▲" if delta > 0 else "▼"
    number = f"{abs(delta):.{digits}f}"
    return Content.styled(f" {arrow}{number}", "$error" if worse else "$success")
