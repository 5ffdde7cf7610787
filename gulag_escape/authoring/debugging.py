"""The author's debugging answers as lines of text: what ``eligible`` and ``trace`` print.

The engine answers (:mod:`gulag_escape.engine.debug`); this module only words the answers,
so that the plain mode, tests and any other front end print the same thing.
"""

from __future__ import annotations

from typing import Any

from gulag_escape.engine.debug import eligibility, trace
from gulag_escape.engine.game import Game


def eligible_lines(game: Game, prefix: str = "") -> list[str]:
    """Every storylet that could fire here and now, then the first reason for each other.

    With ``prefix`` only the storylets whose id starts with it are listed; without, those
    of the other phase are counted on one line (in camp, every storylet of the run fails
    on its phase, and listing them hides the ones worth reading)."""
    everything = eligibility(game)
    judged = [e for e in everything if e.storylet.startswith(prefix)]
    if not judged:
        return [f"No storylet's id starts with {prefix!r}."]
    # The engine fires the first priority storylet that can fire (highest priority, then
    # file order) and draws the others by weight only when none can.
    urgent = sorted((e for e in judged if e.eligible and e.priority > 0),
                    key=lambda e: -e.priority)
    drawn = [e for e in judged if e.eligible and e.priority == 0]
    total = sum(e.weight or 0.0 for e in everything if e.eligible and e.priority == 0)
    scene = game.state.scene
    lines = []
    if scene is not None:
        lines.append(f"Showing now: {scene[0]} '{scene[1]}'. The next scene is picked when "
                     "it ends.")
    lines.append("Could fire here and now:")
    for index, e in enumerate(urgent):
        when = "fires next" if index == 0 else f"after '{urgent[0].storylet}' has fired"
        lines.append(f"  {e.storylet} (priority {e.priority}: {when}){_read(e.values)}")
    for e in drawn:
        share = (e.weight or 0.0) / total if total else 0.0
        after = ", once no priority storylet can fire" if urgent else ""
        lines.append(f"  {e.storylet} (drawn by chance after a day passes: weight "
                     f"{e.weight:g}, {share:.0%} of draws{after}){_read(e.values)}")
    if not urgent and not drawn:
        lines.append(f"  none of the storylets starting {prefix!r}" if prefix
                     else "  nothing: the day's plan comes back")
    failing = [e for e in judged if not e.eligible]
    if failing:
        lines.append("Cannot fire now (the first requirement that fails):")
    other_phase = [e for e in failing if not prefix and (e.reason or "").startswith("phase:")]
    lines += [f"  {e.storylet}: {e.reason}{_read(e.values)}" for e in failing
              if e not in other_phase]
    if other_phase:
        lines.append(f"  and {len(other_phase)} storylets of another phase (eligible NAME "
                     "shows one)")
    return lines


def _read(values: dict[str, Any]) -> str:
    if not values:
        return ""
    return " [read: " + ", ".join(f"{name} = {_shown(v)}" for name, v in values.items()) + "]"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def trace_lines(game: Game, prefix: str = "") -> list[str]:
    """The values expressions read now (those starting with ``prefix``), and the last check."""
    found = trace(game)
    names = [name for name in found.values if name.startswith(prefix)]
    lines = [f"Values expressions read now{f' (names starting {prefix!r})' if prefix else ''}:"]
    width = max((len(name) for name in names), default=0)
    lines += [f"  {name.ljust(width)} = {_shown(found.values[name])}" for name in names]
    if not names:
        lines.append(f"  no name starts with {prefix!r}")
    if found.last_check is None:
        lines.append("Last check: none yet.")
    else:
        outcome = "succeeded" if found.last_success else "failed"
        odds = f"{found.last_odds:.0%}" if found.last_odds is not None else "?"
        lines.append(f"Last check: {found.last_check}, odds {odds}, {outcome}"
                     f"{_read(found.last_values)}")
    return lines
