"""Deciding, at the moment a text is said, which of its variants fits and what it substitutes.

A narration line refers to text (``("storylet", "camp-evening")``). For the few texts that
have variants or ``{name}`` substitutions, :func:`told` appends the decision to the line:
``("storylet", "camp-evening", 2, (("month", "September"),))``. The view renders the line
from that record, so what a player reads later (after loading, in a transcript) is what was
true when it happened. Texts without variants or substitutions get no lookup beyond one
dictionary miss: the simulator says thousands of lines per game.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from gulag_escape.engine.state import Line
from gulag_escape.scenario.models import Prose, Scenario
from gulag_escape.scenario.prose import Variant, in_words, variants
from gulag_escape.textkit import MONTHS, long_date
from gulag_escape.words import in_sentence

if TYPE_CHECKING:
    from gulag_escape.engine.world import World

ProseTable = dict[Line, tuple[Variant, ...]]
"""The texts that need a decision, by the line that says them."""


def prose_table(scenario: Scenario) -> ProseTable:
    """Every text of ``scenario`` with variants or substitutions, keyed by its narration line."""
    table: ProseTable = {}

    def add(key: Line, prose: Prose | None) -> None:
        if prose is None:
            return
        found = variants(prose)
        if len(found) > 1 or found[0].names:
            table[key] = found

    for storylet in scenario.storylets:
        add(("storylet", storylet.id), storylet.text)
        add(("storylet-again", storylet.id), storylet.repeat_text)
        for choice in storylet.choices:
            if choice.check:
                add(("outcome", storylet.id, choice.id, "success"), choice.check.success.text)
                add(("outcome", storylet.id, choice.id, "failure"), choice.check.failure.text)
            else:
                add(("outcome", storylet.id, choice.id, ""), choice.text)
    for encounter in scenario.encounters:
        add(("encounter", encounter.id), encounter.text)
        add(("avoid", encounter.id), encounter.avoid.text)
        for disposition, cue in encounter.cues.items():
            add(("cue", encounter.id, disposition), cue)
        for disposition, outcome in encounter.approach.items():
            add(("approach", encounter.id, disposition), outcome.text)
    return table


def told(world: World, line: Line) -> Line:
    """``line`` with the variant said now and its substituted values, if its text has any."""
    found = world.t.prose.get(line)
    if found is None:
        return line
    index = choose(world, found)
    names = found[index].names
    return (*line, index, tuple((name, value(world, name)) for name in names))


def choose(world: World, found: tuple[Variant, ...]) -> int:
    """The index of the first variant whose condition holds now (the last is the default)."""
    for index, variant in enumerate(found):
        if variant.when is None or world.holds(variant.when):
            return index
    return len(found) - 1


def value(world: World, name: str) -> str:
    """What ``{name}`` reads as now."""
    if name in _VALUES:
        return _VALUES[name](world)
    companion_id = name.partition(".")[2]
    for companion in world.t.scenario.companions:
        if companion.id.replace("-", "_") == companion_id:
            return companion.name
    return name


def season_label(world: World) -> str:
    """The season's words for players: its label, or its name with spaces."""
    season = world.month.season
    return world.t.scenario.calendar.seasons.get(season, season.replace("_", " "))


def _companions(world: World) -> str:
    names = [world.t.companions[c].name for c in world.s.companions]
    if not names:
        return "nobody"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _food_days(world: World) -> str:
    per_day = world.t.scenario.body.food_per_day.full * world.group
    days = math.floor(world.s.stats["food"] / per_day) if per_day > 0 else 0
    return in_words(days)


_VALUES: dict[str, Callable[[World], str]] = {
    "day_count": lambda w: in_words(w.s.day),
    "days_free": lambda w: in_words(
        w.s.day - w.s.escaped_day if w.s.escaped_day is not None else 0),
    "date": lambda w: long_date(w.date, year=False),
    "month": lambda w: MONTHS[w.date.month - 1],
    "season": season_label,
    "place": lambda w: str(in_sentence(w.place.name)),
    "companions": _companions,
    "food_days": _food_days,
}
"""How each built-in substitution of :data:`gulag_escape.scenario.prose.SUBSTITUTIONS` reads."""
