"""The play screen's keys: numbers, disabled choices, why, map, journal, terms, deltas."""

from __future__ import annotations

from tui_helpers import LINKED, MINIMAL, make_app, settle, texts, visible_text

from gulag_escape.tui.dialogs.why import WhyDialog
from gulag_escape.tui.screens.play import PlayScreen
from gulag_escape.tui.widgets.route_map import RouteMap


async def _on_the_run(pilot) -> PlayScreen:
    await settle(pilot)
    await pilot.press("ctrl+n", "b")
    await settle(pilot)
    await pilot.press("1", "1")  # wait a week, then run
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    assert screen.view.status.phase == "run"
    return screen


async def test_disabled_choice_is_dimmed_with_its_reason_and_its_key_explains() -> None:
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _on_the_run(pilot)
        choices = screen.view.choices
        fire = next(i for i, c in enumerate(choices) if c.id == "fire")
        assert not choices[fire].enabled
        prompt = screen.choice_list.options[fire].prompt
        assert any("$text-disabled" in str(span.style) for span in prompt.content.spans)
        assert "You have nothing to make fire with." in texts(app)
        day = screen.view.status.day
        await pilot.press(str(fire + 1))
        await pilot.pause()
        assert screen.view.status.day == day  # nothing happened
        assert any("nothing to make fire" in n.message for n in app._notifications)


async def test_a_turn_shows_what_changed_and_marks_the_map() -> None:
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _on_the_run(pilot)
        await pilot.press("1")  # set out on the only leg
        await settle(pilot)
        shown = visible_text(app)
        assert "+1 d" in shown
        assert "▲" in shown or "▼" in shown
        mini = screen.query_one("#mini-map", RouteMap)
        assert mini.display  # a tall, wide terminal shows the map beside the story
        assert mini.data is not None and mini.data.leg == "walk"
        assert "◉" in visible_text(app)

        await pilot.press("m")
        assert screen.main.current == "map"
        assert "The border" in visible_text(app)
        await pilot.press("m")
        assert screen.main.current == "story"
        await pilot.press("j")
        assert screen.main.current == "journal"
        assert "You are outside the wire." in texts(app)
        await pilot.press("escape")
        assert screen.main.current == "story"


async def test_why_explains_there_was_no_check_yet_and_closes() -> None:
    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _on_the_run(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, WhyDialog)
        assert "No chance has been taken yet" in texts(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)


async def test_why_shows_rule_values_odds_and_outcome_of_a_check() -> None:
    from gulag_escape.engine.view import CheckView

    check = CheckView("Slip past the tower", 0.62, "fair", False,
                      "50 % + papers − alert", {"papers": 40.0, "alert": 12.5},
                      "fair chance (62 %)")

    app = make_app(MINIMAL, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(WhyDialog(check, None))
        await pilot.pause()
        shown = texts(app)
        for words in ("Slip past the tower", "fair chance (62 %)", "50 % + papers − alert",
                      "papers", "12.5", "It went against you."):
            assert words in shown


async def test_terms_and_notes_on_the_page_open_from_the_keyboard() -> None:
    from gulag_escape.tui.dialogs.entry import LinksDialog, NoteDialog, TermDialog

    app = make_app(LINKED, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "b")
        await settle(pilot)
        await pilot.press("g")
        assert not isinstance(app.screen, LinksDialog)  # no links on the first page
        await pilot.press("1")  # a week passes: the fence, with its links
        await settle(pilot)
        assert "The fence of the zone is low tonight" in texts(app)
        await pilot.press("g")
        assert isinstance(app.screen, LinksDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TermDialog)
        assert "The guarded area of a camp" in texts(app)
        await pilot.press("escape", "g", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert "Few escapes succeeded" in texts(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)


async def test_ctrl_q_asks_before_leaving_a_game() -> None:
    from gulag_escape.tui.dialogs.confirm import ConfirmDialog

    async def scenario() -> int | None:
        app = make_app(MINIMAL, seed=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await _on_the_run(pilot)
            await pilot.press("ctrl+q")
            assert isinstance(app.screen, ConfirmDialog)
            assert "Quit Gulag Escape?" in texts(app)
            await pilot.press("n")
            assert isinstance(app.screen, PlayScreen)
            await pilot.press("ctrl+q", "y")
            await pilot.pause()
        return app.return_code

    assert await scenario() == 0
