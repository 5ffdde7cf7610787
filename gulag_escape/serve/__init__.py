"""``gulag-escape serve``: the game, or a class's assignment, played in browsers.

textual-serve (the Textual project's own library, on aiohttp) starts one app process per
browser tab and carries its screen over a websocket; this package puts a classroom around it:
a page asking each student's name, the run kept under that name (a reload continues it), the
report written to the teacher's folder, and a teacher's dashboard behind a token.

- ``children.py``: what each tab runs (command, environment) and who is playing now;
- ``pages.py``: the HTML of the name page and the terminal page;
- ``dashboard.py``: the teacher's view of the reports folder (progress, class summary);
- ``server.py``: the aiohttp application around textual-serve's ``Server``;
- ``start.py``: the address, the QR code and the token printed for the teacher.
"""
