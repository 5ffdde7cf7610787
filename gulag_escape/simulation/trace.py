"""One bot game in full, for an author asking "what did the bots actually do?".

``gulag-escape simulate SCENARIO --trace SEED`` plays the game the simulator plays with that
seed (same policy, profile and content, so the same game as game ``SEED - seed`` of a
simulation) and prints it as the plain mode shows a game: every scene with its text, a status
line, the numbered choices with their odds and risks, then the choice the bot took, each check
drawn with its odds, outcome and the values behind them, and a line for each new day.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TextIO

from gulag_escape.engine.game import Game
from gulag_escape.engine.headless import HeadlessGame
from gulag_escape.engine.state import Line
from gulag_escape.engine.view import View
from gulag_escape.plain import PlainSession, Terminal
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.session import PlayOptions
from gulag_escape.simulation.runner import GameRecord, GameSpec, checked_spec, play_game
from gulag_escape.simulation.situation import ScenarioReading, Situation
from gulag_escape.textkit import long_date


class GameTrace:
    """Prints a game as the bot plays it, on any text stream."""

    def __init__(self, scenario: LoadedScenario, out: TextIO) -> None:
        self.scenario = scenario
        self.session = PlainSession(Terminal(lambda: None, out), PlayOptions())
        self.session.scenario = scenario
        self.session.terms = {t.id: t.term for t in scenario.model.glossary}
        self.io = self.session.io
        self.day = -1
        self.check: Line | None = None

    def view(self, game: HeadlessGame) -> View:
        """What a player would see now (the simulator itself never builds it)."""
        return Game.resume(self.scenario, game.state).view()

    def observe(self, game: HeadlessGame, situation: Situation | None,
                choice: str | None) -> None:
        """Before each choice: the scene and the bot's pick; at the end: the ending."""
        view = self.view(game)
        self._news(game, view)
        self.session.show(view)
        if choice is not None:
            number = next(i for i, c in enumerate(view.choices, 1) if c.id == choice)
            self.io.item("  ", f"The bot takes {number} ({choice}).")
            self.io.say()
        elif view.ending is not None:
            self.session.show_ending(view)

    def _news(self, game: HeadlessGame, view: View) -> None:
        """A line for a new day, and the check the last choice drew, if it drew one."""
        state = game.state
        if state.last_check is not self.check and view.last_check is not None:
            check = view.last_check
            verdict = "succeeded" if check.success else "failed"
            values = ", ".join(f"{name} = {value}" for name, value in check.values.items())
            self.io.item("  Check: ", f"{check.label}: odds {check.odds_text}, {verdict}."
                         + (f" Values: {values}." if values else ""))
            self.io.say()
        self.check = state.last_check
        if state.day != self.day:
            self.day = state.day
            self.io.heading(f"-- Day {state.day}, {long_date(view.status.date)}, "
                            f"{state.phase} --")


def trace_game(scenario: LoadedScenario, spec: GameSpec, out: TextIO) -> GameRecord:
    """Play the game of seed ``spec.seed`` as the simulator does, printing it; its record."""
    spec = replace(checked_spec(scenario, 1, spec), trace=False)
    trace = GameTrace(scenario, out)
    record = play_game(scenario, ScenarioReading(scenario), spec, spec.seed, trace.observe)
    ending = f"{record.kind} ({record.ending})" if record.ending else (
        f"still running after {record.turns} choices (the turn cap)")
    trace.io.say(f"Seed {record.seed}, {spec.policy} policy, profile {spec.profile}: "
                 f"{ending}, cause {record.cause or '-'}, day {record.days}, "
                 f"{record.km:g} km, {record.turns} choices.")
    return record
