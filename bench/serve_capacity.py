"""How many students can one laptop serve? ``gulag-escape serve`` under N browser tabs.

Starts ``serve`` with an assignment of the shipped Kolyma scenario (a seed per student, no
questions) on 127.0.0.1, opens N tabs in one headless Chromium (the system's, driven by
Playwright), types a name in each, begins, and plays: each tab presses a choice key, waits
until the screen it gets back is painted, thinks for a second or so, and again.

Reports, for N = 1, 10, 30 (``--sessions``):

* memory per session: the resident (RSS) and proportional (PSS: shared pages split between
  the processes sharing them) size of the server's child processes, at their peak while all
  tabs play, divided by N; and the server process itself;
* key-to-paint: from the key leaving the page (as xterm.js sends it, over the websocket) to
  the animation frame after the app's answer arrived (at most one frame, 17 ms, too many);
  median and 95th percentile over every key of every tab;
* start: from the name sent to the first screen painted, median and slowest;
* CPU seconds used by the server's processes and by the browser's, and the wall time.

The browser runs on the same machine as the server, as it never does in a class: its own
work is counted against the server's two cores. Run: ``.venv/bin/python bench/serve_capacity.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_helpers import (  # noqa: E402 - the tests' helper, one copy for both
    CAPTURE,
    LOCAL_ONLY,
    chromium_path,
    start_serve,
    stop_serve,
)

ASSIGNMENT = """format: 1
title: "Capacity bench"
class: "Bench"
scenario:
  id: kolyma
seed:
  mode: per-student
  value: 1
profile: political
content:
  level: standard
instructions: Play.
"""
CHOICE_KEYS = "1234"
TICKS = os.sysconf("SC_CLK_TCK")


def process_table() -> dict[int, tuple[int, float]]:
    """Every process: its parent and the CPU seconds it has used, read from /proc."""
    table: dict[int, tuple[int, float]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(stat.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return table


def descendants(pid: int, table: dict[int, tuple[int, float]]) -> list[int]:
    """Every process below ``pid``."""
    children: dict[int, list[int]] = {}
    for child, (parent, _) in table.items():
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros when it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:]}
    return values.get("Rss", 0), values.get("Pss", 0)


class Sampler:
    """Memory and CPU of the server's processes and of the browser's, sampled each second.

    The memory kept is the children's at their highest; the CPU is each process's last
    reading, summed (a process that lived less than a second is missed).
    """

    def __init__(self, server: int) -> None:
        self.server = server
        self.peak = (0, 0, 0)
        """(children's RSS, children's PSS, processes) at the highest PSS seen."""
        self.server_rss = 0
        self.cpu: dict[int, tuple[str, float]] = {}
        """Each process seen: whose it is ("server" or "browser") and its CPU seconds."""

    def cpu_seconds(self, whose: str) -> float:
        return sum(seconds for owner, seconds in self.cpu.values() if owner == whose)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            table = process_table()
            served = descendants(self.server, table)
            sizes = [memory_kib(pid) for pid in served]
            total = (sum(s[0] for s in sizes), sum(s[1] for s in sizes), len(served))
            if total[1] > self.peak[1]:
                self.peak = total
            self.server_rss = max(self.server_rss, memory_kib(self.server)[0])
            server_side = {self.server, *served}
            for pid in descendants(os.getpid(), table):
                self.cpu[pid] = ("server" if pid in server_side else "browser", table[pid][1])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)


@dataclass
class Timings:
    """What every tab measured, together."""

    latencies: list[float] = field(default_factory=list)
    """Milliseconds from each key to its answer painted."""
    starts: list[float] = field(default_factory=list)
    """Seconds from the name sent to the first screen."""
    misses: int = 0
    """Keys that painted nothing (a choice that could not be taken)."""


async def one_tab(browser: Any, url: str, name: str, keys: int, timings: Timings) -> None:
    context = await browser.new_context(viewport={"width": 1100, "height": 700})
    page = await context.new_page()
    await page.add_init_script(CAPTURE)
    await page.goto(url + "/")
    await page.fill("#name", name)
    started = time.perf_counter()
    await page.click("button[type=submit]")
    await page.wait_for_function("window.__term && window.__term.text.includes('Begin')",
                                 timeout=180_000, polling=100)
    timings.starts.append(time.perf_counter() - started)
    await page.evaluate("window.__keyToPaint('b', 30000)")
    rng = random.Random(name)
    await asyncio.sleep(1.0)
    for _ in range(keys):
        for key in CHOICE_KEYS:  # a choice that cannot be taken paints nothing: the next one
            took = await page.evaluate(f"window.__keyToPaint('{key}', 3000)")
            if took is not None:
                timings.latencies.append(float(took))
                break
            timings.misses += 1
        await asyncio.sleep(0.7 + 0.6 * rng.random())  # a student reads before the next key
    await context.close()


async def measure(sessions: int, keys: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory(prefix="serve-bench-") as folder:
        work = Path(folder)
        assignment = work / "bench.yaml"
        assignment.write_text(ASSIGNMENT)
        server, url, _ = start_serve(["--assignment", str(assignment), "--reports",
                                      str(work / "reports")], work)
        sampler = Sampler(server.pid)
        stop = asyncio.Event()
        sampling = asyncio.create_task(sampler.run(stop))
        timings = Timings()
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=chromium_path(),
                                                           headless=True, args=LOCAL_ONLY)
                began = time.perf_counter()
                await asyncio.gather(*(one_tab(browser, url, f"Student {n:02d}", keys, timings)
                                       for n in range(sessions)))
                elapsed = time.perf_counter() - began
                await browser.close()
        finally:
            stop.set()
            await sampling
            stop_serve(server)
    rss, pss, processes = sampler.peak
    ordered = sorted(timings.latencies)
    starts = timings.starts
    return {
        "sessions": sessions, "processes": processes, "elapsed_s": elapsed,
        "rss_mib_per_session": rss / 1024 / sessions, "pss_mib_per_session": pss / 1024 / sessions,
        "server_rss_mib": sampler.server_rss / 1024,
        "keys": len(ordered), "misses": timings.misses,
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "start_median_s": statistics.median(starts), "start_max_s": max(starts),
        "server_cpu_s": sampler.cpu_seconds("server"),
        "browser_cpu_s": sampler.cpu_seconds("browser"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,10,30",
                        help="numbers of tabs to measure, in turn (default 1,10,30)")
    parser.add_argument("--keys", type=int, default=12, help="choice keys per tab")
    arguments = parser.parse_args()
    if chromium_path() is None:
        print("no Chromium on this machine: nothing to measure", file=sys.stderr)
        return 1
    print("| tabs | RSS / tab | PSS / tab | server RSS | key-to-paint median | p95 | start "
          "median / slowest | keys | CPU s: server / browser | wall s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for sessions in (int(n) for n in arguments.sessions.split(",")):
        r = asyncio.run(measure(sessions, arguments.keys))
        print(f"| {sessions} | {r['rss_mib_per_session']:.0f} MiB | "
              f"{r['pss_mib_per_session']:.0f} MiB | {r['server_rss_mib']:.0f} MiB | "
              f"{r['median_ms']:.0f} ms | {r['p95_ms']:.0f} ms | "
              f"{r['start_median_s']:.1f} s / {r['start_max_s']:.1f} s | "
              f"{r['keys']} | {r['server_cpu_s']:.0f} / {r['browser_cpu_s']:.0f} | "
              f"{r['elapsed_s']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
