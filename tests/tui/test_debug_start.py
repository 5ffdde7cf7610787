"""``play --start STORYLET --set ...`` in the full-screen game: the TUI begins where asked."""

from __future__ import annotations

import asyncio

from tui_helpers import TESTS, make_app, settle, texts

from gulag_escape.tui.screens.play import PlayScreen

ENGINE = TESTS / "data" / "engine.yaml"


def test_start_and_set_open_the_new_game_at_the_storylet() -> None:
    async def scenario() -> None:
        app = make_app(ENGINE, seed=1, profile="political", start="stash",
                       settings="food=1,item.compass=1")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", "b")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, PlayScreen)
            state = screen.game.state
            assert state.scene == ("storylet", "stash")
            assert (state.stats["food"], state.items["compass"]) == (1, 1)
            assert "You find a hunters' cache." in texts(app)
            assert screen.game.arranged

    asyncio.run(scenario())


def test_an_unknown_storylet_is_shown_as_an_error_not_a_crash() -> None:
    async def scenario() -> None:
        app = make_app(ENGINE, seed=1, profile="political", start="nowhere")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", "b")
            await settle(pilot)
            assert not isinstance(app.screen, PlayScreen)
            assert "no storylet 'nowhere'" in texts(app)

    asyncio.run(scenario())
