"""80×24 is a first-class size: every part of every screen is reached by keyboard alone.

These tests use the shipped scenarios, whose cards and briefings are long enough not to fit
a small terminal; each one presses keys and then asserts that the thing is on screen.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widget import Widget
from tui_helpers import SCENARIOS, make_app, settle, visible_text

from gulag_escape.tui.screens.briefing import BriefingScreen
from gulag_escape.tui.screens.scenario_choice import ScenarioChoiceScreen
from gulag_escape.tui.widgets.scenario_card import ScenarioCard

SMALL = (80, 24)
SHIPPED = [SCENARIOS / "kem-1925", SCENARIOS / "kolyma"]


def shown_in(widget: Widget, container: Widget) -> bool:
    """Whether the widget's whole height lies inside the container's visible region."""
    region, window = widget.region, container.content_region
    return region.height > 0 and window.y <= region.y and region.bottom <= window.bottom


async def _cards(pilot: Pilot[object]) -> ScenarioChoiceScreen:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScenarioChoiceScreen)
    return screen


async def test_the_arrow_keys_reach_every_scenario_card_and_back() -> None:
    app = make_app(None, shipped=SHIPPED)
    async with app.run_test(size=SMALL) as pilot:
        screen = await _cards(pilot)
        cards = list(screen.query(ScenarioCard))
        assert len(cards) == 2
        assert cards[0].has_focus
        for _ in range(30):
            if cards[1].has_focus:
                break
            await pilot.press("down")
        assert cards[1].has_focus
        for _ in range(30):  # the last card is read to its end
            await pilot.press("down")
        assert cards[1].has_focus and cards[1].region.bottom <= screen.cards.content_region.bottom
        for _ in range(30):
            await pilot.press("up")
        assert cards[0].has_focus and shown_in(cards[0].children[0], screen.cards)
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert "Kolyma" in str(pilot.app.screen.query_one(".screen-title").content)


async def test_the_briefing_scrolls_to_its_last_content_note_by_keyboard() -> None:
    app = make_app(None, shipped=SHIPPED)
    async with app.run_test(size=SMALL) as pilot:
        await _cards(pilot)
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, BriefingScreen)
        note = screen.query_one(".content-note")
        last_words = " ".join(str(note.content).split()[-2:])
        assert not shown_in(note, screen.text)
        for _ in range(40):
            await pilot.press("down")
        assert shown_in(note, screen.text)
        assert last_words in visible_text(app)
        assert screen.query_one("#begin").has_focus  # scrolling never moved the focus
