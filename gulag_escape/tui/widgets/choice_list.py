"""The scene's choices, numbered; disabled ones stay visible, dimmed, with their reason.

A choice that cannot be taken can still be highlighted: the arrow keys must reach it, so
that its reason scrolls into view on a small terminal. Picking it posts ``Chosen`` like any
other; the screen answers with the reason instead of a turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gulag_escape.engine.view import ChoiceView
from gulag_escape.tui.render import Unbroken, plain

KEY_WIDTH = 3
"""The number and its gap; a wrapped label lines up after them."""


class ChoiceList(OptionList):
    """Arrows and Enter or a click pick a choice; the screen maps the number keys onto it."""

    @dataclass
    class Chosen(Message):
        """The player picked the choice with this id (which may be one that is refused)."""

        choice_id: str

    def show(self, choices: Sequence[ChoiceView]) -> None:
        self.set_options(Option(_prompt(number, choice), id=choice.id)
                         for number, choice in enumerate(choices, start=1))
        first = next((i for i, c in enumerate(choices) if c.enabled), None)
        self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))


def _prompt(number: int, choice: ChoiceView) -> Unbroken:
    key = f"{number}" if number <= 9 else ""
    parts: list[str | tuple[str, str]] = [
        (f"{key:<{KEY_WIDTH}}", "$foreground-muted" if choice.enabled else ""),
        plain(choice.label),
    ]
    odds = choice.odds_text or choice.risk_text
    if odds:
        parts.append((f"  · {odds}", "$foreground-muted"))
    if not choice.enabled and choice.reason:
        parts.append((f"\n{plain(choice.reason)}", "italic"))
    prompt = Content.assemble(*parts)
    if not choice.enabled:
        prompt = prompt.stylize_before("$text-disabled")
    return Unbroken(prompt, hang=KEY_WIDTH)
