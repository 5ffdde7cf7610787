"""Text from files reaches widgets as text: a save's markup or escapes never crash the title
screen or become actions, and notifications never interpret markup."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tui_helpers import MINIMAL, make_app, settle, texts

from gulag_escape.crash import CRASH_ENV
from gulag_escape.tui.screens.play import PlayScreen
from gulag_escape.tui.screens.title import TitleScreen

HOSTILE = "[/bold]x [@click=app.quit]q \x1b]0;owned\x07\x1b[2J[sic]"


async def test_a_saves_markup_and_escapes_are_shown_as_text_on_the_title_screen() -> None:
    saves = Path(os.environ["GULAG_ESCAPE_SAVES"])

    async def make_a_save() -> None:
        app = make_app(MINIMAL, seed=2, shipped=[MINIMAL])
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", "b")
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen)
            await pilot.press("1")
            await settle(pilot)

    async def read_it_back() -> None:
        app = make_app(None, shipped=[MINIMAL])
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)
            shown = texts(app)
            assert "[/bold]x [@click=app.quit]q [sic]" in shown
            assert "\x1b" not in shown
            app.notify("broken [/nothing] and [sic] \x1b[2J", title="[b]t[/b]")
            await settle(pilot)
            notification = list(app._notifications)[-1]
            assert notification.message == "broken [/nothing] and [sic] "
            assert not notification.markup
            assert app.is_running

    await make_a_save()
    path = saves / "autosave.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["place"] = HOSTILE
    path.write_text(json.dumps(data), encoding="utf-8")
    await read_it_back()


async def test_a_bug_in_the_app_goes_to_a_crash_log_not_the_terminal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CRASH_ENV, str(tmp_path))

    async def scenario() -> None:
        app = make_app(None, shipped=[MINIMAL])
        monkeypatch.setattr(app, "action_help", lambda: 1 / 0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await settle(pilot)

    with pytest.raises(ZeroDivisionError):  # the test runner re-raises it; a player never sees it
        await scenario()
    (log,) = tmp_path.glob("crash-*.log")
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
