"""How much slower than bare YAML parsing is loading a scenario, and does it stay linear?

For 100, 1,000 and 10,000 storylets this times, alternately in one process so that both
see the same machine state, and quotes medians:

* floor: ``yaml.load(text, Loader=yaml.CSafeLoader)`` on each file of the scenario, the
  least any YAML loader can do (garbage collector off, as it is during our load);
* ours: ``load_scenario(path, cache=False)``: the located parse, duplicate-key and tag
  checks, Pydantic validation, expression compilation and every cross-reference check.

The targets: ours within 1.5x the floor, and time per storylet flat from 100 to 10,000.

Then it times a cached load of the 1,000-storylet scenario the way the game meets it: in a
fresh interpreter, after an earlier run wrote the cache (target: under 0.1 s).

Run: ``.venv/bin/python bench/bench_load.py``; ``--phases`` adds the time of each step of a
load, ``--profile`` a cProfile of one.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, scenario_files, write_scenario

from gulag_escape.scenario.loader import load_scenario

REPEATS = {100: 15, 1_000: 9, 10_000: 5}
PROCESS_RUNS = 9


def floor(path: Path) -> None:
    for file in scenario_files(path):
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def ours(path: Path) -> None:
    load_scenario(path, cache=False)


def timed(function: Callable[[Path], None], path: Path) -> float:
    """Seconds for one call; garbage from earlier calls is collected outside the window."""
    gc.collect()
    if function is floor:
        gc.disable()  # the floor at its best; load_scenario switches the collector off itself
    start = time.perf_counter()
    function(path)
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed


def compare(count: int, path: Path) -> tuple[float, float]:
    """Median seconds of (floor, ours), measured A, B, A, B... after one warm-up of each."""
    floor(path)
    ours(path)
    times: dict[Callable[[Path], None], list[float]] = {floor: [], ours: []}
    for _ in range(REPEATS[count]):
        for function in (floor, ours):
            times[function].append(timed(function, path))
    return statistics.median(times[floor]), statistics.median(times[ours])


def process_seconds(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def cached_load(path: Path) -> None:
    """A cached load in fresh interpreters, timed inside and around the process."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GULAG_ESCAPE_CACHE": cache}
        load = ("from gulag_escape.scenario.loader import load_scenario; "
                f"load_scenario({str(path)!r})")
        subprocess.run([sys.executable, "-c", load], check=True, env=env)  # writes the cache
        inside = (
            "import time; from gulag_escape.scenario.loader import load_scenario; "
            f"start = time.perf_counter(); load_scenario({str(path)!r}); "
            "print(time.perf_counter() - start)"
        )
        runs: dict[str, list[float]] = {"bare": [], "import": [], "load": [], "inside": []}
        for _ in range(PROCESS_RUNS):
            runs["bare"].append(process_seconds("pass", env))
            runs["import"].append(process_seconds(
                "import gulag_escape.scenario.loader", env))
            runs["load"].append(process_seconds(load, env))
            result = subprocess.run([sys.executable, "-c", inside], check=True, env=env,
                                    capture_output=True, text=True)
            runs["inside"].append(float(result.stdout))
    median = {name: statistics.median(values) * 1000 for name, values in runs.items()}
    print(f"\nCached load of {path.name}, fresh process, medians of {PROCESS_RUNS} runs:")
    print(f"  load_scenario() timed inside the process   {median['inside']:7.1f} ms")
    print(f"  whole process: python -c 'load'            {median['load']:7.1f} ms")
    print(f"    of which bare interpreter                {median['bare']:7.1f} ms")
    print(f"    of which importing the loader (Pydantic) "
          f"{median['import'] - median['bare']:7.1f} ms")
    print(f"    leaves the load itself                   "
          f"{median['load'] - median['import']:7.1f} ms")


def phases(path: Path) -> None:
    """Median milliseconds of each step of a load, to see where the time goes."""
    from gulag_escape.scenario.models import Scenario
    from gulag_escape.scenario.references import Checker
    from gulag_escape.scenario.sources import read_scenario_source

    steps: dict[str, list[float]] = {
        "read + parse + build values": [], "Pydantic validation": [],
        "checks + expressions + links": [], "load_scenario in all": [],
    }
    for _ in range(REPEATS[1_000]):
        gc.collect()
        gc.disable()
        marks = [time.perf_counter()]
        value, _, _ = read_scenario_source(path)
        marks.append(time.perf_counter())
        model = Scenario.model_validate(value)
        marks.append(time.perf_counter())
        Checker(model).run()
        marks.append(time.perf_counter())
        gc.enable()
        del value, model
        steps["load_scenario in all"].append(timed(ours, path))
        for name, start, end in zip(steps, marks, marks[1:], strict=False):
            steps[name].append(end - start)
    median = {name: statistics.median(values) * 1000 for name, values in steps.items()}
    print(f"\nWhere the time goes in load_scenario({path.name}, cache=False), medians:")
    for name, value in median.items():
        print(f"  {name:<44} {value:7.1f} ms")
    rest = median["load_scenario in all"] - sum(list(median.values())[:3])
    print(f"  {'rest: digest, freeing, collector pass':<44} {rest:7.1f} ms")


def profile(path: Path) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(ours, path)
    print(f"\ncProfile of load_scenario({path.name}, cache=False), by own time:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--phases", action="store_true", help="also time each step of a load")
    parser.add_argument("--profile", action="store_true", help="also profile one load")
    arguments = parser.parse_args()
    paths = {count: write_scenario(count) for count in SIZES}
    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
          f"(C loader: {yaml.__with_libyaml__}), {os.cpu_count()} CPUs")
    print(f"\n{'storylets':>9} {'floor ms':>9} {'ours ms':>9} {'floor ms/st':>12} "
          f"{'ours ms/st':>11} {'ratio':>6}")
    for count, path in paths.items():
        floor_s, ours_s = compare(count, path)
        print(f"{count:>9,} {floor_s * 1000:>9.1f} {ours_s * 1000:>9.1f} "
              f"{floor_s * 1000 / count:>12.3f} {ours_s * 1000 / count:>11.3f} "
              f"{ours_s / floor_s:>5.2f}x")
    cached_load(paths[1_000])
    if arguments.phases:
        phases(paths[1_000])
    if arguments.profile:
        profile(paths[1_000])


if __name__ == "__main__":
    main()
