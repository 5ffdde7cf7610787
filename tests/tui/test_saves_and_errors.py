"""Saving, loading, continuing, and errors shown in a dialog instead of a crash."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input
from tui_helpers import MINIMAL, make_app, settle, texts

from gulag_escape.tui.dialogs.confirm import ConfirmDialog
from gulag_escape.tui.dialogs.error import ErrorDialog
from gulag_escape.tui.dialogs.saves import LoadDialog, SaveDialog
from gulag_escape.tui.screens.play import PlayScreen
from gulag_escape.tui.screens.title import TitleScreen


def _saves() -> Path:
    return Path(os.environ["GULAG_ESCAPE_SAVES"])


async def _start(pilot) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n", "b")
    await settle(pilot)


async def test_autosave_each_day_then_continue_from_the_title() -> None:
    app = make_app(MINIMAL, seed=2, shipped=[MINIMAL])
    async with app.run_test(size=(80, 24)) as pilot:
        await _start(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("1")  # a week passes in the camp
        await settle(pilot)
        assert (_saves() / "autosave.json").is_file()
        day = screen.view.status.day
        assert screen.autosaved_day == day

        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"saved automatically on day {day}" in texts(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert "last save: autosave" in texts(app)

        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.view.status.day == day


async def test_save_to_a_named_slot_asks_before_overwriting_then_loads() -> None:
    app = make_app(MINIMAL, seed=2, shipped=[MINIMAL])
    async with app.run_test(size=(100, 30)) as pilot:
        await _start(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SaveDialog)
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"my save", "enter")
        await settle(pilot)
        assert (_saves() / "my save.json").is_file()
        assert isinstance(app.screen, PlayScreen)

        await pilot.press("1")
        await pilot.press("s")
        app.screen.query_one(Input).value = "my save"
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Overwrite the save “my save”?" in texts(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)

        await pilot.press("l")
        assert isinstance(app.screen, LoadDialog)
        shown = texts(app)
        assert "my save" in shown
        assert "The camp" in shown  # places are named, not given by id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)


async def test_a_damaged_save_opens_an_error_dialog_that_names_the_file() -> None:
    (_saves()).mkdir(parents=True, exist_ok=True)
    (_saves() / "broken.json").write_text("{not json", encoding="utf-8")

    app = make_app(None, shipped=[MINIMAL])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, LoadDialog)
        assert "cannot be read" in texts(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "broken.json" in texts(app)
        await pilot.press("escape")
        assert isinstance(app.screen, LoadDialog | TitleScreen)


async def test_a_broken_scenario_is_shown_with_its_line_and_fix() -> None:
    async def scenario(path: Path) -> None:
        app = make_app(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            shown = texts(app)
            assert "Scenario error" in shown
            assert f"{path}:2" in shown
            assert "gulag-escape validate" in shown
            await pilot.press("enter")
            assert isinstance(app.screen, TitleScreen)

    broken = Path(os.environ["GULAG_ESCAPE_SAVES"]).parent / "broken.yaml"
    broken.write_text("meta:\n  id: [\n", encoding="utf-8")
    await scenario(broken)


async def test_load_option_opens_the_saved_game_directly() -> None:
    from gulag_escape.engine.game import Game
    from gulag_escape.saves import SaveStore
    from gulag_escape.scenario.loader import load_scenario

    game = Game.start(load_scenario(MINIMAL), 4)
    game.choose("wait")
    SaveStore(_saves()).save("class", game)

    async def scenario() -> int:
        app = make_app(None, slot="class", shipped=[MINIMAL])
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen)
            return app.screen.view.status.day

    assert await scenario() == game.view().status.day
