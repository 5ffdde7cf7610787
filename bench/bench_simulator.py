"""The simulator's speed goal: 1,000 games of Kolyma in at most 1 s of wall-clock on 2 cores.

Measures ``simulate(kolyma, 1000 games, policy cautious, workers=2)`` as ``gulag-escape
simulate`` runs it, the pool's start-up and the report included (the scenario is loaded
before the clock starts; loading is ``bench_load.py``'s business), and the same games in one
process. Runs alternate, one untimed run of each first; medians and bests are quoted. Beside
each wall-clock time, the CPU seconds of the process and its workers: on a machine shared
with other jobs they show how much of the two cores the simulator really got, and
``CPU / 2`` is what the wall-clock would be on two idle cores.

The floor is ``bench_engine.py``'s least storylet engine (a dict state, precompiled
conditions) doing the look-ups of the same number of turns and days as these 1,000 games:
what the games would cost if the engine cost nothing but its bare bookkeeping.

``--against REV`` also times another revision of the project (``git archive REV``, imported
from a temporary folder by the same interpreter), alternating with this one in fresh
processes, and prints the ratio: how a change was measured before and after on a busy machine.

Run: ``.venv/bin/python bench/bench_simulator.py`` (``--rounds 5``; ``--against ebc7b9c``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_engine import floor_turns

from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.simulation.runner import GameSpec, checked_spec, play_range
from gulag_escape.simulation.runner import simulate as run_simulation
from gulag_escape.simulation.situation import ScenarioReading

GAMES = 1000
TARGET_S = 1.0
ROOT = Path(__file__).resolve().parents[1]


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(scenario: LoadedScenario, workers: int) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one simulation of :data:`GAMES` games."""
    start, start_cpu = time.perf_counter(), cpu()
    run_simulation(scenario, GAMES, 1, "cautious", workers=workers)
    return time.perf_counter() - start, cpu() - start_cpu


def turns_and_days(scenario: LoadedScenario) -> tuple[int, int]:
    spec = checked_spec(scenario, GAMES, GameSpec(1, "cautious", None, "standard", 2000))
    records = play_range(scenario, ScenarioReading(scenario), spec, 0, GAMES)
    return sum(r.turns for r in records), sum(r.days for r in records)


def against(revision: str, rounds: int) -> None:
    """This tree and ``revision``, alternately in fresh processes: CPU seconds of one process
    playing the games (the least noisy measure on a shared machine)."""
    probe = ("import time,gulag_escape;"
             "from gulag_escape.scenario.loader import load_scenario;"
             "from gulag_escape.simulation.runner import simulate;"
             f"s=load_scenario({str(ROOT / 'scenarios' / 'kolyma')!r});"
             "simulate(s,50,1,'cautious',workers=1);"
             "t=time.process_time();"
             f"simulate(s,{GAMES},1,'cautious',workers=1);"
             "print(time.process_time()-t, gulag_escape.__file__)")
    with (tempfile.TemporaryDirectory(prefix="bench-against-") as folder,
          tempfile.TemporaryDirectory(prefix="bench-empty-") as empty):
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "gulag_escape"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        trees = {revision: folder, "this tree": str(ROOT)}
        seconds: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(rounds):
            for name, path in trees.items():
                env = {**os.environ, "PYTHONPATH": path}
                # Run from the empty folder: `python -c` would import the working folder's
                # package before the one on PYTHONPATH.
                out = subprocess.run([sys.executable, "-c", probe], env=env, check=True,
                                     capture_output=True, text=True, cwd=empty).stdout
                used, imported = out.split()
                assert imported.startswith(path), (imported, path)
                seconds[name].append(float(used))
    for name, values in seconds.items():
        print(f"    {name:>10}: CPU {min(values):.2f} s best, {statistics.median(values):.2f} s "
              f"median of {rounds} (one process, {GAMES} games)")
    best = min(seconds[revision]) / min(seconds["this tree"])
    middle = statistics.median(seconds[revision]) / statistics.median(seconds["this tree"])
    print(f"    speed-up {best:.2f}x (bests), {middle:.2f}x (medians)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", metavar="REV", help="also time this git revision")
    args = parser.parse_args()
    scenario = load_scenario(resolve_scenario_path("kolyma"))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{GAMES} cautious games of {scenario.id}; {os.cpu_count()} cores, load {load}")
    for workers in (1, 2):  # untimed: caches, the first fork
        timed(scenario, workers)
    results: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for _ in range(args.rounds):
        for workers in (2, 1):
            results[workers].append(timed(scenario, workers))
    for workers, runs in results.items():
        walls = [wall for wall, _ in runs]
        cpus = [used for _, used in runs]
        print(f"  {workers} process{'es' if workers > 1 else '  '}: wall {min(walls):.2f} s best, "
              f"{statistics.median(walls):.2f} s median; CPU {statistics.median(cpus):.2f} s "
              f"median ({statistics.median(cpus) / statistics.median(walls):.2f} cores busy)")
    two = results[2]
    best_wall = min(wall for wall, _ in two)
    idle = statistics.median(used for _, used in two) / 2
    print(f"  2 cores: {best_wall:.2f} s best measured; {idle:.2f} s on two idle cores "
          f"(CPU / 2); target {TARGET_S:g} s: "
          f"{'met' if min(best_wall, idle) <= TARGET_S else 'NOT met'}")

    turns, days = turns_and_days(scenario)
    floors = []
    for _ in range(args.rounds):
        start = time.process_time()
        floor_turns(scenario, turns, days)
        floors.append(time.process_time() - start)
    floor = min(floors)
    print(f"  floor: {turns} turns, {days} days: CPU {floor:.2f} s, so {floor / 2:.2f} s on two "
          f"cores; the simulator is {statistics.median(used for _, used in two) / floor:.1f}x "
          "the floor")
    if args.against:
        print(f"  against {args.against}:")
        against(args.against, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
