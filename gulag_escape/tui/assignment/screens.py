"""The assignment's screens: its briefing, and the game's ending without "again".

The game's own play screen serves the run unchanged: the app asks the teacher's questions at
their moments (:meth:`AssignmentApp.ask`), hearing the screens' messages.
"""

from __future__ import annotations

from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from gulag_escape.textkit import reflowed
from gulag_escape.tui.assignment.app import AssignmentApp
from gulag_escape.tui.messages import AssignmentBegun, EndQuestionsWanted
from gulag_escape.tui.render import plain, story
from gulag_escape.tui.screens.ending import EndingScreen


class AssignmentBriefing(Screen[None]):
    """What the teacher asks, the content note, and who to play when it is not fixed."""

    CSS_PATH = "assignment.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("b", "begin", "Begin")]

    app = getters.app(AssignmentApp)

    def compose(self) -> ComposeResult:
        app = self.app
        assignment = app.tracker.assignment
        model = assignment.model
        meta = assignment.scenario.model.meta
        terms = app.entry.terms
        yield Static(Content.assemble(("Assignment · ", "$foreground-muted"), model.title),
                     classes="screen-title")
        with VerticalScroll(id="assignment-briefing", classes="prose"):
            yield Static(Content.assemble((app.tracker.student, "bold"), " · ",
                                          model.class_name, " · ", meta.title),
                         classes="paragraph")
            yield Static(story(reflowed(model.instructions), terms), classes="paragraph")
            notes = "\n".join(f"• {plain(line)}" for line in meta.content_notes.values())
            caveat = app.content_caveat
            yield Static(Content.assemble(("Content note", "bold $warning"), "\n", notes,
                                          f"\n\n{caveat}" if caveat else ""),
                         classes="content-note")
            rules = [f"{len(model.questions)} questions from your teacher, each asked when "
                     "its moment comes."]
            if not model.allow_loading:
                rules.append("Loading earlier saves is not allowed: every choice stands.")
            if app.handin.unfinished is not None:
                rules.append("You have an unfinished run: it continues where you stopped.")
            yield Static(Content.styled(" ".join(rules), "$foreground-muted"),
                         classes="paragraph")
            if model.profile is None and app.handin.unfinished is None:
                yield Static("Who are you?", classes="field-label")
                yield OptionList(*(Option(Content.assemble(
                    (p.label, "bold"), "\n", (plain(p.description), "$foreground-muted")),
                    id=p.id) for p in assignment.scenario.model.profiles), id="profiles")
        with Horizontal(classes="briefing-buttons"):
            yield Button("Begin (b)", id="begin", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#begin", Button).focus()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_begin()

    async def action_begin(self) -> None:
        profiles = self.query(OptionList)
        chosen = profiles.first().highlighted_option if profiles else None
        self.post_message(AssignmentBegun(chosen.id if chosen else None))


class AssignmentEndingScreen(EndingScreen):
    """The ending; an assignment is played once, so "again" is not offered.

    The teacher's end questions are asked once the student has read the ending and its
    history (w), or on leaving; the report is written when they are answered.
    """

    CSS_PATH = "../screens/ending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("w", "questions", "Answer the questions")]

    def on_mount(self) -> None:
        for button in ("#same", "#new"):
            self.query_one(button, Button).display = False

    def action_questions(self) -> None:
        self.post_message(EndQuestionsWanted(leaving=False))

    async def action_again(self, same_seed: bool) -> None:
        self.notify("An assignment is played once: your report is written.")

    async def action_title(self) -> None:
        self.post_message(EndQuestionsWanted(leaving=True))
