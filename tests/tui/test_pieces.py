"""Plain tests of the TUI's non-widget parts: map drawing, gauges, records, imports."""

from __future__ import annotations

import subprocess
import sys

from tui_helpers import MINIMAL, TESTS

from gulag_escape.engine.game import Game
from gulag_escape.scenario.loader import load_scenario
from gulag_escape.tui.archive_record import ArchiveRecord
from gulag_escape.tui.map_data import MapLeg, MapPlace, RouteMapData, route_map_data
from gulag_escape.tui.render import delta_mark, evidence_badge, gauge
from gulag_escape.tui.widgets.route_map import MapGrid
from gulag_escape.tui.widgets.status_panel import _body, _supplies, _where
from gulag_escape.words import odds_phrase, risk_phrase

PARTY_DOCUMENTS = TESTS / "data" / "features" / "party-documents.yaml"


def _plain_map(data: RouteMapData, width: int = 40, height: int = 5) -> list[str]:
    return MapGrid(data, width, height).draw().plain.splitlines()


def test_map_puts_places_by_position_and_you_along_the_leg() -> None:
    data = RouteMapData(
        places=(MapPlace("camp", "Camp", 0, 100, camp=True),
                MapPlace("post", "Post", 50, 100, checkpoint=True),
                MapPlace("sea", "Sea", 100, 0, ending=True)),
        legs=(MapLeg("a", "camp", "post"), MapLeg("b", "post", "sea")),
        here="camp", leg="a", progress=0.5, visited=("camp",),
    )
    rows = _plain_map(data)
    assert len(rows) == 5
    top, bottom = rows[0], rows[-1]
    assert "■" in top and "◇" in top and "◉" in top
    assert top.index("■") < top.index("◉") < top.index("◇")
    assert "⚑" in bottom
    assert "Camp" in top and "Sea" in bottom
    assert "━" in top  # the way travelled so far


def test_map_data_follows_the_game() -> None:
    scenario = load_scenario(MINIMAL)
    game = Game.start(scenario, 1)
    for choice in ("wait", "run", "march:walk"):
        game.choose(choice)
    data = route_map_data(scenario.model, game.state)
    assert data.here == "camp"
    assert data.leg == "walk"
    assert 0 < data.progress < 1


def test_gauges_and_deltas_say_better_or_worse_in_words_and_colour() -> None:
    assert gauge("Health", 50, delta=-8).plain.endswith(" 50 ▼8")
    assert "$error" in str(delta_mark(5, bad_when_high=True).spans[0].style)
    assert "$success" in str(delta_mark(-5, bad_when_high=True).spans[0].style)
    assert delta_mark(0.2).plain == ""
    assert evidence_badge("legend").plain.strip() == "○ legend"
    assert odds_phrase("even", 0.5) == "even odds (50\u00a0%)"
    assert odds_phrase("almost hopeless", 0.05) == "almost hopeless (5\u00a0%)"
    risks = risk_phrase({"pursuit": 0.03, "cold": 0.4})
    assert risks == "risk: the cold 40\u00a0%, capture 3\u00a0%"


def test_archive_record_writes_only_what_is_new(tmp_path) -> None:
    record = ArchiveRecord.load(tmp_path / "archive.json")
    assert record.remember("s", ["a"], ended=False, content="mild")
    assert not record.remember("s", ["a"], ended=False, content="mild")
    assert record.remember("s", ["a", "b"], ended=True, content="standard")
    again = ArchiveRecord.load(tmp_path / "archive.json").get("s")
    assert (again.notes, again.ended, again.standard) == (["a", "b"], True, True)


def test_the_title_screen_imports_neither_pydantic_nor_yaml() -> None:
    """The title is painted before the scenarios are read: nothing heavy on that path."""
    code = ("import sys, gulag_escape.tui.app, gulag_escape.tui.screens.title; "
            "print(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_status_panel_shows_the_stage_the_party_and_documents() -> None:
    scenario = load_scenario(PARTY_DOCUMENTS)
    game = Game.start(scenario, 3)
    assert "Earning the bosses' trust" in _where(game.view().status).plain
    for choice in ("wait", "wait", "wait", "wait", "earn", "wait", "wait", "wait", "earn", "wait",
                   "ask", "wait", "go", "bind"):
        game.choose(choice)
    status = game.view().status
    body = _body(status, None).plain
    assert "Andrei" in body and "fatigue 10 · pace 50 %" in body
    supplies = _supplies(status, None).plain
    assert "Ten-day work assignment\n    not valid here" in supplies
