"""Companions under strain: hunger and fear wear loyalty down, and low loyalty breaks."""

from __future__ import annotations

from gulag_escape.engine.pursuit import sighted
from gulag_escape.engine.world import World


def strain(world: World) -> None:
    """One night for the group: loyalty falls under strain; the weakest may leave or report.

    Free companions are left alone unless ``company.free_under_strain`` says otherwise."""
    if world.s.phase != "run":
        return
    rules = world.t.company
    strained = (world.stat("hunger") > rules.strain_hunger
                or world.stat("alert") > rules.strain_alert)
    for companion in sorted(world.s.companions):
        if world.t.companions[companion].free and not rules.free_under_strain:
            continue
        loyalty = world.s.companions[companion]
        if strained:
            loyalty = max(0.0, loyalty - rules.loyalty_loss)
            world.s.companions[companion] = loyalty
        if (loyalty < rules.betray_below and world.in_belt
                and world.rng.chance(rules.betray_chance)):
            depart(world, companion, "betrayed")
            sighted(world)
        elif (loyalty < rules.desert_below
              and world.rng.chance((rules.desert_below - loyalty) / 100)):
            depart(world, companion, "deserted")


def depart(world: World, companion: str, how: str) -> None:
    del world.s.companions[companion]
    world.s.departed.append(companion)
    world.say("msg", how, companion)
    world.remember("msg", how, companion)
