"""Whether the full-screen app can run here: a terminal on both ends, or a browser.

Served by textual-serve (``gulag-escape serve``), the app's standard input and output are
pipes, yet a person is there: textual-serve starts each child with Textual's web driver named
in ``TEXTUAL_DRIVER``, and the browser draws what the app writes. Falling back to the plain
mode there would write lines into the web driver's packet stream and break it.
"""

from __future__ import annotations

import os
import sys

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""What textual-serve puts in ``TEXTUAL_DRIVER`` for the apps it starts."""


def served_to_browser() -> bool:
    """True in a child of textual-serve: the app draws in a browser, through the web driver."""
    return os.environ.get("TEXTUAL_DRIVER", "") == WEB_DRIVER


def can_run_app() -> bool:
    """A person at a terminal or in a browser: the Textual app, not the plain mode."""
    return served_to_browser() or (sys.stdin.isatty() and sys.stdout.isatty())
