"""The HTML the server writes itself: the name page and the page that holds the terminal.

Nothing is loaded from elsewhere (textual-serve's own page asks a font service for its
font; a school's browsers should talk to the teacher's laptop only), and every piece of
text goes through :func:`~gulag_escape.teaching.html_page.esc`.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from gulag_escape.teaching.html_page import esc, page
from gulag_escape.teaching.students import MAX_NAME

STATIC = "/static"
"""Where textual-serve's scripts, stylesheet and fonts are served."""


def play_path(student: str) -> str:
    """A student's own page: their name in the path, so a reload continues the same run."""
    return "/play/" + quote(student, safe="")


def name_page(title: str, class_name: str, problem: str | None = None) -> str:
    """The first page a student sees: the assignment, and their name."""
    warning = f'<p class="failed">{esc(problem)}</p>' if problem else ""
    body = f"""<header><h1>{esc(title)}</h1><p class="byline">{esc(class_name)}</p></header>
{warning}
<form method="post" action="/join">
<p><label for="name">Your name, as your teacher knows it:</label></p>
<p><input id="name" name="name" maxlength="{MAX_NAME}" required autofocus
 autocomplete="name" style="font-size:1.2rem;width:100%"></p>
<p><button type="submit" style="font-size:1.1rem">Start</button></p>
</form>
<p class="muted">Your run is kept under your name: closing the tab or reloading the page
continues it. Your report goes to your teacher when you finish.</p>"""
    return page(title, body)


def finished_page(title: str, student: str) -> str:
    """What a student who has finished sees on reloading: not a second run by accident."""
    again = esc(play_path(student) + "?again=1")
    return page(title, f"""<header><h1>{esc(title)}</h1></header>
<p>{esc(student)}, you have finished this assignment: your report is with your teacher.</p>
<p class="muted">Playing again starts a second run, with a report of its own.</p>
<p><a href="{again}">Play it again</a></p>""")


def terminal_page(title: str, websocket_path: str) -> str:
    """The page textual-serve's script turns into the app's screen.

    The websocket address is made in the browser from the address the page came from, so it
    holds behind a reverse proxy and on any name of the laptop.
    """
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{STATIC}/css/xterm.css">
<style>
@font-face {{ font-family: "Roboto Mono";
  src: url("{STATIC}/fonts/RobotoMono-VariableFont_wght.ttf"); }}
html, body {{ margin: 0; height: 100%; background: #0c181f; color: #eee;
  font-family: "Roboto Mono", monospace; }}
#terminal {{ position: absolute; inset: 0; }}
.closed {{ display: none; position: absolute; inset: 0; z-index: 10;
  align-items: center; justify-content: center; background: #0c181fe0; }}
body.-closed .closed {{ display: flex; }}
.closed div {{ text-align: center; padding: 2rem; background: #12232d; }}
button {{ font: inherit; padding: .8rem 2rem; margin-top: 1rem; }}
</style>
<script src="{STATIC}/js/textual.js"></script>
</head><body>
<div class="closed"><div><p>The game has closed.</p>
<p>Reload the page to continue your run.</p>
<button type="button" onclick="location.reload()">Continue</button></div></div>
<div id="terminal" class="textual-terminal" data-font-size="16"></div>
<script>
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + {_js(websocket_path)};
</script>
</body></html>"""


def _js(text: str) -> str:
    """A JavaScript string literal that cannot close the script element it stands in."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e")
