"""Choosing what happens next: priority storylets, encounters, then storylets by weight."""

from __future__ import annotations

from collections.abc import Sequence

from gulag_escape.engine.planning import tell_stage
from gulag_escape.engine.prose import told
from gulag_escape.engine.world import World
from gulag_escape.scenario.models import Disposition, Encounter, Storylet


def candidates(world: World) -> tuple[list[Storylet], list[Storylet]]:
    """(urgent, drawn by weight) storylets whose phase, places and terrains fit right now."""
    s = world.s
    where = ("leg", world.t.legs[s.leg].terrain) if s.leg else ("place", s.place)
    return world.t.candidates[(s.content, s.phase, *where)]


def eligible(world: World, storylet: Storylet) -> bool:
    """Whether a candidate storylet can fire now (its static requirements already hold)."""
    return bool(fireable(world, (storylet,)))


def fireable(world: World, storylets: Sequence[Storylet], first: bool = False) -> list[Storylet]:
    """The candidates that can fire now, in order (only the first one with ``first``).

    One loop for a whole list, not a call per storylet: it runs for every candidate on every
    turn, and is most of what the simulator's engine does.
    """
    s, when = world.s, world.t.when
    fired_on, day = s.fired_on, s.day  # set whenever a storylet fires
    found = []
    for storylet in storylets:
        last = fired_on.get(storylet.id)
        if last is not None and (storylet.once or last == day):
            continue
        condition = when[storylet.id]
        if condition is None or condition(world):
            found.append(storylet)
            if first:
                break
    return found


def fire(world: World, storylet_id: str) -> None:
    """Make a storylet the scene and tell it."""
    world.s.scene = ("storylet", storylet_id)
    world.s.seen[storylet_id] = world.s.seen.get(storylet_id, 0) + 1
    world.s.fired_on[storylet_id] = world.s.day
    world.s.narration.append(_telling(world, world.t.storylets[storylet_id]))
    world.remember("storylet", storylet_id)


def _telling(world: World, storylet: Storylet) -> tuple[object, ...]:
    """The storylet's text as said now, or its ``repeat_text`` if that wording is still fresh.

    A repeatable storylet (the weekly hub in camp) would otherwise tell the same paragraph
    every time it fires; with a ``repeat_text`` the full wording comes back only after
    ``repeat_days``, or at once when the state picks another variant.
    """
    line = told(world, ("storylet", storylet.id))
    if storylet.repeat_text is None:
        return line
    variant = line[2] if len(line) > 2 else 0
    last = world.s.told.get(storylet.id)
    if last is not None and last[1] == variant and world.s.day - last[0] < storylet.repeat_days:
        return told(world, ("storylet-again", storylet.id))
    world.s.told[storylet.id] = [world.s.day, variant]
    return line


def next_scene(world: World, day_passed: bool) -> None:
    """Pick the next scene unless one is set: urgent storylets always, chance only after a day.

    Encounters and storylets drawn by weight wait for a day to pass, so that choices taking
    no time (setting the ration) cannot be used to re-roll what happens.
    """
    tell_stage(world)
    if world.over or world.s.scene is not None:
        return
    urgent_now, drawable_now = candidates(world)
    # Sorted by priority (file order among equals): the first that can fire is the one.
    for urgent in fireable(world, urgent_now, first=True):
        fire(world, urgent.id)
        return
    if not day_passed:
        return
    if world.s.phase == "run" and _meet_someone(world):
        return
    if not world.rng.chance(world.t.scenario.calendar.event_chance):
        return
    drawn = fireable(world, drawable_now)
    weights = [max(0.0, world.evaluate(st.weight)) for st in drawn]
    index = world.rng.weighted(weights)
    if index is not None:
        fire(world, drawn[index].id)


def _meet_someone(world: World) -> bool:
    rules = world.t.meetings
    leg = world.leg
    chance = (rules.on_leg_share * world.t.places[leg.to].population if leg
              else world.place.population)
    if world.in_belt:
        chance *= rules.belt_factor
    if not world.rng.chance(min(chance, rules.chance_cap)):
        return False
    candidates = [e for e in world.t.scenario.encounters if _can_meet(world, e)]
    index = world.rng.weighted([max(0.0, world.evaluate(e.weight)) for e in candidates])
    if index is None:
        return False
    encounter = candidates[index]
    weights = disposition_weights(world, encounter)
    names = list(weights)
    drawn = world.rng.weighted(list(weights.values()))
    if drawn is None:
        return False
    world.s.scene = ("encounter", encounter.id, names[drawn])
    world.say("encounter", encounter.id)
    world.say("cue", encounter.id, names[drawn])
    return True


def disposition_weights(world: World, encounter: Encounter) -> dict[Disposition, float]:
    """How likely each disposition is for someone met here now (the profile's help counts)."""
    help_factor = world.t.profiles[world.s.profile].help
    return {
        name: max(0.0, world.evaluate(weight)) * (help_factor if name == "helper" else 1.0)
        for name, weight in encounter.dispositions.items()
    }


def _can_meet(world: World, encounter: Encounter) -> bool:
    s = world.s
    if encounter.places and (s.leg is not None or s.place not in encounter.places):
        return False
    if encounter.terrains and (s.leg is None or world.terrain_id not in encounter.terrains):
        return False
    return world.holds(encounter.when)
