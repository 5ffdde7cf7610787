"""The numbers of ``docs/how-the-game-runs.md``, written from the scenario models' defaults.

The page explains the rules in prose that people write and edit; its numbers are the
defaults of the scenario's rule sections (``travel.forced_pace``, ``company.desert_below``...)
and the few promises the engine keeps for every scenario (``odds.floor``: nothing is
certain), and numbers copied by hand drifted from the code. So each number stands between
two markers naming it, invisible on the rendered page::

    pace (1.0, or <!--rule travel.forced_pace-->1.4<!--/rule--> forced)

A ``%`` after the name shows a share as per cent. :func:`render` rewrites what stands between
the markers from the models; a test fails when the committed page differs and names the
command that brings it back in step::

    python -m gulag_escape.authoring.rules_doc docs/how-the-game-runs.md
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from gulag_escape.engine.odds import CEILING, FLOOR, WORDS, odds_in_words
from gulag_escape.files import FileRefused, rewrite
from gulag_escape.scenario.models import Scenario

COMMAND = "python -m gulag_escape.authoring.rules_doc docs/how-the-game-runs.md"

MARKED = re.compile(r"<!--rule ([a-z_.]+)( %)?-->(.*?)<!--/rule-->", re.DOTALL)
"""A marked number: the field's dotted path, the per-cent flag, and the number as written."""


class Words(str):
    """Text the page writes as it is, not as a value in code style."""


ENGINE: dict[str, Any] = {
    "odds.floor": FLOOR,
    "odds.ceiling": CEILING,
    "odds.words": Words(", ".join(
        [f"*{words}* (under {round(limit * 100)} %)" for limit, words in WORDS]
        + [f"*{odds_in_words(CEILING)}*"])),
}
"""What the engine holds for every scenario, by the name its marker gives."""


def default_of(path: str) -> Any:
    """The default of a rule field by its dotted path from the scenario's top level, or one
    of the engine's own values (:data:`ENGINE`)."""
    if path in ENGINE:
        return ENGINE[path]
    section, *rest = path.split(".")
    field = Scenario.model_fields.get(section)
    value: Any = field.default if field is not None else None
    if not isinstance(value, BaseModel):
        raise KeyError(f"'{section}' is not a rule section of a scenario")
    for name in rest:
        if not isinstance(value, BaseModel) or name not in type(value).model_fields:
            raise KeyError(f"the rule section has no field '{path}'")
        value = getattr(value, name)
    return value


def shown(value: Any, percent: bool = False) -> str:
    """A default as the page writes it: 1.4, 25 %, `0.55 - alert / 200`, `cover`, `deep`."""
    if isinstance(value, list):
        return ", ".join(shown(inner) for inner in value)
    if isinstance(value, Words):
        return value
    if isinstance(value, str):
        return f"`{value}`"
    if percent:
        value = round(value * 100, 6)
    text = str(int(value)) if float(value).is_integer() else str(value)
    text = text.replace("-", "−")
    return f"{text} %" if percent else text


def render(page: str) -> str:
    """``page`` with every marked number rewritten from the models' defaults."""

    def fill(match: re.Match[str]) -> str:
        path, flag = match.group(1), match.group(2) or ""
        value = shown(default_of(path), percent=bool(flag))
        return f"<!--rule {path}{flag}-->{value}<!--/rule-->"

    return MARKED.sub(fill, page)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the marked numbers of a Markdown page in place."""
    parser = argparse.ArgumentParser(prog="python -m gulag_escape.authoring.rules_doc",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="the page to rewrite, e.g. "
                        "docs/how-the-game-runs.md")
    arguments = parser.parse_args(argv)
    try:
        rewrite(arguments.page, render)
    except FileRefused as refused:
        print(f"cannot read {arguments.page}: {refused.reason}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"cannot rewrite {arguments.page}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyError as error:
        print(f"{arguments.page}: {error.args[0]}; fix the marker's name", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
