"""The only source of randomness in the game.

SplitMix64: one 64-bit integer of state, so the RNG's position lives in the game state and a
save is a number, not Python's 625-word Mersenne Twister state. Same seed, same draws, on
every machine and Python version.
"""

from __future__ import annotations

from collections.abc import Sequence

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """The RNG state for a seed (any integer, however large or negative)."""
    return seed & _MASK


class Rng:
    """A SplitMix64 generator; read ``state`` back into the game state after use."""

    __slots__ = ("state",)

    def __init__(self, state: int) -> None:
        self.state = state

    def next64(self) -> int:
        self.state = (self.state + _GOLDEN) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """A float in [0, 1)."""
        return (self.next64() >> 11) * (1.0 / (1 << 53))

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()

    def weighted(self, weights: Sequence[float]) -> int | None:
        """Index drawn in proportion to the weights; None when no weight is positive."""
        total = sum(w for w in weights if w > 0)
        if total <= 0:
            return None
        point = self.random() * total
        for index, weight in enumerate(weights):
            if weight > 0:
                point -= weight
                if point < 0:
                    return index
        return max(i for i, w in enumerate(weights) if w > 0)
