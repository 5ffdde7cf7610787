"""The world during one turn: a state being changed, the scenario, the RNG and the senses.

Systems (calendar, body, travel, pursuit, ...) are functions of a :class:`World`. A World
wraps a *copy* of the state; the game swaps that copy in only when the whole turn succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gulag_escape.engine.documents import best_papers, document_getters, issue
from gulag_escape.engine.party import member_getters
from gulag_escape.engine.planning import stage_id
from gulag_escape.engine.prose import prose_table, told
from gulag_escape.engine.rng import Rng
from gulag_escape.engine.state import GameState
from gulag_escape.scenario.expression_words import ExpressionWords
from gulag_escape.scenario.expressions import compile_expression
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.models import Leg, Month, Place, Scenario, Storylet, Terrain
from gulag_escape.scenario.vocabulary import BODY_BOUNDS, vocabulary
from gulag_escape.words import BAD_ENDING_KINDS


@dataclass(frozen=True, slots=True)
class Risk:
    """One chance, met while a choice is played ahead, that the game ends there."""

    cause: str
    """What ends it: pursuit, crossing, cold, hunger, exhaustion, checkpoint, story."""
    odds: float
    """The chance that it happens."""
    values: dict[str, Any]
    """The numbers behind the odds, by the names of the scenario's vocabulary."""


class Tables:
    """Look-up tables built once per scenario: ids to models, distances, expression getters."""

    def __init__(self, loaded: LoadedScenario) -> None:
        s = loaded.model
        self._twin = dataclasses.replace(loaded)
        """The scenario's parts in an object of the tables' own: they are cached while the
        scenario lives and freed with it (engine/game.py), so they must not hold it."""
        self.expressions = loaded.expressions
        self.scenario: Scenario = s
        self.places: dict[str, Place] = {p.id: p for p in s.places}
        self.legs: dict[str, Leg] = {leg.id: leg for leg in s.legs}
        self.exits: dict[str, list[Leg]] = {p.id: [] for p in s.places}
        for leg in s.legs:
            self.exits[leg.from_].append(leg)
        self.months: dict[int, Month] = {m.month: m for m in s.climate}
        self.storylets = {st.id: st for st in s.storylets}
        self.encounters = {e.id: e for e in s.encounters}
        self.endings = {e.id: e for e in s.endings}
        self.notes = {n.id: n for n in s.notes}
        self.companions = {c.id: c for c in s.companions}
        self.profiles = {p.id: p for p in s.profiles}
        self.body, self.pursuit, self.travel = s.body, s.pursuit, s.travel
        self.company, self.meetings = s.company, s.meetings
        """The rule sections every day reads, one look-up from a world."""
        self.exertion: dict[str, float] = s.body.exertion.model_dump()
        """Each activity's share of a march's fatigue, by the activity's name."""
        self.documents = {i: d.document for i, d in s.items.items() if d.document}
        self.members = {c.id: c.body for c in s.companions if c.body}
        """Companions with a body of their own, with its starting values."""
        self.bounds: dict[str, tuple[float, float]] = dict(BODY_BOUNDS)
        self.bounds.update({name: (d.min, d.max) for name, d in s.stats.items()})
        self.from_camp = _distances(s.start, s.legs)
        self._dates: list[dt.date] = []
        self._months: list[Month] = []
        self.candidates: dict[tuple[str, ...], tuple[list[Storylet], list[Storylet]]] = {}
        """(urgent, drawn by weight) storylets by (content level, phase, "place" or "leg",
        place or terrain): the static requirements are sorted out once, the live ones checked
        each day."""
        sites: tuple[tuple[str, Iterable[str]], ...] = (
            ("place", self.places), ("leg", s.terrains))
        for content, phase, (where, keys) in itertools.product(
            ("mild", "standard"), ("camp", "run"), sites
        ):
            for key in keys:
                found = [st for st in s.storylets if _could_fire(st, content, phase, where, key)]
                self.candidates[(content, phase, where, key)] = (
                    sorted((st for st in found if st.priority > 0), key=lambda st: -st.priority),
                    [st for st in found if st.priority == 0],
                )
        self.getters = _getters(s)
        names = vocabulary(s)
        self.run: dict[str, Callable[[World], Any]] = {
            text: compile_expression(text, names, expression.kind,
                                     read=self.getters.__getitem__).run
            for text, expression in loaded.expressions.items()
            if expression.names <= self.getters.keys()
        }
        """Every expression compiled again to read the world through :attr:`getters` directly:
        called with the :class:`World`, not a mapping (a name read is one call, not three).
        A checkpoint's odds also read the post's own inputs, so :meth:`World.weigh` runs them
        on a mapping instead."""
        self.names_read = {text: tuple(sorted(expression.names))
                           for text, expression in loaded.expressions.items()}
        """The names each expression reads, in order, for "why?"."""
        self.when = {st.id: self.run[st.when] if st.when else None for st in s.storylets}
        """Each storylet's compiled ``when``, looked up by id."""
        self.prose = prose_table(s)
        """The texts whose variant and substitutions are decided when they are said."""

    @functools.cached_property
    def words(self) -> ExpressionWords:
        """The scenario's conditions in the player's words, for the reasons of refused choices
        (built when a choice is first refused; the labels keep their markup, which the front
        ends draw)."""
        return ExpressionWords(self._twin, str)

    def date(self, day: int) -> dt.date:
        """The calendar date of a game day (computed once per day)."""
        try:
            return self._dates[day]
        except IndexError:
            self._grow_calendar(day)
            return self._dates[day]

    def month_of(self, day: int) -> Month:
        """The climate of a game day's month (expressions read it several times a day)."""
        try:
            return self._months[day]
        except IndexError:
            self._grow_calendar(day)
            return self._months[day]

    def _grow_calendar(self, day: int) -> None:
        while len(self._dates) <= day:
            date = self.scenario.calendar.start + dt.timedelta(days=len(self._dates))
            self._dates.append(date)
            self._months.append(self.months[date.month])

    def terrain(self, terrain_id: str) -> Terrain:
        return self.scenario.terrains[terrain_id]


def _could_fire(storylet: Storylet, content: str, phase: str, where: str, key: str) -> bool:
    """The requirements that never change during a game: content, phase, places, terrains."""
    if storylet.content_level == "standard" and content == "mild":
        return False
    if storylet.phase not in ("any", phase):
        return False
    if storylet.places and (where != "place" or key not in storylet.places):
        return False
    return not storylet.terrains or (where == "leg" and key in storylet.terrains)


def _distances(start: str, legs: list[Leg]) -> dict[str, float]:
    """Shortest route distance from the camp to every place (Dijkstra over the legs)."""
    graph: dict[str, list[tuple[str, float]]] = {}
    for leg in legs:
        graph.setdefault(leg.from_, []).append((leg.to, leg.km))
        graph.setdefault(leg.to, []).append((leg.from_, leg.km))
    best = {start: 0.0}
    queue = [(0.0, start)]
    while queue:
        distance, place = heapq.heappop(queue)
        if distance > best.get(place, float("inf")):
            continue
        for neighbour, km in graph.get(place, ()):
            if distance + km < best.get(neighbour, float("inf")):
                best[neighbour] = distance + km
                heapq.heappush(queue, (distance + km, neighbour))
    return best


class World:
    """One turn's working context over a state copy."""

    def __init__(self, tables: Tables, state: GameState) -> None:
        self.t: Tables = tables
        self.s: GameState = state
        self.rng = Rng(state.rng)
        self.env = Environment(self)
        self.forecast: list[Risk] | None = None
        """Set while a choice is played ahead (:mod:`gulag_escape.engine.risks`): risky draws
        are recorded here and taken as not happening, and bad endings are recorded, not met."""

    # --- time and place -------------------------------------------------------------------

    @property
    def date(self) -> dt.date:
        return self.t.date(self.s.day)

    @property
    def month(self) -> Month:
        return self.t.month_of(self.s.day)

    @property
    def place(self) -> Place:
        return self.t.places[self.s.place]

    @property
    def leg(self) -> Leg | None:
        return self.t.legs[self.s.leg] if self.s.leg else None

    @property
    def terrain_id(self) -> str:
        leg = self.leg
        return leg.terrain if leg else "place"

    @property
    def in_belt(self) -> bool:
        leg = self.leg
        if leg:
            return self.t.places[leg.from_].belt or self.t.places[leg.to].belt
        return self.place.belt

    @property
    def km_from_camp(self) -> float:
        base = self.t.from_camp.get(self.s.place, 0.0)
        return base + self.s.leg_km if self.s.leg else base

    @property
    def group(self) -> int:
        return 1 + len(self.s.companions)

    def food_days(self, rations: float) -> float:
        """Days of full rations ``rations`` make for the whole group (food counts rations)."""
        return rations / (self.t.scenario.body.food_per_day.full * self.group)

    def skill(self, skill_id: str) -> int:
        levels = [self.s.skills.get(skill_id, 0)]
        levels += [self.t.companions[c].skills.get(skill_id, 0) for c in self.s.companions]
        return max(levels)

    def items_with(self, attribute: str) -> Iterator[tuple[str, float]]:
        """(item id, value) for carried items whose ``attribute`` is set."""
        for item_id, count in self.s.items.items():
            if count > 0:
                value = getattr(self.t.scenario.items[item_id], attribute)
                if value:
                    yield item_id, float(value)

    @property
    def papers(self) -> float:
        return best_papers(self)

    @property
    def exposure(self) -> float:
        """How visible the group is today; the pursuit's catch odds scale with it."""
        if self.s.phase == "camp":
            return 0.0
        rules = self.t.pursuit
        leg = self.leg
        base = (self.t.terrain(leg.terrain).exposure if leg
                else rules.place_exposure + self.place.population)
        full = rules.full_daylight_hours
        dark = rules.dark_exposure
        light = dark + (1 - dark) * min(self.month.daylight, full) / full
        near = rules.near_camp_exposure if self.km_from_camp < rules.search_radius_km else 1.0
        return base * (1 + rules.exposure_per_companion * (self.group - 1)) * light * near

    # --- changing numbers -----------------------------------------------------------------

    def stat(self, name: str) -> float:
        return self.s.stats[name]

    def add_stat(self, name: str, amount: float) -> None:
        low, high = self.t.bounds[name]
        value = self.s.stats[name] + amount
        kept = value if value < high else high  # as in set_stat
        self.s.stats[name] = kept if kept > low else low

    def set_stat(self, name: str, value: float) -> None:
        """Clamped to the stat's bounds: ``max(low, min(high, value))`` written out (the
        engine's most frequent call), giving the same object, the bound itself at a bound."""
        low, high = self.t.bounds[name]
        kept = value if value < high else high
        self.s.stats[name] = kept if kept > low else low

    def add_item(self, item: str, amount: float) -> None:
        before = self.s.items.get(item, 0)
        self.s.items[item] = max(0, before + int(amount))
        if item in self.t.documents:
            issue(self.s, item, before, self.s.items[item])

    # --- text -----------------------------------------------------------------------------

    def say(self, *line: Any) -> None:
        """Tell a line now: a text with variants or substitutions is decided at this moment."""
        self.s.narration.append(told(self, line) if line in self.t.prose else line)

    def remember(self, *line: Any) -> None:
        self.s.journal.append((self.s.day, *line))

    def risk(self, cause: str, odds: float, values: Mapping[str, Any] | None = None) -> bool:
        """Draw a risk that ends the game; while forecasting, record it and let it pass.

        The draw is made either way, so a forecast walks exactly the draws the real choice
        will make, and its later risks are the ones the player will really run.
        """
        happened = self.rng.chance(odds)
        if self.forecast is None:
            return happened
        self.forecast.append(Risk(cause, odds, dict(values or {})))
        return False

    def end(self, ending_id: str, cause: str | None = None) -> None:
        """End the game (the first ending of a turn wins) and unlock its notes."""
        if self.s.ending:
            return
        if self.forecast is not None and self.t.endings[ending_id].kind in BAD_ENDING_KINDS:
            self.forecast.append(Risk(cause or "story", 1.0, {}))
            return
        self.s.ending = ending_id
        self.s.cause = cause
        self.s.scene = None
        self.say("ending", ending_id)
        self.remember("ending", ending_id)
        for note in self.t.endings[ending_id].notes:
            self.unlock(note)

    def unlock(self, note_id: str) -> None:
        note = self.t.notes[note_id]
        if note.content_level == "standard" and self.s.content == "mild":
            return
        if note_id not in self.s.notes:
            self.s.notes.append(note_id)

    @property
    def over(self) -> bool:
        return self.s.ending is not None

    def evaluate(self, value: float | str) -> float:
        """A plain number, or an expression evaluated now."""
        if isinstance(value, int | float):
            return float(value)
        return float(self.t.run[value](self))

    def weigh(self, expression: str, **inputs: float) -> tuple[float, dict[str, Any]]:
        """An expression that also reads names the engine provides for this one weighing
        (a checkpoint's ``strength``), and the values it read (rounded) for "why?"."""
        read = {name: inputs[name] if name in inputs else self.env[name]
                for name in self.t.names_read[expression]}
        odds = float(self.t.expressions[expression](read))
        return odds, {name: _rounded(value) for name, value in read.items()}

    def values_of(self, expression: float | str) -> dict[str, Any]:
        """The values an expression reads now, for "why?" (rounded for reading)."""
        if isinstance(expression, int | float):
            return {}
        getters = self.t.getters
        return {name: _rounded(getters[name](self)) for name in self.t.names_read[expression]}

    def holds(self, condition: str | None) -> bool:
        return condition is None or bool(self.t.run[condition](self))

    def finish(self) -> GameState:
        self.s.rng = self.rng.state
        return self.s


def _rounded(value: Any) -> Any:
    return round(value, 2) if isinstance(value, float) else value


_GETTERS: dict[str, Callable[[World], Any]] = {
    "papers": lambda w: w.papers,
    "day": lambda w: float(w.s.day),
    "days_free": lambda w: float(w.s.day - w.s.escaped_day) if w.s.escaped_day is not None
    else 0.0,
    "month": lambda w: float(w.t.month_of(w.s.day).month),
    "temp": lambda w: w.s.temp,
    "daylight": lambda w: w.t.month_of(w.s.day).daylight,
    "forage": lambda w: w.t.month_of(w.s.day).forage,
    "km": lambda w: w.s.km,
    "km_from_camp": lambda w: w.km_from_camp,
    "group": lambda w: float(w.group),
    "exposure": lambda w: w.exposure,
    "phase": lambda w: w.s.phase,
    "ration": lambda w: w.s.ration,
    "content": lambda w: w.s.content,
    "snow": lambda w: w.t.month_of(w.s.day).snow,
    "ice": lambda w: w.t.month_of(w.s.day).ice,
    "season": lambda w: w.t.month_of(w.s.day).season,
    "place": lambda w: w.s.place,
    "terrain": lambda w: w.terrain_id,
    "profile": lambda w: w.s.profile,
    "belt": lambda w: w.in_belt,
    "at_place": lambda w: w.s.leg is None,
    "alarm": lambda w: w.s.alarm_raised,
    "stage": stage_id,
}
"""Values of the built-in names of :mod:`gulag_escape.scenario.vocabulary`."""


def _getters(scenario: Scenario) -> dict[str, Callable[[World], Any]]:
    """A value function for every name of the scenario's vocabulary, built once."""
    getters = dict(_GETTERS)
    for stat in (*BODY_BOUNDS, *scenario.stats):
        getters[stat] = _stat_getter(stat)
    for item in scenario.items:
        getters[f"item.{item}"] = _item_getter(item)
    for skill in scenario.skills:
        getters[f"skill.{skill}"] = _skill_getter(skill)
    for flag in scenario.flags:
        getters[f"flag.{flag}"] = _flag_getter(flag)
    for companion in scenario.companions:
        key = companion.id.replace("-", "_")
        getters[f"companion.{key}"] = _companion_getter(companion.id)
        getters[f"loyalty.{key}"] = _loyalty_getter(companion.id)
    getters.update(document_getters(scenario))
    getters.update(member_getters(scenario))
    return getters


# One closure per name, each reading the world directly: a name read is one call.
def _stat_getter(stat: str) -> Callable[[World], float]:
    return lambda w: w.s.stats[stat]


def _item_getter(item: str) -> Callable[[World], float]:
    return lambda w: float(w.s.items.get(item, 0))


def _skill_getter(skill: str) -> Callable[[World], float]:
    return lambda w: float(w.skill(skill))


def _flag_getter(flag: str) -> Callable[[World], bool]:
    return lambda w: w.s.flags.get(flag, False)


def _companion_getter(who: str) -> Callable[[World], bool]:
    return lambda w: who in w.s.companions


def _loyalty_getter(who: str) -> Callable[[World], float]:
    return lambda w: w.s.companions.get(who, 0.0)


class Environment(Mapping[str, Any]):
    """What expressions read: every name of the scenario's vocabulary, computed on demand."""

    __slots__ = ("getters", "world")

    def __init__(self, world: World) -> None:
        self.world = world
        self.getters = world.t.getters

    def __getitem__(self, name: str) -> Any:
        return self.getters[name](self.world)

    def __iter__(self) -> Iterator[str]:
        return iter(self.getters)

    def __len__(self) -> int:
        return len(self.getters)

