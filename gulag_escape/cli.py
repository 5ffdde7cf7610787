"""The ``gulag-escape`` command.

Every user error becomes a titled one-paragraph panel on stderr and a non-zero exit; the
Textual UI is imported only inside the command that opens it, because importing Textual
costs a third of a second that ``validate`` and ``simulate`` should not pay.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from gulag_escape import __version__
from gulag_escape.errors import GulagEscapeError, ScenarioError

SEED_LIMIT = 2**63 - 1
"""Seeds are any integer of at most 64 bits, either sign: more is a typo, not a world."""
SEED = click.IntRange(-SEED_LIMIT, SEED_LIMIT)
MAX_RUNS = 1_000_000
MAX_WORKERS = 256


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def report_error(error: GulagEscapeError) -> None:
    """Print a titled panel on stderr; plain lines when stderr is not a terminal."""
    from rich.markup import escape
    from rich.panel import Panel

    console = _stderr_console()
    if console.is_terminal:
        console.print(Panel(escape(error.message), title=error.title, border_style="red",
                            title_align="left"))
    else:
        console.print(f"{error.title}: {escape(error.message)}", soft_wrap=True)


def friendly(command: Callable[..., int | None]) -> Callable[..., None]:
    """Turn the project's errors into a panel and an exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = command(*args, **kwargs)
        except GulagEscapeError as error:
            report_error(error)
            sys.exit(1)
        sys.exit(code or 0)

    return wrapper


LAZY_COMMANDS = {
    "graph": "gulag_escape.authoring.graph:graph_command",
    "index": "gulag_escape.authoring.index:index_command",
    "new": "gulag_escape.authoring.scaffold:new_command",
    "record": "gulag_escape.authoring.transcripts:record_command",
    "replay": "gulag_escape.authoring.transcripts:replay_command",
    "assignment": "gulag_escape.teaching.commands:assignment_group",
    "verify": "gulag_escape.teaching.commands:verify_command",
    "class-summary": "gulag_escape.teaching.commands:class_summary_command",
}
"""Commands that live in their own modules, imported only when used."""


class LazyGroup(click.Group):
    """A group whose larger commands are imported on first use, keeping start-up small.

    It is also the last wall: an exception that is neither a click error nor one of the
    project's own (a bug) is written to a crash log, and the person sees one line naming it.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit,
                click.exceptions.Abort):
            raise
        except Exception as error:
            from gulag_escape.crash import EXIT_CODE, crash_line, write_crash_log

            log = write_crash_log(error, [ctx.info_name or "gulag-escape", *sys.argv[1:]])
            click.echo(crash_line(error, log), err=True)
            ctx.exit(EXIT_CODE)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        import importlib

        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="gulag-escape")
@click.pass_context
def main(context: click.Context) -> None:
    """Gulag Escape: a text survival narrative about escapes from the Soviet Gulag.

    Run without a command to open the game.
    """
    if context.invoked_subcommand is None:
        context.invoke(play)


@main.command("list")
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


@main.command()
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


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
@click.option("--archive", is_flag=True,
              help="The schema of the archive of stories (scenarios/archive.schema.json).")
@friendly
def schema(output: Path | None, archive: bool) -> int:
    """Print the JSON Schema of scenario files (committed as scenarios/scenario.schema.json)."""
    from gulag_escape.scenario.schema import scenario_schema_text

    if archive:
        from gulag_escape.scenario.archive import Archive

        text = scenario_schema_text(Archive)
    else:
        text = scenario_schema_text()
    from gulag_escape.textout import emit

    emit(text, output)
    return 0


def _saves_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--saves-dir", type=click.Path(path_type=Path, file_okay=False),
        envvar="GULAG_ESCAPE_SAVES", show_envvar=True,
        help="Folder for saves (default: saves/ in a checkout, else your user data folder).",
    )(command)


@main.command()
@click.argument("scenario", required=False)
@click.option("--plain", is_flag=True, help="Line-by-line mode for screen readers and pipes.")
@click.option("--seed", type=SEED, help="World seed (the same seed gives the same world).")
@click.option("--profile", help="Who you are: one of the scenario's profiles.")
@click.option("--content", type=click.Choice(["mild", "standard"]), default="standard",
              show_default=True, help="Content level: mild leaves out graphic details.")
@click.option("--load", "slot", help="Continue from a save slot (e.g. autosave).")
@click.option("--watch", is_flag=True,
              help="Reload the scenario when its file changes and replay to the same point.")
@click.option("--assignment", type=click.Path(path_type=Path, dir_okay=False),
              help="Play a teacher's assignment file; the run report is written at the end.")
@click.option("--student", envvar="GULAG_ESCAPE_STUDENT",
              help="Your name, for the assignment's run report.")
@click.option("--start", metavar="STORYLET", help="For authors: open the game at this storylet.")
@click.option("--set", "settings", metavar="NAME=VALUE,...", multiple=True,
              help="For authors: set stats, flags, items... before the first scene.")
@_saves_option
@friendly
def play(
    *,
    scenario: str | None,
    plain: bool,
    seed: int | None,
    profile: str | None,
    content: str,
    slot: str | None,
    watch: bool,
    assignment: Path | None,
    student: str | None,
    start: str | None,
    settings: tuple[str, ...],
    saves_dir: Path | None,
) -> int:
    """Play a scenario: a shipped scenario's id (see `list`) or a path to a scenario file."""
    from gulag_escape.session import PlayOptions

    if (start or settings) and (assignment or watch or slot):
        raise click.UsageError("--start and --set arrange a new game: leave out --assignment, "
                               "--watch and --load")
    options = PlayOptions(scenario=scenario, seed=seed, profile=profile, content=content,
                          slot=slot, saves_dir=saves_dir, start=start,
                          settings=",".join(settings) if settings else None)
    if assignment is not None:
        from gulag_escape.teaching.play import run_assignment

        return run_assignment(options, assignment, student, plain=plain)
    if watch:
        from gulag_escape.authoring.watch import run_watch

        return run_watch(options)
    from gulag_escape.interactive import can_run_app

    if plain or not can_run_app():
        from gulag_escape.plain import run_plain

        return run_plain(options)
    # Textual costs a third of a second to import: only the interactive game pays for it.
    from gulag_escape.tui.app import run_app

    return run_app(options)


@main.command()
@click.option("--assignment", type=click.Path(path_type=Path, dir_okay=False),
              help="Serve this assignment to the class (default: the free game).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: 0.0.0.0 lets the school network in.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--reports", type=click.Path(path_type=Path, file_okay=False),
              envvar="GULAG_ESCAPE_REPORTS", default="reports", show_default=True,
              help="Folder the students' run reports are written to.")
@friendly
def serve(assignment: Path | None, host: str, port: int, reports: Path) -> int:
    """Play in browsers: each student opens the printed address (see docs/teachers/serving.md)."""
    from gulag_escape.serve.start import run_serve

    return run_serve(assignment, host, port, reports)


@main.command()
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
@click.option("--content", type=click.Choice(["mild", "standard"]), default="standard",
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
