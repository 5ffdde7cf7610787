"""A few screenshots compared with committed SVGs (title, play, ending, archive; at 80×24
also the scenario choice and the briefing, the screens a small terminal used to cut; and
the card and briefing of the Tchernavin scenario, whose one fixed protagonist, documents and
family party are new on those screens).

Deterministic by construction: only tests/data/minimal.yaml is offered, the seed is fixed,
no save exists, and no screen shown here has a blinking cursor. Update after a deliberate
change of looks with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from tui_helpers import MINIMAL, SCENARIOS, make_app, play_to_ending, settle

SIZES = [(80, 24), (120, 40)]


async def _title(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("escape")  # from the scenario's setup back to the title
    await settle(pilot)


async def _playing(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n", "b")
    await settle(pilot)
    await pilot.press("1", "1", "1")  # wait a week, run, set out
    await settle(pilot)


async def _ending(pilot: Pilot[object]) -> None:
    await _playing(pilot)
    await play_to_ending(pilot)


async def _archive(pilot: Pilot[object]) -> None:
    await _ending(pilot)
    await pilot.press("a")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", ["title", "play", "ending", "archive"])
def test_screen_looks(snap_compare, screen: str, size: tuple[int, int]) -> None:
    steps = {"title": _title, "play": _playing, "ending": _ending, "archive": _archive}
    app = make_app(MINIMAL, seed=1, shipped=[MINIMAL])
    assert snap_compare(app, terminal_size=size, run_before=steps[screen])


async def _choice(pilot: Pilot[object]) -> None:
    await _title(pilot)
    await pilot.press("n")
    await settle(pilot)


async def _briefing(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)


@pytest.mark.parametrize("screen", ["choice", "briefing"])
def test_small_screen_looks(snap_compare, screen: str) -> None:
    steps = {"choice": _choice, "briefing": _briefing}
    app = make_app(MINIMAL, seed=1, shipped=[MINIMAL])
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps[screen])


TCHERNAVIN = SCENARIOS / "tchernavin-1932"


@pytest.mark.parametrize("screen", ["choice", "briefing"])
def test_tchernavin_card_and_briefing_look(snap_compare, screen: str) -> None:
    steps = {"choice": _choice, "briefing": _briefing}
    app = make_app(TCHERNAVIN, seed=1, shipped=[TCHERNAVIN])
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps[screen])
