"""The engine's promises: bounds, determinism, atomic refusals, and every system reachable."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.engine.state import GameState
from gulag_escape.engine.world import World
from gulag_escape.errors import GameError
from gulag_escape.scenario.loader import LoadedScenario, load_scenario
from gulag_escape.scenario.vocabulary import BODY_BOUNDS

ENGINE = load_scenario(DATA / "engine.yaml", cache=False)
MINIMAL = load_scenario(DATA / "minimal.yaml", cache=False)


def play_random(scenario: LoadedScenario, seed: int, picks: int, profile: str | None = None, *,
                content: str = "standard", cap: int = 400) -> Game:
    """Play with a seeded random player; ``picks`` seeds the player, ``seed`` the world."""
    game = Game.start(scenario, seed, profile, content)
    player = random.Random(picks)
    for _ in range(cap):
        if game.ended:
            break
        enabled = [c.id for c in game.view().choices if c.enabled]
        game.choose(player.choice(enabled))
    return game


def snapshot(game: Game) -> str:
    return json.dumps(game.state.to_dict(), sort_keys=True)


games = st.tuples(st.integers(0, 2**32), st.integers(0, 10_000), st.sampled_from(
    ["political", "criminal"]), st.sampled_from(["mild", "standard"]))
fast = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(games)
def test_stats_stay_within_their_bounds(case: tuple[int, int, str, str]) -> None:
    seed, picks, profile, content = case
    game = Game.start(ENGINE, seed, profile, content)
    player = random.Random(picks)
    for _ in range(300):
        state = game.state
        for name, (low, high) in BODY_BOUNDS.items():
            assert low <= state.stats[name] <= high, (name, state.stats[name])
        assert 0 <= state.stats["morale"] <= 100
        assert all(count >= 0 for count in state.items.values())
        assert all(0 <= loyalty <= 100 for loyalty in state.companions.values())
        if game.ended:
            break
        game.choose(player.choice([c.id for c in game.view().choices if c.enabled]))


@fast
@given(games)
def test_replaying_the_log_reproduces_the_state_byte_for_byte(
    case: tuple[int, int, str, str],
) -> None:
    seed, picks, profile, content = case
    game = play_random(ENGINE, seed, picks, profile, content=content)
    state = game.state
    again = Game.replay(ENGINE, state.seed, state.profile, state.content, state.log)
    assert snapshot(again) == snapshot(game)
    assert again.view() == game.view()


@fast
@given(games, st.text(max_size=12))
def test_unknown_or_disabled_choices_change_nothing(
    case: tuple[int, int, str, str], bogus: str,
) -> None:
    seed, picks, profile, content = case
    game = play_random(ENGINE, seed, picks, profile, content=content, cap=picks % 25)
    before = snapshot(game)
    view = game.view()
    refused = [c.id for c in view.choices if not c.enabled]
    if bogus not in {c.id for c in view.choices}:
        refused.append(bogus)
    for choice in refused:
        with pytest.raises(ChoiceUnavailable):
            game.choose(choice)
        assert snapshot(game) == before


def test_state_survives_a_round_trip_through_plain_data() -> None:
    game = play_random(ENGINE, 7, 7)
    data = json.loads(json.dumps(game.state.to_dict()))
    assert GameState.from_dict(data) == game.state


def test_resume_refuses_a_state_from_another_scenario() -> None:
    game = Game.start(MINIMAL, 1)
    with pytest.raises(GameError, match="belongs to the scenario 'minimal'"):
        Game.resume(ENGINE, game.state)


def test_start_refuses_an_unknown_profile() -> None:
    with pytest.raises(GameError, match="no profile 'tsar'"):
        Game.start(ENGINE, 1, "tsar")


def test_a_turn_is_atomic_the_state_copy_is_detached() -> None:
    game = Game.start(ENGINE, 3)
    state = game.state
    state.stats["health"] = -50
    state.log.append("cheat")
    assert game.state.stats["health"] > 0
    assert "cheat" not in game.state.log


def test_the_opening_priority_storylet_greets_the_player() -> None:
    view = Game.start(ENGINE, 1).view()
    assert view.title == "The plan"
    assert [c.id for c in view.choices] == ["trust", "alone"]


def test_disabled_choice_shows_its_reason_and_is_refused() -> None:
    game = Game.start(ENGINE, 1, "political")
    game.choose("alone")
    while game.state.phase == "camp":
        view = game.view()
        game.choose("climb" if view.title == "The fence" else view.choices[0].id)
        assert not game.ended, "seed 1's climb failed: choose a seed whose climb succeeds"
    fire = next(c for c in game.view().choices if c.id == "fire")
    assert not fire.enabled
    assert fire.reason == "You have nothing to make fire with."


def test_many_games_reach_every_kind_of_ending() -> None:
    kinds: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    for seed in range(300):
        game = play_random(ENGINE, seed, seed, "criminal" if seed % 2 else "political")
        view = game.view()
        assert view.ending is not None, f"seed {seed} did not end"
        kinds[view.ending.kind] += 1
        causes[view.ending.cause or ""] += 1
        assert view.ending.notes, "every ending opens its notes"
    assert {"captured", "died", "killed", "surrendered"} <= set(kinds)
    assert {"pursuit", "story", "surrender"} <= set(causes)


def test_a_capture_by_the_pursuit_is_a_turning_point() -> None:
    """The day the search finds you is the chance that ended the run: the ending's turning
    points must name it, with the odds "why?" gave; the days it missed you are not listed."""
    game = next(game for seed in range(300)
                if (game := play_random(ENGINE, seed, seed)).state.cause == "pursuit")
    kind, caught_odds, escaped, _values = game.state.last_check or ()
    assert kind == "pursuit" and not escaped
    assert [key for _, key, _, _ in game.state.turning_points].count("pursuit") == 1
    assert game.state.turning_points[-1] == (game.state.day, "pursuit",
                                             round(1 - caught_odds, 4), False)
    ending = game.view().ending
    assert ending is not None
    assert ending.turning_points[-1] == (game.state.day, "The day's search",
                                         round(1 - caught_odds, 4), False)

def test_the_pursuit_works_out_exposure_once_a_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day's search reads exposure for its odds and for "why?": one computation serves
    both, and "why?" shows the very value the odds were drawn with."""
    game = next(game for seed in range(300)
                if (game := play_random(ENGINE, seed, seed)).state.cause == "pursuit")
    *played, _capture = game.state.log
    game = Game.replay(ENGINE, game.state.seed, game.state.profile, game.state.content, played)
    calls = []
    exposure = World.exposure
    assert isinstance(exposure, property) and exposure.fget is not None
    monkeypatch.setattr(World, "exposure", property(lambda w: calls.append(1) or
                                                    exposure.fget(w)))
    day = game.state.day
    game.choose(_capture)
    assert game.state.cause == "pursuit" and game.state.day == day + 1
    assert len(calls) == 1

def test_mild_content_never_unlocks_standard_notes() -> None:
    for seed in range(200):
        game = play_random(ENGINE, seed, seed, content="mild")
        assert "graphic" not in game.state.notes


def test_checks_show_odds_in_words_and_explain_why() -> None:
    game = Game.start(ENGINE, 5, "criminal")
    game.choose("trust")
    for _ in range(10):
        view = game.view()
        if view.title == "The fence":
            break
        game.choose(view.choices[0].id)
    else:
        pytest.fail("the fence storylet never fired")
    climb = next(c for c in view.choices if c.id == "climb")
    assert climb.odds_words in {"fair", "good", "even", "uneven"}
    assert climb.rule == "Climbing depends on the guards' alertness."
    assert set(climb.values) == {"Pursuit", "woodcraft"}  # the names the player reads
    turn = game.choose("climb")
    assert turn.view.last_check is not None
    assert turn.view.last_check.odds == pytest.approx(climb.odds)


def test_same_seed_and_choices_give_the_same_text() -> None:
    first = play_random(ENGINE, 11, 4)
    second = play_random(ENGINE, 11, 4)
    assert first.view().text == second.view().text
    assert first.state.log == second.state.log


def test_an_encounter_shows_the_circumstance_behind_its_odds() -> None:
    """An encounter's reason: is read with its text, so a difference in odds is never hidden."""
    from gulag_escape.engine.narration import Narrator
    from gulag_escape.engine.world import Tables

    everything = load_scenario(DATA / "features" / "everything", cache=False)
    herder = next(e for e in everything.model.encounters if e.id == "herder")
    text = Narrator(Tables(everything)).render(("encounter", "herder"))
    assert herder.reason is not None
    assert text == f"{herder.text}\n\n{herder.reason}"
