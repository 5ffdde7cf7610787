"""80×24 is a first-class size: every part of every screen is reached by keyboard alone.

These tests use the shipped scenarios, whose cards and briefings are long enough not to fit
a small terminal; each one presses keys and then asserts that the thing is on screen.
"""

from __future__ import annotations

import random

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static
from tui_helpers import MINIMAL, SCENARIOS, make_app, settle, texts, visible_text

from gulag_escape.engine.game import Game
from gulag_escape.scenario.loader import load_scenario
from gulag_escape.tui.dialogs.too_small import MIN_SIZE, TooSmallScreen
from gulag_escape.tui.render import Unbroken
from gulag_escape.tui.screens.briefing import BriefingScreen
from gulag_escape.tui.screens.ending import EndingScreen
from gulag_escape.tui.screens.play import PlayScreen
from gulag_escape.tui.screens.scenario_choice import ScenarioChoiceScreen
from gulag_escape.tui.screens.setup import SetupScreen
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


async def test_a_refused_choice_and_its_reason_are_reached_with_the_arrow_keys() -> None:
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "b")
        await settle(pilot)
        await pilot.press("1", "1")  # wait a week, then run
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        fire = next(i for i, c in enumerate(screen.view.choices) if c.id == "fire")
        assert not screen.view.choices[fire].enabled
        for _ in range(len(screen.view.choices)):
            if screen.choice_list.highlighted == fire:
                break
            await pilot.press("down")
        assert screen.choice_list.highlighted == fire
        await pilot.pause()
        assert "You have nothing to make fire with." in visible_text(app)
        day = screen.view.status.day
        await pilot.press("enter")  # refused: the reason again, and no turn
        await pilot.pause()
        assert screen.view.status.day == day
        assert any("nothing to make fire" in n.message for n in app._notifications)


async def test_below_the_smallest_size_a_message_replaces_the_layout_until_it_grows() -> None:
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=(MIN_SIZE[0] - 1, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert f"at least {MIN_SIZE[0]} × {MIN_SIZE[1]}" in visible_text(app)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)  # the screen underneath, as it was
        await pilot.resize_terminal(80, MIN_SIZE[1] - 1)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(*MIN_SIZE)
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)


async def test_the_status_panel_names_places_and_companions_inside_a_sentence() -> None:
    app = make_app(SCENARIOS / "kem-1925", seed=1, shipped=SHIPPED)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "b")
        await settle(pilot)
        shown = texts(app)
        assert "With    the captain, the horseman" in shown
        assert "The captain" not in shown.split("With", 1)[1]


def _lost_game(name: str) -> Game:
    """A seeded game of random choices that ends in capture or death."""
    loaded = load_scenario(SCENARIOS / name)
    for seed in range(50):
        game = Game.start(loaded, seed, loaded.model.profiles[0].id, "standard")
        rng = random.Random(seed)
        while not game.ended:
            game.choose(rng.choice([c for c in game.view().choices if c.enabled]).id)
        ending = game.view().ending
        assert ending is not None
        if ending.kind in {"captured", "killed", "died"} and ending.turning_points:
            return game
    raise AssertionError(f"no seed under 50 loses a game of {name}")


@pytest.mark.parametrize("name", ["kem-1925", "kolyma"])
async def test_a_lost_game_ends_on_a_page_that_says_what_happened(name: str) -> None:
    game = _lost_game(name)
    ending = game.view().ending
    assert ending is not None
    app = make_app(None, shipped=SHIPPED)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.catalogue is not None
        entry = app.catalogue.find(game.state.scenario)
        assert entry is not None
        await app.play(entry, game)
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        epilogue = str(app.screen.query_one(".epilogue", Static).content).strip()
        assert epilogue
        cause = str(app.screen.query_one(".cause", Static).content)
        assert cause.startswith("What it came down to: ") and len(cause) > 30
        points = "\n".join(str(line.content)
                           for line in app.screen.query(".turning-points > Static"))
        for _day, label, _odds, _success in ending.turning_points:
            assert label in points


@pytest.mark.parametrize("name", ["kem-1925", "kolyma"])
def test_turning_points_are_told_with_the_words_of_the_choice(name: str) -> None:
    game = _lost_game(name)
    model = load_scenario(SCENARIOS / name).model
    said = {f"{s.title}: {c.label}" for s in model.storylets for c in s.choices if c.check}
    ending = game.view().ending
    assert ending is not None
    for _day, label, _odds, _success in ending.turning_points:
        assert label in said or " at " in label or label.startswith("Crossing the "), label


async def test_wrapped_text_keeps_its_hanging_indent_and_each_number_with_its_unit() -> None:
    label = "1  an uneven chance (52 %)"  # plain wrapping at 21 would leave "(52" alone
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        widget = Static(Unbroken(Content(label), hang=3))
        await app.screen.mount(widget)
        widget.styles.width = 24
        await pilot.pause()
        lines = [strip.text.rstrip() for strip in widget.render_lines(widget.content_region
                                                                        .reset_offset)]
    assert lines == ["1  an uneven chance", "   (52 %)"]
