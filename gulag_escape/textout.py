"""Writing a generated text where the person asked: standard output, or a file.

Commands (graph, schema, class summaries) and the generators of docs/ all end the same way;
one helper gives them the same behaviour and the same error for a file that cannot be
written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from gulag_escape.errors import UsageError
from gulag_escape.files import write_output
from gulag_escape.untrusted import clean


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output``; a file that cannot be written is a UsageError."""
    if output is None:  # a terminal, maybe: what came from files must not control it
        sys.stdout.write(clean(text))
        sys.stdout.flush()
        return
    try:
        write_output(output, text)
    except OSError as error:
        raise UsageError(f"could not write {output}: {error.strerror or error}. Choose another "
                         "file with -o.") from None


def generator_main(prog: str, description: str, render: Callable[[], str]) -> Callable[..., int]:
    """The ``main`` of a ``python -m ...`` generator of a docs/ page: print it or ``-o FILE``."""

    def main(argv: list[str] | None = None) -> int:
        parser = argparse.ArgumentParser(prog=prog, description=description)
        parser.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
        arguments = parser.parse_args(argv)
        try:
            emit(render(), arguments.output)
        except UsageError as error:
            print(f"{prog}: {error.message}", file=sys.stderr)
            return 1
        return 0

    return main
