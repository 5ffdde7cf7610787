"""The assignment's screens: its briefing, and the game's play and ending screens with the
teacher's questions asked at their moments."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from gulag_escape.teaching.assignment import Question
from gulag_escape.teaching.tui import css_of
from gulag_escape.teaching.tui.app import AssignmentApp
from gulag_escape.teaching.tui.question import QuestionDialog
from gulag_escape.tui.render import plain, story
from gulag_escape.tui.screens.ending import EndingScreen
from gulag_escape.tui.screens.play import SEE_ENDING, PlayScreen


def ask_questions(app: AssignmentApp, questions: list[Question],
                  then: Callable[[], object] | None = None) -> None:
    """Ask each question in its own dialog, one after the other, then call ``then``.

    Escape in a dialog goes back without answering: that question and the rest stay open."""
    tracker = app.tracker
    everything = tracker.questions
    if not questions:
        if then is not None:
            then()
        return
    question, rest = questions[0], questions[1:]

    def answered(text: str | None) -> None:
        if text is None:
            return
        tracker.answer(question, text)
        ask_questions(app, rest, then)

    app.push_screen(QuestionDialog(question.ask, everything.index(question) + 1,
                                   len(everything)), answered)


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
            yield Static(story(model.instructions, terms), classes="paragraph")
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
        await self.app.begin_assignment(chosen.id if chosen else None)


class AssignmentPlayScreen(PlayScreen):
    """The play screen, asking the teacher's questions after choices and at storylets."""

    CSS_PATH = css_of(PlayScreen)
    app = getters.app(AssignmentApp)

    def on_mount(self) -> None:
        # PlayScreen.on_mount runs after this (Textual calls every class's handler).
        self.call_after_refresh(self._ask_due)

    async def take(self, choice_id: str, started: float) -> None:
        if choice_id == SEE_ENDING.id and self.game.ended:
            # The ending and its history first; the questions about the run come after.
            await self.app.show_ending(self.entry, self.game)
            return
        await super().take(choice_id, started)
        self.app.keep_run()
        self._ask_due()

    def _ask_due(self) -> None:
        ask_questions(self.app, self.app.tracker.scene_shown(self.game))


class AssignmentEndingScreen(EndingScreen):
    """The ending; an assignment is played once, so "again" is not offered.

    The teacher's end questions are asked once the student has read the ending and its
    history (w), or on leaving; the report is written when they are answered.
    """

    CSS_PATH = css_of(EndingScreen)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("w", "questions", "Answer the questions")]
    app = getters.app(AssignmentApp)

    def on_mount(self) -> None:
        for button in ("#same", "#new"):
            self.query_one(button, Button).display = False
        questions = self.app.tracker.end_questions()
        if not questions:
            self.app.finish()
        else:
            count = len(questions)
            self.notify(f"Your teacher asks {count} question{'s' if count != 1 else ''} about "
                        "this run: read the ending and the history, then press w to answer.",
                        timeout=20)

    def action_questions(self, then: Callable[[], object] | None = None) -> None:
        def done() -> None:
            self.app.finish()
            if then is not None:
                then()

        ask_questions(self.app, self.app.tracker.end_questions(), done)

    async def action_again(self, same_seed: bool) -> None:
        self.notify("An assignment is played once: your report is written.")

    async def action_title(self) -> None:
        if self.app.report_folder is None and self.app.tracker.end_questions():
            self.action_questions(lambda: self.app.exit(0))
            return
        self.app.exit(0)
