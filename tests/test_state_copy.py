"""A turn works on a copy of the state; the tables cache lets a reloaded scenario go.

``GameState.copy`` copies the containers it is told about, one by one: a new mutable field
left off that list would be shared between a turn's copy and the state it came from, so a
refused turn would leak into the game. The tables cache must not keep every scenario that
``play --watch`` ever loaded.
"""

from __future__ import annotations

import gc
import types
import typing
from collections.abc import MutableMapping, MutableSequence, MutableSet
from dataclasses import fields
from pathlib import Path

from gulag_escape.engine import game as game_module
from gulag_escape.engine import state as state_module
from gulag_escape.engine.game import Game, tables_for
from gulag_escape.engine.state import GameState
from gulag_escape.scenario.loader import load_scenario

MINIMAL = Path(__file__).parent / "data" / "minimal.yaml"


def _mutable(annotation: object) -> bool:
    """Whether a field's type (or any member of its union) is a changeable container."""
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    members = typing.get_args(annotation) if union else (annotation,)
    for member in members:
        kind = typing.get_origin(member) or member
        if isinstance(kind, type) and (
            issubclass(kind, MutableMapping | MutableSequence | MutableSet | bytearray)
        ):
            return True
    return False


def test_every_mutable_field_is_copied() -> None:
    hints = typing.get_type_hints(GameState)
    mutable = {f.name for f in fields(GameState) if _mutable(hints[f.name])}
    assert mutable, "the check found no container at all: it would pass whatever happened"
    missing = mutable - set(state_module._CONTAINERS)
    assert not missing, (
        f"GameState fields {sorted(missing)} hold mutable containers but are not in "
        "_CONTAINERS in engine/state.py: add them, or a turn's copy shares them"
    )
    unknown = set(state_module._CONTAINERS) - {f.name for f in fields(GameState)}
    assert not unknown, f"_CONTAINERS names fields GameState does not have: {sorted(unknown)}"


def test_the_check_sees_a_set_field() -> None:
    assert _mutable(set[str])
    assert _mutable(dict[str, int] | None)
    assert not _mutable(tuple[str, ...] | None)
    assert not _mutable(frozenset[str])


def test_changing_a_copy_leaves_the_original_alone() -> None:
    scenario = load_scenario(MINIMAL)
    state = Game.start(scenario, seed=3).state
    before = state.to_dict()
    clone = state.copy()
    for name in state_module._CONTAINERS:
        container = getattr(clone, name)
        if isinstance(container, dict):
            container["__probe__"] = 1
        else:
            container.append("__probe__")
    assert state.to_dict() == before


def test_reloading_a_scenario_does_not_grow_the_tables_cache() -> None:
    gc.collect()
    sizes = []
    for _ in range(6):
        scenario = load_scenario(MINIMAL)
        Game.start(scenario, seed=1).view()
        assert tables_for(scenario) is tables_for(scenario)
        del scenario
        gc.collect()
        sizes.append(len(game_module._TABLES))
    assert sizes[-1] <= sizes[0], f"the tables cache grew at each reload: {sizes}"
