""""Why did this happen?": the last check's rule, the values that went in, odds and outcome.

Also shows the rule of the highlighted choice, when it has one, so a player can ask
"why these odds?" before choosing as well as after.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from gulag_escape.engine.view import CheckView, ChoiceView
from gulag_escape.tui.dialogs.base import ClosableDialog
from gulag_escape.tui.render import plain


class WhyDialog(ClosableDialog):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("question_mark", "close", "Close")]

    def __init__(self, check: CheckView | None, choice: ChoiceView | None) -> None:
        super().__init__()
        self.check = check
        self.choice = choice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("Why did this happen?", classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll"):
                if self.check is not None:
                    yield Static(_check(self.check), classes="dialog-text")
                else:
                    yield Static("No chance has been taken yet in this game.",
                                 classes="dialog-text")
                choice = self.choice
                if choice is not None and choice.rule:
                    yield Static(_choice(choice), classes="dialog-text why-next")
            yield Button("Close", id="close", variant="primary")


def _values(values: dict[str, Any]) -> Content:
    if not values:
        return Content("")
    width = max(len(name) for name in values) + 2
    rows = [Content.assemble("\n  ", (f"{name:<{width}}", "$foreground-muted"), _number(value))
            for name, value in values.items()]
    return Content.assemble(("\nWith:", "bold"), *rows)


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _check(check: CheckView) -> Content:
    outcome = ("It went your way.", "$success") if check.success else (
        "It went against you.", "$error")
    return Content.assemble(
        ("Last check: ", "bold"), plain(check.label), "\n",
        ("Odds: ", "bold"), check.odds_text, "\n",
        ("Rule: ", "bold"), plain(check.rule),
        _values(check.values), "\n\n",
        outcome,
    )


def _choice(choice: ChoiceView) -> Content:
    return Content.assemble(
        ("Highlighted choice: ", "bold"), plain(choice.label), "\n",
        ("Odds: ", "bold"), choice.odds_text or choice.risk_text or "", "\n",
        ("Rule: ", "bold"), plain(choice.rule or ""),
        _values(choice.values),
    )
