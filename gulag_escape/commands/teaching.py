"""The teachers' commands: ``assignment new|check|schema``, ``verify`` and ``class-summary``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from gulag_escape.commands.common import friendly, output_option
from gulag_escape.errors import AssignmentError, UsageError
from gulag_escape.session import DEFAULT_SCENARIO
from gulag_escape.textout import emit

if TYPE_CHECKING:
    from gulag_escape.teaching.verify import ScenarioLibrary

_SCENARIO_HELP = ("A scenario file or folder to check records against (repeatable); shipped "
                  "scenarios are found by their id.")
_ASSIGNMENT_HELP = ("The assignment the reports must have been made for: the same assignment "
                    "and each student's own seed.")


@click.group("assignment")
def assignment_group() -> None:
    """Write and check assignment files for a class."""


@assignment_group.command("new")
@output_option("Write the template to this file instead of standard output.")
@click.option("--scenario", default=DEFAULT_SCENARIO, show_default=True,
              help="A shipped scenario's id, or a path to a scenario file or folder.")
@friendly
def new_assignment(output: Path | None, scenario: str) -> int:
    """Write a commented assignment template that validates as it is."""
    from gulag_escape.files import SHARED, write_atomically
    from gulag_escape.scenario.loader import resolve_scenario_path
    from gulag_escape.session import open_scenario
    from gulag_escape.teaching.template import assignment_template, scenario_reference

    loaded = open_scenario(scenario)
    text = assignment_template(loaded, scenario_reference(resolve_scenario_path(scenario),
                                                          output))
    if output is None:
        click.echo(text, nl=False)
        return 0
    if output.exists():
        raise UsageError(f"{output} already exists; choose another name, or delete it first")
    try:
        write_atomically(output, text, SHARED)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"Wrote {output}. Edit it, then check it with: gulag-escape assignment check "
               f"{output}", err=True)
    return 0


@assignment_group.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@friendly
def check_assignment(path: Path) -> int:
    """Check an assignment file and the scenario it names; exit 1 listing every problem."""
    from gulag_escape.teaching.assignment_file import load_assignment

    try:
        loaded = load_assignment(path)
    except AssignmentError as error:
        for problem in error.problems:
            click.echo(str(problem))
        return 1
    model = loaded.model
    meta = loaded.scenario.model.meta
    seed = (f"shared seed {model.seed.value}" if model.seed.mode == "shared"
            else "a seed per student")
    click.echo(f"{loaded.source}: ok — '{model.title}' for {model.class_name}: {meta.title} "
               f"{meta.version}, {seed}, content {model.content_level}, "
               f"{len(model.questions)} questions.")
    return 0


@assignment_group.command("schema")
@output_option()
@friendly
def assignment_schema(output: Path | None) -> int:
    """Print the JSON Schema of assignment files (scenarios/assignment.schema.json)."""
    from gulag_escape.teaching.assignment import assignment_schema_text

    emit(assignment_schema_text(), output)
    return 0


def _library(scenarios: tuple[Path, ...], assignment: Path | None) -> ScenarioLibrary:
    from gulag_escape.teaching.assignment_file import load_assignment
    from gulag_escape.teaching.verify import ScenarioLibrary

    return ScenarioLibrary(list(scenarios), load_assignment(assignment) if assignment else None)


@click.command("verify")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--scenario", "scenarios", multiple=True, type=click.Path(path_type=Path),
              help=_SCENARIO_HELP)
@click.option("--assignment", type=click.Path(path_type=Path, dir_okay=False),
              help=_ASSIGNMENT_HELP)
@friendly
def verify_command(reports: tuple[Path, ...], scenarios: tuple[Path, ...],
                   assignment: Path | None) -> int:
    """Replay run reports (run.json files or report folders) and check every claim.

    One line per report; exit 0 when all are verified, 1 otherwise.
    """
    from gulag_escape.teaching.verify import verify_file

    library = _library(scenarios, assignment)
    verdicts = [verify_file(path, library) for path in reports]
    for verdict in verdicts:
        click.echo(verdict.line())
    return 0 if all(v.ok for v in verdicts) else 1


@click.command("class-summary")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(["html", "md", "csv"]),
              help="Output format (default: from the -o file's suffix, else md).")
@output_option()
@click.option("--scenario", "scenarios", multiple=True, type=click.Path(path_type=Path),
              help=_SCENARIO_HELP)
@click.option("--assignment", type=click.Path(path_type=Path, dir_okay=False),
              help=_ASSIGNMENT_HELP)
@friendly
def class_summary_command(folder: Path, fmt: str | None, output: Path | None,
                          scenarios: tuple[Path, ...], assignment: Path | None) -> int:
    """Verify every report in FOLDER and write one overview of the class."""
    from gulag_escape.teaching.summary import RENDERERS, report_files, summarise_folder

    if not report_files(folder):
        raise UsageError(f"there are no run records (run.json or other .json files) in "
                         f"{folder}; copy the students' report folders into it")
    suffix = output.suffix.lstrip(".").lower() if output else ""
    named = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if output is not None and suffix and (named not in RENDERERS or fmt not in {None, named}):
        raise UsageError(f"{output.name} does not end in the format written "
                         f"(.{fmt or 'html, .md or .csv'}): name the file for its format")
    chosen = fmt or named or "md"
    library = _library(scenarios, assignment)
    summary = summarise_folder(folder, library)
    text = RENDERERS[chosen](summary)
    if summary.failed:
        click.echo(f"{len(summary.failed)} of {len(summary.failed) + len(summary.verified)} "
                   "reports failed verification; the summary lists them apart.", err=True)
    emit(text, output)
    if output is None:
        return 0
    click.echo(f"Wrote {output}: {len(summary.verified)} verified reports, "
               f"{len(summary.failed)} failed.", err=True)
    return 0
