"""Timing marks for the benchmark: off unless ``GULAG_ESCAPE_TRACE`` names a file.

The benchmark needs times measured inside the app (a Pilot key press costs more than the
work it would measure), so the app appends ``event value`` lines to that file.
"""

from __future__ import annotations

import os
from pathlib import Path


class Trace:
    """Appends one line per mark; does nothing without a path."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    @classmethod
    def from_environment(cls) -> Trace:
        value = os.environ.get("GULAG_ESCAPE_TRACE")
        return cls(Path(value) if value else None)

    def mark(self, event: str, value: float) -> None:
        if self.path is None:
            return
        # Appended, not written through files.write_atomically: a mark is one line added
        # while the app runs, read by the benchmark after it ends; rewriting the whole file
        # at each mark would cost more than the work it measures, and half a line lost in a
        # crash costs nothing.
        with self.path.open("a", encoding="utf-8") as file:
            file.write(f"{event} {value}\n")
