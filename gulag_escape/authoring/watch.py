"""Live reload: ``gulag-escape play PATH --watch`` reloads the scenario whenever it changes.

An author edits the YAML in one window and plays in another (the plain mode's game,
:mod:`gulag_escape.plain.watch`). This module is what a watch needs from the files and the
engine: which files to poll, a cheap signature of them, and the choice log replayed on the
reloaded scenario to the same point; a choice that no longer exists is named and the game
stops at the last point that still works. Polling needs no extra dependency and works on
every file system, network mounts included.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.scenario.loader import LoadedScenario

POLL_SECONDS = 0.25
"""How often the files are looked at while a watch waits (the game for input, the
simulator between plays)."""
Signature = tuple[tuple[str, int, int], ...]
"""Each watched file's path, modification time (ns) and size."""


def watched_files(path: Path) -> list[Path]:
    """A scenario file, or every YAML file of a scenario folder (parts not yet included too)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
    return [path]


def signature(files: Sequence[Path]) -> Signature:
    """What changes when a file is written, created or removed; cheap enough to poll."""
    marks = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            marks.append((str(file), -1, -1))
        else:
            marks.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


def replay_log(scenario: LoadedScenario, old: Game) -> tuple[Game, str]:
    """``old``'s choices played again on ``scenario``, as far as they go; and what happened.

    Raises :class:`GameError` when the game cannot even start (its profile is gone).
    """
    state = old.state
    game = Game.start(scenario, state.seed, state.profile, state.content)
    for index, choice in enumerate(state.log):
        try:
            game.choose(choice)
        except ChoiceUnavailable as error:
            return game, (f"choice {index + 1} of {len(state.log)} ('{choice}') is no longer "
                          f"possible: {error.message}; stopped after choice {index}, on day "
                          f"{game.state.day}")
    return game, f"back at choice {len(state.log)} of {len(state.log)}, day {game.state.day}"


