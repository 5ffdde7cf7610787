"""The author's debugging tools: --start and --set, and the plain mode's set, eligible, trace.

The engine side (:mod:`gulag_escape.engine.debug`) is tested on ``tests/data/engine.yaml``;
the commands run end to end through ``gulag-escape play --plain`` with piped input.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from gulag_escape.engine.debug import eligibility, start_at, trace, with_settings
from gulag_escape.engine.game import Game
from gulag_escape.errors import GameError, SaveError
from gulag_escape.saves import SaveStore
from gulag_escape.scenario.loader import LoadedScenario, load_scenario

ENGINE = DATA / "engine.yaml"


@pytest.fixture(scope="module")
def loaded() -> LoadedScenario:
    return load_scenario(ENGINE, cache=False)


def new_game(loaded: LoadedScenario, profile: str = "political") -> Game:
    return Game.start(loaded, 1, profile, "standard")


# --- set --------------------------------------------------------------------------------------


def test_settings_change_stats_flags_items_skills_companions_and_the_day(
        loaded: LoadedScenario) -> None:
    game = with_settings(new_game(loaded), "morale=20, told=true, item.compass=2, "
                         "woodcraft=3, old_hand=true, loyalty.old_hand=10, "
                         "day=70")
    state = game.state
    assert state.stats["morale"] == 20
    assert state.flags["told"] is True
    assert state.items["compass"] == 2
    assert state.skills["woodcraft"] == 3
    assert state.companions == {"old-hand": 10}
    assert state.day == 70
    assert trace(game).values["month"] == 8  # the calendar follows the day: 1938-06-01 + 70


def test_place_and_leg_move_the_fugitive_out_of_the_camp(loaded: LoadedScenario) -> None:
    on_leg = with_settings(new_game(loaded), "leg=forest")
    state = on_leg.state
    assert (state.phase, state.leg, state.place, state.scene) == ("run", "forest", "village",
                                                                  None)
    judged = {e.storylet: e for e in eligibility(on_leg)}
    assert judged["stash"].eligible and judged["stash"].values == {"food": 0}
    fed = {e.storylet: e for e in eligibility(with_settings(on_leg, "food=3"))}
    assert fed["stash"].reason == "when: 'food < 3' is false"
    on_road = {e.storylet: e for e in eligibility(with_settings(on_leg, "leg=road1"))}
    assert on_road["stash"].reason == "terrain: it fires on legs of 'taiga'; you are on road"
    at_camp = with_settings(new_game(loaded), "place=camp")
    assert at_camp.state.phase == "camp"
    with pytest.raises(GameError, match=r"no leg 'nowhere'\. Known: road1, back1"):
        with_settings(new_game(loaded), "leg=nowhere")


def test_settings_leave_the_original_game_alone(loaded: LoadedScenario) -> None:
    game = new_game(loaded)
    with_settings(game, "morale=20")
    assert game.state.stats["morale"] == 50
    assert not game.arranged


@pytest.mark.parametrize(("text", "words"), [
    ("nosuch=1", ("nothing called 'nosuch'", "Known: day, place, leg, health", "flag.told",
                  "item.compass")),
    ("moral=3", ("Did you mean 'morale'?",)),
    ("morale=500", ("morale is kept between 0 and 100; 500 is outside",)),
    ("told=maybe", ("flag.told is true or false, not 'maybe'",)),
    ("item.compass=1.5", ("item.compass is a whole number from 0",)),
    ("morale", ("'morale' is not NAME=VALUE",)),
    ("loyalty.old_hand=5", ("the old hand is not with you",)),
    ("day=5000", ("day is at most",)),
])
def test_a_bad_setting_is_refused_naming_what_is_known(loaded: LoadedScenario, text: str,
                                                         words: tuple[str, ...]) -> None:
    with pytest.raises(GameError) as caught:
        with_settings(new_game(loaded), text)
    assert all(word in caught.value.message for word in words), caught.value.message


# --- start ------------------------------------------------------------------------------------


def test_start_at_a_storylet_of_the_run_puts_the_fugitive_where_it_fires(
        loaded: LoadedScenario) -> None:
    game = start_at(new_game(loaded), "stash")
    state = game.state
    assert state.scene == ("storylet", "stash")
    assert state.phase == "run"
    legs = {leg.id: leg for leg in loaded.model.legs}
    assert state.leg is not None and legs[state.leg].terrain == "taiga"
    assert "You find a hunters' cache." in game.view().text
    assert {choice.id for choice in game.view().choices} == {"take", "leave", "rest"}


def test_start_refuses_an_unknown_storylet_naming_the_known_ones(loaded: LoadedScenario) -> None:
    with pytest.raises(GameError) as caught:
        start_at(new_game(loaded), "stsh")
    assert "no storylet 'stsh'. Did you mean 'stash'? Known: plan, hoard, fence, stash." in \
        caught.value.message


def test_an_arranged_game_plays_on_but_is_never_saved(loaded: LoadedScenario,
                                                      tmp_path: Path) -> None:
    game = start_at(with_settings(new_game(loaded), "food=1"), "stash")
    game.choose("take")
    assert game.state.stats["food"] == 3
    with pytest.raises(SaveError, match="is not saved"):
        SaveStore(tmp_path).save("autosave", game)
    assert not (tmp_path / "autosave.json").exists()


# --- eligible and trace -------------------------------------------------------------------


def test_eligibility_gives_the_first_requirement_that_fails(loaded: LoadedScenario) -> None:
    game = new_game(loaded)  # day 0 in camp; 'plan' (priority 5) is showing
    judged = {e.storylet: e for e in eligibility(game)}
    assert judged["plan"].reason == "once: it fired on day 0 and fires once per game"
    assert judged["hoard"].eligible and judged["hoard"].weight == 1
    assert judged["fence"].reason == "when: 'day >= 7' is false"
    assert judged["fence"].values == {"day": 0}
    assert judged["stash"].reason.startswith("phase: it fires in the run phase")
    later = with_settings(game, "day=8")
    assert {e.storylet for e in eligibility(later) if e.eligible} == {"hoard", "fence"}


def test_trace_reads_every_expression_name_and_the_last_check(loaded: LoadedScenario) -> None:
    game = with_settings(new_game(loaded), "day=8")
    assert trace(game).last_check is None
    game = start_at(game, "fence")
    game.choose("climb")
    found = trace(game)
    assert found.values["morale"] == 50 and found.values["flag.told"] is False
    assert found.last_check == "check fence/climb"
    assert set(found.last_values) == {"alert", "skill.woodcraft"}
    assert found.last_success in {True, False}


# --- through the real command ----------------------------------------------------------------


def play(args: list[str], answers: str, saves: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gulag_escape", "play", str(ENGINE), "--plain", "--seed", "1",
         "--profile", "political", *args],
        input=answers, capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, "GULAG_ESCAPE_SAVES": str(saves)},
    )


def test_play_start_and_set_open_the_game_at_the_storylet(tmp_path: Path) -> None:
    result = play(["--start", "stash", "--set", "food=1,item.compass=1"],
                  "trace item.\neligible st\n2\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== A stash ==" in out and "You find a hunters' cache." in out
    assert "Leave it [not possible" not in out.split("> trace")[0]  # item.compass=1
    assert "  item.compass = 1\n" in out and "Last check: none yet." in out
    assert "  stash: once: it fired on day 0 and fires once per game" in out
    assert "End of input. The game could not be saved: a game changed with --start" in out
    assert not (tmp_path / "autosave.json").exists()


def test_set_during_play_changes_what_is_eligible(tmp_path: Path) -> None:
    result = play([], "help authors\neligible fence\nset day=9,morale=10\neligible fence\n"
                  "set nosuch=2\ntrace morale\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  eligible [NAME]     which storylets could fire now" in out
    assert "  fence: when: 'day >= 7' is false [read: day = 0]" in out
    assert "Set day=9,morale=10. This game is no longer saved." in out
    assert "  fence (drawn by chance after a day passes: weight 3, 75% of draws" in out
    assert "Game error: the scenario 'engine-fixture' has nothing called 'nosuch'" in out
    assert "  morale = 10\n" in out


def test_play_refuses_an_unknown_storylet_before_the_game(tmp_path: Path) -> None:
    result = play(["--start", "nowhere"], "", tmp_path)
    assert result.returncode != 0
    assert "no storylet 'nowhere'" in result.stderr + result.stdout
    assert "Known: plan, hoard, fence, stash" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_start_and_set_refuse_a_loaded_game(tmp_path: Path) -> None:
    result = play(["--start", "stash", "--load", "autosave"], "", tmp_path)
    assert result.returncode == 2
    assert "--start and --set arrange a new game" in result.stderr
