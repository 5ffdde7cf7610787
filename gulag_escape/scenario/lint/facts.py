"""What a scenario can reach: places, storylets, choices, endings and the values of names.

Lint rules ask the same questions (can this storylet fire? can a flag ever be true?), so
they are answered once, here. The answers feed each other: a storylet that can never fire
sets no flags, and a flag never set can keep another storylet from firing. The facts start
from everything the file writes and drop what cannot happen until nothing changes; every
step only removes what is certainly impossible, so what remains is an over-estimate of
what some game can do, never an under-estimate.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gulag_escape.scenario.lint.conditions import (
    INF,
    TOP,
    Analysis,
    Choices,
    Domain,
    Env,
    Numbers,
    parse,
    value,
)
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.models import (
    PACE_BOUNDS,
    AddEffect,
    Choice,
    Disposition,
    Encounter,
    EndEffect,
    EscapeEffect,
    JoinEffect,
    Leg,
    MoveEffect,
    NoteEffect,
    Outcome,
    Scenario,
    SetEffect,
    Storylet,
)
from gulag_escape.scenario.vocabulary import (
    BODY_BOUNDS,
    BODY_STATS,
    CHECKPOINT_RULES,
    MEMBER_VALUES,
    NO_EXPIRY,
)

Loc = tuple[Any, ...]
_MAX_ROUNDS = 20
"""Each round drops at least one outcome; real scenarios settle in two or three."""


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outcome a game can come to: a choice, one side of its check, an encounter's."""

    owner: tuple[str, str]
    """("storylet", id) or ("encounter", id)."""
    choice: int | None
    """The choice's index in its storylet; None for an encounter."""
    loc: Loc
    outcome: Outcome | Choice
    disposition: Disposition | None = None
    """For an encounter's approach: the disposition it follows."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a condition can hold, and if not, which names ran dry."""

    env: dict[str, Domain] | None
    dry: frozenset[str] = frozenset()

    @property
    def possible(self) -> bool:
        return self.env is not None


class Facts:
    """Everything the lint rules need to know about one scenario."""

    def __init__(self, loaded: LoadedScenario) -> None:
        self.loaded = loaded
        self.s: Scenario = loaded.model
        s = self.s
        self.storylet_index = {st.id: i for i, st in enumerate(s.storylets)}
        self.outlets = list(_outlets(s))
        self.led_to: dict[str, list[Outlet]] = {}
        """Storylet id → the outcomes whose ``next:`` shows it."""
        for outlet in self.outlets:
            if outlet.outcome.next:
                self.led_to.setdefault(outlet.outcome.next, []).append(outlet)
        start = s.calendar.start
        self.last_day = start + dt.timedelta(days=s.calendar.max_days)
        """The last date a game can see: the turn cap ends it."""
        self.months = sorted({(start + dt.timedelta(days=n)).month
                              for n in range(s.calendar.max_days + 1)})
        live = self.outlets
        for _ in range(_MAX_ROUNDS):
            self._learn(live)
            now = self._live_outlets()
            if now == live:
                break
            live = now
        self.live_outlets = live

    # --- one round --------------------------------------------------------------------------

    def _learn(self, live: list[Outlet]) -> None:
        """The reach of the route and the domain of every name, given the live outcomes."""
        s = self.s
        effects = [effect for outlet in live for effect in outlet.outcome.effects]
        self.escape = any(isinstance(effect, EscapeEffect) for effect in effects)
        self.moves = {effect.move for effect in effects if isinstance(effect, MoveEffect)}
        self.flags_true = {name for effect in effects if isinstance(effect, SetEffect)
                           for name, set_to in effect.set.items() if set_to is True}
        self.joins = {effect.join for effect in effects if isinstance(effect, JoinEffect)}
        self.joins |= {c.id for c in s.companions if c.joins}
        given = {name for effect in effects if isinstance(effect, AddEffect)
                 for name, amount in effect.add.items() if amount > 0 and name in s.items}
        self.items_given = given | {item for p in s.profiles for item, n in p.items.items() if n}
        self.places, self.legs = self._route()
        self.camp_places = {s.start} | self.moves
        self.base = self._domains()
        self._fired: dict[tuple[str, str | None], Verdict] = {}

    def _route(self) -> tuple[set[str], list[Leg]]:
        """Places some game reaches and legs some game walks (breadth first from the camp)."""
        s = self.s
        endings = {p.id for p in s.places if p.ending}
        exits: dict[str, list[Leg]] = {}
        for leg in s.legs:
            exits.setdefault(leg.from_, []).append(leg)
        reached = {s.start} | self.moves
        walked: list[Leg] = []
        queue = deque(reached)
        while queue:
            place = queue.popleft()
            if place in endings or not self.escape:
                continue  # arriving there ends the game; in camp no leg is walked
            for leg in exits.get(place, []):
                walked.append(leg)
                if leg.to not in reached:
                    reached.add(leg.to)
                    queue.append(leg.to)
        return reached, walked

    def _domains(self) -> dict[str, Domain]:
        s = self.s
        base: dict[str, Domain] = {
            name: Numbers.between(low, high) for name, (low, high) in BODY_BOUNDS.items()
        }
        for name, stat in s.stats.items():
            starts = [stat.start] + [p.stats[name] for p in s.profiles if name in p.stats]
            base[name] = Numbers.between(min(stat.min, *starts), max(stat.max, *starts))
        last = float(s.calendar.max_days)
        base["day"] = Numbers.between(0, last)
        base["days_free"] = Numbers.between(0, last if self.escape else 0)
        base["km"] = Numbers.between(0, INF if self.escape else 0)
        climate = [m for m in s.climate if m.month in self.months]
        base["month"] = Numbers.of(self.months)
        base["daylight"] = Numbers.of(m.daylight for m in climate)
        base["forage"] = Numbers.of(m.forage for m in climate)
        base["temp"] = Numbers.between(min(m.temp_low for m in climate),
                                       max(m.temp_high for m in climate))
        for name in ("season", "snow", "ice"):
            base[name] = Choices(frozenset(getattr(m, name) for m in climate))
        base["phase"] = Choices(frozenset({"camp", "run"} if self.escape else {"camp"}))
        # arriving at a place with an ending ends the game: no scene is ever shown there
        endings = {p.id for p in s.places if p.ending}
        base["place"] = Choices(frozenset(self.places - endings))
        base["terrain"] = Choices(frozenset({"place"} | {leg.terrain for leg in self.legs}))
        base["at_place"] = Choices(frozenset({True, False} if self.legs else {True}))
        base["alarm"] = Choices(frozenset({False, True} if self.escape else {False}))
        base["belt"] = Choices(frozenset(p.belt for p in s.places if p.id in self.places))
        with_you = [c for c in s.companions if c.id in self.joins]
        base["group"] = Numbers.between(1, 1 + len(with_you))
        papers = [s.items[i].papers for i in self.items_given]
        base["papers"] = Numbers.of([0.0, *papers])
        for item in s.items:
            base[f"item.{item}"] = Numbers.between(0, INF if item in self.items_given else 0)
        for skill in s.skills:
            levels = [0] + [p.skills.get(skill, 0) for p in s.profiles]
            levels += [c.skills.get(skill, 0) for c in with_you]
            base[f"skill.{skill}"] = Numbers.between(min(levels), max(levels))
        for flag in s.flags:
            base[f"flag.{flag}"] = Choices(frozenset({False, flag in self.flags_true}))
        for companion in s.companions:
            key = companion.id.replace("-", "_")
            base[f"companion.{key}"] = Choices(frozenset({False, companion.id in self.joins}))
            base[f"loyalty.{key}"] = Numbers.between(0, 100)
            if companion.body is not None:
                for value in MEMBER_VALUES:
                    low, high = PACE_BOUNDS if value == "pace" else BODY_BOUNDS[value]
                    base[f"{value}.{key}"] = Numbers.between(low, high)
        for item, definition in s.items.items():
            if definition.document is not None:
                carried = item in self.items_given
                base[f"valid.{item}"] = Choices(frozenset({False, True} if carried else {False}))
                base[f"days_left.{item}"] = Numbers.between(0, NO_EXPIRY if carried else 0)
        base["stage"] = Choices(frozenset({""} | {st.id for st in s.calendar.planning}))
        return base

    def _live_outlets(self) -> list[Outlet]:
        """This round's live outcomes; the storylets they can show are kept as ``shown``."""
        outlets, self.shown = self.reach()
        return outlets

    def reach(self, content: str | None = None) -> tuple[list[Outlet], set[str]]:
        """The outcomes that can happen and the storylets that can be shown, at ``content``
        (a content level) or at any level."""
        by_owner: dict[tuple[str, str], list[Outlet]] = {}
        for outlet in self.outlets:
            by_owner.setdefault(outlet.owner, []).append(outlet)
        found: list[Outlet] = []
        shown = {st.id for st in self.s.storylets if self.fire_verdict(st, content).possible}
        queue = deque(shown)

        def follow(outlet: Outlet) -> None:
            found.append(outlet)
            target = outlet.outcome.next
            if target and target not in shown:
                shown.add(target)
                queue.append(target)

        for encounter in self.s.encounters:
            if self.encounter_verdict(encounter, content).possible:
                for outlet in by_owner.get(("encounter", encounter.id), []):
                    if self.disposition_possible(outlet):
                        follow(outlet)
        while queue:
            storylet = self.s.storylets[self.storylet_index[queue.popleft()]]
            for outlet in by_owner.get(("storylet", storylet.id), []):
                assert outlet.choice is not None
                _, enabled = self.choice_verdicts(
                    storylet, storylet.choices[outlet.choice], content=content)
                if enabled.possible:
                    follow(outlet)
        order = {id(outlet): i for i, outlet in enumerate(self.outlets)}
        return sorted(found, key=lambda outlet: order[id(outlet)]), shown

    # --- questions the rules ask ------------------------------------------------------------

    def check(self, text: str | None, env: Env) -> Verdict:
        """Whether the condition ``text`` can hold under ``env``."""
        if text is None:
            return Verdict(dict(env))
        analysis = Analysis()
        result = analysis.holds(parse(text), env)
        return Verdict(result, frozenset(analysis.dry))

    def number(self, weight: float | str, env: Env) -> Numbers:
        if isinstance(weight, int | float):
            return Numbers.of([weight])
        return value(parse(weight), env) or TOP

    def context(self, phase: str, places: list[str], terrains: list[str],
                content: str | None = None) -> Verdict:
        """The domains in a storylet's or encounter's situation, before its condition."""
        if places and terrains:
            return Verdict(None, frozenset({"places-and-terrains"}))
        if phase == "camp" and terrains:
            return Verdict(None, frozenset({"camp-terrains"}))
        env = self.at(content)
        dry: set[str] = set()
        if phase == "camp":
            env.update(days_free=Numbers.of([0]), km=Numbers.of([0]),
                       alarm=Choices(frozenset({False})), at_place=Choices(frozenset({True})),
                       terrain=Choices(frozenset({"place"})))
            env["place"] = _meet(env["place"], self.camp_places)
        if phase != "any":
            env["phase"] = _meet(env["phase"], {phase})
        if places:
            env["place"] = _meet(env["place"], set(places))
            env["at_place"] = _meet(env["at_place"], {True})
        if terrains:
            env["terrain"] = _meet(env["terrain"], set(terrains))
            env["at_place"] = _meet(env["at_place"], {False})
        for name in ("phase", "place", "terrain", "at_place"):
            if env[name].empty:
                dry.add(name)
        return Verdict(None if dry else env, frozenset(dry))

    def at(self, content: str | None) -> dict[str, Domain]:
        """The domains of the whole game, at one content level or at any."""
        env = dict(self.base)
        if content is not None:
            env["content"] = Choices(frozenset({content}))
        return env

    def fire_verdict(self, storylet: Storylet, content: str | None = None) -> Verdict:
        """Whether ``storylet`` can fire by itself (not through a ``next:``)."""
        key = (storylet.id, content)
        known = self._fired.get(key)
        if known is None:
            known = self._fired[key] = self._fire_verdict(storylet, content)
        return known

    def _fire_verdict(self, storylet: Storylet, content: str | None) -> Verdict:
        if content == "mild" and storylet.content_level == "standard":
            return Verdict(None, frozenset({"content"}))
        situation = self.context(storylet.phase, storylet.places, storylet.terrains, content)
        if situation.env is None:
            return situation
        if storylet.content_level == "standard":  # it fires by itself at that level only
            situation.env["content"] = Choices(frozenset({"standard"}))
        verdict = self.check(storylet.when, situation.env)
        if verdict.env is None:
            return verdict
        if storylet.priority == 0 and self.number(storylet.weight, verdict.env).hi <= 0:
            return Verdict(None, frozenset({"weight"}))
        return verdict

    def encounter_verdict(self, encounter: Encounter, content: str | None = None) -> Verdict:
        """Whether ``encounter`` can happen."""
        situation = self.context("run", encounter.places, encounter.terrains, content)
        if situation.env is None:
            return situation
        verdict = self.check(encounter.when, situation.env)
        if verdict.env is not None and self.number(encounter.weight, verdict.env).hi <= 0:
            return Verdict(None, frozenset({"weight"}))
        return verdict

    def choice_env(self, storylet: Storylet, content: str | None = None) -> Env:
        """Where a storylet's choices are judged: its own situation when it only ever fires
        by itself, anywhere when a ``next:`` can show it too."""
        verdict = self.fire_verdict(storylet, content)
        if storylet.id in self.led_to or verdict.env is None:
            return self.at(content)
        return verdict.env

    def choice_verdicts(self, storylet: Storylet, choice: Choice, env: Env | None = None,
                        content: str | None = None) -> tuple[Verdict, Verdict]:
        """(can be shown, can be taken once shown) for one choice."""
        env = self.choice_env(storylet, content) if env is None else env
        shown = self.check(choice.show_if, env)
        enabled = self.check(choice.when, shown.env) if shown.env is not None else shown
        return shown, enabled

    def disposition_possible(self, outlet: Outlet) -> bool:
        if outlet.disposition is None:
            return True
        encounter = next(e for e in self.s.encounters if e.id == outlet.owner[1])
        # an approach may name a disposition that is never drawn
        weight = encounter.dispositions.get(outlet.disposition)
        return weight is not None and self.number(weight, self.base).hi > 0

    def names_read(self) -> set[str]:
        """Every name some expression reads."""
        return {name for _, text in expressions(self.s) for name in self.loaded.expr(text).names}


# --- walking the scenario --------------------------------------------------------------------


def _outlets(s: Scenario) -> Iterator[Outlet]:
    for i, storylet in enumerate(s.storylets):
        owner = ("storylet", storylet.id)
        for j, choice in enumerate(storylet.choices):
            loc: Loc = ("storylets", i, "choices", j)
            if choice.check:
                yield Outlet(owner, j, (*loc, "check", "success"), choice.check.success)
                yield Outlet(owner, j, (*loc, "check", "failure"), choice.check.failure)
            else:
                yield Outlet(owner, j, loc, choice)
    for i, encounter in enumerate(s.encounters):
        owner = ("encounter", encounter.id)
        for disposition, outcome in encounter.approach.items():
            yield Outlet(owner, None, ("encounters", i, "approach", disposition), outcome,
                         disposition)
        yield Outlet(owner, None, ("encounters", i, "avoid"), encounter.avoid)


def expressions(s: Scenario) -> Iterator[tuple[Loc, str]]:
    """Every expression in the scenario (plain numbers left out), with where it is."""
    found: list[tuple[Loc, Any]] = [(("pursuit", "catch_odds"), s.pursuit.catch_odds)]
    found += [(("checkpoints", way, "odds"), getattr(s.checkpoints, way).odds)
              for way in CHECKPOINT_RULES]
    for i, leg in enumerate(s.legs):
        if leg.crossing:
            found.append((("legs", i, "crossing", "difficulty"), leg.crossing.difficulty))
    found += [(("calendar", "planning", i, "until"), stage.until)
              for i, stage in enumerate(s.calendar.planning)]
    for i, storylet in enumerate(s.storylets):
        found += [(("storylets", i, "when"), storylet.when),
                  (("storylets", i, "weight"), storylet.weight)]
        for j, choice in enumerate(storylet.choices):
            loc: Loc = ("storylets", i, "choices", j)
            found += [((*loc, "when"), choice.when), ((*loc, "show_if"), choice.show_if)]
            if choice.check:
                found.append(((*loc, "check", "odds"), choice.check.odds))
    for i, encounter in enumerate(s.encounters):
        found += [(("encounters", i, "when"), encounter.when),
                  (("encounters", i, "weight"), encounter.weight)]
        found += [(("encounters", i, "dispositions", d), weight)
                  for d, weight in encounter.dispositions.items()]
    for loc, text in found:
        if isinstance(text, str):
            yield loc, text


def effects(s: Scenario) -> Iterator[tuple[Loc, Any]]:
    """Every effect in the scenario with where it is."""
    for outlet in _outlets(s):
        for k, effect in enumerate(outlet.outcome.effects):
            yield (*outlet.loc, "effects", k), effect


def texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text in a dumped scenario (``model_dump(by_alias=True)``) with where it is."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from texts(inner, (*loc, index))
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from texts(inner, (*loc, key))


def note_effects(s: Scenario) -> set[str]:
    return {effect.note for _, effect in effects(s) if isinstance(effect, NoteEffect)}


def end_effects(outlets: list[Outlet]) -> set[str]:
    return {effect.end for outlet in outlets for effect in outlet.outcome.effects
            if isinstance(effect, EndEffect)}


def writes(s: Scenario) -> set[str]:
    """Declared stats and flags (as ``flag.x``) some effect or profile writes."""
    found = {name for p in s.profiles for name in p.stats}
    for _, effect in effects(s):
        if isinstance(effect, AddEffect):
            found |= set(effect.add)
        elif isinstance(effect, SetEffect):
            found |= {f"flag.{name}" if name in s.flags else name for name in effect.set}
    return found - set(BODY_STATS)


def _meet(domain: Domain, allowed: set[Any]) -> Choices:
    assert isinstance(domain, Choices)
    return Choices(domain.values & frozenset(allowed))
