"""A day for the party members' own bodies, by the rules that govern yours.

Each member eats what everyone ate, feels the same night through their own clothing, tires
with the same march and takes harm past the same lines; a member whose health reaches 0 dies
and leaves the party. The values themselves live in :mod:`gulag_escape.engine.party`.
"""

from __future__ import annotations

from gulag_escape.engine.body import damages, fatigue_change, hunger_change, warmth_target
from gulag_escape.engine.companions import depart
from gulag_escape.engine.party import change_member, member_value, members_with_you
from gulag_escape.engine.world import World


def party_day(world: World, activity: str, eaten: float) -> None:
    """One day on the run for every member with a body; ``eaten`` is each one's share."""
    rules = world.t.body
    for who in members_with_you(world):
        change_member(world, who, "hunger", hunger_change(rules, eaten))
        target = warmth_target(rules, world.s.temp, world.t.members[who].insulation,
                               fire=activity == "fire")
        warmth = member_value(world, who, "warmth")
        change_member(world, who, "warmth", (target - warmth) * rules.warmth_share)
        change_member(world, who, "fatigue", fatigue_change(rules, world.t.exertion, activity))
        damage = damages(rules, *(member_value(world, who, name)
                                  for name in ("hunger", "warmth", "fatigue")))
        total = sum(damage.values())
        hurt(world, who, "health", -total if total else rules.recovery_per_day)


def hurt(world: World, who: str, name: str, amount: float) -> None:
    """Change a member's body value; one in the group whose health reaches 0 dies."""
    change_member(world, who, name, amount)
    if who in world.s.companions and member_value(world, who, "health") <= 0:
        depart(world, who, "died")
