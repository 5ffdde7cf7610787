"""How the bots play: a registry of small policies, each a way a real player might play.

A policy sees a :class:`~gulag_escape.simulation.situation.Situation` and returns the id
of an enabled choice. Its randomness comes only from the ``random.Random`` it is given,
seeded from the game's seed, so a simulated game is as repeatable as a played one. The
rules read data (gauges, odds, what a choice does), never a scenario's own ids, so they
play any scenario. One policy object plays one game: it may remember what it did.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from gulag_escape.engine.options import Option
from gulag_escape.simulation.situation import ChoiceReading, PathReading, Situation

ENDING_WORTH = {"freedom": 1.0, "hiding": 0.4, "surrendered": -0.5, "captured": -0.8,
                "killed": -1.0, "died": -1.0}
"""How much a player wants each kind of ending, for weighing storylet choices."""
LOOKAHEAD = 3
"""How many ``next`` links a player reads ahead from a choice."""


class Policy:
    """A way of playing one game; subclasses set ``name`` and implement :meth:`pick`.

    :meth:`choose` keeps a player's common sense that no rule has to repeat: a choice
    already taken today in the same scene is not taken again while another is open, so
    storylets that lead back to each other without time passing cannot hold a bot forever.
    """

    name: ClassVar[str]

    def __init__(self) -> None:
        self._day = -1
        self._taken: set[tuple[str, str]] = set()

    def choose(self, situation: Situation, rng: random.Random) -> str:
        """The id of one of ``situation.enabled``."""
        if situation.day != self._day:
            self._day, self._taken = situation.day, set()
        where = situation.storylet or situation.scene
        fresh = [c for c in situation.enabled if (where, c.id) not in self._taken]
        if fresh and len(fresh) < len(situation.enabled):
            situation = replace(situation, enabled=fresh)
        choice = self.pick(situation, rng)
        self._taken.add((where, choice))
        return choice

    def pick(self, situation: Situation, rng: random.Random) -> str:
        raise NotImplementedError


POLICIES: dict[str, type[Policy]] = {}
"""Every policy by name; :func:`register` adds one."""


def register(policy: type[Policy]) -> type[Policy]:
    """Make a policy available to ``simulate`` and the command line by its ``name``."""
    POLICIES[policy.name] = policy
    return policy


# --- what the policies share --------------------------------------------------------------------


def first_of(situation: Situation, *choice_ids: str) -> str | None:
    """The first of ``choice_ids`` that can be taken now."""
    return next((cid for cid in choice_ids if situation.has(cid)), None)


def odds_of(choice: Option) -> float:
    """The odds shown; a choice without a check is certain."""
    return 1.0 if choice.odds is None else choice.odds


def best_odds(choices: Sequence[Option]) -> str | None:
    """The choice most likely to succeed."""
    return max(choices, key=odds_of).id if choices else None


def gambles(situation: Situation) -> list[Option]:
    """The choices decided by a draw (papers, a truck, a bribe at a checkpoint)."""
    return [choice for choice in situation.enabled if choice.odds is not None]


def escapes(situation: Situation) -> list[Option]:
    """Storylet choices that start the run when they succeed."""
    return [c for c in situation.enabled if situation.reading(c.id).success.escapes]


def toward_escape(situation: Situation) -> list[Option]:
    """Storylet choices that lead on to a storylet where the run can start."""
    return [c for c in situation.enabled if situation.reading(c.id).success.toward_escape
            and not situation.reading(c.id).success.escapes]


def choice_worth(situation: Situation, reading: ChoiceReading, odds: float,
                 escape_worth: float, depth: int = 0) -> float:
    """What a choice is worth on average: its paths weighed by the odds, looking ahead."""
    success = path_worth(situation, reading.success, escape_worth, depth)
    if reading.failure is None:
        return success
    failure = path_worth(situation, reading.failure, escape_worth, depth)
    return odds * success + (1 - odds) * failure


def path_worth(situation: Situation, path: PathReading, escape_worth: float,
               depth: int) -> float:
    """An ending's worth, or what the path gains plus the best choice of what follows.

    It reads only the scenario, never the state, so each is computed once per scenario and
    kept in ``situation.worths`` (looking ahead was a tenth of the simulator's time).
    """
    key = (id(path), escape_worth, depth)
    worth = situation.worths.get(key)
    if worth is None:
        worth = situation.worths[key] = _path_worth(situation, path, escape_worth, depth)
    return worth


def _path_worth(situation: Situation, path: PathReading, escape_worth: float,
                depth: int) -> float:
    if path.ends:
        return ENDING_WORTH[path.ends]
    worth = path.gain + (escape_worth if path.escapes else 0.0)
    following = situation.story.get(path.next or "", {})
    if following and depth < LOOKAHEAD:
        worth += max(choice_worth(situation, reading, reading.odds, escape_worth, depth + 1)
                     for reading in following.values())
    return worth


def onward_leg(situation: Situation, rng: random.Random, avoid_crossings: bool) -> str | None:
    """A ``march:LEG`` choice toward a place not yet reached, drawn among the equals."""
    roads = [c.id for c in situation.enabled if c.id.startswith("march:")]
    if not roads:
        return None
    fresh = [r for r in roads if situation.legs[r.partition(":")[2]].to not in situation.visited]
    candidates = fresh or roads
    if avoid_crossings:
        dry = [r for r in candidates if not situation.legs[r.partition(":")[2]].crossing]
        candidates = dry or candidates
    return rng.choice(candidates)


# --- the policies -------------------------------------------------------------------------------


@register
class RandomPolicy(Policy):
    """Any enabled choice, uniformly: the floor every sensible policy should beat."""

    name = "random"

    def choose(self, situation: Situation, rng: random.Random) -> str:
        return rng.choice(situation.enabled).id


class ScenePolicy(Policy):
    """A policy that answers each kind of scene in its own method; a refusal of every one of
    its preferences falls back to any enabled choice."""

    def pick(self, situation: Situation, rng: random.Random) -> str:
        scene = situation.scene
        picked: str | None
        if scene == "storylet":
            picked = self._storylet(situation)
        elif scene == "checkpoint":
            picked = self._checkpoint(situation)
        elif scene == "encounter":
            picked = self._encounter(situation)
        elif scene == "plan":
            picked = self._plan(situation, rng)
        else:
            picked = first_of(situation, "wait")
        return picked or rng.choice(situation.enabled).id

    def _storylet(self, situation: Situation) -> str | None:
        raise NotImplementedError

    def _checkpoint(self, situation: Situation) -> str | None:
        raise NotImplementedError

    def _encounter(self, situation: Situation) -> str | None:
        raise NotImplementedError

    def _plan(self, situation: Situation, rng: random.Random) -> str | None:
        raise NotImplementedError


@register
class CautiousPolicy(ScenePolicy):
    """Waits for summer, keeps food and strength in reserve, avoids every avoidable risk."""

    name = "cautious"
    escape_snow = frozenset({"none"})
    escape_daylight = 18.0
    """When to go, read from the scenario's climate table: a month with no snow to show
    tracks and days at least this long (hours of daylight), the start of the summer, with
    the whole of it still ahead (June and July in Kolyma and in Karelia)."""
    min_escape_odds = 0.35
    """A way out less likely than this waits for a better night (unless desperate)."""
    waiting = -0.3
    """Worth of starting the run before it is time."""
    critical_health = 10.0
    """Below this, giving up is better than dying in the taiga."""
    desperate_health = 30.0
    """Below this, waiting in camp for summer would kill; go now."""
    short_food_days = 5.0
    """Fewer days of food than this: half rations."""
    enough_food_days = 8.0
    """Back to full rations above this (the gap stops flipping between the two)."""
    tired = 60.0
    exhausted = 80.0
    weak = 35.0
    """Below this health, rest to recover (unless starving: then only walking out helps)."""
    starving = 70.0
    cold = 40.0
    hungry_food_days = 2.0
    good_forage = 0.3

    def escape_season(self, situation: Situation) -> bool:
        """This month is the time to leave the camp."""
        return situation.snow in self.escape_snow and situation.daylight >= self.escape_daylight

    def _checkpoint(self, situation: Situation) -> str | None:
        return first_of(situation, "around") or best_odds(gambles(situation))

    def _encounter(self, situation: Situation) -> str | None:
        return first_of(situation, "avoid")

    def _storylet(self, situation: Situation) -> str:
        if situation.in_camp:
            desperate = situation.gauge("health") < self.desperate_health
            if desperate or self.escape_season(situation):
                floor = 0.0 if desperate else self.min_escape_odds
                ways = [c for c in escapes(situation) if odds_of(c) >= floor]
                way_out = best_odds(ways) or best_odds(toward_escape(situation))
                if way_out:
                    return way_out
        stay = self.waiting if situation.in_camp else 0.0
        return max(situation.enabled, key=lambda c: (
            choice_worth(situation, situation.reading(c.id), odds_of(c), stay), odds_of(c),
        )).id

    def _plan(self, situation: Situation, rng: random.Random) -> str | None:
        health = situation.gauge("health")
        if health <= self.critical_health and situation.has("surrender"):
            return "surrender"
        food_days = situation.food_days
        if food_days > 0:
            if food_days < self.short_food_days and situation.ration == "full":
                return first_of(situation, "ration:half")
            if food_days > self.enough_food_days and situation.ration != "full":
                return first_of(situation, "ration:full")
        fatigue, warmth = situation.gauge("fatigue"), situation.gauge("warmth")
        if warmth < self.cold and situation.has("fire"):
            return "fire"
        # Starving with nothing left to eat, only walking out helps: rest only when spent.
        starving = situation.gauge("hunger") >= self.starving and food_days <= 0
        if fatigue >= (self.exhausted if starving else self.tired):
            return first_of(situation, "rest")
        if starving:
            return first_of(situation, "march") or onward_leg(situation, rng, avoid_crossings=True)
        if health < self.weak:
            return first_of(situation, "rest")
        if food_days < self.hungry_food_days and situation.forage >= self.good_forage:
            return first_of(situation, "forage")
        return first_of(situation, "march") or onward_leg(situation, rng, avoid_crossings=True)


@register
class BoldPolicy(ScenePolicy):
    """Goes at the first chance, forces the pace, shows papers, trusts strangers."""

    name = "bold"
    risk_taste = 0.1
    """Extra worth of a gamble over a safe choice of the same worth."""
    freedom_ahead = 0.6
    """Worth of starting the run: for a bold player, half the way to freedom."""
    exhausted = 80.0
    dying = 20.0
    fresh = 50.0
    good_forage = 0.3

    def _checkpoint(self, situation: Situation) -> str | None:
        return (first_of(situation, "papers") or best_odds(gambles(situation))
                or first_of(situation, "around"))

    def _encounter(self, situation: Situation) -> str | None:
        return first_of(situation, "approach")

    def _storylet(self, situation: Situation) -> str:
        if situation.in_camp:
            way_out = best_odds(escapes(situation)) or best_odds(toward_escape(situation))
            if way_out:
                return way_out
        return max(situation.enabled, key=lambda c: (
            choice_worth(situation, situation.reading(c.id), odds_of(c), self.freedom_ahead)
            + (self.risk_taste if c.odds is not None else 0.0)
        )).id

    def _plan(self, situation: Situation, rng: random.Random) -> str | None:
        if situation.ration != "full":
            return first_of(situation, "ration:full")
        fatigue, health = situation.gauge("fatigue"), situation.gauge("health")
        if fatigue >= self.exhausted or health < self.dying:
            return first_of(situation, "fire", "rest")
        if situation.gauge("food") <= 0 and situation.forage >= self.good_forage:
            return first_of(situation, "forage")
        if fatigue < self.fresh and situation.has("force"):
            return "force"
        return first_of(situation, "march") or onward_leg(situation, rng, avoid_crossings=False)


@register
class ExplorerPolicy(CautiousPolicy):
    """A careful player who tries every door: the cautious policy, with curiosity added.

    The simulator's policies each stop short of part of a scenario. ``random`` gives itself
    up or runs into the guns within days; ``bold`` leaves at the first chance, in a season
    that kills; ``cautious`` survives long enough to reach the far end of a route but never
    takes a gamble whose failure is capture, so it never meets what lies behind one. The
    explorer keeps the cautious policy's body, travel and timing (minus its forage loop, see
    ``good_forage``) and its rule of leaving the camp only in the right season, and in any
    written scene it takes a random choice half of the time. It never leaves early out of
    desperation, so that it also meets what happens to those who stay too long.
    """

    name = "explorer"
    curiosity = 0.5
    """Share of written scenes in which it picks at random instead of cautiously."""
    good_forage = 0.6
    """Forage only when a day yields more than half a ration: the cautious policy's 0.3
    keeps it gathering 0.2 a day on half rations for weeks at a time."""
    desperate_health = 0.0

    def pick(self, situation: Situation, rng: random.Random) -> str:
        cautious = super().pick(situation, rng)
        if situation.scene != "storylet":
            return cautious
        if situation.in_camp:
            if cautious in {choice.id for choice in escapes(situation)}:
                return cautious
            staying = [c for c in situation.enabled
                       if not situation.reading(c.id).success.escapes]
            if staying and rng.random() < self.curiosity:
                return rng.choice(staying).id
            return cautious
        if rng.random() < self.curiosity:
            return rng.choice(situation.enabled).id
        return cautious
