"""What each browser tab runs, and who is playing now.

Every tab gets its own ``gulag-escape play`` process (textual-serve's model): the assignment
one with the student's name in its environment, never on a command line a shell reads. A
student has at most one live process: a reload or a second tab closes the first one, and the
new one starts only once the old one has written the run down, so it continues the same run.
"""

from __future__ import annotations

import asyncio
import hashlib
import shlex
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from gulag_escape.errors import UsageError
from gulag_escape.teaching.handin import REPORTS_ENV
from gulag_escape.teaching.students import normalised

STUDENT_ENV = "GULAG_ESCAPE_STUDENT"
"""Read by ``play --student``: the name reaches the child through its environment."""
SAVES_ENV = "GULAG_ESCAPE_SAVES"
MAX_SESSIONS = 120
"""Live tabs at once: four classes on one laptop is already more than two cores carry."""
CLOSE_WAIT = 15.0
"""Seconds a reload waits for the tab it replaces to write the run down."""


@dataclass(frozen=True)
class Classroom:
    """What the server was started with."""

    reports: Path
    work: Path
    """A folder of the server's own (saves made in the browser), removed when it stops."""
    assignment: Path | None = None


def play_command(classroom: Classroom) -> str:
    """The shell command textual-serve starts for each tab: this Python, this package."""
    words = [sys.executable, "-m", "gulag_escape", "play"]
    if classroom.assignment is not None:
        words += ["--assignment", str(classroom.assignment.resolve())]
    return shlex.join(words)


def child_environment(classroom: Classroom, student: str | None, tab: str) -> dict[str, str]:
    """The variables added to a tab's process: the reports folder, the student, and saves
    of its own (a student's for an assignment, the tab's for the free game), so no one loads
    another's save."""
    owner = f"student-{_digest(student)}" if student is not None else f"tab-{tab}"
    environment = {REPORTS_ENV: str(classroom.reports.resolve()),
                   SAVES_ENV: str((classroom.work / "saves" / owner).resolve())}
    if student is not None:
        environment[STUDENT_ENV] = student
    return environment


def _digest(student: str) -> str:
    return hashlib.sha256(normalised(student).encode()).hexdigest()[:16]


@dataclass
class LiveTab:
    """One open tab: whose it is, since when, and how to close it."""

    student: str | None
    close: Callable[[], Awaitable[object]]
    since: float = field(default_factory=time.time)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Tabs:
    """The live tabs, one per student at most; the count is bounded."""

    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self.limit = limit
        self._tabs: dict[str, LiveTab] = {}
        self._anonymous: list[LiveTab] = []

    def __len__(self) -> int:
        return len(self._tabs) + len(self._anonymous)

    async def close_all(self) -> None:
        """The server stops: every tab is closed, so every process writes its run down."""
        tabs = [*self._tabs.values(), *self._anonymous]
        for tab in tabs:
            await tab.close()
        await asyncio.wait_for(asyncio.gather(*(tab.done.wait() for tab in tabs)), CLOSE_WAIT)

    def students(self) -> list[LiveTab]:
        """The students playing now, in the order they came."""
        return sorted(self._tabs.values(), key=lambda tab: tab.since)

    def playing(self, student: str) -> bool:
        return normalised(student) in self._tabs

    async def open(self, tab: LiveTab) -> None:
        """Register a tab; a student's earlier tab is closed first and its run written."""
        if tab.student is None:
            self._check_room()
            self._anonymous.append(tab)
            return
        key = normalised(tab.student)
        earlier = self._tabs.get(key)
        if earlier is not None:
            await earlier.close()
            try:
                await asyncio.wait_for(earlier.done.wait(), CLOSE_WAIT)
            except TimeoutError:
                raise UsageError("your earlier tab is still closing; reload in a moment") from None
        self._check_room()
        self._tabs[key] = tab

    def closed(self, tab: LiveTab) -> None:
        """The tab's process has ended (its run is written): it leaves the list."""
        tab.done.set()
        if tab.student is None:
            self._anonymous.remove(tab)
        elif self._tabs.get(normalised(tab.student)) is tab:
            del self._tabs[normalised(tab.student)]

    def _check_room(self) -> None:
        if len(self) >= self.limit:
            raise UsageError(f"this server already has {self.limit} players; ask your teacher")
