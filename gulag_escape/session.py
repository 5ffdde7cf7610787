"""What every front end needs before the first turn: options, the scenario, a seed.

Shared by the plain mode and the TUI so that ``play`` means the same thing in both.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gulag_escape.engine.game import Game
    from gulag_escape.scenario.loader import LoadedScenario

DEFAULT_SCENARIO = "kolyma"
SEED_LIMIT = 2**63 - 1
"""Seeds are any integer of at most 64 bits, either sign: more is a typo, not a world."""


@dataclass(frozen=True)
class PlayOptions:
    """The ``play`` command's options, as front ends receive them."""

    scenario: str | None = None
    """A shipped scenario's id or a path; None lets the player choose."""
    seed: int | None = None
    """None draws a fresh seed; a class uses a fixed one."""
    profile: str | None = None
    content: str = "standard"
    slot: str | None = None
    """A save slot to continue from."""
    saves_dir: Path | None = None
    start: str | None = None
    """An author's ``--start``: the storylet a new game opens at."""
    settings: str | None = None
    """An author's ``--set``: ``name=value,...`` set before the first scene."""


def open_scenario(name: str) -> LoadedScenario:
    """A shipped scenario by id, or a scenario file or folder by path."""
    # Imported here: the title screen paints before Pydantic and YAML are loaded.
    from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path

    return load_scenario(resolve_scenario_path(name))


def begin_game(scenario: LoadedScenario, seed: int, profile: str | None, content: str,
               options: PlayOptions) -> Game:
    """A new game as ``play`` starts it in every front end: the author's ``--set`` values
    first, then ``--start``, so that the first scene is told in the state asked for."""
    from gulag_escape.engine.game import Game

    game = Game.start(scenario, seed, profile, content)
    if options.settings is None and options.start is None:
        return game
    from gulag_escape.engine.debug import start_at, with_settings

    if options.settings is not None:
        game = with_settings(game, options.settings)
    return start_at(game, options.start) if options.start is not None else game


def new_seed() -> int:
    """A fresh seed for a game nobody asked to repeat; shown so it can be repeated."""
    return secrets.randbelow(1_000_000)
