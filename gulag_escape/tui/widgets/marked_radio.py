"""A radio button whose mark, not only its colour, says whether it is chosen."""

from __future__ import annotations

from textual.widgets import RadioButton

CHOSEN = "●"
NOT_CHOSEN = "○"


class MarkedRadioButton(RadioButton):
    """Textual draws ``●`` on every radio button and tells the chosen one by colour alone:
    under ``NO_COLOR``, in a 256-colour terminal with a dark theme, or read out as text,
    every content level and theme looked chosen. Here the chosen one is ``●`` and the
    others ``○``, so the state survives any colour depth."""

    BUTTON_INNER = NOT_CHOSEN

    def watch_value(self) -> None:
        self.BUTTON_INNER = CHOSEN if self.value else NOT_CHOSEN
        super().watch_value()
