"""What every command shares: errors as a panel and an exit code, and the bounded options.

The layers below raise :class:`~gulag_escape.errors.GulagEscapeError`; only here do they
become what a person sees on a terminal, so no module below needs click or Rich's panels.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from gulag_escape.errors import GulagEscapeError
from gulag_escape.session import SEED_LIMIT

SEED = click.IntRange(-SEED_LIMIT, SEED_LIMIT)
MAX_RUNS = 1_000_000
MAX_WORKERS = 256
CONTENT = click.Choice(["mild", "standard"])


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


def output_option(help_text: str = "Write to this file instead of standard output.",
                  ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-o/--output FILE``: where a command writes its text instead of standard output."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                        help=help_text)
