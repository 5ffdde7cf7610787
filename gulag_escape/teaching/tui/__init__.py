"""The Textual app playing an assignment: the game's own screens, with the teacher's questions.

The only part of :mod:`gulag_escape.teaching` that imports Textual; ``play --assignment``
imports it only when it opens the app in a terminal.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


def css_of(parent: type[App[Any]] | type[Screen[Any]]) -> str:
    """The stylesheet of a screen or app this package subclasses: Textual reads a relative
    ``CSS_PATH`` beside the subclass's file, so the subclass names the parent's file (as
    text, the type the parent's own ``CSS_PATH`` has)."""
    css = parent.CSS_PATH
    assert isinstance(css, str), "the parent names one stylesheet"
    return str(Path(inspect.getfile(parent)).parent / css)
