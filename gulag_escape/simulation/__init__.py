"""Headless Monte-Carlo play: bots play many seeded games and the outcomes are counted.

Authors use it to balance a scenario (``gulag-escape simulate``): how often each policy
reaches each ending, how long games last, what kills, which storylets nobody meets.
The bots play through :class:`~gulag_escape.engine.game.Game` exactly as a player does.
"""

from gulag_escape.simulation.policies import POLICIES, Policy, register
from gulag_escape.simulation.report import BandCheck, SimulationReport
from gulag_escape.simulation.runner import GameRecord, play_game, simulate
from gulag_escape.spread import Spread

__all__ = [
    "POLICIES",
    "BandCheck",
    "GameRecord",
    "Policy",
    "SimulationReport",
    "Spread",
    "play_game",
    "register",
    "simulate",
]
