"""What a bot knows when it chooses: the screen, plus what a reader gathers from the words.

A human player reads "Climb the fence" and knows it is the escape, and reads the route map
to see which road leads on. A bot cannot read prose, so :class:`ScenarioReading` gathers
the same knowledge once per scenario from the author's data (what each storylet choice
does, where each leg leads, what each month yields to a forager). It never exposes what a
player cannot know: a check's outcome, or the hidden disposition of a stranger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gulag_escape.engine.options import Option
from gulag_escape.engine.state import GameState
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.models import (
    AddEffect,
    Choice,
    DaysEffect,
    EndEffect,
    EscapeEffect,
    MoveEffect,
    Outcome,
    Scenario,
)

GAIN_PER_UNIT = {"food": 0.1, "health": 0.01, "warmth": 0.005, "hunger": -0.01,
                 "fatigue": -0.005, "alert": -0.01}
"""Rough worth of one unit of each body number, as a sensible player weighs them."""
GAIN_PER_ITEM = 0.05
GAIN_PER_DAY = -0.01
"""A day lost on the way costs food and lets the pursuit come closer."""
UNKNOWN_ODDS = 0.5
"""Odds assumed, when looking ahead, for a check whose odds depend on the state."""


@dataclass(frozen=True, slots=True)
class PathReading:
    """What one way a choice can go does, as its words tell a reader."""

    ends: str | None
    """The kind of ending it leads to for certain (an ``end`` effect or a final place)."""
    escapes: bool
    """It starts the run."""
    gain: float
    """Rough worth of what it adds and takes (food, items, body), from :data:`GAIN_PER_UNIT`."""
    next: str | None = None
    """The storylet that follows at once: the choices there are part of this path."""
    toward_escape: bool = False
    """It starts the run, or leads on to a storylet with a choice that does."""


@dataclass(frozen=True, slots=True)
class ChoiceReading:
    """A storylet choice: one path, or a check's success and failure."""

    success: PathReading
    """The path taken without a check, or the check's success."""
    failure: PathReading | None = None
    """The check's failure; None when there is no check."""
    odds: float = 1.0
    """The check's odds when they are a plain number, :data:`UNKNOWN_ODDS` when they depend
    on the state; only for looking ahead (the screen shows the real odds)."""


NOTHING_KNOWN = ChoiceReading(PathReading(None, False, 0.0))
"""A choice whose words tell nothing (the engine's "go on" past a storylet)."""


@dataclass(frozen=True, slots=True)
class LegReading:
    """Where a road leads, as the route map shows it."""

    to: str
    crossing: bool
    """It begins with a river or strait to cross."""


Story = Mapping[str, Mapping[str, ChoiceReading]]
"""Every storylet's choice readings, by storylet id and choice id."""


class ScenarioReading:
    """Everything a bot may know about a scenario, gathered once before many games."""

    def __init__(self, scenario: LoadedScenario) -> None:
        model = scenario.model
        self.start = model.start
        self.calendar_start = model.calendar.start
        self.ending_kind = {ending.id: ending.kind for ending in model.endings}
        self.climate = {month.month: month for month in model.climate}
        """Each calendar month's climate, as the scenario's climate table gives it."""
        self.forage = {month.month: month.forage for month in model.climate}
        self.legs = {leg.id: LegReading(leg.to, leg.crossing is not None) for leg in model.legs}
        self.story: Story = _Reader(model).story()
        self.worths: dict[tuple[int, float, int], float] = {}
        """What policies worked out from :attr:`story` (it never changes), kept for every
        game: keyed by the ``id`` of a :class:`PathReading` of :attr:`story`, which lives
        as long as this reading."""
        self._months: list[int] = []

    def month(self, day: int) -> int:
        """The calendar month of a game day (computed once per day)."""
        while len(self._months) <= day:
            date = self.calendar_start + dt.timedelta(days=len(self._months))
            self._months.append(date.month)
        return self._months[day]


class _Reader:
    """Reads what effects do, knowing the scenario's endings, final places and storylets."""

    def __init__(self, model: Scenario) -> None:
        self.model = model
        self.items = set(model.items)
        self.ending_kind = {ending.id: ending.kind for ending in model.endings}
        self.place_ending_kind = {place.id: self.ending_kind[place.ending]
                                  for place in model.places if place.ending}
        self.escaping = {storylet.id for storylet in model.storylets
                         if any(_escapes(choice) for choice in storylet.choices)}

    def story(self) -> dict[str, dict[str, ChoiceReading]]:
        nexts = {storylet.id: {o.next for c in storylet.choices for o in _outcomes(c) if o.next}
                 for storylet in self.model.storylets}
        leading = set(self.escaping)
        grown = True
        while grown:  # storylets from which a chain of `next` links reaches an escape
            before = len(leading)
            leading |= {sid for sid, targets in nexts.items() if targets & leading}
            grown = len(leading) > before
        return {
            storylet.id: {choice.id: self.choice(choice, leading) for choice in storylet.choices}
            for storylet in self.model.storylets
        }

    def choice(self, choice: Choice, leading: set[str]) -> ChoiceReading:
        if choice.check is None:
            return ChoiceReading(self.path(choice, leading))
        odds = choice.check.odds
        return ChoiceReading(self.path(choice.check.success, leading),
                             self.path(choice.check.failure, leading),
                             float(odds) if isinstance(odds, int | float) else UNKNOWN_ODDS)

    def path(self, outcome: Outcome | Choice, leading: set[str]) -> PathReading:
        ends: str | None = None
        escapes = False
        gain = 0.0
        for effect in outcome.effects:
            match effect:
                case EndEffect(end=ending):
                    ends = ends or self.ending_kind[ending]
                case MoveEffect(move=place) if place in self.place_ending_kind:
                    ends = ends or self.place_ending_kind[place]
                case EscapeEffect():
                    escapes = True
                case DaysEffect(days=days):
                    gain += GAIN_PER_DAY * days
                case AddEffect(add=changes):
                    for name, amount in changes.items():
                        if name in self.items:
                            gain += GAIN_PER_ITEM * amount
                        else:
                            gain += GAIN_PER_UNIT.get(name, 0.0) * amount
        toward = escapes or outcome.next in leading
        return PathReading(ends, escapes, round(gain, 6), outcome.next, toward)


def _outcomes(choice: Choice) -> list[Outcome | Choice]:
    return [choice.check.success, choice.check.failure] if choice.check else [choice]


def _escapes(choice: Choice) -> bool:
    return any(isinstance(effect, EscapeEffect)
               for outcome in _outcomes(choice) for effect in outcome.effects)


@dataclass(slots=True)
class Situation:
    """One decision: what the player sees on screen, and what a reader knows of its choices.

    Read-only by convention, not frozen: one is built for every turn of every simulated game,
    and a frozen dataclass pays a call for each field it sets.
    """

    scene: str
    """``camp`` (the camp's plan), ``plan`` (the day's plan on the run), ``storylet``,
    ``encounter`` or ``checkpoint``."""
    enabled: Sequence[Option]
    """The choices that can be taken, in the order shown (each with its id and odds)."""
    phase: str
    """``camp`` before the escape, ``run`` after."""
    day: int
    month: int
    stats: Mapping[str, float]
    """The numbers of the status panel: health, hunger, warmth, fatigue, alert, food..."""
    ration: str
    group: int
    """People in the group, the fugitive included."""
    forage: float
    """What a day's foraging yields this month, in days of food, before ground and skill."""
    daylight: float
    """Hours of daylight this month (the scenario's climate table)."""
    snow: str
    """Snow on the ground this month: none, patchy, cover or deep."""
    visited: frozenset[str]
    """Places reached so far, the camp included."""
    legs: Mapping[str, LegReading]
    """Every leg of the route by id (``march:LEG`` choices name one)."""
    story: Story
    """What every storylet's choices do, for looking ahead along ``next`` links."""
    worths: dict[tuple[int, float, int], float]
    """Worths policies worked out from ``story``, shared by all games of a scenario."""
    storylet: str | None = None
    """The storylet on screen, if the scene is one."""
    escaped_day: int | None = None
    """The day the run began; None in camp."""

    @property
    def in_camp(self) -> bool:
        return self.phase == "camp"

    def gauge(self, name: str) -> float:
        return self.stats[name]

    @property
    def food_days(self) -> float:
        """Days of full rations the food carried lasts the group."""
        return self.stats["food"] / self.group

    def reading(self, choice_id: str) -> ChoiceReading:
        """What a choice of the storylet on screen does, as far as its words tell."""
        if self.storylet is None:
            return NOTHING_KNOWN
        return self.story[self.storylet].get(choice_id, NOTHING_KNOWN)

    def has(self, choice_id: str) -> bool:
        return any(choice.id == choice_id for choice in self.enabled)


def read_situation(state: GameState, options: Sequence[Option],
                   reading: ScenarioReading) -> Situation:
    """What a game shows now: its choices and its status, as a player sees them.

    ``state`` is read, never kept: the situation holds nothing the next turn changes.
    """
    scene = state.scene
    kind = scene[0] if scene else ("camp" if state.phase == "camp" else "plan")
    month = reading.month(state.day)
    return Situation(
        scene=kind,
        enabled=[option for option in options if option.enabled],
        phase=state.phase,
        day=state.day,
        month=month,
        stats=dict(state.stats),
        ration=state.ration,
        group=1 + len(state.companions),
        forage=reading.forage[month],
        daylight=reading.climate[month].daylight,
        snow=reading.climate[month].snow,
        visited=frozenset((reading.start, *state.visited)),
        legs=reading.legs,
        story=reading.story,
        worths=reading.worths,
        storylet=scene[1] if scene is not None and kind == "storylet" else None,
        escaped_day=state.escaped_day,
    )
