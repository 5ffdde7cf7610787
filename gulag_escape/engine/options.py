"""The choices of each kind of scene, each with what it does when chosen.

An :class:`Option` is computed from the state (so its odds are the odds that will be
drawn) and carries its action as a function of the :class:`World`; ``Game.choose`` runs that
function on a copy of the state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from gulag_escape.engine.body import live_day
from gulag_escape.engine.day import pass_day
from gulag_escape.engine.documents import inspected
from gulag_escape.engine.effects import apply_effects
from gulag_escape.engine.odds import clamp_odds
from gulag_escape.engine.planning import stage_turned, step_days
from gulag_escape.engine.pursuit import sighted
from gulag_escape.engine.risks import RiskSummary, either, forecast, played_ahead, summarise
from gulag_escape.engine.scenes import disposition_weights, fire, next_scene
from gulag_escape.engine.state import Line
from gulag_escape.engine.travel import arrive, astray, day_distance, lost_chance
from gulag_escape.engine.world import Risk, World
from gulag_escape.scenario.models import Checkpoint, Choice, Disposition, Outcome
from gulag_escape.words import days

Action = Callable[[World], None]

GO_ON = "engine:go-on"
"""The engine's way out of a scene whose every choice is refused. The colon keeps it apart
from every id an author can write (an author's choice may well be called ``go-on``)."""
OLD_GO_ON = "go-on"
"""What logs written before version 0.3.0 (saves, run records) hold for :data:`GO_ON`."""


@dataclass(slots=True)
class Option:
    """A choice as the engine sees it: what to show, and what to do."""

    id: str
    label: Line
    act: Action = field(repr=False, compare=False)
    enabled: bool = True
    reason: Line | None = None
    odds: float | None = None
    rule: Line | None = None
    explain: Callable[[], dict[str, Any]] | None = field(default=None, repr=False,
                                                         compare=False)
    """The values behind the odds, for "why?"; computed only when a view asks."""
    foresee: Callable[[], RiskSummary | None] | None = field(default=None, repr=False,
                                                             compare=False)
    """What could end the game while this choice plays out (:mod:`.risks`); only views ask."""

    @property
    def values(self) -> dict[str, Any]:
        return self.explain() if self.explain else {}

    @property
    def risks(self) -> RiskSummary | None:
        return self.foresee() if self.foresee else None


def options(world: World, foresight: bool = True) -> list[Option]:
    """The choices of the current scene, those that can be taken first.

    Refusals stay visible (they teach), but never in first place, and a scene whose every
    choice is refused gets a way on, so no scenario can lock a player in. ``foresight=False``
    leaves out the way to play each choice ahead for its risks (a bot never looks).
    """
    if world.over:
        return []
    found = _scene_options(world)
    enabled = [option for option in found if option.enabled]
    if not enabled:
        enabled = [Option(GO_ON, ("msg", "opt-go-on"), _go_on)]
    for option in enabled if foresight else ():
        if option.odds is None and option.foresee is None:
            option.foresee = partial(forecast, world.t, world.s, option.act)
    return enabled + [option for option in found if not option.enabled]


def _scene_options(world: World) -> list[Option]:
    scene = world.s.scene
    if scene is None:
        return _camp_plan(world) if world.s.phase == "camp" else _day_plan(world)
    kind = scene[0]
    if kind == "storylet":
        return _storylet_options(world, scene[1])
    if kind == "encounter":
        return _encounter_options(world, scene[1], scene[2])
    return _checkpoint_options(world, scene[1])


def _go_on(world: World) -> None:
    world.s.scene = None
    next_scene(world, day_passed=False)


# --- the day's plan -----------------------------------------------------------------------


def _spend_day(activity: str, before: Action | None = None) -> Action:
    def act(world: World) -> None:
        if before:
            before(world)
        pass_day(world, activity)
        next_scene(world, day_passed=True)

    return act


def _camp_plan(world: World) -> list[Option]:
    days = step_days(world)

    def wait(w: World) -> None:
        days_passed = days
        for passed in range(1, days + 1):
            pass_day(w, "camp")
            if w.over or w.s.phase != "camp":
                break
            if stage_turned(w):  # a new stage of the plans sets its own pace
                days_passed = passed
                break
        w.say("msg", "waited" if days_passed != 1 else "waited-one", days_passed)
        next_scene(w, day_passed=True)

    return [Option("wait", ("msg", "opt-wait", days), wait)]


def _day_plan(world: World) -> list[Option]:
    result: list[Option] = []
    if world.s.leg is None:
        for leg in world.t.exits[world.s.place]:
            result.append(Option(f"march:{leg.id}", ("msg", "opt-take", leg.id),
                                 _spend_day("march", _start_leg(leg.id))))
    else:
        result.append(Option("march", ("msg", "opt-march", world.s.leg), _spend_day("march")))
        result.append(Option("force", ("msg", "opt-force"), _spend_day("force")))
    result.append(Option("rest", ("msg", "opt-rest"), _spend_day("rest")))
    fire_items = list(world.items_with("fire"))
    result.append(Option("fire", ("msg", "opt-fire"), _spend_day("fire", _light_fire),
                         enabled=bool(fire_items),
                         reason=None if fire_items else ("msg", "no-fire")))
    result.append(Option("forage", ("msg", "opt-forage"), _spend_day("forage")))
    # With nothing left to eat the ration is a plan for food yet to be found: said so.
    later = "" if world.stat("food") > 0 else "-later"
    for ration in ("full", "half", "none"):
        if ration != world.s.ration:
            result.append(Option(f"ration:{ration}", ("msg", f"opt-ration-{ration}{later}"),
                                 _set_ration(ration)))
    surrender = world.t.scenario.endings_for.surrender
    if surrender:
        result.append(Option("surrender", ("msg", "opt-surrender"),
                             lambda w: w.end(surrender, "surrender")))
    return result


def _start_leg(leg_id: str) -> Action:
    def start(world: World) -> None:
        world.s.came_from = world.s.place
        world.s.leg = leg_id
        world.s.leg_km = 0.0

    return start


def _light_fire(world: World) -> None:
    """A fire warms and dries, and can be seen: smoke by day, light in the dark."""
    rules = world.t.scenario.pursuit
    if world.month.daylight < rules.fire_seen_below_daylight or world.in_belt:
        world.add_stat("alert", rules.fire_alert)
    world.say("msg", "fire")


def _set_ration(ration: str) -> Action:
    def act(world: World) -> None:
        world.s.ration = ration
        world.say("msg", "ration", ration)

    return act


# --- storylets ------------------------------------------------------------------------------


def _storylet_options(world: World, storylet_id: str) -> list[Option]:
    storylet = world.t.storylets[storylet_id]
    result = []
    for choice in storylet.choices:
        if not world.holds(choice.show_if):
            continue
        enabled = world.holds(choice.when)
        reason: Line | None = None
        if not enabled:
            reason = (("unavailable", storylet_id, choice.id) if choice.unavailable
                      else ("needs", choice.when))
        odds, explain = None, None
        if choice.check:
            odds = clamp_odds(world.evaluate(choice.check.odds))
            explain = partial(world.values_of, choice.check.odds)
        result.append(Option(
            choice.id, ("label", storylet_id, choice.id), _resolve(storylet_id, choice),
            enabled, reason, odds,
            ("rule", storylet_id, choice.id) if choice.check else None, explain,
        ))
    return result


def _resolve(storylet_id: str, choice: Choice) -> Action:
    def act(world: World) -> None:
        world.s.scene = None
        day_before = world.s.day
        if choice.check:
            odds = clamp_odds(world.evaluate(choice.check.odds))
            values = world.values_of(choice.check.odds)
            success = world.rng.chance(odds)
            world.s.last_check = ("check", storylet_id, choice.id, round(odds, 4), success,
                                  values)
            world.s.turning_points.append((world.s.day, f"{storylet_id}/{choice.id}",
                                           round(odds, 4), success))
            part = "success" if success else "failure"
            outcome: Outcome | Choice = choice.check.success if success else choice.check.failure
        else:
            part = ""
            outcome = choice
        if outcome.text:
            world.say("outcome", storylet_id, choice.id, part)
        _follow(world, outcome, day_passed_since=day_before)

    return act


def _follow(world: World, outcome: Outcome | Choice, day_passed_since: int) -> None:
    """Apply an outcome's effects, then show its ``next`` storylet or pick what comes."""
    apply_effects(world, outcome.effects)
    if world.over:
        return
    following = world.t.storylets[outcome.next] if outcome.next else None
    # At the mild level a graphic storylet is skipped even when a choice leads to it.
    if following and not (following.content_level == "standard" and world.s.content == "mild"):
        world.s.scene = None
        fire(world, following.id)
        return
    next_scene(world, day_passed=world.s.day > day_passed_since)


# --- encounters -----------------------------------------------------------------------------


def _encounter_options(world: World, encounter_id: str,
                       disposition: Disposition) -> list[Option]:
    encounter = world.t.encounters[encounter_id]

    def approach(w: World) -> None:
        w.s.scene = None
        day = w.s.day
        outcome = encounter.approach[disposition]
        w.say("approach", encounter_id, disposition)
        w.remember("approach", encounter_id, disposition)
        if disposition == "informer":
            sighted(w)
        _follow(w, outcome, day)

    def avoid(w: World) -> None:
        w.s.scene = None
        if encounter.avoid.text:
            w.say("avoid", encounter_id)
        _follow(w, encounter.avoid, w.s.day)

    return [
        Option("approach", ("msg", "opt-approach", encounter_id), approach,
               foresee=partial(_approach_risks, world, encounter_id)),
        Option("avoid", ("msg", "opt-avoid"), avoid),
    ]


def _approach_risks(world: World, encounter_id: str) -> RiskSummary | None:
    """The risk of approaching someone whose disposition the player cannot know.

    Who they are was drawn when they came into view; the player sees the odds before that
    draw (the honest cue in the text is the rest): the chance of an informer, and of each
    way the meeting could end the game, weighed by how likely each kind of person is.
    """
    weights = disposition_weights(world, world.t.encounters[encounter_id])
    total = sum(weights.values())
    if total <= 0:
        return None
    branches: list[tuple[float, RiskSummary]] = []
    for disposition, weight in weights.items():
        share = weight / total
        approach = _encounter_options(world, encounter_id, disposition)[0]
        following = forecast(world.t, world.s, approach.act)
        if disposition == "informer":
            reported = Risk("reported", 1.0, {})
            following = summarise([reported, *(following.risks if following else [])])
        if following and share:
            branches.append((share, following))
    return either(branches)


# --- checkpoints ----------------------------------------------------------------------------


def _checkpoint_options(world: World, place_id: str) -> list[Option]:
    checkpoint = world.t.places[place_id].checkpoint
    assert checkpoint is not None  # a checkpoint scene is only set at a checkpoint place
    rules = world.t.scenario.checkpoints
    # A post that names its documents wants each of them valid; any other wants papers.
    papers, refused = (inspected(world, checkpoint.documents) if checkpoint.documents
                       else (world.papers, None if world.papers > 0 else ("msg", "no-papers")))

    def weigh(way: str, **inputs: float) -> dict[str, Any]:
        """The odds and the "why?" of one way past this post, from ``checkpoints:``."""
        inputs.setdefault("bribe", 0.0)
        odds, values = world.weigh(getattr(rules, way).odds,
                                   strength=checkpoint.strength, **inputs)
        return {"odds": clamp_odds(odds), "rule": ("way-rule", way),
                "explain": lambda: values}

    result = [
        Option(
            "papers", ("msg", "opt-papers"),
            _gamble(place_id, "papers", lambda w: _pass(w, place_id)),
            enabled=refused is None,
            reason=refused,
            **weigh("papers", papers=papers),
        ),
        Option("around", ("msg", "opt-around", days(_detour_days(world, checkpoint))),
               _detour(place_id, checkpoint)),
    ]
    if checkpoint.vehicles:
        result.append(Option(
            "truck", ("msg", "opt-truck"),
            _gamble(place_id, "truck", lambda w: _ride(w, place_id)),
            **weigh("vehicle"),
        ))
    if checkpoint.bribable:
        for item_id, value in world.items_with("bribe"):
            result.append(Option(
                f"bribe:{item_id}", ("msg", "opt-bribe", item_id),
                _gamble(place_id, f"bribe:{item_id}", lambda w: _pass(w, place_id),
                        spend=item_id),
                **weigh("bribe", bribe=value),
            ))
    if world.s.came_from:
        came_from = world.s.came_from
        result.append(Option("back", ("msg", "opt-back", came_from), _turn_back(came_from)))
    return result


def _gamble(place_id: str, how: str, on_success: Action, spend: str | None = None) -> Action:
    """A checkpoint check: the odds are recomputed exactly as shown, then drawn."""

    def act(world: World) -> None:
        option = next(o for o in _checkpoint_options(world, place_id) if o.id == how)
        odds = option.odds or 0.0
        if spend:
            world.add_item(spend, -1)
        success = world.rng.chance(odds)
        world.s.last_check = ("checkpoint", place_id, how, round(odds, 4), success,
                              option.values)
        world.s.turning_points.append((world.s.day, f"{how}@{place_id}", round(odds, 4),
                                       success))
        world.s.scene = None
        if success:
            on_success(world)
        else:
            world.say("msg", f"failed-{how.split(':', maxsplit=1)[0]}", place_id)
            world.end(world.t.scenario.endings_for.captured, "checkpoint")

    return act


def _pass(world: World, place_id: str) -> None:
    world.s.passed.append(place_id)
    world.say("msg", "passed", place_id)
    world.remember("msg", "passed", place_id)
    pass_day(world, "rest")
    next_scene(world, day_passed=True)


def _ride(world: World, place_id: str) -> None:
    """A driver hides you under the load and drives on to the next place."""
    world.s.passed.append(place_id)
    exits = world.t.exits[place_id]
    onward = next((leg for leg in exits if leg.to != world.s.came_from), None)
    world.say("msg", "ride", place_id)
    if onward is None:
        pass_day(world, "ride")
    else:
        world.s.km = round(world.s.km + onward.km, 3)
        world.s.came_from = place_id
        pass_day(world, "ride")
        if not world.over:
            arrive(world, onward.to)
    next_scene(world, day_passed=True)


def _detour_days(world: World, checkpoint: Checkpoint) -> int:
    """The days a detour is likely to take, walked ahead the way the engine will walk it.

    Each day covers the body's distance on that ground, as the body will be that day, less
    the days likely lost in circles; the estimate rounds the last part-day up, because a
    detour ends only when the post is behind you.
    """
    ahead = played_ahead(world.t, world.s)
    terrain = ahead.t.terrain(checkpoint.bypass_terrain)
    progress = 1.0 - lost_chance(ahead, terrain)
    covered, count = 0.0, 0
    rules = world.t.scenario.checkpoints
    while covered < checkpoint.bypass_km - 1e-6 and count < rules.detour_horizon_days:
        covered += max(rules.detour_min_km, day_distance(ahead, terrain, forced=False)) * progress
        count += 1
        live_day(ahead, "detour")
    return max(1, count)


def _detour(place_id: str, checkpoint: Checkpoint) -> Action:
    def act(world: World) -> None:
        world.s.scene = None
        terrain = world.t.terrain(checkpoint.bypass_terrain)
        least = world.t.scenario.checkpoints.detour_min_km
        covered, days = 0.0, 0
        while covered < checkpoint.bypass_km and not world.over:
            if not astray(world, terrain):
                covered += max(least, day_distance(world, terrain, forced=False))
            days += 1
            pass_day(world, "detour")
        if world.over:
            return
        world.s.km = round(world.s.km + checkpoint.bypass_km, 3)
        world.s.passed.append(place_id)
        world.say("msg", "detour", place_id, days)
        world.remember("msg", "detour", place_id, days)
        next_scene(world, day_passed=True)

    return act


def _turn_back(place_id: str) -> Action:
    def act(world: World) -> None:
        world.s.scene = None
        pass_day(world, "march")
        if not world.over:
            arrive(world, place_id)
        next_scene(world, day_passed=True)

    return act
