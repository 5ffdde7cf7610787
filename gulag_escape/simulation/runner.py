"""Playing many seeded games, on every core, with the same results on any number of them.

Game ``i`` of a simulation is played with the seed ``seed + i``, and its policy draws from a
``random.Random`` seeded from that same game seed, so each game can be replayed alone
(``gulag-escape play --seed``) and the report does not depend on which process played
which game. Games go to worker processes in chunks, to keep the cost of sending work and
results small against the games themselves.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace

from gulag_escape.engine.game import Game, tables_for
from gulag_escape.engine.headless import HeadlessGame
from gulag_escape.engine.options import GO_ON
from gulag_escape.errors import GameError
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.simulation.distributions import TRACED
from gulag_escape.simulation.policies import POLICIES
from gulag_escape.simulation.report import SimulationReport, build_report
from gulag_escape.simulation.situation import ScenarioReading, Situation, read_situation

Progress = Callable[[int, int], None]
"""Called with (games done, games in all) as the games come in."""
Observer = Callable[[HeadlessGame, Situation | None, str | None], None]
"""Called before each choice of a game with the game, what the bot saw and what it chose,
and once more at the end with None for both (``simulate --trace`` prints it all)."""

CHUNKS_PER_WORKER = 8
"""Enough chunks to balance the load and move a progress bar; few enough to cost nothing."""
MAX_CHUNK = 250


@dataclass(frozen=True)
class GameSpec:
    """How every game of a simulation is played; only the seed differs from game to game."""

    seed: int
    """Seed of the first game."""
    policy: str
    profile: str | None
    """None until :func:`simulate` names the scenario's first profile."""
    content: str
    turn_cap: int
    trace: bool = False
    """Record the body on each day of the run (:data:`TRACED`), for a report's charts; off by
    default, because plain statistics need none of it."""


@dataclass(frozen=True, slots=True)
class GameRecord:
    """What one simulated game came to: small, so that workers send results back cheaply."""

    seed: int
    ending: str | None
    kind: str | None
    cause: str | None
    days: int
    km: float
    days_free: int
    escaped: bool
    seen: tuple[str, ...]
    """Storylets that fired."""
    choices: tuple[tuple[str, int], ...]
    """(choice, times taken); storylet choices as ``storylet/choice``."""
    dead_ends: tuple[tuple[str, int], ...]
    """(storylet or scene, times) where every choice was refused and the engine's
    "go on" was the only way out."""
    turns: int
    place: str = ""
    """Where the game ended (or stopped): the last place reached..."""
    leg: str | None = None
    """...or the leg it was on."""
    fired: tuple[tuple[str, int], ...] = ()
    """(storylet, times it fired)."""
    trace: tuple[tuple[int, tuple[float, ...]], ...] = ()
    """(days since the escape, the :data:`TRACED` numbers then), one per day the bot saw on
    the run and one at the end; empty unless the simulation was asked for traces."""

    @property
    def capped(self) -> bool:
        """Still running after the turn cap."""
        return self.ending is None

    @property
    def escaped_day(self) -> int | None:
        """The day of the escape, counted from the first day in camp."""
        return self.days - self.days_free if self.escaped else None


def policy_rng(game_seed: int) -> random.Random:
    """The policy's own randomness for one game: from its seed, never from the engine's."""
    return random.Random(f"policy:{game_seed}")


def play_game(scenario: LoadedScenario, reading: ScenarioReading, spec: GameSpec,
              game_seed: int, observe: Observer | None = None) -> GameRecord:
    """Play one game to its end or the turn cap, through the public API.

    The bot reads the options and the state, never the views: a view renders every line of
    text (and plays each choice ahead for its risks), which would cost more than the turn.
    """
    game = HeadlessGame(Game.start(scenario, game_seed, spec.profile, spec.content))
    policy = POLICIES[spec.policy]()
    rng = policy_rng(game_seed)
    taken: Counter[str] = Counter()
    dead_ends: Counter[str] = Counter()
    trace: list[tuple[int, tuple[float, ...]]] = []
    turns = 0
    while not game.ended and turns < spec.turn_cap:
        situation = read_situation(game.state, game.options(), reading)
        if spec.trace and situation.escaped_day is not None:
            _trace_day(trace, situation.day - situation.escaped_day, situation.stats)
        choice = policy.choose(situation, rng)
        if choice == GO_ON:
            dead_ends[situation.storylet or situation.scene] += 1
        if observe is not None:
            observe(game, situation, choice)
        game.choose(choice)
        taken[f"{situation.storylet}/{choice}" if situation.storylet else choice] += 1
        turns += 1
    if observe is not None:
        observe(game, None, None)
    state = game.state
    if spec.trace and state.escaped_day is not None:
        _trace_day(trace, state.day - state.escaped_day, state.stats, last=True)
    return GameRecord(
        seed=game_seed,
        ending=state.ending,
        kind=reading.ending_kind[state.ending] if state.ending else None,
        cause=state.cause,
        days=state.day,
        km=round(state.km, 1),
        days_free=state.day - state.escaped_day if state.escaped_day is not None else 0,
        escaped=state.escaped_day is not None,
        seen=tuple(state.seen),
        choices=tuple(taken.items()),
        dead_ends=tuple(dead_ends.items()),
        turns=turns,
        place=state.place,
        leg=state.leg,
        fired=tuple(state.seen.items()),
        trace=tuple(trace),
    )


def _trace_day(trace: list[tuple[int, tuple[float, ...]]], day: int,
               stats: Mapping[str, float], last: bool = False) -> None:
    """The body when a day of the run begins (how the day before left it), and at the end.

    Only the first decision of a day is kept: later ones on the same day are the body halfway
    through it. The end replaces that day's sample, being how the day left the body.
    """
    if trace and trace[-1][0] == day:
        if not last:
            return
        trace.pop()
    trace.append((day, tuple(float(stats.get(name, 0.0)) for name in TRACED)))


def play_range(scenario: LoadedScenario, reading: ScenarioReading, spec: GameSpec,
               start: int, stop: int) -> list[GameRecord]:
    """Games ``start`` to ``stop - 1`` of a simulation."""
    return [play_game(scenario, reading, spec, spec.seed + i) for i in range(start, stop)]


def simulate(
    scenario: LoadedScenario,
    runs: int,
    seed: int,
    policy: str,
    *,
    workers: int | None = None,
    turn_cap: int = 2000,
    progress: Progress | None = None,
    profile: str | None = None,
    content: str = "standard",
    details: bool = False,
) -> SimulationReport:
    """Play ``runs`` games (game ``i`` with seed ``seed + i``) and report what they came to.

    ``workers`` processes play them (default: one per core); ``workers=1`` plays them in
    this process. The report is the same whatever the number of workers. ``details`` adds
    the distributions a written report draws (:attr:`SimulationReport.distributions`), at
    the cost of recording each game's body day by day.
    """
    spec = checked_spec(scenario, runs, GameSpec(seed, policy, profile, content, turn_cap,
                                          trace=details))
    workers = max(1, workers or os.cpu_count() or 1)
    chunks = _chunks(runs, workers)
    if workers == 1 or len(chunks) == 1:
        reading = ScenarioReading(scenario)
        records = []
        for start, stop in chunks:
            records += play_range(scenario, reading, spec, start, stop)
            if progress:
                progress(stop, runs)
    else:
        records = _play_in_workers(scenario, spec, chunks, min(workers, len(chunks)), progress)
    return build_report(scenario, spec, runs, records)


def checked_spec(scenario: LoadedScenario, runs: int, asked: GameSpec) -> GameSpec:
    """Check the request once, here, rather than once per game in every worker."""
    if runs < 1:
        raise GameError(f"a simulation needs at least one run, not {runs}")
    if asked.turn_cap < 1:
        raise GameError(f"the turn cap must be at least 1, not {asked.turn_cap}")
    if asked.policy not in POLICIES:
        raise GameError(f"unknown policy '{asked.policy}'; choose one of: "
                        f"{', '.join(POLICIES)}")
    # Game.start refuses an unknown profile or content level with a clear message.
    game = Game.start(scenario, asked.seed, asked.profile, asked.content)
    return replace(asked, profile=game.state.profile)


def _chunks(runs: int, workers: int) -> list[tuple[int, int]]:
    size = max(1, min(MAX_CHUNK, -(-runs // (workers * CHUNKS_PER_WORKER))))
    return [(start, min(start + size, runs)) for start in range(0, runs, size)]


def _play_in_workers(scenario: LoadedScenario, spec: GameSpec, chunks: list[tuple[int, int]],
                     workers: int, progress: Progress | None) -> list[GameRecord]:
    runs = chunks[-1][1]
    with _pool(scenario, workers) as pool:
        futures: dict[Future[list[GameRecord]], int] = {
            pool.submit(_play_chunk, spec, start, stop): index
            for index, (start, stop) in enumerate(chunks)
        }
        results: list[list[GameRecord]] = [[] for _ in chunks]
        done = 0
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done += len(results[futures[future]])
            if progress:
                progress(done, runs)
    return [record for chunk in results for record in chunk]


def _pool(scenario: LoadedScenario, workers: int) -> ProcessPoolExecutor:
    """Worker processes that hold the scenario, each started at the least cost the system allows.

    Where processes can be forked, the workers inherit the scenario already loaded, its
    compiled expressions and look-up tables included, and only seeds travel to them. Elsewhere
    each worker rebuilds it from its validated JSON (compiled expressions cannot be pickled).
    """
    if "fork" in multiprocessing.get_all_start_methods():
        _Worker.scenario, _Worker.reading = scenario, ScenarioReading(scenario)
        tables_for(scenario)  # built once here, inherited by every worker
        return ProcessPoolExecutor(max_workers=workers,
                                   mp_context=multiprocessing.get_context("fork"))
    payload = (scenario.model.model_dump_json(by_alias=True), scenario.digest, scenario.source)
    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=payload)


class _Worker:
    """The scenario of this worker process: inherited, or rebuilt once when it starts."""

    scenario: LoadedScenario
    reading: ScenarioReading


def _start_worker(model_json: str, digest: str, source: str) -> None:
    """Rebuild the scenario from its validated JSON: compiled expressions cannot be pickled."""
    from gulag_escape.scenario.models import Scenario
    from gulag_escape.scenario.references import Checker

    model = Scenario.model_validate_json(model_json)
    checker = Checker(model)
    checker.run(links=False)
    _Worker.scenario = LoadedScenario(model, checker.expressions, digest, source)
    _Worker.reading = ScenarioReading(_Worker.scenario)


def _play_chunk(spec: GameSpec, start: int, stop: int) -> list[GameRecord]:
    return play_range(_Worker.scenario, _Worker.reading, spec, start, stop)
