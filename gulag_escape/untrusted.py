"""The boundary for what comes from a file: its text cleaned, its JSON parsed with limits.

Saves, run records, transcripts, assignments and scenarios are written by people we do not
know (or edited by hand, or damaged). Whatever such a file says may reach a terminal, where
an escape sequence can clear the screen or retitle the window, or a Textual widget, where
``[@click=app.quit]`` is a live action and ``[/bold]`` raises an exception. A file may also
be no file at all: a named pipe that never sends, a symlink to ``/dev/zero``, a 5,000-digit
number or JSON nested ten thousand deep. This module is the one place that knows all that:

- :func:`clean` strips terminal control characters and escape sequences from text;
  :func:`markup_safe` also escapes markup, for sinks that interpret it (``notify``,
  ``Static.update`` with a string);
- :func:`load_json` parses JSON with limits on nesting and on the length of numbers.

The files themselves are read by :mod:`gulag_escape.files` (regular files only, opened
without blocking, with a size cap).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

MAX_JSON_DEPTH = 64
MAX_NUMBER_DIGITS = 40
"""A JSON number longer than this is refused before Python converts it (a seed has 20 digits
at most; converting a 5,000-digit integer raises, and longer ones cost quadratic time)."""

_ALWAYS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""Characters that can rewrite a terminal (C0 and C1 controls, DEL, bidi overrides), tab and
line feed excepted: those two are layout, and each caller says whether it allows them."""
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte CSI
)


@cache
def _control(allow: str) -> re.Pattern[str]:
    refused = "".join(c for c in "\t\n" if c not in allow)
    return re.compile(f"[{_ALWAYS}{refused}]")


def find_control(text: str, allow: str = "\t\n") -> str | None:
    """The first control character in ``text`` (tab and line feed pass unless left out of
    ``allow``), or None: for readers that refuse such text with a located message."""
    found = _control(allow).search(text)
    return found.group() if found else None


def clean(text: str, allow: str = "\t\n") -> str:
    """``text`` without escape sequences or control characters: safe to print to a terminal."""
    return _control(allow).sub("", _SEQUENCE.sub("", text))


def markup_safe(text: str, allow: str = "\t\n") -> str:
    """``text`` cleaned and with Rich/Textual markup escaped, for sinks that interpret markup."""
    from rich.markup import escape

    return escape(clean(text, allow))


class JsonRefused(ValueError):
    """JSON that is malformed or beyond the limits; the message says which, for a person."""


def _number(text: str) -> int | float:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise JsonRefused(f"a number has more than {MAX_NUMBER_DIGITS} digits")
    return float(text) if any(c in text for c in ".eE") else int(text)


def _refuse_constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not a number JSON allows")


def load_json(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON with at most ``max_depth`` levels of nesting and bounded numbers.

    The depth is checked on the text before parsing (counting brackets outside strings), so
    deep nesting never reaches the recursive parser; numbers are converted by
    :func:`_number`, which refuses long ones; ``NaN`` and ``Infinity`` are refused.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise JsonRefused(f"it is not UTF-8 text (byte {error.start + 1})") from None
    _check_depth(data, max_depth)
    try:
        return json.loads(data, parse_int=_number, parse_float=_number,
                          parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise JsonRefused(f"it is not JSON text ({error.msg} at line {error.lineno}, "
                          f"column {error.colno})") from None
    except RecursionError:  # unreachable after _check_depth; kept as the last wall
        raise JsonRefused(f"values are nested more than {max_depth} levels deep") from None


_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def _check_depth(text: str, max_depth: int) -> None:
    depth = 0
    for token in _STRUCTURE.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > max_depth:
                raise JsonRefused(f"values are nested more than {max_depth} levels deep")
        elif bracket in "]}":
            depth -= 1
