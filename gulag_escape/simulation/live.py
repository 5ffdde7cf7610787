"""Live balance: ``gulag-escape simulate PATH --watch`` plays the balance on every save.

An author tunes a number in one window and sees in another how the outcomes moved: each
time the scenario's files change, the scenario is validated again and the same games are
played again (same seeds, same policies and profiles), and every share of outcomes is printed
beside the one before it, "escaped 12.1 % → 15.4 % (+3.3)", with the balance bands' verdicts.
A version that does not load is shown as the usual one-paragraph error, and the watch goes on
waiting for the fix. Files are polled as ``play --watch`` polls them
(:mod:`gulag_escape.scenario.changes`), so nothing is needed beyond the standard library.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gulag_escape.errors import GulagEscapeError
from gulag_escape.scenario.changes import POLL_SECONDS, Signature, signature, watched_files
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.simulation.report import SimulationReport
from gulag_escape.simulation.study import Study

if TYPE_CHECKING:
    from gulag_escape.simulation.command import SimulateOptions

Shares = dict[str, dict[str, float]]
"""Per player (policy, or ``policy · profile``): share of games per outcome, in percent."""

ESCAPED = "escaped"
"""The outcome shown beside the ending kinds: games in which the run began."""


def shares(study: Study) -> Shares:
    """Every ending kind's share and the share of games that escaped, per player."""
    return {player: _report_shares(report)
            for player, report in zip(study.policies, study.main.reports, strict=True)}


def _report_shares(report: SimulationReport) -> dict[str, float]:
    found = {kind: 100 * count / report.runs for kind, count in report.kinds.items()}
    found[ESCAPED] = 100 * report.escaped / report.runs
    return found


def shift_lines(now: Shares, before: Shares | None) -> list[str]:
    """Per player, each outcome's share and its move since ``before``, a line each."""
    lines = []
    for player, outcomes in now.items():
        earlier = (before or {}).get(player)
        kinds = list(dict.fromkeys([*outcomes, *(earlier or {})]))
        kinds.sort(key=lambda kind: kind == ESCAPED)  # the kinds first, escaped last
        lines.append(f"{player}:")
        lines += ["  " + _shift(kind, outcomes.get(kind, 0.0),
                                None if earlier is None else earlier.get(kind, 0.0))
                  for kind in kinds]
    return lines


def _shift(kind: str, now: float, before: float | None) -> str:
    if before is None:
        return f"{kind} {now:.1f} %"
    change = round(now - before, 1)
    moved = "±0.0" if change == 0 else f"{change:+.1f}"
    return f"{kind} {before:.1f} % → {now:.1f} % ({moved})"


def band_lines(study: Study) -> list[str]:
    """The bands' verdict: how many hold, and each that fails."""
    checks = [check for version, check in study.band_checks() if version is study.main]
    if not checks:
        return []
    failing = [check for check in checks if not check.ok]
    lines = [f"Bands: {len(checks) - len(failing)} of {len(checks)} hold."]
    lines += [f"  FAIL {check.policy} · {check.profile}: {check.kind} "
              f"{100 * check.share:.1f} % (band {100 * check.min:.0f}–{100 * check.max:.0f} %)"
              for check in failing]
    return lines


@dataclass
class BalanceWatch:
    """One watch: the files as last seen, and the last version that loaded and its shares."""

    path: Path
    load: Callable[[Path], LoadedScenario]
    """Loads and validates the scenario (raising the project's errors)."""
    play: Callable[[LoadedScenario], Study]
    """Plays its balance: always the same seeds, policies and profiles."""
    out: TextIO
    seen: Signature = ()
    digest: str | None = None
    """The files' digest of the last version that loaded."""
    broken: bool = False
    """The last save did not load: the same version loading again is news."""
    before: Shares | None = None
    versions: int = 0

    def check(self) -> bool:
        """Play again when the files changed since last seen; True when something was shown."""
        now = signature(watched_files(self.path))
        if now == self.seen:
            return False
        self.seen = now
        return self.run()

    def run(self) -> bool:
        """Validate and play the current version and show how it moved; False when it is the
        version last played (saved without a change)."""
        started = time.perf_counter()
        try:
            loaded = self.load(self.path)
            if loaded.digest == self.digest and not self.broken:
                return False
            study = self.play(loaded)
        except GulagEscapeError as error:
            self.broken = True
            self.say(f"{error.title}: {error.message}")
            self.say("Still watching: the next version that loads is compared with the last "
                     "one that did.")
            return True
        self.broken, self.digest = False, loaded.digest
        self.versions += 1
        first = study.first
        self.say(f"Version {self.versions} of {loaded.source} ({time.strftime('%H:%M:%S')}): "
                 f"{first.runs} games per player, seeds {first.seed}–"
                 f"{first.seed + first.runs - 1}, played in "
                 f"{time.perf_counter() - started:.1f} s")
        now = shares(study)
        for line in [*shift_lines(now, self.before), *band_lines(study)]:
            self.say(line)
        self.before = now
        return True

    def say(self, line: str = "") -> None:
        self.out.write(line + "\n")
        self.out.flush()


def watch_balance(options: SimulateOptions, names: list[str], out: TextIO | None = None,
                  sleep: Callable[[float], None] = time.sleep) -> int:
    """The ``simulate --watch`` command: play, then play again on every save, until Ctrl+C."""
    from gulag_escape.simulation.command import check_profile, play_study

    def load(where: Path) -> LoadedScenario:
        loaded = load_scenario(where, cache=False)
        check_profile(loaded, options.profile)
        return loaded

    path = resolve_scenario_path(options.scenario)
    watch = BalanceWatch(path, load, lambda loaded: play_study(options, [loaded], names,
                                                               details=False),
                         out or sys.stdout)
    watch.say(f"Watching {path}; every save plays the balance again (Ctrl+C stops).")
    try:
        while True:
            if watch.check():
                watch.say()
            sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        return 0
