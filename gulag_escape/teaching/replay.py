"""A run played again from its seed and log, step by step, with what each decision looked like.

The report, the verifier and the class summary all read a run through this one replay: the
scene each choice was taken in, the label and odds the student saw, how a check fell, and
the state at that moment. Nothing is taken from the record's own claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.engine.state import GameState
from gulag_escape.engine.view import StatusView
from gulag_escape.markup import to_plain
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.textkit import long_date


def scene_key(state: GameState) -> str:
    """Where a choice is taken: a storylet, an encounter, a checkpoint or the day's plan."""
    scene = state.scene
    if scene is None:
        return f"plan:{state.phase}"
    return f"{scene[0]}:{scene[1]}"


@dataclass(frozen=True)
class Moment:
    """The state a decision was taken in, as the report shows it beside an answer."""

    date: str
    day: int
    days_free: int
    phase: str
    where: str
    km: float
    body: tuple[tuple[str, float], ...]
    food: float
    pursuit: str
    companions: tuple[str, ...]

    @classmethod
    def of(cls, status: StatusView, terms: dict[str, str]) -> Moment:
        where = status.place_name
        if status.leg_name:
            where = f"{status.leg_name}, {status.leg_km:.0f} of {status.leg_total:.0f} km"
        return cls(
            date=long_date(status.date), day=status.day, days_free=status.days_free,
            phase=status.phase, where=to_plain(where, terms), km=round(status.km, 1),
            body=tuple((g.label, round(g.value)) for g in status.body),
            food=status.food_days, pursuit=status.alert_words,
            companions=tuple(to_plain(c, terms) for c in status.companions),
        )


@dataclass(frozen=True)
class Step:
    """One choice of the log as the student met it."""

    n: int
    choice: str
    scene: str
    day: int
    title: str
    """The scene's title: a storylet's title, a place, or the date of a day's plan."""
    text: str
    """What the student read before choosing."""
    label: str
    odds: float | None
    odds_text: str | None
    """``fair chance (62 %)`` for a check, as the student saw it."""
    risk_text: str | None
    """``risk: capture 12 %`` for a choice without a check, as the student saw it."""
    check: bool | None
    """How the check of this choice fell; None when nothing was left to chance."""
    moment: Moment


@dataclass(frozen=True)
class Replay:
    """A log played again: its steps, the game it led to, and where it broke, if it did."""

    steps: list[Step]
    game: Game
    broken_at: int | None = None
    """The ``n`` of the first choice that could not be taken."""
    reason: str = ""


def replay(scenario: LoadedScenario, seed: int, profile: str, content: str,
           log: Sequence[str]) -> Replay:
    """Play ``log`` again from the start, reading each scene before its choice."""
    terms = {t.id: t.term for t in scenario.model.glossary}
    game = Game.start(scenario, seed, profile, content)
    steps: list[Step] = []
    for n, choice_id in enumerate(log, 1):
        view = game.view()
        before = game.state
        shown = next((c for c in view.choices if c.id == choice_id), None)
        try:
            game.choose(choice_id)
        except ChoiceUnavailable:
            reason = "the game was already over" if game.ended else (
                "it is not one of the choices there" if shown is None else
                "it was shown but could not be taken")
            return Replay(steps, game, n, reason)
        after = game.state
        checked = len(after.turning_points) > len(before.turning_points)
        moment = Moment.of(view.status, terms)
        steps.append(Step(
            n=n, choice=choice_id, scene=scene_key(before), day=before.day,
            title=_title(before, to_plain(view.title, terms), moment),
            text=to_plain(view.text, terms),
            label=to_plain(shown.label, terms) if shown else choice_id,
            odds=shown.odds if shown else None,
            odds_text=shown.odds_text if shown else None,
            risk_text=shown.risk_text if shown else None,
            check=bool(after.turning_points[-1][3]) if checked else None,
            moment=moment,
        ))
    return Replay(steps, game)


def _title(state: GameState, shown: str, moment: Moment) -> str:
    """A day's plan is titled with its date on screen; a report, which gives the date
    beside every step, names where the day was spent instead."""
    if state.scene is not None:
        return shown
    return "In the camp" if state.phase == "camp" else moment.where
