"""Whether a scenario's files changed: which files to poll and a cheap signature of them.

``play --watch`` (:mod:`gulag_escape.plain.watch`) and ``simulate --watch``
(:mod:`gulag_escape.simulation.live`) both wait for an author's save; they poll the same files
the same way, so the answer lives beside the loader that reads those files. Polling needs no
extra dependency and works on every file system, network mounts included.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

POLL_SECONDS = 0.25
"""How often the files are looked at while a watch waits (the game for input, the
simulator between plays)."""
Signature = tuple[tuple[str, int, int], ...]
"""Each watched file's path, modification time (ns) and size."""


def watched_files(path: Path) -> list[Path]:
    """A scenario file, or every YAML file of a scenario folder (parts not yet included too)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
    return [path]


def signature(files: Sequence[Path]) -> Signature:
    """What changes when a file is written, created or removed; cheap enough to poll."""
    marks = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            marks.append((str(file), -1, -1))
        else:
            marks.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(marks)
