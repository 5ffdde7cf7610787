"""The one place where engine and scenario text becomes something the terminal draws.

Story text goes through :mod:`gulag_escape.markup` (which escapes everything that is not our
markup); the game's own small pieces (badges, bars, odds) are Textual ``Content`` whose
colours are theme variables, so every theme, high contrast included, restyles them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.content import Content

from gulag_escape.markup import to_plain, to_rich_text

EVIDENCE: dict[str, tuple[str, str, str]] = {
    "documented": ("■", "documented", "$success"),
    "memoir": ("◆", "memoir", "$primary"),
    "literary": ("◇", "literary", "$secondary"),
    "disputed": ("▲", "disputed", "$warning"),
    "legend": ("○", "legend", "$error"),
}
"""Evidence level → glyph, word and colour: glyph and word carry it without colour too."""

def story(text: str, terms: Mapping[str, str] | None = None) -> Text:
    """Story text with emphasis and clickable glossary and note links."""
    return to_rich_text(text, terms, link_style="underline", emphasis_style="italic")


def plain(text: str, terms: Mapping[str, str] | None = None) -> str:
    return to_plain(text, terms)


def evidence_badge(level: str) -> Content:
    """A short badge such as ``■ documented``, readable without colour."""
    glyph, words, colour = EVIDENCE.get(level, ("?", level, "$foreground-muted"))
    return Content.styled(f" {glyph} {words} ", f"bold {colour} on $panel")


def odds_words(words: str | None, odds: float | None) -> str:
    """``fair chance (62 %)``; the words first, because the words are what the player weighs."""
    if words is None or odds is None:
        return ""
    phrase = {"almost hopeless": "almost hopeless", "even": "even odds"}.get(
        words, f"{words} chance")
    return f"{phrase} ({odds * 100:.0f} %)"


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


def pretty_id(identifier: str) -> str:
    """A choice id as words, for places where the engine gives no label (turning points)."""
    words = identifier.replace(":", " ").replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
