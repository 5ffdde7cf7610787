"""Driving ``gulag-escape serve`` from headless Chromium, for the browser test and the bench.

The terminal is painted on a canvas, so the page cannot be read as text. Instead an init
script wraps the page's ``WebSocket``: each screen update the app sends is decoded, its
escape sequences stripped, and its text appended to ``window.__term.text``; and
``window.__keyToPaint(key, ms)`` sends a key as xterm.js does and times it until painted.
Playwright drives the system's Chromium (``/usr/bin/chromium``); it never downloads one.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASS = ROOT / "tests" / "teaching" / "data" / "class.yaml"
"""The teaching tests' assignment: the engine fixture, a shared seed, five questions."""

CAPTURE = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  const escapes = new RegExp([String.raw`\x1b\[[0-9;?<>=]*[ -\/]*[@-~]`,
    String.raw`\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)`, String.raw`\x1b[()][A-Z0-9]|\x1b[=>78]`
  ].join("|"), "g");
  const term = window.__term = { text: "", updates: 0, closed: false, socket: null,
                                 waiting: null };
  function Capturing(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    term.socket = socket;
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") return;
      term.text += decoder.decode(new Uint8Array(event.data), {stream: true}).replace(escapes, "");
      if (term.text.length > 400000) term.text = term.text.slice(-200000);
      term.updates += 1;
      const waiting = term.waiting;
      term.waiting = null;
      // xterm.js draws what it was given in its next animation frame: the frame after
      // that one has certainly painted it (at most one frame, 17 ms, counted too many).
      if (waiting) requestAnimationFrame(() => requestAnimationFrame(() => waiting()));
    });
    socket.addEventListener("close", () => { term.closed = true; });
    return socket;
  }
  // A key as xterm.js sends it, and the milliseconds until the app's answer is painted;
  // null when nothing is painted within the timeout.
  window.__keyToPaint = (key, timeout) => new Promise((resolve) => {
    const start = performance.now();
    const timer = setTimeout(() => { term.waiting = null; resolve(null); }, timeout);
    term.waiting = () => { clearTimeout(timer); resolve(performance.now() - start); };
    term.socket.send(JSON.stringify(["stdin", key]));
  });
  Capturing.prototype = Native.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Capturing[name] = Native[name];
  window.WebSocket = Capturing;
})();
"""
"""Installed in every page before its scripts run."""


def chromium_path() -> str | None:
    """The system's Chromium, or None (the tests are skipped, the bench stops)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_serve(arguments: list[str], cwd: Path, timeout: float = 20.0,
                ) -> tuple[subprocess.Popen[bytes], str, str]:
    """``gulag-escape serve`` on 127.0.0.1 and a free port, its output going to
    ``serve.log`` in ``cwd`` (a pipe nobody reads could fill and stop it): the process, the
    address, and the dashboard's address printed for the teacher."""
    port = free_port()
    log = cwd / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gulag_escape", "serve", "--host", "127.0.0.1",
             "--port", str(port), *arguments], cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve stopped at once: {log.read_text()}")
        dashboard = next((line.strip() for line in log.read_text().splitlines()
                          if "/teacher?token=" in line), None)
        if dashboard:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return process, f"http://127.0.0.1:{port}", dashboard
            except OSError:
                pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"serve did not answer in time: {log.read_text()}")


def stop_serve(process: subprocess.Popen[bytes]) -> None:
    """Ctrl+C, as the teacher stops it; killed if it has not stopped in 20 s."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


LOCAL_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
"""Chromium's arguments that leave it no name to reach but this machine."""


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
