"""What the route map draws, as plain data taken from a scenario and a game state.

The play and ending screens build a :class:`RouteMapData` and hand it to the
:class:`~gulag_escape.tui.widgets.route_map.RouteMap`; the widget never sees the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gulag_escape.engine.state import GameState
    from gulag_escape.scenario.models import Scenario


@dataclass(frozen=True)
class MapPlace:
    id: str
    name: str
    x: float
    """0–100, west to east."""
    y: float
    """0–100, south to north."""
    checkpoint: bool = False
    ending: bool = False
    camp: bool = False


@dataclass(frozen=True)
class MapLeg:
    id: str
    start: str
    end: str


@dataclass(frozen=True)
class RouteMapData:
    """Places and legs, plus where the fugitive is and has been."""

    places: tuple[MapPlace, ...]
    legs: tuple[MapLeg, ...]
    here: str
    """The place the fugitive is at, or set out from when on a leg."""
    leg: str | None = None
    progress: float = 0.0
    """Fraction of the current leg behind the fugitive (0–1)."""
    visited: tuple[str, ...] = ()
    passed: frozenset[str] = field(default_factory=frozenset)
    """Checkpoints passed."""


def route_map_data(scenario: Scenario, state: GameState) -> RouteMapData:
    places = tuple(
        MapPlace(p.id, p.name, p.map.x, p.map.y, checkpoint=p.checkpoint is not None,
                 ending=p.ending is not None, camp=p.kind == "camp")
        for p in scenario.places
    )
    legs = tuple(MapLeg(leg.id, leg.from_, leg.to) for leg in scenario.legs)
    leg = next((leg for leg in scenario.legs if leg.id == state.leg), None)
    progress = min(1.0, state.leg_km / leg.km) if leg else 0.0
    here = leg.from_ if leg else state.place
    return RouteMapData(
        places=places, legs=legs, here=here, leg=state.leg, progress=progress,
        visited=(scenario.start, *state.visited), passed=frozenset(state.passed),
    )
