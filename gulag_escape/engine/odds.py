"""Odds in words: the player sees "poor chance", never a bare percentage alone."""

from __future__ import annotations

FLOOR, CEILING = 0.02, 0.98
"""Nothing is certain: every check is clamped to this range."""

WORDS = (
    (0.10, "almost hopeless"),
    (0.30, "poor"),
    (0.45, "uneven"),
    (0.55, "even"),
    (0.70, "fair"),
    (0.85, "good"),
)
"""Each word for odds below its limit; from the last limit up the odds are "very good"."""


def clamp_odds(value: float) -> float:
    return max(FLOOR, min(CEILING, float(value)))


def odds_in_words(odds: float) -> str:
    for limit, words in WORDS:
        if odds < limit:
            return words
    return "very good"
