"""The ``gulag-escape`` command: the entry point that assembles the command layer.

Every command lives in :mod:`gulag_escape.commands` and is imported only when it runs (or
``--help`` lists it): importing Textual costs a third of a second, Pydantic a fifth, and
``validate`` or ``--version`` should pay for neither. Every user error becomes a titled
one-paragraph panel on stderr and a non-zero exit (:func:`~gulag_escape.commands.common.friendly`).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from gulag_escape import __version__

COMMANDS = {
    "list": "scenario:list_scenarios",
    "validate": "scenario:validate",
    "schema": "scenario:schema",
    "play": "play:play",
    "simulate": "simulate:simulate",
    "serve": "play:serve",
    "graph": "authoring:graph_command",
    "index": "authoring:index_command",
    "new": "authoring:new_command",
    "record": "authoring:record_command",
    "replay": "authoring:replay_command",
    "assignment": "teaching:assignment_group",
    "verify": "teaching:verify_command",
    "class-summary": "teaching:class_summary_command",
}
"""Each command's module in :mod:`gulag_escape.commands` and its name there."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, keeping start-up small.

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
        return sorted([*super().list_commands(ctx), *COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = target.partition(":")
        command: click.Command = getattr(
            importlib.import_module(f"gulag_escape.commands.{module}"), attribute)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="gulag-escape")
@click.pass_context
def main(context: click.Context) -> None:
    """Gulag Escape: a text survival narrative about escapes from the Soviet Gulag.

    Run without a command to open the game.
    """
    if context.invoked_subcommand is None:
        play = main.get_command(context, "play")
        assert play is not None, "play is one of COMMANDS"
        context.invoke(play)
