"""Text that follows the state: variants chosen by condition and ``{name}`` substitutions.

A storylet's, choice's, outcome's or encounter's ``text:`` is either one text or a list of
variants ``[{when: EXPR, text: ...}, ..., {text: ...}]``: the first variant whose ``when``
holds is the one said, and the last, with no ``when``, is the default. Inside any of these
texts ``{name}`` puts a value of the moment into the sentence (``{days_free}``, ``{month}``);
``{{`` and ``}}`` write a brace. The engine decides both when the text is *said* and keeps
its decision in the narration line, so a text read later (a saved game, a transcript) says
what was true then, not what is true now.

This module holds what the loader checks and the narrator renders; the engine computes the
values (:mod:`gulag_escape.engine.prose`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from gulag_escape.scenario.models import Prose, TextVariant

SUBSTITUTIONS: dict[str, tuple[str, str]] = {
    "day_count": ("days since the game began, in words up to twenty ('twelve', '45')",
                  "many"),
    "days_free": ("days since the escape, in words up to twenty (0 in camp)", "several"),
    "date": ("today's date, e.g. '11 May'", "that day"),
    "month": ("the month's name, e.g. 'September'", "that month"),
    "season": ("the season's label (calendar.seasons), e.g. 'polar night'", "that season"),
    "place": ("the place you are at or last left, as it reads in a sentence", "that place"),
    "companions": ("the names of the companions with you ('Sazonov and Ivanov'; 'nobody')",
                   "your companions"),
    "food_days": ("whole days the food lasts the group on full rations", "a few"),
}
"""The built-in substitutions: name -> (what it gives, the words shown for a line recorded
before its value was, e.g. in a save from an older version)."""

Loc = tuple[object, ...]
"""A path into the scenario's value, as the loader reports it."""

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?")
_NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)


class ProseError(ValueError):
    """A text whose braces are not a known substitution or an escaped brace."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording with the names it substitutes (empty for most texts)."""

    when: str | None
    text: str
    names: tuple[str, ...]


def allowed_names(companions: Iterator[str] | list[str]) -> list[str]:
    """Every substitution name a scenario's text may use, given its companions' ids."""
    return [*SUBSTITUTIONS, *(f"companion.{c.replace('-', '_')}" for c in companions)]


def placeholders(text: str, allowed: list[str] | None = None) -> tuple[str, ...]:
    """The substitution names in ``text``, in order; raises :class:`ProseError` on a bad brace.

    With ``allowed`` given, a name outside it is an error naming the allowed ones.
    """
    if "{" not in text and "}" not in text:
        return ()
    names: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise ProseError(f"a lone '{token}' in the text",
                             "write {{ or }} for a brace; {name} substitutes a value")
        name = name.strip()
        if not _NAME.fullmatch(name) or (allowed is not None and name not in allowed):
            shown = ", ".join(allowed) if allowed is not None else ", ".join(SUBSTITUTIONS)
            raise ProseError(f"unknown substitution '{{{name}}}'",
                             f"known: {shown}; write {{{{ for a brace")
        if name not in names:
            names.append(name)
    return tuple(names)


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` replaced by its value and ``{{``/``}}`` by one brace."""
    if "{" not in text and "}" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        token = match.group()
        if token in ("{{", "}}"):
            return token[0]
        name = (match.group(1) or "").strip()
        return values.get(name, fallback(name))

    return _TOKEN.sub(one, text)


def fallback(name: str) -> str:
    """The words shown for a substitution no value was recorded for."""
    if name in SUBSTITUTIONS:
        return SUBSTITUTIONS[name][1]
    return "your companion"


def variants(prose: Prose) -> tuple[Variant, ...]:
    """A text or a list of variants as variants (a plain text is one default variant)."""
    if isinstance(prose, str):
        return (Variant(None, prose, placeholders(prose)),)
    return tuple(Variant(v.when, v.text, placeholders(v.text)) for v in prose)


def texts(prose: Prose) -> list[str]:
    """Every wording of a text: for word counts, scans and lint."""
    if isinstance(prose, str):
        return [prose] if prose else []
    return [variant.text for variant in prose]


def variant_text(prose: Prose, index: int | None) -> str:
    """The wording recorded as ``index``; a line without one (an older save) reads the default.

    The default is the last variant, the one that needs no condition: without the state of
    the moment the line was said, it is the only one known to fit.
    """
    if isinstance(prose, str):
        return prose
    variant: TextVariant = prose[index] if index is not None and index < len(prose) else prose[-1]
    return variant.text


def in_words(number: int) -> str:
    """A count as prose writes it: words up to twenty, digits above."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def worded(loc: Loc, prose: Prose | None) -> Iterator[tuple[Loc, str]]:
    """``(path, wording)`` for each wording of a text at ``loc``: where a check reports it."""
    if prose is None:
        return
    if isinstance(prose, str):
        yield loc, prose
        return
    for index, variant in enumerate(prose):
        yield (*loc, index, "text"), variant.text
