"""Settings apply at once and persist; the archive opens notes by playing."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui_helpers import MINIMAL, make_app, settle, texts

from gulag_escape.tui.archive_record import ArchiveRecord
from gulag_escape.tui.screens.archive import ArchiveScreen
from gulag_escape.tui.screens.settings import SettingsScreen
from gulag_escape.tui.settings import Settings, load_settings
from gulag_escape.tui.widgets.marked_radio import MarkedRadioButton


def _config() -> Path:
    return Path(os.environ["GULAG_ESCAPE_CONFIG"])


def _marks(screen: SettingsScreen, radio_set: str) -> dict[str | None, str]:
    """Each button of a radio set and the mark it draws: its state read without colour."""
    buttons = screen.query_one(f"#{radio_set}").query(MarkedRadioButton)
    return {button.name: button.render().plain[1] for button in buttons}


async def test_theme_and_width_change_at_once_and_are_saved() -> None:
    async def scenario() -> None:
        app = make_app(None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.theme == "gulag-ink"
            await pilot.press("s")
            assert isinstance(app.screen, SettingsScreen)
            marks = _marks(app.screen, "theme")
            assert marks.pop("gulag-ink") == "●" and set(marks.values()) == {"○"}
            await pilot.press("down", "enter")  # the theme set has focus: pick "Paper"
            await pilot.pause()
            assert app.theme == "gulag-paper"
            marks = _marks(app.screen, "theme")
            assert marks.pop("gulag-paper") == "●" and set(marks.values()) == {"○"}
            await pilot.press("tab", "down", "down", "enter")  # text width: the whole width
            await pilot.press("tab", "space")  # animations off
            await pilot.pause()
            assert app.has_class("-text-full")
            assert app.animation_level == "none"

    await scenario()
    saved = json.loads((_config() / "settings.json").read_text())
    assert saved == {"theme": "gulag-paper", "text_width": "full", "animations": False}
    assert load_settings() == Settings("gulag-paper", False, "full")


def test_damaged_settings_fall_back_to_defaults() -> None:
    _config().mkdir(parents=True, exist_ok=True)
    (_config() / "settings.json").write_text('{"theme": "neon", "text_width": 3}')
    assert load_settings().theme == "gulag-ink"
    assert load_settings().text_width == "medium"


async def test_archive_shows_opened_notes_and_how_many_are_left() -> None:
    async def scenario() -> str:
        app = make_app(None, shipped=[MINIMAL])
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, ArchiveScreen)
            shown = texts(app)
            await pilot.press("2")
            await settle(pilot)
            assert app.screen.tabs.active == "glossary"
            await pilot.press("3")
            await settle(pilot)
            return shown + texts(app)

    shown = await scenario()
    assert "1 more to find by playing" in shown
    assert "Few escapes succeeded" not in shown
    assert "Escape stories" in shown

    ArchiveRecord.load().remember("minimal", ["n1"], ended=True, content="mild")

    async def after() -> str:
        app = make_app(None, shipped=[MINIMAL])
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            return texts(app)

    shown = await after()
    assert "Few escapes succeeded" in shown
    assert "■ documented" in shown
