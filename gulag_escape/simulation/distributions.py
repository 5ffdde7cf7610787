"""The shapes behind a written report's charts: how long games lasted, how far they went, and
how the body fared day by day on the run.

Gathered only when a report is asked for (``simulate(..., details=True)``): following the
body needs each game to record it every day, which plain statistics never pay for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gulag_escape.spread import quantile

if TYPE_CHECKING:
    from gulag_escape.simulation.runner import GameRecord

TRACED = ("hunger", "warmth", "health")
"""The body numbers a traced game records each day: what the report's charts follow."""
MIN_SHARE_ON_THE_RUN = 0.1
"""A day of the run is charted while at least this share of the escaped games is still on
it: beyond, a median of a handful of games says little."""


@dataclass(frozen=True)
class DayBand:
    """One body number over the games still on the run on one day."""

    day: int
    """Days since the escape; day 0 is the escape itself."""
    games: int
    """Games still on the run that day."""
    median: float
    p10: float
    p90: float


@dataclass(frozen=True)
class Distributions:
    """Whole distributions, where the plain report keeps only a median and a spread."""

    days: dict[int, int]
    """Games by days from the first day in camp to the end."""
    km: dict[int, int]
    """Games by whole kilometres walked."""
    body: dict[str, tuple[DayBand, ...]]
    """By body number (hunger, warmth, health): its spread on each day of the run. A day's
    value is the body as the day before left it; the last day of a game, as the end left it."""

    @classmethod
    def of(cls, records: Sequence[GameRecord], traced: Sequence[str] = TRACED) -> Distributions:
        return cls(
            days=_counts(record.days for record in records),
            km=_counts(int(record.km) for record in records),
            body=_body(records, traced),
        )


def _counts(values: Iterable[int]) -> dict[int, int]:
    return dict(sorted(Counter(values).items()))


def _body(records: Sequence[GameRecord], traced: Sequence[str]) -> dict[str, tuple[DayBand, ...]]:
    """Each game's samples, a day missing between two (a storylet that took days) filled
    with the one before it, gathered by day."""
    by_day: dict[int, list[tuple[float, ...]]] = {}
    traces = [record.trace for record in records if record.trace]
    for trace in traces:
        for (day, values), (following, _) in zip(trace, [*trace[1:], (trace[-1][0] + 1, ())],
                                                   strict=True):
            for filled in range(day, following):
                by_day.setdefault(filled, []).append(values)
    enough = max(1, MIN_SHARE_ON_THE_RUN * len(traces))
    days = [day for day in sorted(by_day) if len(by_day[day]) >= enough]
    body: dict[str, tuple[DayBand, ...]] = {}
    for index, name in enumerate(traced):
        bands = []
        for day in days:
            ordered = sorted(values[index] for values in by_day[day])
            bands.append(DayBand(day, len(ordered), quantile(ordered, 0.5),
                                 quantile(ordered, 0.1), quantile(ordered, 0.9)))
        body[name] = tuple(bands)
    return body
