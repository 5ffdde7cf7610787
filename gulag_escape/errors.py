"""One error family for everything a person can get wrong: scenario files, saves, flags.

Every error carries a title and a one-paragraph message that names the file, the line and
the fix; front ends print or show it and never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from gulag_escape.untrusted import clean


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a file, located like a compiler's message."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        text = f"{where}: {self.message}"
        # Paths, keys and values quoted from a file end up here: printed, they must be inert.
        return clean(f"{text} (hint: {self.hint})" if self.hint else text)


class GulagEscapeError(Exception):
    """Base of every error a user can cause; ``title`` heads the panel or modal that shows it."""

    title = "Error"

    def __init__(self, message: str) -> None:
        # Messages quote paths and values from files, and every front end prints them.
        message = clean(message)
        super().__init__(message)
        self.message = message


class ScenarioError(GulagEscapeError):
    """A scenario file that cannot be loaded; holds every problem found, not just the first."""

    title = "Scenario error"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class SaveError(GulagEscapeError):
    """A save that cannot be read or written; the existing file is never touched."""

    title = "Save error"


class GameError(GulagEscapeError):
    """A request the engine refuses, e.g. resuming a state from another scenario."""

    title = "Game error"


class UsageError(GulagEscapeError):
    """A wrong command-line argument or option."""

    title = "Usage error"


class AssignmentError(ScenarioError):
    """An assignment file that cannot be used; every problem located like a scenario's."""

    title = "Assignment error"


class ReportError(GulagEscapeError):
    """A run report that cannot be read or written."""

    title = "Report error"
