"""A day passing: calendar, the day's activity, body, pursuit, companions, the turn cap."""

from __future__ import annotations

from gulag_escape.engine.body import camp_day, live_day
from gulag_escape.engine.companions import strain
from gulag_escape.engine.members import party_day
from gulag_escape.engine.pursuit import pursue
from gulag_escape.engine.travel import forage, walk
from gulag_escape.engine.world import World

MOVING = {"march", "force", "detour"}


def pass_day(world: World, activity: str) -> None:
    """Advance one day doing ``activity``; stops early if the game ends."""
    world.s.day += 1
    month = world.month
    world.s.temp = round(world.rng.uniform(month.temp_low, month.temp_high), 1)
    if world.s.phase == "camp":
        camp_day(world)
    else:
        if activity in {"march", "force"}:
            walk(world, forced=activity == "force")
        elif activity == "forage":
            forage(world)
        if world.over:
            return
        eaten = live_day(world, activity)
        if world.over:
            return
        party_day(world, activity, eaten)
        pursue(world, moved=activity in MOVING)
        if world.over:
            return
        strain(world)
    if world.s.day >= world.t.scenario.calendar.max_days and not world.over:
        world.end(world.t.scenario.endings_for.timeout, "timeout")


def pass_days(world: World, days: int, activity: str) -> None:
    for _ in range(days):
        if world.over:
            return
        pass_day(world, activity)
