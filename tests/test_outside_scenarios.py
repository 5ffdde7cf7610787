"""Scenarios written by others against the documented format keep loading and playing.

The format changes only by adding keys with defaults (docs/authoring.md, "Your files keep
working"). The files in tests/data/outside/ stand for the scenarios kept outside the
project: they are never edited to follow a change, so a change that breaks one of them
breaks someone's work.
"""

from __future__ import annotations

import json
import random

import pytest
import yaml
from conftest import DATA, ROOT
from jsonschema import Draft202012Validator

from gulag_escape.engine.game import Game
from gulag_escape.scenario.loader import LoadedScenario, load_scenario

OUTSIDE = DATA / "outside"
SCENARIOS = [OUTSIDE / "winter-road.yaml", OUTSIDE / "river-camp"]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda path: path.stem)
def outside(request: pytest.FixtureRequest) -> LoadedScenario:
    return load_scenario(request.param, cache=False)


def test_an_outside_file_is_valid_against_the_schema() -> None:
    """Editors check authors' files with the committed schema: it must still accept them."""
    schema = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text("utf-8"))
    document = yaml.safe_load((OUTSIDE / "winter-road.yaml").read_text(encoding="utf-8"))
    document = json.loads(json.dumps(document, default=str))
    errors = [error.message for error in Draft202012Validator(schema).iter_errors(document)]
    assert not errors


def test_outside_scenarios_play_to_an_end(outside: LoadedScenario) -> None:
    """Seeded games of every profile, choices drawn at random, reach an ending; the views
    that a player would read render on every turn."""
    endings: set[str] = set()
    escaped = 0
    for profile in outside.model.profiles:
        for seed in range(12):
            game = Game.start(outside, seed, profile.id)
            choose = random.Random(seed)
            for _ in range(500):
                if game.ended:
                    break
                view = game.view()
                assert view.text or view.choices
                enabled = [choice.id for choice in view.choices if choice.enabled]
                game.choose(choose.choice(enabled))
            assert game.ended, f"{profile.id} seed {seed} did not end in 500 turns"
            endings.add(game.view().ending.kind)
            escaped += game.state.escaped_day is not None
    assert escaped, "no game left the camp: the run's rules were never played"
    assert len(endings) >= 2
