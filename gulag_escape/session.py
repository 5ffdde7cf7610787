"""What every front end needs before the first turn: options, the scenario, a seed.

Shared by the plain mode and the TUI so that ``play`` means the same thing in both.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def open_scenario(name: str) -> LoadedScenario:
    """A shipped scenario by id, or a scenario file or folder by path."""
    # Imported here: the title screen paints before Pydantic and YAML are loaded.
    from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path

    return load_scenario(resolve_scenario_path(name))


def new_seed() -> int:
    """A fresh seed for a game nobody asked to repeat; shown so it can be repeated."""
    return secrets.randbelow(1_000_000)
