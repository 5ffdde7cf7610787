"""Bulk play in place: the way the simulator's bots go through the engine.

:meth:`Game.choose <gulag_escape.engine.game.Game.choose>` copies the state on every turn,
so that a refused or failing choice changes nothing and a front end keeps the state it
showed. A bot playing thousands of games needs neither, and the copy (with a fresh
:class:`World` per turn) was a sixth of the simulator's time. A :class:`HeadlessGame` plays
the same turns on one state, in place, with one World for the whole game: the same options,
the same draws in the same order, so its game ends in the state the same choices reach
through :class:`Game` (a test checks it, byte for byte).
"""

from __future__ import annotations

from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.engine.options import Option, options
from gulag_escape.engine.state import GameState
from gulag_escape.engine.world import World


class HeadlessGame:
    """One game played in place; never shown, so it builds no views and keeps no history."""

    __slots__ = ("_options", "state", "world")

    def __init__(self, game: Game) -> None:
        self.state: GameState = game.state
        """The live state (the game's own, not a copy): read it, never change it."""
        self.world = World(game.tables, self.state)
        self._options: list[Option] | None = None

    @property
    def ended(self) -> bool:
        return self.state.ending is not None

    def options(self) -> list[Option]:
        """The current scene's options, enabled first (computed once per turn)."""
        if self._options is None:
            self._options = [] if self.ended else options(self.world, foresight=False)
        return self._options

    def choose(self, choice_id: str) -> None:
        """Take an enabled choice; unlike :class:`Game`, a failing turn leaves its changes."""
        option = next((o for o in self.options() if o.id == choice_id and o.enabled), None)
        if option is None:
            raise ChoiceUnavailable(f"there is no choice '{choice_id}' to take here")
        state = self.state
        state.narration = []
        state.log.append(choice_id)
        option.act(self.world)
        self.world.finish()  # the RNG's position back into the state, as Game does
        self._options = None
