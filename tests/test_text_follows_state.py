"""Regressions of issue #10's "text contradicts the state": each passage against its state.

Each test builds the state the passage is said in (or plays to it with a seeded random
generator) and reads the text exactly as the view gives it to a player.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from gulag_escape.engine.game import Game, tables_for
from gulag_escape.engine.rng import seed_state
from gulag_escape.engine.scenes import fire
from gulag_escape.engine.state import GameState
from gulag_escape.engine.world import World
from gulag_escape.markup import to_plain
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path

KOLYMA = load_scenario(resolve_scenario_path("kolyma"))
KEM = load_scenario(resolve_scenario_path("kem-1925"))
ALARM_WORDS = ("siren", "alarm has gone out", "alarm went out")


def state_at(scenario: LoadedScenario, profile: str, date: dt.date, **changes: object) -> GameState:
    """A fresh game's state moved to ``date``, with ``changes`` applied to its fields."""
    state = Game.start(scenario, seed=1, profile=profile).state
    state.day = (date - scenario.model.calendar.start).days
    state.narration = []
    for name, value in changes.items():
        setattr(state, name, value)
    return state


def told(scenario: LoadedScenario, state: GameState, storylet_id: str) -> str:
    """What a player reads when ``storylet_id`` fires in ``state``."""
    world = World(tables_for(scenario), state)
    fire(world, storylet_id)
    return to_plain(Game.resume(scenario, world.finish()).view().text)


def outcomes(scenario: LoadedScenario, state: GameState, choice: str) -> Iterator[Game]:
    """The games after taking ``choice`` in ``state``, over 40 seeds of the generator."""
    for seed in range(40):
        state.rng = seed_state(seed)
        game = Game.resume(scenario, state)
        game.choose(choice)
        yield game


def test_no_siren_at_the_far_pit_while_the_alarm_has_not_gone_out() -> None:
    state = state_at(KOLYMA, "soldier", dt.date(1938, 6, 20), scene=("storylet", "camp-evening"))
    state.flags.update(intro_done=True, scouted_pit=True)
    escaped = [g for g in outcomes(KOLYMA, state, "pit") if g.state.phase == "run"]
    assert escaped
    for game in escaped:
        assert not game.state.alarm_raised and game.state.stats["alert"] == 0
        text = to_plain(game.view().text).lower()
        assert not any(word in text for word in ALARM_WORDS), text


def test_the_strict_regime_ends_with_the_summer() -> None:
    """A second search can only send you there in summer, and September releases you."""
    september = state_at(KOLYMA, "political", dt.date(1938, 9, 1))
    september.flags.update(shmon_passed=True, bur=True, intro_done=True)
    september.stats.update(food=6, suspicion=60)
    world = World(tables_for(KOLYMA), september)
    assert not world.t.when["camp-shmon-late"](world)
    assert world.t.when["camp-bur-release"](world)
    text = told(KOLYMA, september, "camp-bur-release")
    assert "The summer is gone" in text


@pytest.mark.parametrize("month", [8, 9, 10])
def test_the_light_does_not_grow_longer_after_midsummer(month: int) -> None:
    state = state_at(KOLYMA, "political", dt.date(1938, month, 10))
    state.flags["intro_done"] = True
    text = told(KOLYMA, state, "camp-evening")
    assert "light stays a little longer" not in text
    assert "The sun hardly sets" not in text


def test_the_light_grows_longer_in_spring() -> None:
    state = state_at(KOLYMA, "political", dt.date(1938, 4, 20))
    state.flags["intro_done"] = True
    assert "light stays a little longer" in told(KOLYMA, state, "camp-evening")


def test_a_week_of_half_rations_takes_a_week_and_the_fifth_day_comes() -> None:
    state = state_at(KEM, KEM.model.profiles[0].id, dt.date(1925, 5, 11),
                     scene=("storylet", "bread"))
    state.flags["plan_known"] = True
    before = state.day
    seen = set()
    for game in outcomes(KEM, state, "hoard"):
        text = to_plain(game.view().text)
        if "A week of half rations" in text:
            assert game.state.day - before >= 7
            seen.add("week")
        if "On the fifth day" in text:
            assert game.state.day - before >= 5
            seen.add("fifth")
    assert seen == {"week", "fifth"}


def test_the_guards_walked_away_do_not_outrun_an_alarm_already_out() -> None:
    state = state_at(KEM, KEM.model.profiles[0].id, dt.date(1925, 5, 20), phase="run",
                     escaped_day=8, alarm_raised=True)
    state.stats["alert"] = 60
    state.flags["guards_walked"] = True
    text = told(KEM, state, "first-night-walked")
    assert "searching since the evening count" in text


def test_a_failed_grab_for_the_rifle_ends_without_the_rifle() -> None:
    state = state_at(KOLYMA, "soldier", dt.date(1938, 6, 20), scene=("storylet", "camp-evening"))
    state.flags["intro_done"] = True
    failed = [g for g in outcomes(KOLYMA, state, "rifle") if g.ended]
    assert failed
    for game in failed:
        view = game.view()
        text = to_plain(view.text)
        assert "You never get your hands on the rifle" in text
        ending = KOLYMA.model.endings[[e.id for e in KOLYMA.model.endings].index("killed_armed")]
        assert "is not taken back" in ending.epilogue
        assert "cartridges gone" not in ending.epilogue


def test_only_a_horseman_in_the_group_fires_as_the_horseman() -> None:
    state = state_at(KEM, KEM.model.profiles[0].id, dt.date(1925, 5, 20), phase="run",
                     escaped_day=8, alarm_raised=True, companions={},
                     scene=("storylet", "dogs"))
    state.items.update(rifle=1, cartridges=4)
    state.stats["alert"] = 60
    shot = [g for g in outcomes(KEM, state, "shoot") if "barking stops" in g.view().text]
    assert shot
    assert all("You fire twice" in g.view().text for g in shot)
