"""What a choice risks beyond its own check: the day's pursuit, a river, the body giving out.

A storylet's check shows its odds. But a day of marching, resting or foraging also draws the
pursuit's catch, a river's crossing, and can end in death from cold or hunger; players were
caught by risks they never saw. So every choice without a check of its own is played ahead on
a copy of the state with :attr:`World.forecast` set: each risky draw is made (the same draw the
real choice will make, so the forecast walks the same day), recorded with its odds, and taken
as not happening, so that the risks of later days are seen too; a bad ending is recorded
instead of met. The state itself is never touched, and the simulator, which never builds views,
never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gulag_escape.engine.state import GameState
from gulag_escape.engine.world import Risk, Tables, World


@dataclass(frozen=True, slots=True)
class RiskSummary:
    """The chance, by cause, that a choice ends the game, and the worst risk's numbers."""

    by_cause: dict[str, float]
    """Each cause's chance over all the days the choice takes, in the order first met."""
    worst: Risk
    """The single draw most likely to end it: its rule and values explain the odds."""
    risks: tuple[Risk, ...]
    """Every draw met, in order."""

    @property
    def total(self) -> float:
        """The chance that something ends the game during this choice."""
        survive = 1.0
        for odds in self.by_cause.values():
            survive *= 1.0 - odds
        return 1.0 - survive


def summarise(risks: list[Risk]) -> RiskSummary | None:
    """Combine the draws of a forecast; None when nothing can end the game."""
    found = [risk for risk in risks if risk.odds > 0]
    if not found:
        return None
    survive: dict[str, float] = {}
    for risk in found:
        survive[risk.cause] = survive.get(risk.cause, 1.0) * (1.0 - risk.odds)
    by_cause = {cause: 1.0 - share for cause, share in survive.items()}
    return RiskSummary(by_cause, max(found, key=lambda risk: risk.odds), tuple(found))


def either(branches: list[tuple[float, RiskSummary]]) -> RiskSummary | None:
    """Risks of exclusive branches taken with the given chances (who a stranger turns out to be).

    A cause's chance is the sum over branches of the branch's chance times the cause's chance
    in it; the worst draw is the one whose weighed odds are highest.
    """
    if not branches:
        return None
    by_cause: dict[str, float] = {}
    weighed: list[Risk] = []
    for share, summary in branches:
        for cause, odds in summary.by_cause.items():
            by_cause[cause] = by_cause.get(cause, 0.0) + share * odds
        weighed += [Risk(r.cause, share * r.odds, r.values) for r in summary.risks]
    return RiskSummary(by_cause, max(weighed, key=lambda risk: risk.odds), tuple(weighed))


def played_ahead(tables: Tables, state: GameState) -> World:
    """A world over a copy of ``state`` in which risks are recorded, never met."""
    world = World(tables, state.copy())
    world.forecast = []
    world.s.narration = []
    return world


def forecast(tables: Tables, state: GameState,
             act: Callable[[World], None]) -> RiskSummary | None:
    """Play ``act`` ahead on a copy of ``state`` and sum up what could end the game."""
    world = played_ahead(tables, state)
    act(world)
    return summarise(world.forecast or [])
