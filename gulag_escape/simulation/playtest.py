"""Playtests that read what a player reads: seeded random games through the plain front end.

The simulator counts outcomes; this counts what a player would notice on the page: the same
paragraph shown again and again, odds without a percentage, an ending that no visible odds
warned of, a run story that says a prisoner who never left "walked 0 km", and backstage words
that belong to the makers, not the player. Each game is played by a seeded random player
choosing among the enabled choices (but never giving up while anything else is open: a random
player who gives up reads almost nothing), and its transcript is the plain mode's own output.
"""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from gulag_escape.engine.game import Game
from gulag_escape.plain import PlainSession, Terminal
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.session import PlayOptions
from gulag_escape.words import BAD_ENDING_KINDS

LONG_PARAGRAPH = 80
"""Paragraphs at least this long count as repeated text; short lines ("Go on") may recur."""

BACKSTAGE = re.compile(
    r"research brief|the project'?s research|this project|popular article|the brief\b",
    re.IGNORECASE,
)
"""Words that speak of how the game was made, not of history."""

_ODDS_WORDS = re.compile(r" — (?:[a-z ]+ chance|even odds|almost hopeless|risk:)")
"""Odds as the plain mode puts them after a choice's label."""
_CHOICE = re.compile(r"^\d+\. .*(?:\n {3,}\S.*)*", re.MULTILINE)
"""A numbered choice with the lines it wraps onto (indented under its start)."""
_NEVER_LEFT_WALKED = re.compile(r"\bOut \d+ days?, 0 km walked")


@dataclass
class GameReading:
    """What one game showed its reader."""

    seed: int
    profile: str
    ending_kind: str
    warned: bool
    """Whether the choice that led to the ending showed odds or a risk."""
    repeats: Counter[str] = field(default_factory=Counter)
    """Long paragraphs by how often they were shown."""
    odds_without_percent: list[str] = field(default_factory=list)
    never_left_walked: bool = False
    backstage: list[str] = field(default_factory=list)


@dataclass
class Playtest:
    """Readings of several games of one scenario, and the measures a player would notice."""

    scenario: str
    games: list[GameReading]

    @property
    def most_repeated(self) -> tuple[int, str]:
        """The most shown long paragraph of any one game, with its count."""
        best = (0, "")
        for game in self.games:
            for paragraph, count in game.repeats.items():
                best = max(best, (count, paragraph))
        return best

    @property
    def bad_endings(self) -> list[GameReading]:
        return [game for game in self.games if game.ending_kind in BAD_ENDING_KINDS]

    @property
    def unwarned_share(self) -> float:
        """Share of capture and death endings that followed a choice showing no odds."""
        bad = self.bad_endings
        return sum(not game.warned for game in bad) / len(bad) if bad else 0.0


def playtest(scenario: LoadedScenario, games: int = 12, seed: int = 1,
             max_turns: int = 2000) -> Playtest:
    """Play ``games`` seeded random games, profiles in turn, and read their transcripts."""
    profiles = [profile.id for profile in scenario.model.profiles]
    readings = [
        _play(scenario, seed + n, profiles[n % len(profiles)], max_turns) for n in range(games)
    ]
    return Playtest(scenario.id, readings)


def _play(scenario: LoadedScenario, seed: int, profile: str, max_turns: int) -> GameReading:
    out = io.StringIO()
    session = PlainSession(Terminal(lambda: None, out, echo=False),
                           PlayOptions(scenario=scenario.id, seed=seed, profile=profile))
    session.scenario = scenario
    session.terms = {t.id: t.term for t in scenario.model.glossary}
    game = Game.start(scenario, seed, profile)
    session.game = game
    chooser = random.Random(seed)
    warned = False
    view = game.view()
    for _ in range(max_turns):
        session.show(view)
        if game.ended:
            break
        enabled = [c for c in view.choices if c.enabled]
        choice = chooser.choice([c for c in enabled if c.id != "surrender"] or enabled)
        warned = bool(choice.odds_text or choice.risk_text)
        view = game.choose(choice.id).view
    if view.ending is not None:
        session.show_ending(view)
    reading = GameReading(seed, profile, view.ending.kind if view.ending else "", warned)
    _read(out.getvalue(), reading, never_left=game.state.escaped_day is None)
    return reading


def _read(transcript: str, reading: GameReading, never_left: bool) -> None:
    """Count in ``transcript`` what the player would notice."""
    for block in transcript.split("\n\n"):
        paragraph = " ".join(line.strip() for line in block.splitlines())
        if len(paragraph) >= LONG_PARAGRAPH and not paragraph.startswith("["):
            reading.repeats[paragraph] += 1
    for choice in _CHOICE.findall(transcript):
        shown = " ".join(choice.split())
        if _ODDS_WORDS.search(shown) and "%" not in shown:
            reading.odds_without_percent.append(shown)
    reading.never_left_walked = never_left and bool(_NEVER_LEFT_WALKED.search(transcript))
    reading.backstage = sorted({m.group(0) for m in BACKSTAGE.finditer(transcript)})
