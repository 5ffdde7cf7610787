"""A short statistics summary of a valid scenario, printed by ``validate``."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from gulag_escape.scenario.models import Scenario
from gulag_escape.scenario.prose import texts

_WORD = re.compile(r"[A-Za-zÀ-ÿА-я'’-]+")


def scenario_statistics(scenario: Scenario) -> dict[str, Any]:
    """Counts an author checks at a glance: size, route, endings by kind, notes by evidence."""
    words = sum(len(_WORD.findall(text)) for text in _prose(scenario))
    return {
        "storylets": len(scenario.storylets),
        "choices": sum(len(s.choices) for s in scenario.storylets),
        "checks": sum(1 for s in scenario.storylets for c in s.choices if c.check),
        "encounters": len(scenario.encounters),
        "places": len(scenario.places),
        "checkpoints": sum(1 for p in scenario.places if p.checkpoint),
        "route_km": round(sum(leg.km for leg in scenario.legs)),
        "profiles": len(scenario.profiles),
        "companions": len(scenario.companions),
        "endings": dict(sorted(Counter(e.kind for e in scenario.endings).items())),
        "notes": dict(sorted(Counter(n.evidence for n in scenario.notes).items())),
        "glossary": len(scenario.glossary),
        "words": words,
    }


def format_statistics(stats: dict[str, Any]) -> str:
    parts = []
    for key, value in stats.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k} {v}" for k, v in value.items())
            parts.append(f"{key}: {sum(value.values())} ({inner})")
        else:
            parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def _prose(scenario: Scenario) -> list[str]:
    found = [text for s in scenario.storylets for text in texts(s.text)]
    found += [text for s in scenario.storylets for c in s.choices for text in texts(c.text)]
    found += [e.epilogue for e in scenario.endings] + [n.body for n in scenario.notes]
    found += [text for e in scenario.encounters for text in texts(e.text)]
    return found
