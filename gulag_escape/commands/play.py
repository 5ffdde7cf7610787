"""``gulag-escape play``: the game, in the Textual app or line by line."""

from __future__ import annotations

import sys
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
@click.option("--student", help="Your name, for the assignment's run report.")
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
    saves_dir: Path | None,
) -> int:
    """Play a scenario: a shipped scenario's id (see `list`) or a path to a scenario file."""
    from gulag_escape.session import PlayOptions

    options = PlayOptions(scenario=scenario, seed=seed, profile=profile, content=content,
                          slot=slot, saves_dir=saves_dir)
    interactive = sys.stdout.isatty() and sys.stdin.isatty()
    if assignment is not None:
        from gulag_escape.teaching.play import open_assignment

        loaded = open_assignment(options, assignment)
        if not plain and interactive:
            from gulag_escape.teaching.students import check_name
            from gulag_escape.teaching.tui.app import run_assignment_app

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
