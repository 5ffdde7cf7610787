"""Walking the route: distance per day, getting lost, crossings and arriving at places."""

from __future__ import annotations

from gulag_escape.engine.odds import clamp_odds
from gulag_escape.engine.party import group_pace
from gulag_escape.engine.world import World
from gulag_escape.scenario.models import Terrain


def day_distance(world: World, terrain: Terrain, forced: bool) -> float:
    """Kilometres covered today: terrain × season × pace × the state of the body × the pace
    of the party's slowest member."""
    rules = world.t.travel
    tired = (world.stat("fatigue") - rules.tired_from) / (100 - rules.tired_from)
    condition = 1.0 - rules.tired_loss * max(0.0, tired)
    if world.stat("hunger") > world.t.body.starving_at:
        condition *= rules.starving_pace
    if world.stat("health") < rules.weak_below:
        condition *= rules.weak_pace
    pace = rules.forced_pace if forced else 1.0
    return round(terrain.km_per_day * world.month.travel * pace * condition * group_pace(world),
                 1)


def lost_chance(world: World, terrain: Terrain) -> float:
    """The chance that a day's march goes in a circle: a compass or a woodsman makes it rarer."""
    rules = world.t.travel
    navigation = max((value for _, value in world.items_with("navigation")), default=0.0)
    skilled = rules.navigation_per_level * world.skill(rules.navigation_skill)
    navigation = max(navigation, min(rules.navigation_cap, skilled))
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
    if remaining - km < world.t.travel.finishing_share * km:
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
    rules = world.t.travel.forage
    leg = world.leg
    ground = world.t.terrain(leg.terrain).forage if leg else rules.place_ground
    skill = 1 + rules.per_skill_level * world.skill(rules.skill)
    hands = 1 + rules.per_companion * (world.group - 1)
    luck = world.rng.uniform(rules.luck_low, rules.luck_high)
    found = world.month.forage * ground * skill * hands * luck
    found = round(found, 2)
    world.add_stat("food", found)
    world.say("msg", "forage", world.food_days(found))
