"""The simulation report for people: Rich tables on stdout, a progress bar on stderr.

Rich only, never Textual: ``simulate`` runs in terminals, pipes and CI alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console, Group
from rich.table import Table

from gulag_escape.simulation.report import SimulationReport, Spread
from gulag_escape.simulation.runner import Progress

LISTED_SEEDS = 10
"""Seeds shown for games that did not end; ``--json`` lists them all."""


@contextmanager
def progress_bar(runs: int) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("Simulating", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("games", total=runs)
        yield lambda done, _total: bar.update(task, completed=done)


def print_report(report: SimulationReport, seconds: float) -> None:
    """The report as tables, then what needs an author's attention, then the speed."""
    console = Console(highlight=False)
    last = report.seed + report.runs - 1
    console.print(f"[bold]{report.scenario}[/]: {report.runs} games, policy "
                  f"[bold]{report.policy}[/], profile {report.profile}, content "
                  f"{report.content}, seeds {report.seed}–{last}")
    console.print(Group(*_tables(report)))
    for line in _notes(report):
        console.print(line)
    rate = report.runs / seconds if seconds > 0 else 0.0
    console.print(f"[dim]{report.runs} games in {seconds:.1f} s ({rate:,.0f} games/s)[/]")


def _share(count: int, runs: int) -> str:
    return f"{100 * count / runs:.1f} %"


def _tables(report: SimulationReport) -> Iterator[Table]:
    endings = _table("Ending", "Games", "Share", title="Endings")
    for ending, count in report.endings.items():
        endings.add_row(ending, str(count), _share(count, report.runs))
    if report.turn_capped:
        capped = len(report.turn_capped)
        endings.add_row("[yellow](turn cap)[/]", str(capped), _share(capped, report.runs))
    yield endings

    bands = {check.kind: check for check in report.check_bands()}
    kinds = _table("Kind", "Games", "Share", f"Band for {report.policy}", "", title="By kind")
    for kind in [*report.kinds, *(k for k in bands if k not in report.kinds)]:
        count = report.kinds.get(kind, 0)
        check = bands.get(kind)
        band = f"{check.min:.0%}–{check.max:.0%}" if check else ""
        verdict = ("[green]ok[/]" if check.ok else "[red]outside[/]") if check else ""
        kinds.add_row(kind, str(count), _share(count, report.runs), band, verdict)
    yield kinds

    spreads = _table("", "Median", "p10", "p90", "Min", "Max", title="Per game")
    for label, spread in (("Days", report.days), ("Days on the run", report.days_free),
                          ("Kilometres", report.km)):
        spreads.add_row(label, *_spread_cells(spread))
    yield spreads

    if report.causes:
        causes = _table("Cause", "Games", "Of them deaths", title="What ended the games")
        for cause, count in report.causes.items():
            causes.add_row(cause, str(count), str(report.deaths.get(cause, "")))
        yield causes


def _table(*columns: str, title: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def _spread_cells(spread: Spread) -> list[str]:
    return [f"{value:g}" for value in (spread.median, spread.p10, spread.p90, spread.min,
                                       spread.max)]


def _notes(report: SimulationReport) -> Iterator[Any]:
    yield (f"Escaped in {report.escaped} of {report.runs} games "
           f"({_share(report.escaped, report.runs)}).")
    if report.never_reached:
        yield f"[yellow]Storylets never reached[/]: {', '.join(report.never_reached)}"
    if report.turn_capped:
        yield (f"[yellow]Still running after {report.turn_cap} choices[/]: "
               f"{len(report.turn_capped)} games, seeds {_seeds(report.turn_capped)}")
    for scene, games in report.dead_ends.items():
        yield f"[red]Every choice refused[/] at {scene} in {games} games"


def _seeds(seeds: list[int]) -> str:
    shown = ", ".join(str(seed) for seed in seeds[:LISTED_SEEDS])
    return shown + (", …" if len(seeds) > LISTED_SEEDS else "")
