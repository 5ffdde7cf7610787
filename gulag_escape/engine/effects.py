"""Applying an author's effects to the world, in the order written."""

from __future__ import annotations

from collections.abc import Sequence

from gulag_escape.engine.companions import depart
from gulag_escape.engine.day import pass_days
from gulag_escape.engine.members import hurt
from gulag_escape.engine.party import has_died
from gulag_escape.engine.travel import arrive
from gulag_escape.engine.world import World
from gulag_escape.scenario.models import (
    AddEffect,
    DaysEffect,
    EndEffect,
    EscapeEffect,
    JoinEffect,
    JournalEffect,
    LeaveEffect,
    LoyaltyEffect,
    MemberEffect,
    MoveEffect,
    NoteEffect,
    SetEffect,
)


def apply_effects(world: World, effects: Sequence[object]) -> None:
    for effect in effects:
        if world.over:
            return
        apply_effect(world, effect)


def apply_effect(world: World, effect: object) -> None:
    match effect:
        case AddEffect(add=changes):
            for name, amount in changes.items():
                if name in world.t.scenario.items:
                    world.add_item(name, amount)
                else:
                    world.add_stat(name, amount)
        case SetEffect(set=values):
            for name, value in values.items():
                if isinstance(value, bool):
                    world.s.flags[name] = value
                else:
                    world.set_stat(name, value)
        case DaysEffect(days=days):
            pass_days(world, days, "camp" if world.s.phase == "camp" else "rest")
        case MoveEffect(move=place):
            arrive(world, place)
        case EscapeEffect():
            world.s.phase = "run"
            world.s.escaped_day = world.s.day
            world.remember("msg", "escape")
        case EndEffect(end=ending):
            world.end(ending, "story")
        case JournalEffect(journal=text):
            world.remember("journal", text)
        case NoteEffect(note=note):
            world.unlock(note)
        case JoinEffect(join=who):
            if who not in world.s.companions and not has_died(world, who):
                world.s.companions[who] = world.t.companions[who].loyalty
                world.say("msg", "joins", who)
        case LeaveEffect(leave=who):
            if who in world.s.companions:
                depart(world, who, "leaves")
        case LoyaltyEffect(loyalty=changes):
            for who, amount in changes.items():
                if who in world.s.companions:
                    world.s.companions[who] = max(0.0, min(100.0, world.s.companions[who] + amount))
        case MemberEffect(member=bodies):
            for who, body in bodies.items():
                for name, amount in body.items():
                    hurt(world, who, name, amount)
