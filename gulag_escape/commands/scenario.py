"""The commands about scenario files themselves: ``list``, ``validate`` and ``schema``."""

from __future__ import annotations

from pathlib import Path

import click

from gulag_escape.commands.common import friendly, output_option, report_error
from gulag_escape.errors import ScenarioError


@click.command("list")
@friendly
def list_scenarios() -> int:
    """List the shipped scenarios: id, title, years and the evidence level of their basis."""
    from gulag_escape.scenario.loader import load_scenario, shipped_scenarios

    failed = 0
    for path in shipped_scenarios():
        try:
            meta = load_scenario(path).model.meta
        except ScenarioError as error:
            report_error(error)
            failed = 1
            continue
        years = f"{meta.years.start}" if meta.years.start == meta.years.end else (
            f"{meta.years.start}–{meta.years.end}")
        click.echo(f"{meta.id:<16} {meta.title:<44} {years:<10} {meta.basis.evidence}")
    return failed


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True,
              help="Print problems and warnings only, no statistics.")
@click.option("--strict", is_flag=True, help="Fail on lint warnings too (for CI).")
@friendly
def validate(paths: tuple[Path, ...], quiet: bool, strict: bool) -> int:
    """Check scenario files or folders, then lint them (docs/lint.md).

    Exit 0 when they load (warnings allowed), 1 when problems were found or, with --strict,
    warnings.
    """
    from gulag_escape.scenario.archive import is_archive, load_archive
    from gulag_escape.scenario.lint import WarningPrinter, lint
    from gulag_escape.scenario.loader import load_scenario_with_sources
    from gulag_escape.scenario.stats import format_statistics, scenario_statistics

    problems = 0
    printer = WarningPrinter()
    for path in paths:
        if path.suffix == ".json":
            continue  # the schema beside the scenarios, matched by `scenarios/*`
        try:
            if is_archive(path):
                stories = load_archive(path).stories
                if not quiet:
                    click.echo(f"{path}: ok — the archive of escape stories: {len(stories)} "
                               "stories.")
                continue
            loaded, source_map = load_scenario_with_sources(path)
        except ScenarioError as error:
            for problem in error.problems:
                click.echo(str(problem))
            problems += len(error.problems)
            continue
        for line in printer.lines(lint(loaded), source_map):
            click.echo(line)
        if not quiet:
            stats = format_statistics(scenario_statistics(loaded.model))
            click.echo(f"{loaded.source}: ok — {loaded.model.meta.title}. {stats}")
    if problems:
        click.echo(f"{problems} problem{'s' if problems != 1 else ''} found.", err=True)
    if printer.count:
        failing = " (failing: --strict)" if strict else ""
        click.echo(f"{printer.count} warning{'s' if printer.count != 1 else ''}{failing}.",
                   err=True)
    return 1 if problems or (strict and printer.count) else 0


@click.command()
@output_option()
@click.option("--archive", is_flag=True,
              help="The schema of the archive of stories (scenarios/archive.schema.json).")
@friendly
def schema(output: Path | None, archive: bool) -> int:
    """Print the JSON Schema of scenario files (committed as scenarios/scenario.schema.json)."""
    from gulag_escape.scenario.schema import scenario_schema_text
    from gulag_escape.textout import emit

    if archive:
        from gulag_escape.scenario.archive import Archive

        text = scenario_schema_text(Archive)
    else:
        text = scenario_schema_text()
    emit(text, output)
    return 0
