"""Companions under strain: hunger and fear wear loyalty down, and low loyalty breaks."""

from __future__ import annotations

from gulag_escape.engine.pursuit import sighted
from gulag_escape.engine.world import World


def strain(world: World) -> None:
    """One night for the group: loyalty falls under strain; the weakest may leave or report."""
    if world.s.phase != "run":
        return
    strained = world.stat("hunger") > 60 or world.stat("alert") > 60
    for companion in sorted(world.s.companions):
        loyalty = world.s.companions[companion]
        if strained:
            loyalty = max(0.0, loyalty - 2.0)
            world.s.companions[companion] = loyalty
        if loyalty < 15 and world.in_belt and world.rng.chance(0.3):
            depart(world, companion, "betrayed")
            sighted(world)
        elif loyalty < 30 and world.rng.chance((30 - loyalty) / 100):
            depart(world, companion, "deserted")


def depart(world: World, companion: str, how: str) -> None:
    del world.s.companions[companion]
    world.s.departed.append(companion)
    world.say("msg", how, companion)
    world.remember("msg", how, companion)
