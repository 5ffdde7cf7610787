"""THE API every front end uses: start or resume a game, view it, choose.

``Game.choose`` runs the chosen option on a copy of the state and swaps the copy in only
when the whole turn succeeded, so a refused or failing choice changes nothing. Same
scenario, seed, profile, options and choices give the same state, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from weakref import finalize, ref

from gulag_escape.engine.options import GO_ON, OLD_GO_ON, Option, options
from gulag_escape.engine.rng import seed_state
from gulag_escape.engine.scenes import next_scene
from gulag_escape.engine.state import GameState
from gulag_escape.engine.view import View, build_view
from gulag_escape.engine.world import Tables, World
from gulag_escape.errors import GameError
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.vocabulary import BODY_START

CONTENT_LEVELS = ("mild", "standard")


class ChoiceUnavailable(GameError):
    """A choice id that is unknown or disabled in the current scene; nothing changed."""

    title = "Choice not available"


class Turn:
    """What a choice did: the view that follows, built only when asked for.

    The simulator plays thousands of turns without looking at them; building each view
    would triple its cost.
    """

    def __init__(self, choice: str, game: Game) -> None:
        self.choice = choice
        self._game = game
        self._state = game._state

    @cached_property
    def view(self) -> View:
        world = World(self._game.tables, self._state)
        return build_view(world, options(world))

    @property
    def events(self) -> str:
        """The text of what happened."""
        return self.view.text


_TABLES: dict[int, tuple[ref[LoadedScenario], Tables]] = {}
"""Tables of the scenarios still alive, by identity (a loaded scenario is not hashable).
Weak, because ``play --watch`` loads a new scenario at every save of its files: a finalizer
drops the old one's entry when it is collected. ``Tables`` keeps no reference to its
scenario, or the entry would keep its own key alive."""


def tables_for(scenario: LoadedScenario) -> Tables:
    """Look-up tables, built once per loaded scenario (the simulator starts many games)."""
    key = id(scenario)
    cached = _TABLES.get(key)
    if cached is None or cached[0]() is not scenario:
        cached = _TABLES[key] = (ref(scenario), Tables(scenario))
        finalize(scenario, _TABLES.pop, key, None)
    return cached[1]


def route_distances(scenario: LoadedScenario) -> dict[str, float]:
    """Each place's distance from the start along the route (km), as the engine counts it:
    for pages that describe a scenario without playing it (the teachers' model summary)."""
    return dict(tables_for(scenario).from_camp)


class Game:
    """One game of one scenario."""

    def __init__(self, scenario: LoadedScenario, state: GameState) -> None:
        self.scenario = scenario
        self.tables = tables_for(scenario)
        self._state = state
        self._options: tuple[GameState, list[Option]] | None = None
        """The options of the current state, kept for ``choose`` (states are never changed)."""
        self.arranged = False
        """Set by the author's debugging tools (:mod:`gulag_escape.engine.debug`): the state
        was set, not played, so the seed and the choice log no longer reproduce it."""

    @classmethod
    def start(
        cls,
        scenario: LoadedScenario,
        seed: int,
        profile: str | None = None,
        content: str = "standard",
    ) -> Game:
        """A new game; ``profile`` defaults to the scenario's first."""
        model = scenario.model
        profiles = {p.id: p for p in model.profiles}
        profile_id = profile or model.profiles[0].id
        if profile_id not in profiles:
            raise GameError(f"the scenario '{model.meta.id}' has no profile '{profile_id}'; "
                            f"choose one of: {', '.join(profiles)}")
        if content not in CONTENT_LEVELS:
            raise GameError(f"unknown content level '{content}'; use mild or standard")
        chosen = profiles[profile_id]
        stats = {**BODY_START, **{name: d.start for name, d in model.stats.items()}}
        stats.update(chosen.stats)
        state = GameState(
            scenario=model.meta.id,
            seed=seed,
            rng=seed_state(seed),
            profile=profile_id,
            content=content,
            place=model.start,
            stats=stats,
            items={item: count for item, count in chosen.items.items() if count},
            skills=dict(chosen.skills),
            companions={c.id: c.loyalty for c in model.companions if c.joins},
        )
        world = World(tables_for(scenario), state)
        month = world.month
        world.s.temp = round(world.rng.uniform(month.temp_low, month.temp_high), 1)
        next_scene(world, day_passed=False)
        return cls(scenario, world.finish())

    @classmethod
    def resume(cls, scenario: LoadedScenario, state: GameState) -> Game:
        """Continue from a state; refuses one from another scenario."""
        if state.scenario != scenario.id:
            raise GameError(f"this game belongs to the scenario '{state.scenario}', not "
                            f"'{scenario.id}'; load it with that scenario")
        return cls(scenario, state.copy())

    @classmethod
    def replay(
        cls,
        scenario: LoadedScenario,
        seed: int,
        profile: str,
        content: str,
        log: Iterable[str],
    ) -> Game:
        """Play a choice log again from the start; raises if a choice is not available."""
        game = cls.start(scenario, seed, profile, content)
        for index, choice in enumerate(log):
            try:
                game.choose(choice)
            except ChoiceUnavailable as error:
                # An older log's "go-on" is the engine's way out where no choice of the
                # author's has that id; a refused choice leaves the game as it was.
                if choice == OLD_GO_ON and _went_on(game):
                    continue
                raise ChoiceUnavailable(
                    f"choice {index + 1} of the log ('{choice}') is not available at that "
                    f"point: {error.message}"
                ) from None
        return game

    @property
    def state(self) -> GameState:
        """A copy: changing it cannot change the game."""
        return self._state.copy()

    @property
    def ended(self) -> bool:
        return self._state.ending is not None

    def options(self) -> list[Option]:
        # Reading needs no copy: computing options and views never changes the state.
        if self._options is None or self._options[0] is not self._state:
            self._options = (self._state, options(World(self.tables, self._state)))
        return self._options[1]

    def view(self) -> View:
        world = World(self.tables, self._state)
        return build_view(world, options(world))

    def choose(self, choice_id: str) -> Turn:
        """Take a choice; raise :class:`ChoiceUnavailable` (changing nothing) if it cannot be."""
        if self.ended:
            raise ChoiceUnavailable("the game is over")
        option = next((o for o in self.options() if o.id == choice_id), None)
        if option is None:
            raise ChoiceUnavailable(f"there is no choice '{choice_id}' here")
        if not option.enabled:
            raise ChoiceUnavailable(f"'{choice_id}' cannot be taken now")
        state = self._state.copy()
        world = World(self.tables, state)
        state.narration = []
        state.log.append(choice_id)
        option.act(world)
        self._state = world.finish()
        return Turn(choice_id, self)


def _went_on(game: Game) -> bool:
    """Take the engine's way out of a dead end, if this is one."""
    try:
        game.choose(GO_ON)
    except ChoiceUnavailable:
        return False
    return True

