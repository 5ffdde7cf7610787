"""What a player reads: no paragraph of 80 characters or more shown over and over in one game.

Issue #10 measured one paragraph shown 27 times in a Kolyma game and stretches of eight
identical weeks in camp. This plays 12 seeded random games per shipped scenario through the
public Game API, reads each turn's text exactly as the plain mode prints it (markup stripped,
paragraph by paragraph) and counts every long paragraph. The random player picks among the
enabled choices with its own seeded ``random.Random``, so the games are the same every run.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from gulag_escape.engine.game import Game
from gulag_escape.markup import to_plain
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path

SCENARIOS = ("kem-1925", "kolyma", "tchernavin-1932")
GAMES = 12
LONG = 80
"""Paragraphs this long or longer are prose a player notices when it comes back."""
MOST = 3
"""The most times one long paragraph may be shown in one game."""


def shown_paragraphs(scenario: LoadedScenario, seed: int) -> Counter[str]:
    """Every long paragraph a seeded random player is shown in one game, counted."""
    chooser = random.Random(seed)
    profiles = [profile.id for profile in scenario.model.profiles]
    game = Game.start(scenario, seed, profile=profiles[seed % len(profiles)])
    counts: Counter[str] = Counter()
    while True:
        for paragraph in to_plain(game.view().text).split("\n\n"):
            if len(paragraph) >= LONG:
                counts[paragraph] += 1
        if game.ended:
            return counts
        enabled = [option.id for option in game.options() if option.enabled]
        game.choose(chooser.choice(enabled))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_long_paragraph_is_shown_more_than_three_times(scenario_id: str) -> None:
    scenario = load_scenario(resolve_scenario_path(scenario_id))
    repeated = []
    for seed in range(1, GAMES + 1):
        text, times = shown_paragraphs(scenario, seed).most_common(1)[0]
        if times > MOST:
            repeated.append(f"seed {seed}: {times} times: {text[:70]}...")
    assert not repeated, "\n".join(repeated)
