"""Hunger, warmth, fatigue and health: what a day does to a body.

The thresholds come from the scenario's ``body:`` section. Health falls only when one of
hunger, cold or exhaustion passes its line, and the harm is booked by cause, so that a death
can be attributed to what did the most damage, and the ending screen can say what nearly
killed a survivor.
"""

from __future__ import annotations

from collections.abc import Mapping

from gulag_escape.engine.world import World
from gulag_escape.scenario.models import Body


def eat(world: World) -> float:
    """Eat the day's ration from the group's food; hunger follows what was really eaten.

    Returns what each person ate: party members' hunger follows it too.
    """
    rules = world.t.body
    rate: float = getattr(rules.food_per_day, world.s.ration)
    need = rate * world.group
    eaten = min(world.stat("food"), need)
    world.add_stat("food", -eaten)
    per_person = eaten / world.group
    if 0 < eaten < need - 1e-9:
        world.say("msg", "food-out")
    world.add_stat("hunger", hunger_change(rules, per_person))
    return per_person


def hunger_change(rules: Body, per_person: float) -> float:
    """The day's change of hunger for one who ate ``per_person`` days of food."""
    full, half = rules.food_per_day.full, rules.food_per_day.half
    gains = rules.hunger_per_day
    if per_person >= full:
        return gains.full
    if per_person >= half and full > half:
        share = (per_person - half) / (full - half)
        return gains.half + share * (gains.full - gains.half)
    if half > 0:
        return gains.none + per_person / half * (gains.half - gains.none)
    return gains.none


def warm(world: World, fire: bool) -> None:
    rules = world.t.body
    insulation = sum(value for _, value in world.items_with("insulation"))
    target = warmth_target(rules, world.s.temp, insulation, fire)
    world.add_stat("warmth", (target - world.stat("warmth")) * rules.warmth_share)


def warmth_target(rules: Body, temp: float, insulation: float, fire: bool) -> float:
    """The warmth a body tends to tonight, with this clothing, by a fire or not."""
    target = rules.warmth_base + (temp + insulation) * rules.warmth_per_degree
    if fire:
        target += rules.fire_warmth
    return max(0.0, min(100.0, target))


def tire(world: World, activity: str) -> None:
    world.add_stat("fatigue", fatigue_change(world.t.body, world.t.exertion, activity))


def fatigue_change(rules: Body, exertion: Mapping[str, float], activity: str) -> float:
    """Fatigue an activity adds (a negative share of ``exertion``: recovery)."""
    share = exertion.get(activity, 0.0)
    if share >= 0:
        return share * rules.fatigue_per_march
    return share * rules.recovery_per_rest


def harm(world: World) -> None:
    """Lose health to whatever is past its line, or recover a little; die at zero."""
    rules = world.t.body
    damage = damages(rules, world.stat("hunger"), world.stat("warmth"), world.stat("fatigue"))
    total = sum(damage.values())
    if total == 0:
        world.add_stat("health", rules.recovery_per_day)
        return
    for cause, amount in damage.items():
        if amount:
            world.s.harm[cause] = round(world.s.harm.get(cause, 0.0) + amount, 6)
    world.add_stat("health", -total)
    if world.stat("health") <= 0:
        cause = max(damage, key=lambda name: damage[name])
        world.end(getattr(world.t.scenario.endings_for, cause), cause)


def damages(rules: Body, hunger: float, warmth: float, fatigue: float) -> dict[str, float]:
    """Health lost today to each of hunger, cold and exhaustion past its line."""
    scale = rules.harm_scale
    return {
        "hunger": max(0.0, hunger - rules.starving_at) / scale.hunger,
        "cold": max(0.0, rules.cold_at - warmth) / scale.cold,
        "exhaustion": max(0.0, fatigue - rules.exhausted_at) / scale.exhaustion,
    }


def camp_day(world: World) -> None:
    """A day of camp life: the camp feeds and shelters you, badly."""
    rules = world.t.body
    world.add_stat("hunger", rules.camp_hunger_per_day)
    world.add_stat("health", rules.camp_health_per_day)
    drift = rules.camp_drift_share
    world.add_stat("fatigue", (rules.camp_fatigue - world.stat("fatigue")) * drift)
    world.add_stat("warmth", (rules.camp_warmth - world.stat("warmth")) * drift)
    if world.stat("health") <= 0:
        world.end(world.t.scenario.endings_for.exhaustion, "exhaustion")


def live_day(world: World, activity: str) -> float:
    """A day on the run for the body, in order: eat, keep warm, tire, take harm.

    Returns what each person ate (see :func:`eat`).
    """
    eaten = eat(world)
    warm(world, fire=activity == "fire")
    tire(world, activity)
    harm(world)
    return eaten
