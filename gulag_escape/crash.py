"""The last wall: an unexpected exception becomes a log file and one line, never a traceback.

Every error a person can cause is a :class:`~gulag_escape.errors.GulagEscapeError` with its
own message; anything else is a bug. The person still deserves one clear line, and whoever
fixes the bug needs the traceback: it goes to a file in the user's data folder
(``GULAG_ESCAPE_CRASH_DIR`` overrides it, for tests), and the line names that file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from gulag_escape import __version__
from gulag_escape.files import write_atomically
from gulag_escape.untrusted import clean

CRASH_ENV = "GULAG_ESCAPE_CRASH_DIR"
EXIT_CODE = 1


def crash_dir() -> Path:
    """``$GULAG_ESCAPE_CRASH_DIR``, else ``crashes/`` in the user's data folder."""
    override = os.environ.get(CRASH_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("gulag-escape")) / "crashes"


def write_crash_log(error: BaseException, command: list[str]) -> Path | None:
    """Write the traceback of ``error`` to a new file; None when no file can be written."""
    now = dt.datetime.now(dt.UTC)
    text = "".join([
        f"gulag-escape {__version__} crashed at {now:%Y-%m-%d %H:%M:%S} UTC\n",
        f"command: {' '.join(command)}\n",
        f"python: {sys.version.split()[0]} on {sys.platform}\n\n",
        *traceback.format_exception(error),
    ])
    folder = crash_dir()
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)  # private: a command line may name private files
    except OSError:
        return None
    return path


def crash_line(error: BaseException, log: Path | None) -> str:
    """The one line a person sees: what happened, and where the details are."""
    what = clean(f"{type(error).__name__}: {error}", allow="")[:200]
    where = (f"the details are in {log}; please send that file with a bug report"
             if log is not None else "no log file could be written")
    return f"gulag-escape stopped on an internal error ({what}); {where}."
