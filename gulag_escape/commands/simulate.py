"""``gulag-escape simulate``: many seeded games by bots, their outcomes and the authors' report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
              help="Play the policies named in the scenario's balance bands as every profile and "
                   "check each band; exit 1 if one fails.")
@click.option("--compare", "other", metavar="OTHER",
              help="Another version of the scenario (a path), played with the same seeds and "
                   "set side by side.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object instead of tables: the same shape for any options.")
@click.option("--watch", is_flag=True,
              help="Play the balance again whenever the scenario's files change and show how "
                   "each share moved; stop with Ctrl+C.")
@click.option("--trace", type=SEED, metavar="SEED",
              help="Print the one game the bot plays with this seed, scene by scene.")
@click.pass_context
@friendly
def simulate(ctx: click.Context, **options: Any) -> int:
    """Play many seeded games of SCENARIO (a shipped id or a path) and report the outcomes.

    Exit 1 with --calibrate when a balance band of the scenario fails.
    """
    from gulag_escape.simulation.command import BadOption, SimulateOptions, run_simulate

    default = click.core.ParameterSource.DEFAULT
    policy_given = ctx.get_parameter_source("policy") is not default
    try:
        return run_simulate(SimulateOptions(**options, policy_given=policy_given))
    except BadOption as error:
        raise click.UsageError(error.message) from None
