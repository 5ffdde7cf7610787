"""Walking the route: distance per day, getting lost, crossings and arriving at places."""

from __future__ import annotations

from gulag_escape.engine.odds import clamp_odds
from gulag_escape.engine.party import group_pace
from gulag_escape.engine.world import World
from gulag_escape.scenario.models import Terrain

FORCED_PACE = 1.4
FINISHING_SHARE = 0.25
"""A stretch whose rest is under this share of a day's distance is finished the same day."""


def day_distance(world: World, terrain: Terrain, forced: bool) -> float:
    """Kilometres covered today: terrain × season × pace × the state of the body × the pace
    of the party's slowest member."""
    rules = world.t.scenario.body
    condition = 1.0 - 0.5 * max(0.0, (world.stat("fatigue") - 50) / 50)
    if world.stat("hunger") > rules.starving_at:
        condition *= 0.75
    if world.stat("health") < 30:
        condition *= 0.75
    pace = FORCED_PACE if forced else 1.0
    return round(terrain.km_per_day * world.month.travel * pace * condition * group_pace(world),
                 1)


def lost_chance(world: World, terrain: Terrain) -> float:
    """The chance that a day's march goes in a circle: a compass or a woodsman makes it rarer."""
    navigation = max((value for _, value in world.items_with("navigation")), default=0.0)
    navigation = max(navigation, min(0.9, 0.3 * world.skill("woodcraft")))
    return terrain.lost_chance * (1 - navigation)


def astray(world: World, terrain: Terrain) -> bool:
    """Whether today's march went in a circle."""
    return world.rng.chance(lost_chance(world, terrain))


def walk(world: World, forced: bool) -> None:
    """One day's march along the current leg."""
    leg = world.leg
    if leg is None:
        return
    if world.s.leg_km == 0 and leg.crossing:
        failure = clamp_odds(world.evaluate(leg.crossing.difficulty))
        values = world.values_of(leg.crossing.difficulty)
        crossed = not world.risk("crossing", failure, values)
        world.s.last_check = ("crossing", leg.id, round(1 - failure, 4), crossed, values)
        world.s.turning_points.append((world.s.day, f"crossing:{leg.id}", 1 - failure, crossed))
        if not crossed:
            world.say("msg", "crossing-failed", leg.crossing.name)
            world.end(leg.crossing.ending, "crossing")
            return
        world.say("msg", "crossing-ok", leg.crossing.name)
    terrain = world.t.terrain(leg.terrain)
    if astray(world, terrain):
        world.say("msg", "lost", leg.terrain)
        return
    remaining = leg.km - world.s.leg_km
    km = day_distance(world, terrain, forced)
    if remaining - km < FINISHING_SHARE * km:
        # The last few kilometres are walked today, not left for a day of their own.
        km = remaining
    world.s.leg_km = round(world.s.leg_km + km, 3)
    world.s.km = round(world.s.km + km, 3)
    if world.s.leg_km >= leg.km - 1e-6:
        world.say("msg", "march", km, leg.terrain)
        arrive(world, leg.to)
    else:
        world.say("msg", "march-on", km, leg.terrain, round(leg.km - world.s.leg_km, 1))


def arrive(world: World, place_id: str) -> None:
    """Reach a place: it may end the game (a border) or stop you (a checkpoint)."""
    world.s.place = place_id
    world.s.leg = None
    world.s.leg_km = 0.0
    world.s.visited.append(place_id)
    world.say("msg", "arrive", place_id)
    world.remember("msg", "arrive", place_id)
    place = world.t.places[place_id]
    if place.ending:
        world.end(place.ending, "arrived")
    elif place.checkpoint and place_id not in world.s.passed:
        world.s.scene = ("checkpoint", place_id)


def forage(world: World) -> None:
    """A day spent gathering: the month's yield, the ground, the group's skill, and luck."""
    leg = world.leg
    ground = world.t.terrain(leg.terrain).forage if leg else 0.5
    skill = 1 + 0.5 * world.skill("woodcraft")
    hands = 1 + 0.3 * (world.group - 1)
    found = world.month.forage * ground * skill * hands * world.rng.uniform(0.5, 1.5)
    found = round(found, 2)
    world.add_stat("food", found)
    world.say("msg", "forage", world.food_days(found))
