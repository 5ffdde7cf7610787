"""The planning phase: stages of the months in camp, each with its own pace of waiting.

An escape like the Tchernavins' was months of work before it was a day of running: earning
trust, then waiting for a visit to be allowed. ``calendar.planning`` lists those stages; the
current one is the first whose ``until`` does not hold yet, and a wait in camp takes its
``step_days``. Without stages every wait takes ``calendar.prep_step_days``, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gulag_escape.scenario.models import Stage

if TYPE_CHECKING:
    from gulag_escape.engine.world import World


def current_stage(world: World) -> Stage | None:
    """The stage under way: only in camp, the first whose ``until`` does not hold."""
    if world.s.phase != "camp":
        return None
    for stage in world.t.scenario.calendar.planning:
        if not world.holds(stage.until):
            return stage
    return None


def stage_id(world: World) -> str:
    """The current stage's id, or "" when there is none (read as ``stage``)."""
    stage = current_stage(world) if world.t.scenario.calendar.planning else None
    return stage.id if stage else ""


def step_days(world: World) -> int:
    """Days one wait in camp takes now."""
    stage = current_stage(world) if world.t.scenario.calendar.planning else None
    return stage.step_days if stage else world.t.scenario.calendar.prep_step_days


def stage_turned(world: World) -> bool:
    """Whether the stage differs from the one last told."""
    return bool(world.t.scenario.calendar.planning) and stage_id(world) != world.s.stage


def tell_stage(world: World) -> None:
    """Tell and journal a new stage once, when it begins."""
    if world.over or not stage_turned(world):
        return
    world.s.stage = stage_id(world)
    if world.s.stage:
        world.say("stage", world.s.stage)
        world.remember("stage", world.s.stage)
