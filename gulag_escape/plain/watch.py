"""``gulag-escape play PATH --watch``: the plain mode's game, following its scenario's files.

The files are polled between inputs and, while the game waits for one, every
:data:`~gulag_escape.scenario.changes.POLL_SECONDS` (standard input is read on a background
thread, so waiting never blocks the poll). A change reloads the scenario and replays the
choice log to the same point (:func:`gulag_escape.authoring.watch.replay_log`); a file that
no longer loads shows its problems, and the game goes on with the version loaded before
until the file is fixed.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from typing import Protocol, TextIO

from gulag_escape.authoring.watch import replay_log
from gulag_escape.errors import GameError, ScenarioError, UsageError
from gulag_escape.plain import QUIT, PlainSession, Terminal, stdio_terminal
from gulag_escape.scenario.changes import POLL_SECONDS, signature, watched_files
from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path
from gulag_escape.session import PlayOptions

GAME_OVER = ("The game is over. Edit the scenario to see it again from the same choices, "
             "or type quit.")


class LineSource(Protocol):
    """Where typed lines arrive: ``get`` raises :class:`queue.Empty` after ``timeout``."""

    def get(self, block: bool = True, timeout: float | None = None) -> str | None: ...


def stdin_lines(stream: TextIO) -> queue.Queue[str | None]:
    """Lines of ``stream`` read on a daemon thread, then None at the end of input."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in iter(stream.readline, ""):
            lines.put(line.rstrip("\r\n"))
        lines.put(None)

    threading.Thread(target=pump, name="stdin-lines", daemon=True).start()
    return lines


class WatchSession(PlainSession):
    """A plain-mode game that follows its scenario's files."""

    def __init__(self, options: PlayOptions, lines: LineSource,
                 out: TextIO | None = None) -> None:
        """Play on standard output, or on ``out`` without colour and with answers echoed."""
        if options.scenario is None:
            raise UsageError("--watch needs a scenario: give the path of the file or folder "
                             "you are editing")
        terminal = (stdio_terminal(self._next_line) if out is None
                    else Terminal(self._next_line, out))
        super().__init__(terminal, options)
        self.lines = lines
        self.path = resolve_scenario_path(options.scenario)
        self.seen = signature(watched_files(self.path))
        self.broken = False
        """The last reload failed: the same version loading again is news worth a line."""
        self.at_prompt = False

    # --- input ----------------------------------------------------------------------------

    def _next_line(self) -> str | None:
        """The next typed line; while none comes, reload the scenario whenever it changes."""
        self.io.out.flush()
        self.at_prompt = True
        try:
            while True:
                with contextlib.suppress(queue.Empty):  # no line yet: look at the file
                    return self.lines.get(timeout=POLL_SECONDS)
                if self.game is not None and self.reload_if_changed():
                    self.io.out.write("> ")  # the prompt again, under the news
                    self.io.out.flush()
                    self.at_prompt = True
        finally:
            self.at_prompt = False

    def _loop(self) -> int:
        assert self.game is not None
        self._show_current()
        while True:
            self.reload_if_changed()
            line = self.io.ask()
            if line is None:
                if not self.game.ended:
                    self._autosave("End of input.")
                return 0
            if self.game.ended:
                if line.strip().lower() in QUIT:
                    return 0
                self.io.say(GAME_OVER)
                continue
            if not self._handle(line.strip()):
                return 0
            if self.game.ended:
                self._show_ending(self.game.view())
                self.io.say(GAME_OVER)

    def _show_current(self) -> None:
        assert self.game is not None
        view = self.game.view()
        self.show(view)
        if view.ending is not None:
            self._show_ending(view)
            self.io.say(GAME_OVER)

    # --- reloading ------------------------------------------------------------------------

    def reload_if_changed(self) -> bool:
        """Reload when a watched file changed; True when something was printed."""
        assert self.game is not None and self.scenario is not None
        now = signature(watched_files(self.path))
        if now == self.seen:
            return False
        self.seen = now
        try:
            loaded = load_scenario(self.path, cache=False)
            if loaded.digest == self.scenario.digest and not self.broken:
                return False  # saved without a change
            game, where = replay_log(loaded, self.game)
        except (ScenarioError, GameError) as error:
            self._failed(error)
            return True
        self.broken = False
        self.scenario, self.game = loaded, game
        self.terms = {t.id: t.term for t in loaded.model.glossary}
        self._leave_prompt()
        self.io.say(f"Reloaded {loaded.source} (version {loaded.model.meta.version}): "
                    f"{where}.")
        self.io.say()
        self._show_current()
        return True

    def _failed(self, error: ScenarioError | GameError) -> None:
        self.broken = True
        self._leave_prompt()
        problems = error.problems if isinstance(error, ScenarioError) else [error.message]
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        self.io.say(f"Reload failed ({count}); still playing the version loaded before:")
        for problem in problems:
            self.io.say(f"  {problem}")

    def _leave_prompt(self) -> None:
        """Start on a fresh line when the news arrives while the prompt waits."""
        if self.at_prompt:
            self.io.say()
            self.at_prompt = False


def run_watch(options: PlayOptions) -> int:
    """The ``play --watch`` command."""
    return WatchSession(options, stdin_lines(sys.stdin)).run()
