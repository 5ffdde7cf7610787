"""Tools for an author debugging a scenario: arrange a state, ask why, read the values.

``play --start STORYLET --set name=value`` and the plain mode's ``set``, ``eligible`` and
``trace`` commands call these functions; they take a :class:`Game` and return a new one
or plain data, and do no I/O. A game arranged here was set, not played, so it no longer
follows from its seed and choice log: it is marked ``arranged`` and saves refuse it, which
keeps a debugging session from overwriting the player's autosave with a game that would
not load.

Why a storylet does not fire is answered in the order the engine asks (``scenes.py`` and
``world.py``): phase, place, terrain, content level, fired before, ``when``, then for a
storylet drawn by chance its weight.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gulag_escape.engine.game import Game
from gulag_escape.engine.scenes import fire
from gulag_escape.engine.state import GameState
from gulag_escape.engine.world import World
from gulag_escape.errors import GameError
from gulag_escape.scenario.models import Scenario, Storylet
from gulag_escape.scenario.vocabulary import BODY_STATS, vocabulary

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


# --- setting values -------------------------------------------------------------------------


def settable(scenario: Scenario) -> dict[str, str]:
    """Every name ``--set`` and ``set`` accept, mapped to what it is.

    Names are those of the expression language (``flag.told``, ``item.compass``); a flag,
    an item, a skill or a companion may also be given by its bare name. ``day`` moves the
    calendar (``month`` and ``season`` follow the date); ``place`` and ``leg`` move the
    fugitive (out of the camp, unless the place is the camp)."""
    names = {"day": "day", "place": "place", "leg": "leg"}
    names.update(dict.fromkeys((*BODY_STATS, *scenario.stats), "stat"))
    names.update({f"flag.{flag}": "flag" for flag in scenario.flags})
    names.update({f"item.{item}": "item" for item in scenario.items})
    names.update({f"skill.{skill}": "skill" for skill in scenario.skills})
    for companion in scenario.companions:
        key = companion.id.replace("-", "_")
        names[f"companion.{key}"] = "companion"
        names[f"loyalty.{key}"] = "loyalty"
    return names


def parse_settings(scenario: Scenario, text: str) -> list[tuple[str, str, Any]]:
    """``"hunger=60,told=true,item.compass=1"`` as (kind, full name, value) triples.

    Raises :class:`GameError` naming the known names for an unknown one, and the expected
    kind of value for a value that does not fit."""
    known = settable(scenario)
    found = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        name, equals, raw = (side.strip() for side in part.partition("="))
        if not equals or not name or not raw:
            raise GameError(f"'{part}' is not NAME=VALUE; write e.g. hunger=60,flag.told=true")
        full = _full_name(scenario, known, name)
        found.append((known[full], full, _value(known[full], full, raw)))
    if not found:
        raise GameError("nothing to set; write NAME=VALUE, e.g. hunger=60,flag.told=true")
    return found


def _full_name(scenario: Scenario, known: dict[str, str], name: str) -> str:
    if name in known:
        return name
    for family in ("flag", "item", "skill", "companion"):
        if f"{family}.{name}" in known:
            return f"{family}.{name}"
    close = difflib.get_close_matches(name, list(known), n=1)
    also = f" Did you mean '{close[0]}'?" if close else ""
    raise GameError(f"the scenario '{scenario.meta.id}' has nothing called '{name}' that can be "
                    f"set.{also} Known: {', '.join(known)}.")


def _value(kind: str, name: str, raw: str) -> Any:
    if kind in {"place", "leg"}:
        return raw
    if kind in {"flag", "companion"}:
        if raw.lower() in _TRUE | _FALSE:
            return raw.lower() in _TRUE
        raise GameError(f"{name} is true or false, not '{raw}'")
    try:
        number = float(raw)
    except ValueError:
        raise GameError(f"{name} is a number, not '{raw}'") from None
    if kind in {"item", "skill", "day"}:
        if not number.is_integer() or number < 0:
            raise GameError(f"{name} is a whole number from 0, not '{raw}'")
        return int(number)
    return number


def with_settings(game: Game, text: str) -> Game:
    """A copy of ``game`` with the values of ``text`` set (see :func:`parse_settings`).

    A number outside a stat's declared range is refused rather than clamped, so that the
    state shown is the state asked for."""
    model = game.scenario.model
    state = game.state
    world = World(game.tables, state)
    for kind, name, value in parse_settings(model, text):
        short = name.partition(".")[2] or name
        if kind == "day":
            _set_day(game, state, value)
        elif kind in {"place", "leg"}:
            _move(game, state, kind, value)
        elif kind == "stat":
            low, high = game.tables.bounds[name]
            if not low <= value <= high:
                raise GameError(f"{name} is kept between {low:g} and {high:g}; {value:g} is "
                                "outside")
            world.set_stat(name, value)
        elif kind == "flag":
            state.flags[short] = value
        elif kind == "item":
            state.items[short] = value
        elif kind == "skill":
            state.skills[short] = value
        else:
            _set_companion(game, state, kind, short, value)
    return _arranged(game, world.finish())


def _set_day(game: Game, state: GameState, day: int) -> None:
    """Move the calendar: the month, season and weather follow the date (the body does not
    live through the days between)."""
    last = game.scenario.model.calendar.max_days - 1
    if day > last:
        raise GameError(f"day is at most {last} (calendar.max_days ends the game)")
    state.day = day
    if state.escaped_day is not None and state.escaped_day > day:
        state.escaped_day = day


def _move(game: Game, state: GameState, kind: str, target: str) -> None:
    """Put the fugitive at a place or at the start of a leg; the scene showing ends, since
    it belonged where the fugitive was."""
    model = game.scenario.model
    known = game.tables.places if kind == "place" else game.tables.legs
    if target not in known:
        raise GameError(f"the scenario '{model.meta.id}' has no {kind} '{target}'. Known: "
                        f"{', '.join(known)}.")
    if kind == "leg":
        state.place, state.leg, state.leg_km = game.tables.legs[target].from_, target, 0.0
    else:
        state.place, state.leg, state.leg_km = target, None, 0.0
    if state.phase == "camp" and (kind == "leg" or target != model.start):
        state.phase, state.escaped_day = "run", state.day
    state.scene = None
    state.narration = []


def _set_companion(game: Game, state: GameState, kind: str, key: str, value: Any) -> None:
    companion = next(c for c in game.scenario.model.companions if c.id.replace("-", "_") == key)
    if kind == "companion":
        if value:
            state.companions.setdefault(companion.id, companion.loyalty)
        else:
            state.companions.pop(companion.id, None)
    elif companion.id not in state.companions:
        raise GameError(f"{companion.name} is not with you; set companion.{key}=true first")
    elif not 0 <= value <= 100:
        raise GameError(f"loyalty.{key} is kept between 0 and 100; {value:g} is outside")
    else:
        state.companions[companion.id] = value


def _arranged(game: Game, state: GameState) -> Game:
    arranged = Game.resume(game.scenario, state)
    arranged.arranged = True
    return arranged


# --- starting at a storylet -----------------------------------------------------------------


def start_at(game: Game, storylet_id: str) -> Game:
    """A copy of ``game`` showing ``storylet_id`` now, its requirements left unchecked.

    The fugitive is first put where the storylet belongs: out of the camp for a storylet
    of the run, back in it for one of the camp, at its first place, or on the first leg of
    one of its terrains. Its ``when`` is not forced: ``--set`` the values it needs."""
    model = game.scenario.model
    storylet = game.tables.storylets.get(storylet_id)
    if storylet is None:
        close = difflib.get_close_matches(storylet_id, list(game.tables.storylets), n=1)
        also = f" Did you mean '{close[0]}'?" if close else ""
        raise GameError(f"the scenario '{model.meta.id}' has no storylet '{storylet_id}'.{also} "
                        f"Known: {', '.join(game.tables.storylets)}.")
    state = game.state
    if storylet.content_level == "standard" and state.content == "mild":
        raise GameError(f"the storylet '{storylet_id}' is standard content; start the game "
                        "with --content standard to see it")
    if state.ending is not None:
        raise GameError("the game is over")
    world = World(game.tables, state)
    _put_where_it_fires(world, storylet)
    state.scene = None
    state.narration = []
    fire(world, storylet.id)
    return _arranged(game, world.finish())


def _put_where_it_fires(world: World, storylet: Storylet) -> None:
    s, model = world.s, world.t.scenario
    if storylet.phase == "run" and s.phase == "camp":
        s.phase, s.escaped_day = "run", s.day
    elif storylet.phase == "camp" and s.phase == "run":
        s.phase, s.escaped_day, s.alarm_raised = "camp", None, False
        s.place, s.leg, s.leg_km = model.start, None, 0.0
    if storylet.places and (s.leg is not None or s.place not in storylet.places):
        s.place, s.leg, s.leg_km = storylet.places[0], None, 0.0
    if storylet.terrains and (s.leg is None or world.terrain_id not in storylet.terrains):
        legs = [leg for leg in model.legs if leg.terrain in storylet.terrains]
        leg = next((leg for leg in legs if leg.from_ == s.place), legs[0] if legs else None)
        if leg is None:
            raise GameError(f"no leg of the scenario has one of the terrains of the storylet "
                            f"'{storylet.id}' ({', '.join(storylet.terrains)})")
        s.place, s.leg, s.leg_km = leg.from_, leg.id, 0.0


# --- why a storylet does (not) fire ---------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """Whether one storylet could fire here and now, and if not, the first reason why."""

    storylet: str
    priority: int
    eligible: bool
    reason: str | None = None
    """The first requirement that fails, in words; None when it could fire."""
    values: dict[str, Any] = field(default_factory=dict)
    """The values its ``when`` read (for a failing ``when``, and for any storylet that has one)."""
    weight: float | None = None
    """For a storylet drawn by chance that could fire: its weight now."""


def eligibility(game: Game) -> list[Eligibility]:
    """Every storylet of the scenario, in file order, judged against the current state."""
    world = World(game.tables, game.state)
    return [_judge(world, storylet) for storylet in game.scenario.model.storylets]


def _judge(world: World, storylet: Storylet) -> Eligibility:
    values = world.values_of(storylet.when) if storylet.when else {}
    reason = next(_failures(world, storylet), None)
    weight = None
    if reason is None and storylet.priority == 0:
        weight = max(0.0, world.evaluate(storylet.weight))
        if weight <= 0:
            written = storylet.weight
            said = f"{written!r} is 0 now" if isinstance(written, str) else f"{written:g}"
            reason = f"weight: {said}, so it is never drawn"
            values = world.values_of(written)
    if reason is not None and not reason.startswith(("when:", "weight:")):
        values = {}
    return Eligibility(storylet.id, storylet.priority, reason is None, reason, values, weight)


def _failures(world: World, storylet: Storylet) -> Iterator[str]:
    """The requirements that fail, in the order the engine checks them."""
    s = world.s
    if storylet.phase not in ("any", s.phase):
        yield f"phase: it fires in the {storylet.phase} phase; the game is in the {s.phase} phase"
    where = f"on the leg '{s.leg}'" if s.leg else f"at '{s.place}'"
    if storylet.places and (s.leg is not None or s.place not in storylet.places):
        yield f"place: it fires at {_listed(storylet.places)}; you are {where}"
    if storylet.terrains and (s.leg is None or world.terrain_id not in storylet.terrains):
        on = f"on {world.terrain_id}" if s.leg else "at a place"
        yield f"terrain: it fires on legs of {_listed(storylet.terrains)}; you are {on}"
    if storylet.content_level == "standard" and s.content == "mild":
        yield "content level: it is standard content and the game is mild"
    last = s.fired_on.get(storylet.id)
    if last is not None and storylet.once:
        yield f"once: it fired on day {last} and fires once per game"
    elif last is not None and last == s.day:
        yield f"seen: it fired today (day {last}); a repeatable storylet fires once a day"
    if not world.holds(storylet.when):
        yield f"when: {storylet.when!r} is false"


def _listed(ids: list[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)


# --- the values expressions read ------------------------------------------------------------


@dataclass(frozen=True)
class Trace:
    """The values behind the game: every name expressions can read, and the last check."""

    values: dict[str, Any]
    """Each name of the scenario's expression language with its value now."""
    last_check: str | None = None
    """What the last check was (``check fence/climb``, ``crossing forest``...)."""
    last_odds: float | None = None
    last_success: bool | None = None
    last_values: dict[str, Any] = field(default_factory=dict)
    """The values its odds were computed from."""


def trace(game: Game) -> Trace:
    """The engine's values now, as an expression would read them (rounded for reading)."""
    world = World(game.tables, game.state)
    names = vocabulary(game.scenario.model)
    values = {name: _rounded(world.env[name]) for name in names}
    check = world.s.last_check
    if check is None:
        return Trace(values)
    kind, *refs, odds, success, used = check
    what = " ".join([str(kind), "/".join(str(ref) for ref in refs)]).strip()
    return Trace(values, what, odds, success, dict(used))


def _rounded(value: Any) -> Any:
    return round(value, 2) if isinstance(value, float) else value
