"""Whole games played with key presses only, asserting on what the screens show."""

from __future__ import annotations

import pytest
from tui_helpers import MINIMAL, make_app, play_to_ending, settle, shipped_scenario, texts

from gulag_escape.tui.screens.archive import ArchiveScreen
from gulag_escape.tui.screens.briefing import BriefingScreen
from gulag_escape.tui.screens.ending import EndingScreen
from gulag_escape.tui.screens.play import PlayScreen
from gulag_escape.tui.screens.scenario_choice import ScenarioChoiceScreen
from gulag_escape.tui.screens.setup import SetupScreen
from gulag_escape.tui.screens.title import TitleScreen
from gulag_escape.tui.widgets.note_card import NoteCard


async def test_minimal_game_from_title_to_archive() -> None:
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # A scenario on the command line opens its setup; Escape goes back to the title.
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        assert "G U L A G   E S C A P E" in texts(app)

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ScenarioChoiceScreen)
        shown = texts(app)
        assert "A minimal test scenario" in shown
        assert "■ documented" in shown
        assert "Content notes: death" in shown

        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, BriefingScreen)
        assert "Death is mentioned." in texts(app)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert "You are in the camp." in texts(app)

        turns = await play_to_ending(pilot)
        assert turns >= 3
        assert isinstance(app.screen, EndingScreen)
        shown = texts(app)
        assert "CAPTURED" in shown or "REACHED FREEDOM" in shown
        assert "Your escape" in shown
        assert "The history" in shown
        cards = list(app.screen.query(NoteCard))
        assert [card.note.title for card in cards] == ["Few escapes succeeded"]
        assert "■ documented" in texts(app)
        assert "Applebaum, Anne" in shown

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ArchiveScreen)
        assert "Few escapes succeeded" in texts(app)

        await pilot.press("escape")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)


async def test_enter_on_the_title_menu_runs_the_entry() -> None:
    """Arrows and Enter work as well as the letters (the action was once never awaited)."""
    app = make_app(None, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("enter")  # the first entry, New game
        await settle(pilot)
        assert isinstance(app.screen, ScenarioChoiceScreen)
        await pilot.press("escape")
        await settle(pilot)
        # Down twice: Load, then The archive (Continue is disabled without a save).
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArchiveScreen)


async def test_same_seed_replays_the_same_game() -> None:
    async def scenario() -> list[str]:
        app = make_app(MINIMAL, seed=5)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", "b")
            await settle(pilot)
            await play_to_ending(pilot)
            assert isinstance(app.screen, EndingScreen)
            first = app.screen.game.state.to_dict()
            await pilot.press("r")
            await settle(pilot)
            await play_to_ending(pilot)
            assert isinstance(app.screen, EndingScreen)
            return [str(first), str(app.screen.game.state.to_dict())]

    first, second = await scenario()
    assert first == second


@pytest.mark.slow
@pytest.mark.parametrize("name", ["kolyma", "kem-1925"])
async def test_shipped_scenario_plays_to_an_ending_with_notes(name: str) -> None:
    path = shipped_scenario(name)

    async def scenario() -> None:
        app = make_app(path, seed=3, shipped=[path])
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", "b")
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen)
            await play_to_ending(pilot, limit=600)
            assert isinstance(app.screen, EndingScreen)
            ending = app.screen.view.ending
            assert ending is not None
            shown = texts(app)
            assert ending.title in shown
            for card in app.screen.query(NoteCard):
                assert card.note.evidence in shown

    await scenario()
