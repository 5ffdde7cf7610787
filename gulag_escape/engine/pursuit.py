"""The hunt: the alarm, its decay, tracks in snow, sightings, and the day it catches up."""

from __future__ import annotations

from gulag_escape.engine.world import World


def search_factor(world: World) -> float:
    return world.t.profiles[world.s.profile].search


def sighted(world: World) -> None:
    """Someone reported you: the pursuit knows where to look."""
    rules = world.t.scenario.pursuit
    world.add_stat("alert", rules.sighting_alert * search_factor(world))
    world.say("msg", "sighted")


def pursue(world: World, moved: bool) -> None:
    """One day of the pursuit, after the body's day."""
    if world.s.phase != "run" or world.s.escaped_day is None:
        return
    rules = world.t.pursuit
    days_free = world.s.day - world.s.escaped_day
    if not world.s.alarm_raised:
        if days_free < rules.alarm_delay_days:
            return
        world.s.alarm_raised = True
        alert = rules.alarm_alert * search_factor(world)
        world.set_stat("alert", max(world.stat("alert"), alert))
        world.say("msg", "alarm")
        world.remember("msg", "alarm")
        return
    world.add_stat("alert", -rules.decay_per_day)
    if moved and world.month.snow in rules.tracks_in:
        world.add_stat("alert", rules.tracks_alert * search_factor(world))
        world.say("msg", "tracks")
    # One reading of the names serves the odds and "why?" (exposure is the day's costliest).
    odds, values = world.weigh(rules.catch_odds)
    odds = max(0.0, min(rules.catch_cap, odds))
    caught = world.risk("pursuit", odds, values)
    world.s.last_check = ("pursuit", round(odds, 4), not caught, values)
    if caught:  # a turning point: the days it missed you are not, or every day would be
        world.s.turning_points.append((world.s.day, "pursuit", round(1 - odds, 4), False))
        world.say("msg", "caught")
        world.end(world.t.scenario.endings_for.captured, "pursuit")
