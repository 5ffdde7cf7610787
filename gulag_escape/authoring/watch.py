"""Live reload: ``gulag-escape play PATH --watch`` reloads the scenario whenever it changes.

An author edits the YAML in one window and plays in another (the plain mode's game,
:mod:`gulag_escape.plain.watch`). This module is what a watch needs from the engine: the
choice log replayed on the reloaded scenario to the same point; a choice that no longer exists
is named and the game stops at the last point that still works. Which files to poll, and
their signature, are the scenario layer's (:mod:`gulag_escape.scenario.changes`), shared
with the simulator's ``--watch``.
"""

from __future__ import annotations

from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.scenario.loader import LoadedScenario


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


