"""How far is a turn of the engine from the least a turn can cost, and how fast is the simulator?

(a) **Engine against its floor.** A seeded random player plays whole games through the public
API (``game.options()`` then ``game.choose()``, as the simulator does) and the turns are
counted, and so are the days they made pass. The floor then does the same look-ups on the
least a storylet engine can be — a dict state and the same scenario's storylets with each
condition precompiled to a plain closure over the dict: per turn, one condition check per
choice of the scene and one seeded draw to pick; per day (as many days as the engine's games
passed), a body update of four clamped stats, one draw for the weather, and one scan of the
phase's storylets, each checked against the state, then a weighted draw among those that
can fire. The two are timed alternately, and medians are quoted. Target: the engine within
5x the floor.

(b) **Simulator.** 1,000 games of the ``cautious`` policy on 2 worker processes (pool start-up
included), and in one process for the speed-up. Target: under 10 s.

The scenario is the shipped ``kolyma`` when it loads, else the simulator's test fixture.

Run: ``.venv/bin/python bench/bench_engine.py`` (``--profile`` adds a cProfile of the engine
games; ``--scenario PATH`` picks another scenario).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gulag_escape.engine.game import Game
from gulag_escape.errors import ScenarioError
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.simulation import simulate

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "sim-fixture.yaml"
GAMES = 200
"""Games per engine round: enough turns (thousands) to swamp the timer's resolution."""
ROUNDS = 5
TURN_CAP = 2000
FLOOR_TARGET = 5.0
SIMULATED_GAMES = 1000
SIMULATOR_TARGET_S = 10.0


def engine_games(scenario: LoadedScenario, games: int) -> tuple[int, int]:
    """Play ``games`` seeded games with a uniformly random player; (turns, days) played."""
    turns = days = 0
    for seed in range(games):
        game = Game.start(scenario, seed)
        pick = random.Random(seed)
        played = 0
        while not game.ended and played < TURN_CAP:
            game.choose(pick.choice([o.id for o in game.options() if o.enabled]))
            played += 1
        turns += played
        days += game.state.day
    return turns, days


def _condition(storylet_index: int) -> Callable[[dict[str, float]], bool]:
    """A precompiled condition as cheap as a condition can be: one look-up, one comparison."""
    stat = ("hunger", "fatigue", "alert", "health")[storylet_index % 4]
    threshold = float(storylet_index % 50)
    return lambda state: state[stat] >= threshold


def floor_turns(scenario: LoadedScenario, turns: int, days: int) -> None:
    """The same look-ups as ``turns`` engine turns over ``days`` days, on a dict state."""
    storylets = [(st.id, _condition(i), [(c.id, _condition(i + j)) for j, c in
                  enumerate(st.choices)]) for i, st in enumerate(scenario.model.storylets)]
    half = storylets[: max(1, len(storylets) // 2)]  # the engine scans one phase's storylets
    rng = random.Random(1)
    state = {"hunger": 30.0, "fatigue": 30.0, "alert": 0.0, "health": 80.0, "food": 5.0,
             "temp": 0.0}
    scene = storylets[0]
    days_per_turn, extra = divmod(days, turns)
    for turn in range(turns):
        enabled = [cid for cid, condition in scene[2] if condition(state)] or [scene[0]]
        enabled[int(rng.random() * len(enabled))]
        for _ in range(days_per_turn + (1 if turn < extra else 0)):
            state["temp"] = -10.0 + 20.0 * rng.random()
            for stat, change in (("hunger", 3.0), ("fatigue", 5.0), ("alert", -2.0),
                                 ("health", -1.0)):
                state[stat] = max(0.0, min(100.0, state[stat] + change))
            if state["health"] <= 0:
                state.update(hunger=30.0, fatigue=30.0, alert=0.0, health=80.0)
            candidates = [st for st in half if st[1](state)]
            if candidates:
                scene = candidates[int(rng.random() * len(candidates))]


def engine_vs_floor(scenario: LoadedScenario) -> tuple[int, float, float]:
    """(turns per round, median engine seconds, median floor seconds), measured alternately."""
    turns, days = engine_games(scenario, GAMES // 10)  # warm-up: caches, look-up tables
    floor_turns(scenario, turns, days)
    engine_times, floor_times = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        turns, days = engine_games(scenario, GAMES)
        engine_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor_turns(scenario, turns, days)
        floor_times.append(time.perf_counter() - start)
    return turns, statistics.median(engine_times), statistics.median(floor_times)


def simulator_seconds(scenario: LoadedScenario, workers: int) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process and its workers).

    On a shared machine the CPU time shows what the wall clock hides: how much of the cores
    the simulator actually got.
    """
    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    start, start_cpu = time.perf_counter(), cpu()
    simulate(scenario, SIMULATED_GAMES, 1, "cautious", workers=workers)
    return time.perf_counter() - start, cpu() - start_cpu


def open_scenario(name: str | None) -> LoadedScenario:
    if name:
        return load_scenario(resolve_scenario_path(name))
    try:
        return load_scenario(resolve_scenario_path("kolyma"))
    except ScenarioError as error:
        print(f"kolyma does not load ({len(error.problems)} problems); using {FIXTURE.name}")
        return load_scenario(FIXTURE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", help="a shipped scenario's id or a path")
    parser.add_argument("--profile", action="store_true", help="cProfile the engine games")
    args = parser.parse_args()
    scenario = open_scenario(args.scenario)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"scenario: {scenario.id} ({scenario.source}); {os.cpu_count()} cores, load {load}")

    turns, engine_s, floor_s = engine_vs_floor(scenario)
    engine_us, floor_us = engine_s / turns * 1e6, floor_s / turns * 1e6
    ratio = engine_us / floor_us
    print(f"(a) {turns} turns in {GAMES} games, median of {ROUNDS}:")
    print(f"    engine {engine_us:8.2f} us/turn  {turns / engine_s:10,.0f} turns/s")
    print(f"    floor  {floor_us:8.2f} us/turn  {turns / floor_s:10,.0f} turns/s")
    verdict = "within" if ratio <= FLOOR_TARGET else "OVER"
    print(f"    engine/floor {ratio:.1f}x ({verdict} the {FLOOR_TARGET:g}x target)")

    print(f"(b) {SIMULATED_GAMES} cautious games:")
    walls = {}
    for workers in (1, 2):
        wall, cpu = simulator_seconds(scenario, workers)
        walls[workers] = wall
        print(f"    {workers} process{'es' if workers > 1 else '  '} {wall:6.2f} s "
              f"({SIMULATED_GAMES / wall:5,.0f} games/s), CPU {cpu:5.2f} s "
              f"({cpu / wall:.2f} cores busy)")
    verdict = "within" if walls[2] < SIMULATOR_TARGET_S else "OVER"
    print(f"    speed-up {walls[1] / walls[2]:.2f}x; {verdict} the {SIMULATOR_TARGET_S:g} s "
          "target")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(engine_games, scenario, GAMES)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
