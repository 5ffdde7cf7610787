"""``gulag-escape play``: the game, in the Textual app or line by line; ``serve``: in browsers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from gulag_escape.commands.common import CONTENT, SEED, friendly


def saves_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--saves-dir`` (or ``$GULAG_ESCAPE_SAVES``): where the game keeps its save slots."""
    return click.option(
        "--saves-dir", type=click.Path(path_type=Path, file_okay=False),
        envvar="GULAG_ESCAPE_SAVES", show_envvar=True,
        help="Folder for saves (default: saves/ in a checkout, else your user data folder).",
    )(command)


@click.command()
@click.argument("scenario", required=False)
@click.option("--plain", is_flag=True, help="Line-by-line mode for screen readers and pipes.")
@click.option("--seed", type=SEED, help="World seed (the same seed gives the same world).")
@click.option("--profile", help="Who you are: one of the scenario's profiles.")
@click.option("--content", type=CONTENT, default="standard",
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
@saves_option
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
    from gulag_escape.interactive import can_run_app
    from gulag_escape.session import PlayOptions

    if (start or settings) and (assignment or watch or slot):
        raise click.UsageError("--start and --set arrange a new game: leave out --assignment, "
                               "--watch and --load")
    options = PlayOptions(scenario=scenario, seed=seed, profile=profile, content=content,
                          slot=slot, saves_dir=saves_dir, start=start,
                          settings=",".join(settings) if settings else None)
    interactive = can_run_app()
    if assignment is not None:
        from gulag_escape.teaching.play import open_assignment

        loaded = open_assignment(options, assignment)
        if not plain and interactive:
            from gulag_escape.teaching.students import check_name
            from gulag_escape.tui.assignment.app import run_assignment_app

            return run_assignment_app(options, loaded, check_name(student))
        from gulag_escape.plain.assignment import run_assignment

        return run_assignment(options, loaded, student)
    if watch:
        from gulag_escape.plain.watch import run_watch

        return run_watch(options)
    if plain or not interactive:
        from gulag_escape.plain import run_plain

        return run_plain(options)
    # Textual costs a third of a second to import: only the interactive game pays for it.
    from gulag_escape.tui.app import run_app

    return run_app(options)


@click.command()
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
