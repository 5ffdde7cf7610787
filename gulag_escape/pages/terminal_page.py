"""The page textual-serve's script turns into a terminal: the game's screen in a browser tab.

Unlike every other page (:mod:`.html_page`), this one runs a script: textual-serve's own,
served by the game's server with its stylesheet and font (``static``), so nothing is loaded
from elsewhere (textual-serve's own page asks a font service for its font; a school's
browsers should talk to the teacher's laptop only). Its words are escaped here too.
"""

from __future__ import annotations

import json
from html import escape


def terminal_page(title: str, websocket_path: str, static: str) -> str:
    """The page textual-serve's script turns into the app's screen.

    The websocket address is made in the browser from the address the page came from, so it
    holds behind a reverse proxy and on any name of the laptop.
    """
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="{static}/css/xterm.css">
<style>
@font-face {{ font-family: "Roboto Mono";
  src: url("{static}/fonts/RobotoMono-VariableFont_wght.ttf"); }}
html, body {{ margin: 0; height: 100%; background: #0c181f; color: #eee;
  font-family: "Roboto Mono", monospace; }}
#terminal {{ position: absolute; inset: 0; }}
.closed {{ display: none; position: absolute; inset: 0; z-index: 10;
  align-items: center; justify-content: center; background: #0c181fe0; }}
body.-closed .closed {{ display: flex; }}
.closed div {{ text-align: center; padding: 2rem; background: #12232d; }}
button {{ font: inherit; padding: .8rem 2rem; margin-top: 1rem; }}
</style>
<script src="{static}/js/textual.js"></script>
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
