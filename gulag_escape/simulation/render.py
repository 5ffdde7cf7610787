"""The simulation report for people: Rich tables on stdout, a progress bar on stderr.

Rich only, never Textual: ``simulate`` runs in terminals, pipes and CI alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gulag_escape.pages import document
from gulag_escape.simulation.contents import (
    bands_table,
    endings_table,
    kinds_table,
    per_game_table,
    storylets_table,
)
from gulag_escape.simulation.report import SimulationReport
from gulag_escape.simulation.runner import Progress
from gulag_escape.simulation.study import Study
from gulag_escape.spread import Spread

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
    _speed(console, report.runs, seconds)


def print_study(study: Study, seconds: float) -> None:
    """One policy of one version as :func:`print_report` does; several side by side; then
    the balance bands when calibrating."""
    console = Console(highlight=False)
    series = study.series()
    if len(series) == 1:
        print_report(series[0].report, seconds)
    else:
        first = study.first
        console.print(Text.assemble(
            *(part for index, version in enumerate(study.versions) for part in (
                " against " if index else "", (version.label, "bold"),
                f" ({version.letter})" if study.other else "")),
            f": {first.runs} games per policy"
            f"{' and version' if study.other else ''}, profile {study.profiles}, content "
            f"{first.content}, seeds {first.seed}–{first.seed + first.runs - 1}"))
        # A comparison is printed policy by policy: three columns each fit any terminal.
        for part in [study.only(p) for p in study.policies] if study.other else [study]:
            tables = [kinds_table(part), endings_table(part), per_game_table(part)]
            if study.other:
                changed = storylets_table(part, changed_only=True)
                tables.append(replace(changed, caption="Storylets whose share of games "
                                      "changed: times fired (share of games)"))
            console.print(Group(*(rich_table(table) for table in tables)))
        for each in series:
            for line in _warnings(each.report):
                console.print(f"{escape(each.label)}: {line}")
        _speed(console, first.runs * len(series), seconds)
    if study.calibrating:
        console.print(rich_table(replace(bands_table(study), caption="Balance bands")))
        verdict = "[green]every band holds[/]" if study.bands_hold else "[red]bands fail[/]"
        console.print(f"Calibration of {study.main.label}: {verdict}")


def rich_table(table: document.Table) -> Table:
    """A report's table for the terminal; its text is never read as Rich markup."""
    shown = Table(title=table.caption or None, title_justify="left", title_style="bold")
    for index, column in enumerate(table.columns):
        number = any(row[index].number for row in table.rows)
        shown.add_column(column, justify="right" if number else "left")
    for row in table.rows:
        shown.add_row(*(Text(document.plain(cell.text), style="bold red" if cell.flagged else "")
                        for cell in row))
    return shown


def _speed(console: Console, games: int, seconds: float) -> None:
    rate = games / seconds if seconds > 0 else 0.0
    console.print(f"[dim]{games} games in {seconds:.1f} s ({rate:,.0f} games/s)[/]")


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


def _notes(report: SimulationReport) -> Iterator[str]:
    yield (f"Escaped in {report.escaped} of {report.runs} games "
           f"({_share(report.escaped, report.runs)}).")
    yield from _warnings(report)


def _warnings(report: SimulationReport) -> Iterator[str]:
    """What needs an author's attention, as Rich markup."""
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
