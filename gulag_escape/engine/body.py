"""Hunger, warmth, fatigue and health: what a day does to a body.

The thresholds come from the scenario's ``body:`` section. Health falls only when one of
hunger, cold or exhaustion passes its line, and the harm is booked by cause, so that a death
can be attributed to what did the most damage, and the ending screen can say what nearly
killed a survivor.
"""

from __future__ import annotations

from gulag_escape.engine.world import World


def eat(world: World) -> None:
    """Eat the day's ration from the group's food; hunger follows what was really eaten."""
    rules = world.t.scenario.body
    rate = getattr(rules.food_per_day, world.s.ration)
    need = rate * world.group
    eaten = min(world.stat("food"), need)
    world.add_stat("food", -eaten)
    per_person = eaten / world.group
    full, half = rules.food_per_day.full, rules.food_per_day.half
    gains = rules.hunger_per_day
    if per_person >= full:
        change = gains.full
    elif per_person >= half and full > half:
        share = (per_person - half) / (full - half)
        change = gains.half + share * (gains.full - gains.half)
    elif half > 0:
        change = gains.none + per_person / half * (gains.half - gains.none)
    else:
        change = gains.none
    if 0 < eaten < need - 1e-9:
        world.say("msg", "food-out")
    world.add_stat("hunger", change)


def warm(world: World, fire: bool) -> None:
    rules = world.t.body
    insulation = sum(value for _, value in world.items_with("insulation"))
    target = rules.warmth_base + (world.s.temp + insulation) * rules.warmth_per_degree
    if fire:
        target += rules.fire_warmth
    target = max(0.0, min(100.0, target))
    world.add_stat("warmth", (target - world.stat("warmth")) * rules.warmth_share)


def tire(world: World, activity: str) -> None:
    rules = world.t.body
    share = world.t.exertion.get(activity, 0.0)
    if share >= 0:
        world.add_stat("fatigue", share * rules.fatigue_per_march)
    else:
        world.add_stat("fatigue", share * rules.recovery_per_rest)


def harm(world: World) -> None:
    """Lose health to whatever is past its line, or recover a little; die at zero."""
    rules = world.t.body
    scale = rules.harm_scale
    damage = {
        "hunger": max(0.0, world.stat("hunger") - rules.starving_at) / scale.hunger,
        "cold": max(0.0, rules.cold_at - world.stat("warmth")) / scale.cold,
        "exhaustion": max(0.0, world.stat("fatigue") - rules.exhausted_at) / scale.exhaustion,
    }
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


def live_day(world: World, activity: str) -> None:
    """A day on the run for the body, in order: eat, keep warm, tire, take harm."""
    eat(world)
    warm(world, fire=activity == "fire")
    tire(world, activity)
    harm(world)
