"""The party's own bodies: members with health, hunger, warmth, fatigue and a pace.

A companion with a ``body:`` is a person whose state matters on its own: a wife who has never
slept in a swamp, a son with an injured foot. Their values live in ``GameState.bodies`` once
they change (until then they are the scenario's starting values, so reading never writes);
the group walks at the pace of its slowest member. The day that changes them is in
:mod:`gulag_escape.engine.members`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gulag_escape.scenario.models import PACE_BOUNDS, MemberValue, Scenario
from gulag_escape.scenario.vocabulary import BODY_BOUNDS

if TYPE_CHECKING:
    from gulag_escape.engine.world import World

VALUES: tuple[MemberValue, ...] = ("health", "hunger", "warmth", "fatigue", "pace")


def member_value(world: World, who: str, name: str) -> float:
    """A member's body value now: what changed, else the scenario's starting value."""
    body = world.s.bodies.get(who)
    if body is not None:
        return body[name]
    return float(getattr(world.t.members[who], name))


def change_member(world: World, who: str, name: str, amount: float) -> None:
    """Add to a member's body value, kept within its bounds (the pace within its own)."""
    body = world.s.bodies.get(who)
    if body is None:
        start = world.t.members[who]
        body = world.s.bodies[who] = {value: float(getattr(start, value)) for value in VALUES}
    low, high = PACE_BOUNDS if name == "pace" else BODY_BOUNDS[name]
    body[name] = round(float(max(low, min(high, body[name] + amount))), 6)


def has_died(world: World, who: str) -> bool:
    """A member with a body at health 0: dead, whatever an effect says later, so a ``join:``
    cannot bring them back (only people with bodies can die on their own)."""
    return who in world.t.members and member_value(world, who, "health") <= 0


def members_with_you(world: World) -> list[str]:
    """Members with their own body who are in the group, in the order they joined."""
    members = world.t.members
    return [who for who in world.s.companions if who in members] if members else []


def group_pace(world: World) -> float:
    """The group's pace: a fit adult's (1), or the slowest member's if slower."""
    paces = [member_value(world, who, "pace") for who in members_with_you(world)]
    return min(1.0, *paces) if paces else 1.0


def member_getters(scenario: Scenario) -> dict[str, Callable[[World], Any]]:
    """``health.<id>``, ``hunger.<id>``, ``warmth.<id>``, ``fatigue.<id>``, ``pace.<id>``."""
    getters: dict[str, Callable[[World], Any]] = {}
    for companion in scenario.companions:
        if companion.body is None:
            continue
        key = companion.id.replace("-", "_")
        for name in VALUES:
            getters[f"{name}.{key}"] = _member_getter(companion.id, name)
    return getters


def _member_getter(who: str, name: str) -> Callable[[World], Any]:
    return lambda w: member_value(w, who, name)


TAKEN_KINDS = frozenset({"captured", "killed", "surrendered"})
"""Endings in which the authorities take whoever is still with you."""


def party_fates(world: World) -> list[tuple[str, str]]:
    """What became of the party when the game ended: (name, what) for each one to tell.

    Members who died on the way are told; so are free people still with you when the group
    was taken, in their own ``if_caught`` words: they were not sent back to a camp, but
    they paid for the escape all the same.
    """
    fates = []
    for who in world.s.departed:
        if has_died(world, who):
            fates.append((world.t.companions[who].name, "died on the way"))
    ending = world.t.endings[world.s.ending] if world.s.ending else None
    if ending is not None and ending.kind in TAKEN_KINDS:
        for who in world.s.companions:
            companion = world.t.companions[who]
            if companion.free and companion.if_caught:
                fates.append((companion.name, companion.if_caught))
    return fates
