"""What a player reads, measured over seeded random plain games (issue: player trust).

Twelve games per shipped scenario, read as the plain mode prints them: no long paragraph
more than three times in a game, every shown odds with its percentage, at most one capture
or death in ten after a choice that showed no odds, no "0 km walked" for a prisoner who never
got out, and no backstage words.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from gulag_escape.scenario.loader import load_scenario
from gulag_escape.simulation.playtest import GameReading, Playtest, _read, playtest

SHIPPED = ["kolyma", "kem-1925", "tchernavin-1932"]


@pytest.fixture(scope="module", params=SHIPPED)
def reading(request: pytest.FixtureRequest) -> Playtest:
    return playtest(load_scenario(ROOT / "scenarios" / request.param), games=12, seed=1)


def test_no_long_paragraph_is_shown_more_than_three_times(reading: Playtest) -> None:
    count, paragraph = reading.most_repeated
    assert count <= 3, f"{reading.scenario}: shown {count} times in one game: {paragraph}"


def test_every_odds_shown_has_its_percentage(reading: Playtest) -> None:
    missing = [line for game in reading.games for line in game.odds_without_percent]
    assert not missing, missing[:3]


def test_captures_and_deaths_follow_choices_that_showed_odds(reading: Playtest) -> None:
    assert reading.bad_endings, "no capture or death in twelve random games: the test reads nothing"
    unwarned = [g.seed for g in reading.bad_endings if not g.warned]
    assert reading.unwarned_share <= 0.1, f"seeds ending unwarned: {unwarned}"


def test_a_prisoner_who_never_left_walked_no_road(reading: Playtest) -> None:
    assert not [g.seed for g in reading.games if g.never_left_walked]


def test_no_backstage_words(reading: Playtest) -> None:
    assert not {word for game in reading.games for word in game.backstage}


def test_the_reader_catches_what_it_looks_for() -> None:
    """The measures fire on a transcript that has each fault (so the tests above can fail)."""
    long = "The same long paragraph of barracks prose, told once more, word for word, again."
    transcript = "\n\n".join([long] * 4 + [
        "1. Climb the fence — fair chance", "Out 12 days, 0 km walked: the camp.",
        "As the project's research shows, they fled."])
    game = GameReading(1, "p", "captured", warned=False)
    _read(transcript, game, never_left=True)
    assert game.repeats[long] == 4
    assert game.odds_without_percent == ["1. Climb the fence — fair chance"]
    assert game.never_left_walked
    assert game.backstage == ["the project's research"]


def test_in_camp_the_ration_shown_is_the_camps() -> None:
    """A prisoner hiding half his bread is not on "full" rations: the status says the camp's."""
    from gulag_escape.engine.game import Game

    game = Game.start(load_scenario(ROOT / "scenarios" / "kem-1925"), 3)
    assert game.view().status.ration == "the camp's"
