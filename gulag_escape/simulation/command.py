"""The ``simulate`` command: what it plays, and how it shows it.

The command line only names the options; everything it decides lives here, in plain
functions raising the project's own errors, so that the click wrapper stays a few lines.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from gulag_escape.errors import UsageError
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.simulation.policies import POLICIES
from gulag_escape.simulation.study import Study, all_profiles, band_policies, run_study


class BadOption(UsageError):
    """Options that cannot be played as typed: the command line's usage error (exit 2)."""


@dataclass(frozen=True)
class SimulateOptions:
    """The ``simulate`` command's options, as typed."""

    scenario: str
    runs: int = 1000
    seed: int = 1
    policy: str = "cautious"
    policy_given: bool = False
    """``--policy`` was typed (its default does not count)."""
    policies: str | None = None
    workers: int | None = None
    turn_cap: int = 2000
    profile: str | None = None
    content: str = "standard"
    report_path: Path | None = None
    calibrate: bool = False
    other: str | None = None
    as_json: bool = False
    watch: bool = False
    trace: int | None = None


def policy_names(options: SimulateOptions) -> list[str]:
    """The policies asked for, each known; refuses options that contradict each other."""
    if options.policies is not None and (options.policy_given or options.calibrate):
        raise BadOption("--policies replaces --policy, and --calibrate plays the policies of "
                         "the balance bands: give only one of them")
    if options.calibrate and options.policy_given:
        raise BadOption("--calibrate plays the policies of the scenario's balance bands: "
                         "leave out --policy")
    if options.trace is not None and (options.policies or options.calibrate or options.other
                                      or options.watch or options.as_json
                                      or options.report_path):
        raise BadOption("--trace prints one game of one policy: use it with --policy, "
                         "--profile and --content only")
    if options.watch and (options.other or options.as_json or options.report_path):
        raise BadOption("--watch compares each saved version with the one before: leave "
                         "out --compare, --json and --report")
    raw = options.policies or options.policy
    names = list(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
    unknown = next((name for name in names if name not in POLICIES), None if names else "")
    if unknown is not None:
        which = "--policies" if options.policies else "--policy"
        raise BadOption(f"{which}: '{unknown}' is not one of: {', '.join(POLICIES)}")
    if options.report_path is not None:
        from gulag_escape.simulation.written import FORMATS

        if options.report_path.suffix.lower() not in FORMATS:
            raise BadOption(f"--report: '{options.report_path.name}' should end in .html "
                             "or .md")
    return names


def check_profile(scenario: LoadedScenario, profile: str | None) -> None:
    profiles = all_profiles(scenario)
    if profile is not None and profile not in profiles:
        raise BadOption(f"--profile: '{profile}' is not one of: {', '.join(profiles)}")


def play_study(options: SimulateOptions, scenarios: list[LoadedScenario], names: list[str],
               *, details: bool) -> Study:
    """Play what the options ask of ``scenarios``: with ``--calibrate``, the policies of the
    balance bands as every profile (or the one given with ``--profile``)."""
    from gulag_escape.simulation.render import progress_bar

    profiles: tuple[str, ...] = ()
    if options.calibrate:
        names = list(band_policies(scenarios[0]))
        profiles = (options.profile,) if options.profile else all_profiles(scenarios[0])
    players = len(names) * max(1, len(profiles))
    with progress_bar(options.runs * players * len(scenarios)) as bar:
        return run_study(scenarios, names, options.runs, options.seed,
                         workers=options.workers, turn_cap=options.turn_cap,
                         profile=options.profile, profiles=profiles, content=options.content,
                         details=details, progress=bar, calibrating=options.calibrate)


def run_simulate(options: SimulateOptions) -> int:
    """The whole command; its exit code (1 when ``--calibrate`` finds a band failing)."""
    names = policy_names(options)
    if options.watch:
        from gulag_escape.simulation.live import watch_balance

        return watch_balance(options, names)
    scenarios = [load_scenario(resolve_scenario_path(name))
                 for name in (options.scenario, *((options.other,) if options.other else ()))]
    for loaded in scenarios:
        check_profile(loaded, options.profile)
    if options.trace is not None:
        from gulag_escape.simulation.runner import GameSpec
        from gulag_escape.simulation.trace import trace_game

        trace_game(scenarios[0], GameSpec(options.trace, names[0], options.profile,
                                          options.content, options.turn_cap), sys.stdout)
        return 0
    started = time.perf_counter()
    # A JSON reader gets the whole shape every time, the distributions included.
    study = play_study(options, scenarios, names,
                       details=options.report_path is not None or options.as_json)
    if options.as_json:
        print(json.dumps(study.to_dict(), ensure_ascii=False))
    else:
        from gulag_escape.simulation.render import print_study

        print_study(study, time.perf_counter() - started)
    if options.report_path is not None:
        from gulag_escape.simulation.written import write_report

        write_report(study, options.report_path)
        print(f"Report written to {options.report_path}", file=sys.stderr)
    return 1 if options.calibrate and not study.bands_hold else 0
