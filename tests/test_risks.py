"""Risks shown before a choice are the risks the engine then runs (issue: player trust)."""

from __future__ import annotations

import random
import re

from conftest import ROOT

from gulag_escape.engine.game import Game
from gulag_escape.engine.view import View
from gulag_escape.scenario.loader import load_scenario

KOLYMA = load_scenario(ROOT / "scenarios" / "kolyma")
KEM = load_scenario(ROOT / "scenarios" / "kem-1925")


def _on_the_run_after_the_alarm(seed: int) -> tuple[Game, View] | None:
    """A random game that keeps moving until the alarm is out and a day's plan is shown."""
    game = Game.start(KEM, seed)
    chooser = random.Random(seed)
    for _ in range(400):
        if game.ended:
            return None
        view = game.view()
        state = game.state
        if state.alarm_raised and state.scene is None and not view.ending:
            return game, view
        enabled = [c for c in view.choices if c.enabled and c.id != "surrender"]
        game.choose(chooser.choice(enabled).id)
    return None


def _some_run() -> tuple[Game, View]:
    return next(found for seed in range(1, 60) if (found := _on_the_run_after_the_alarm(seed)))


def test_a_day_on_the_run_shows_its_risk_of_capture_and_why() -> None:
    _, view = _some_run()
    rest = next(c for c in view.choices if c.id == "rest")
    assert rest.risk is not None and 0 < rest.risk < 1
    assert re.fullmatch(r"risk: .*capture \d+(\.\d)?\u00a0%.*", rest.risk_text or "")
    assert rest.rule and "search" in rest.rule
    assert "Pursuit" in rest.values and "alert" not in rest.values


def test_a_risk_shown_is_the_risk_drawn() -> None:
    """Resting shows the day's catch odds; after the rest, why? names that same draw."""
    game, view = _some_run()
    rest = next(c for c in view.choices if c.id == "rest")
    shown = rest.risk
    after = game.choose("rest").view
    check = after.last_check
    assert check is not None and check.label == "The day's search"
    if after.ending is None:
        assert check.success
    assert shown is not None and abs((1 - check.odds) - shown) < 0.011


def test_forecasting_changes_nothing() -> None:
    game, view = _some_run()
    before = game.state.to_dict()
    for choice in view.choices:
        _ = choice.risk_text
    game.view()
    assert game.state.to_dict() == before


def test_a_prisoner_who_never_got_out_is_not_said_to_have_walked() -> None:
    from gulag_escape.engine.view import EndingView, run_summary

    never = EndingView("e", "died", "T", "", None, [], days=155, days_free=None, km=0.0,
                       route=[], harm={}, turning_points=[])
    assert run_summary(never) == "155 days in the camp; you never got beyond the wire"
    out = EndingView("e", "captured", "T", "", None, [], days=155, days_free=9, km=87.4,
                     route=[], harm={}, turning_points=[])
    assert run_summary(out) == "Out 9 days, 87 km walked"


def test_detour_estimates_match_the_days_taken() -> None:
    """'Go around (about N days)' is within a day of what the detour then takes."""
    close, total = 0, 0
    for seed in range(300):
        scenario = (KOLYMA, KEM)[seed % 2]
        game = Game.start(scenario, seed, scenario.model.profiles[seed % 3].id)
        chooser = random.Random(seed)
        for _ in range(500):
            if game.ended:
                break
            view = game.view()
            enabled = [c for c in view.choices if c.enabled and c.id != "surrender"]
            moving = [c for c in enabled if c.id.startswith("march") or c.id == "around"]
            choice = chooser.choice(moving if moving and chooser.random() < 0.7 else enabled)
            text = game.choose(choice.id).view.text
            taken = re.search(r"It takes (\d+) days?", text)
            if choice.id == "around" and taken:
                estimate = int(re.search(r"about (\d+)", choice.label).group(1))  # type: ignore[union-attr]
                total += 1
                close += abs(int(taken.group(1)) - estimate) <= 1
    assert total >= 10 and close / total >= 0.9, (close, total)
