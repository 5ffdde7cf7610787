"""How a number spread over many games: the simulator's reports and the class summaries.

One definition, so a median means the same on an author's report and on a teacher's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (what spreadsheets and NumPy do)."""
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 3)


@dataclass(frozen=True)
class Spread:
    """Median and spread of a number over the games."""

    median: float
    p10: float
    p90: float
    min: float
    max: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        """The spread of ``values``; all zeros when there are none."""
        ordered = sorted(values)
        if not ordered:
            return cls(0.0, 0.0, 0.0, 0.0, 0.0)
        return cls(quantile(ordered, 0.5), quantile(ordered, 0.1), quantile(ordered, 0.9),
                   float(ordered[0]), float(ordered[-1]))

    def text(self, unit: str) -> str:
        """``median 12 days (from 3 to 40)``, as a sentence shows it."""
        return f"median {self.median:g} {unit} (from {self.min:g} to {self.max:g})"
