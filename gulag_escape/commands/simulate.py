"""``gulag-escape simulate``: many seeded games by bots, their outcomes and the authors' report."""

from __future__ import annotations

from pathlib import Path

import click

from gulag_escape.commands.common import CONTENT, MAX_RUNS, MAX_WORKERS, SEED, friendly


@click.command()
@click.argument("scenario")
@click.option("--runs", type=click.IntRange(1, MAX_RUNS), default=1000, show_default=True,
              help="Games to play (for each policy).")
@click.option("--seed", type=SEED, default=1, show_default=True,
              help="Seed of the first game; game i is played with seed + i.")
@click.option("--policy", default="cautious", show_default=True,
              help="How the bots play: random, cautious, bold or explorer.")
@click.option("--policies", metavar="P1,P2,...",
              help="Several policies side by side, e.g. random,cautious,bold.")
@click.option("--workers", type=click.IntRange(1, MAX_WORKERS),
              help="Processes to play in (default: one per core); results never depend on it.")
@click.option("--turn-cap", type=click.IntRange(1, 1_000_000), default=2000, show_default=True,
              help="Stop a game that has not ended after this many choices.")
@click.option("--profile", help="Who the bots play: one of the scenario's profiles.")
@click.option("--content", type=CONTENT, default="standard",
              show_default=True, help="Content level of the games.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a report with charts: FILE.html (one self-contained page) or "
                   "FILE.md.")
@click.option("--calibrate", is_flag=True,
              help="Play the policies named in the scenario's balance bands and check each "
                   "band; exit 1 if one fails.")
@click.option("--compare", "other", metavar="OTHER",
              help="Another version of the scenario (a path), played with the same seeds and "
                   "set side by side.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.pass_context
@friendly
def simulate(
    ctx: click.Context,
    *,
    scenario: str,
    runs: int,
    seed: int,
    policy: str,
    policies: str | None,
    workers: int | None,
    turn_cap: int,
    profile: str | None,
    content: str,
    report_path: Path | None,
    calibrate: bool,
    other: str | None,
    as_json: bool,
) -> int:
    """Play many seeded games of SCENARIO (a shipped id or a path) and report the outcomes.

    Exit 1 with --calibrate when a balance band of the scenario fails.
    """
    import json
    import time

    from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path
    from gulag_escape.simulation import POLICIES
    from gulag_escape.simulation.render import print_study, progress_bar
    from gulag_escape.simulation.study import band_policies, run_study
    from gulag_escape.simulation.written import FORMATS, write_report

    policy_given = ctx.get_parameter_source("policy") is not click.core.ParameterSource.DEFAULT
    if policies is not None and (policy_given or calibrate):
        raise click.UsageError("--policies replaces --policy, and --calibrate plays the "
                               "policies of the balance bands: give only one of them")
    if calibrate and policy_given:
        raise click.UsageError("--calibrate plays the policies of the scenario's balance "
                               "bands: leave out --policy")
    names = list(dict.fromkeys(p.strip() for p in (policies or policy).split(",") if p.strip()))
    unknown = next((name for name in names if name not in POLICIES), None if names else "")
    if unknown is not None:
        raise click.BadParameter(f"'{unknown}' is not one of: {', '.join(POLICIES)}",
                                 param_hint="'--policies'" if policies else "'--policy'")
    if report_path is not None and report_path.suffix.lower() not in FORMATS:
        raise click.BadParameter(f"'{report_path.name}' should end in .html or .md",
                                 param_hint="'--report'")
    scenarios = [load_scenario(resolve_scenario_path(name))
                 for name in (scenario, *((other,) if other else ()))]
    for loaded in scenarios:
        profiles = [p.id for p in loaded.model.profiles]
        if profile is not None and profile not in profiles:
            raise click.BadParameter(f"'{profile}' is not one of: {', '.join(profiles)}",
                                     param_hint="'--profile'")
    if calibrate:
        names = list(band_policies(scenarios[0]))
    started = time.perf_counter()
    with progress_bar(runs * len(names) * len(scenarios)) as progress:
        study = run_study(scenarios, names, runs, seed, workers=workers, turn_cap=turn_cap,
                          profile=profile, content=content, details=report_path is not None,
                          progress=progress, calibrating=calibrate)
    if as_json:
        click.echo(json.dumps(study.to_dict(), ensure_ascii=False))
    else:
        print_study(study, time.perf_counter() - started)
    if report_path is not None:
        write_report(study, report_path)
        click.echo(f"Report written to {report_path}", err=True)
    return 1 if calibrate and not study.bands_hold else 0
