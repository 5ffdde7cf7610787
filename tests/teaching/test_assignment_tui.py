"""The assignment in the Textual app, driven by Pilot: briefing, questions in dialogs at
their moments, the ending, and the report folder; saves refused unless allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA as SCENARIO_DATA
from teaching_helpers import CLASS
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Button, OptionList, Static

from gulag_escape.session import PlayOptions
from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.handin import REPORTS_ENV
from gulag_escape.teaching.record import read_record
from gulag_escape.teaching.verify import ScenarioLibrary, verify_file
from gulag_escape.tui import messages
from gulag_escape.tui.app import build_app
from gulag_escape.tui.assignment.app import AssignmentApp, after_closing, build_assignment_app
from gulag_escape.tui.assignment.question import QuestionDialog
from gulag_escape.tui.assignment.screens import AssignmentBriefing, AssignmentEndingScreen
from gulag_escape.tui.dialogs.saves import LoadDialog
from gulag_escape.tui.screens.play import PlayScreen
from gulag_escape.tui.screens.scenario_choice import ScenarioChoiceScreen
from gulag_escape.tui.screens.title import TitleScreen

SIZE = (100, 34)


@pytest.fixture(autouse=True)
def _reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(REPORTS_ENV, str(tmp_path / "reports"))
    return tmp_path / "reports"


def make_app(student: str = "Anna") -> AssignmentApp:
    return build_assignment_app(PlayOptions(), load_assignment(CLASS), student)


async def settle(pilot: Pilot[object]) -> None:
    """Let the app finish what a key started; the questions' worker is left waiting for its
    dialog to be answered (it ends only when the student answers)."""
    for _ in range(3):
        busy = [worker for worker in pilot.app.workers if worker.group != "questions"]
        if busy:
            await pilot.app.workers.wait_for_complete(busy)
        await pilot.pause()


def screen_text(app: AssignmentApp) -> str:
    return "\n".join(str(getattr(w.content, "plain", w.content)) for w in app.screen.query(Static))


async def first_choice(pilot: Pilot[object], app: AssignmentApp) -> None:
    screen = app.screen
    assert isinstance(screen, PlayScreen)
    options = screen.choice_list.options
    index = next(i for i, option in enumerate(options) if not option.disabled)
    await pilot.press(str(index + 1))
    await settle(pilot)


async def answer(pilot: Pilot[object], text: str) -> None:
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def begin_and_take_the_first_choice(pilot: Pilot[object], app: AssignmentApp) -> None:
    """Begin the run, answer the opening question, take a choice, answer the one tied to it."""
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    await answer(pilot, "my plan")
    await first_choice(pilot, app)
    await answer(pilot, "he knows")


async def answer_at_the_end(pilot: Pilot[object], app: AssignmentApp, asked: list[str]) -> None:
    """The ending and its notes come first; the end question waits for w, and Escape in it
    goes back to the ending without handing anything in."""
    ending = app.screen
    assert app.report_folder is None
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, QuestionDialog)
    await pilot.press(*"half an answer", "escape")
    await settle(pilot)
    assert app.screen is ending and app.report_folder is None
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, QuestionDialog)
    asked.append(app.screen.ask)
    await answer(pilot, f"answer {len(asked)}")
    assert app.screen is ending
    assert app.report_folder is not None


async def test_an_assignment_played_in_the_app_writes_a_verified_report(_reports: Path) -> None:
    asked: list[str] = []

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, AssignmentBriefing)
            shown = screen_text(app)
            assert "Play to the end and answer every question." in shown
            assert "Content note" in shown and "Death is mentioned." in shown
            assert "Loading earlier saves is not allowed" in shown
            assert not app.screen.query(OptionList), "the profile is fixed: nothing to choose"
            await pilot.press("b")
            await settle(pilot)
            turns = 0
            while not isinstance(app.screen, AssignmentEndingScreen):
                assert turns < 400, "the game did not end"
                if isinstance(app.screen, QuestionDialog):
                    asked.append(app.screen.ask)
                    await answer(pilot, f"answer {len(asked)}")
                    continue
                if turns == 0:  # loading is refused: no dialog opens
                    await pilot.press("l")
                    await settle(pilot)
                    assert not isinstance(app.screen, LoadDialog)
                await first_choice(pilot, app)
                turns += 1
            ending = app.screen
            assert not ending.query_one("#same", Button).display
            await answer_at_the_end(pilot, app, asked)
            assert after_closing(app) == (
                f"Your run report is in {app.report_folder}/: report.html to read and print, "
                "report.md, and run.json, the record your teacher checks. Hand in the whole "
                "folder.")

    await scenario()
    assert asked[0].startswith("The old hand asks about your plan")  # when the plan is shown
    assert asked[1] == "Why did you trust him?"  # right after trusting him
    assert asked[-1] == "What did this run teach you about escapes?"  # at the end
    folder = _reports / "anna--the-fence-a-test-assignment"
    record = read_record(folder / "run.json")
    assert record.outcome.finished
    assert [a.text for a in record.answers] == [f"answer {n}" for n in range(1, len(asked) + 1)]
    assert record.answers[1].choice == 1 and record.choices[0].id == "trust"
    verdict = verify_file(folder, ScenarioLibrary(paths=[SCENARIO_DATA / "engine.yaml"]))
    assert verdict.ok, verdict.message


async def test_a_run_left_in_the_app_is_kept_and_continued(_reports: Path) -> None:
    async def first_session() -> str | None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await begin_and_take_the_first_choice(pilot, app)
        return after_closing(app)

    message = await first_session()
    folder = _reports / "anna--the-fence-a-test-assignment"
    assert message == (f"Your unfinished run is kept in {folder}/; play the assignment again "
                       "to continue it.")
    assert [c.id for c in read_record(folder / "run.json").choices] == ["trust"]

    async def second_session() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "You have an unfinished run" in screen_text(app)
            await pilot.press("b")
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen)
            assert app.game is not None and app.game.state.log == ["trust"]

    await second_session()


async def test_the_title_screen_leads_back_to_the_one_game() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await begin_and_take_the_first_choice(pilot, app)
        log = app.game.state.log if app.game else []
        await pilot.press("escape", "y")  # leave for the title screen
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("n")  # no second game of an assignment
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.game is not None and app.game.state.log == log == ["trust"]
        assert len(app.tracker.answers) == 2 and app.tracker.loads == 0



async def test_each_app_handles_the_screens_messages_its_own_way(
        _reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same title screen posts the same message in both apps: the game app opens the
    scenario choice, the assignment app (an assignment has one game) stays and says so. The
    play screen's TurnTaken keeps the assignment's run on disk, and the game app's handling
    of it (the turn's time in the trace) still follows."""
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GULAG_ESCAPE_TRACE", str(trace))
    heard: list[Message] = []

    def hear(message: Message) -> None:
        """Each message once (the hook hears it at the screen and again at the app)."""
        if type(message).__module__ == messages.__name__ and all(
                m is not message for m in heard):
            heard.append(message)

    game_app = build_app(PlayOptions(), shipped=[SCENARIO_DATA / "engine.yaml"])
    async with game_app.run_test(size=SIZE, message_hook=hear) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert [type(m) for m in heard] == [messages.NewGameWanted]
        assert isinstance(game_app.screen, ScenarioChoiceScreen)

    heard.clear()
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=hear) as pilot:
        await begin_and_take_the_first_choice(pilot, app)
        turns = [m for m in heard if isinstance(m, messages.TurnTaken)]
        assert len(turns) == 1 and turns[0].game is app.game
        folder = _reports / "anna--the-fence-a-test-assignment"
        assert [c.id for c in read_record(folder / "run.json").choices] == ["trust"]
        assert [line.split()[0] for line in trace.read_text().splitlines()].count("turn") == 1
        await pilot.press("escape", "y")
        await settle(pilot)
        heard.clear()
        await pilot.press("n")
        await settle(pilot)
        assert [type(m) for m in heard] == [messages.NewGameWanted]
        assert isinstance(app.screen, TitleScreen)
        assert any("it has one game" in n.message for n in app._notifications)
