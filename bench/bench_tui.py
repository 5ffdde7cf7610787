"""How fast does the game paint its title screen, and a turn after a key press?

Both in a real terminal (tmux, 80×24), in one run:

* start-up: the time from the process start (a timestamp the shell takes just before it
  ``exec``s the program) to the first paint of the title screen, for ``gulag-escape`` and
  for a bare Textual app that shows one Static, run alternately; medians and their ratio
  (target: the title within 1.5× the bare app);
* turns: the choice key → next turn painted latency, measured inside the app from the
  key's action to the after-refresh callback of the updated play screen (target: median
  within 25 ms), over N turns sent with ``tmux send-keys``.

Both apps write their marks to the file named by ``GULAG_ESCAPE_TRACE`` (see
:mod:`gulag_escape.tui.trace`). Run: ``.venv/bin/python bench/bench_tui.py`` (``--runs``,
``--turns``, ``--scenario``).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GAME = PYTHON.with_name("gulag-escape")
def bare_app() -> None:
    """The floor: a Textual app with one Static, marking its first paint like the game."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Gulag Escape")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            with open(os.environ["GULAG_ESCAPE_TRACE"], "a", encoding="utf-8") as file:
                file.write(f"title {time.time_ns()}\n")

    Bare().run()


def tui_only() -> None:
    """The game's app without the command line in front of it (see the README's figures).

    The options object is duck-typed: ``gulag_escape.session.PlayOptions`` imports the
    scenario loader (and Pydantic), which is the cost this variant leaves out.
    """
    from types import SimpleNamespace

    from gulag_escape.tui.app import GulagEscapeApp

    options = SimpleNamespace(scenario=None, seed=None, profile=None, content="standard",
                              slot=None, saves_dir=None)
    GulagEscapeApp(options).run()  # type: ignore[arg-type]


class Terminal:
    """One program in an 80×24 window of a tmux server of its own (a socket per run, beside
    the trace: a server just killed may still be exiting)."""

    def __init__(self, program: list[str], env: dict[str, str], trace: Path) -> None:
        self.socket = str(trace.with_suffix(".socket"))
        assignments = [f"{key}={value}" for key, value in env.items()]
        # The shell notes the start time just before it becomes the program.
        command = (f"echo start $(date +%s%N) >> {shlex.quote(str(trace))}; exec "
                   + shlex.join(["env", *assignments, "TERM=xterm-256color", *program]))
        subprocess.run(["tmux", "-S", self.socket, "new-session", "-d", "-s", "bench",
                        "-x", "80", "-y", "24", command], check=True)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True,
                              text=True, check=False).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def close(self) -> None:
        self.tmux("kill-server")


def marks(trace: Path, event: str) -> list[float]:
    try:
        lines = trace.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [float(line.split()[1]) for line in lines if line.startswith(f"{event} ")]


def wait_for_mark(trace: Path, event: str, count: int = 1, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while len(marks(trace, event)) < count:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def start_up_ms(program: list[str], env: dict[str, str], folder: Path) -> float:
    trace = Path(tempfile.mkstemp(dir=folder, suffix=".trace")[1])
    terminal = Terminal(program, {**env, "GULAG_ESCAPE_TRACE": str(trace)}, trace)
    painted = wait_for_mark(trace, "title")
    screen = terminal.screen()
    terminal.close()
    if not painted:
        raise SystemExit(f"{program} painted no title within 20 s; the screen:\n{screen}")
    return (marks(trace, "title")[0] - marks(trace, "start")[0]) / 1e6


def turn_latencies(env: dict[str, str], folder: Path, scenario: str, turns: int) -> list[float]:
    trace = folder / "turns.trace"
    program = [str(GAME), "play", scenario, "--seed", "1"]
    terminal = Terminal(program, {**env, "GULAG_ESCAPE_TRACE": str(trace)}, trace)
    for _ in range(200):  # the setup screen comes once the scenario is read
        if "Who are you?" in terminal.screen():
            break
        time.sleep(0.05)
    for key in ("C-n", "b"):
        terminal.tmux("send-keys", "-t", "bench", key)
        time.sleep(0.3)
    for index in range(turns):
        terminal.tmux("send-keys", "-t", "bench", "1")
        if not wait_for_mark(trace, "turn", index + 1, timeout=5):
            break  # the game ended: the ending screen takes no number keys
        time.sleep(0.05)
    terminal.close()
    return marks(trace, "turn")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="start-ups of each app")
    parser.add_argument("--turns", type=int, default=40, help="turns to time")
    parser.add_argument("--scenario", default="kolyma", help="scenario for the turns")
    parser.add_argument("--bare-app", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tui-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_app:
        bare_app()
        return
    if args.tui_only:
        tui_only()
        return
    if shutil.which("tmux") is None:
        raise SystemExit("bench_tui needs tmux")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        env = {"GULAG_ESCAPE_CONFIG": str(folder / "config"),
               "GULAG_ESCAPE_SAVES": str(folder / "saves"),
               "GULAG_ESCAPE_CACHE": str(folder / "cache"),
               "TEXTUAL_ANIMATIONS": "none"}
        # One untimed run of each, so the scenario cache and the OS file cache are warm.
        programs = {
            "bare Textual app": [str(PYTHON), str(Path(__file__).resolve()), "--bare-app"],
            "gulag-escape": [str(GAME)],
            "the TUI alone": [str(PYTHON), str(Path(__file__).resolve()), "--tui-only"],
        }
        for program in programs.values():
            start_up_ms(program, env, folder)
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, program in programs.items():
                times[name].append(start_up_ms(program, env, folder))
        floor = statistics.median(times["bare Textual app"])
        print(f"start-up to first paint, median of {args.runs} (80x24, tmux):")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:<18} {median:7.0f} ms   ratio {median / floor:.2f}")
        print("  (target: the title within 1.5x the bare app)")
        latencies = turn_latencies(env, folder, args.scenario, args.turns)
        if latencies:
            print(f"choice key -> next turn painted, {len(latencies)} turns of "
                  f"{args.scenario}: median {statistics.median(latencies):.1f} ms, "
                  f"max {max(latencies):.1f} ms (target median <= 25 ms)")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
