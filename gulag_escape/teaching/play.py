"""``gulag-escape play --assignment FILE --student NAME``: what a class's run is in any front end.

The assignment decides the scenario, the seed, the profile and whether saves load; the
student is told what was left out and where the report went. The plain mode
(:mod:`gulag_escape.plain.assignment`) and the Textual app (:mod:`gulag_escape.tui.assignment`)
both play it with these words; quitting keeps the unfinished run in the report folder, and
playing the assignment again continues it.
"""

from __future__ import annotations

import os
from pathlib import Path

from gulag_escape.errors import UsageError
from gulag_escape.session import PlayOptions
from gulag_escape.teaching.assignment_file import LoadedAssignment, load_assignment
from gulag_escape.teaching.handin import (
    HTML_FILE,
    MARKDOWN_FILE,
    RECORD_FILE,
)
from gulag_escape.teaching.report import CONTENT_CAVEAT

NO_LOADING = ("This assignment does not allow loading saves: every choice stands. If you "
              "stop, your run is kept and continues when you play the assignment again.")


def open_assignment(options: PlayOptions, assignment_path: Path) -> LoadedAssignment:
    """The assignment to play; a :class:`UsageError` when the command also fixed what it
    decides."""
    fixed = [name for name, value in (("a scenario", options.scenario), ("--seed", options.seed),
                                      ("--profile", options.profile), ("--load", options.slot))
             if value is not None]
    if fixed:
        raise UsageError(f"the assignment decides the scenario, the seed, the profile and how "
                         f"the game is loaded; leave out {', '.join(fixed)}")
    return load_assignment(assignment_path)


def report_message(folder: Path) -> str:
    """Where the report went, and what to hand in."""
    return (f"Your run report is in {folder}{os.sep}: {HTML_FILE} to read and print, "
            f"{MARKDOWN_FILE}, and {RECORD_FILE}, the record your teacher checks. Hand in the "
            "whole folder.")


def content_caveat(assignment: LoadedAssignment) -> str | None:
    """What the student is told about the categories the teacher asked to leave out."""
    left_out = assignment.model.content.leave_out
    if not left_out:
        return None
    notes = assignment.scenario.model.meta.content_notes
    quoted = " ".join(f"“{notes[category]}”" for category in left_out)
    return f"Your teacher asked to leave out: {quoted} {CONTENT_CAVEAT}"


