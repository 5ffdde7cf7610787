"""Driving ``gulag-escape serve`` from headless Chromium, for the browser test and the bench.

The terminal is painted on a canvas, so the page cannot be read as text. Instead an init
script wraps the page's ``WebSocket``: each screen update the app sends is decoded, its
escape sequences stripped, and its text appended to ``window.__term.text``; the time of the
animation frame after it is kept too, which is when the browser has painted it.
Playwright drives the system's Chromium (``/usr/bin/chromium``); it never downloads one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CAPTURE = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  const escapes = /\x1b\[[0-9;?<>=]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]/g;
  const term = window.__term = { text: "", updates: 0, painted: 0, closed: false };
  function Capturing(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") return;
      term.text += decoder.decode(new Uint8Array(event.data), {stream: true}).replace(escapes, "");
      if (term.text.length > 400000) term.text = term.text.slice(-200000);
      term.updates += 1;
      requestAnimationFrame(() => { term.painted = performance.now(); });
    });
    socket.addEventListener("close", () => { term.closed = true; });
    return socket;
  }
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


def start_serve(arguments: list[str], cwd: Path, env: dict[str, str] | None = None,
                timeout: float = 20.0) -> tuple[subprocess.Popen[bytes], str]:
    """``gulag-escape serve`` on 127.0.0.1 and a free port; its address once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gulag_escape", "serve", "--host", "127.0.0.1",
         "--port", str(port), *arguments],
        cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"serve stopped at once: {output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("serve did not answer in time")


def only_local(route: object) -> None:
    """A Playwright route handler: requests to anywhere but this machine are refused."""
    url = route.request.url  # type: ignore[attr-defined]
    if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
