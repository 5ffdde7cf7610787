"""The numbers an author balances a scenario by, gathered from many simulated games.

Everything here is computed from the games in seed order, so a report is the same whatever
the number of worker processes that played them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from gulag_escape.simulation.distributions import Distributions
from gulag_escape.spread import Spread

if TYPE_CHECKING:
    from gulag_escape.scenario.loader import LoadedScenario
    from gulag_escape.scenario.models import Scenario
    from gulag_escape.simulation.runner import GameRecord, GameSpec

DEATH_KINDS = frozenset({"died", "killed"})
UNFINISHED = "unfinished"
"""The kind counted for a game stopped by the turn cap, where breakdowns must add up."""
NEVER_ESCAPED = "never"
"""The month of escape of a game that never left the camp."""


@dataclass(frozen=True)
class BandCheck:
    """One of the scenario's ``meta.balance`` bands against the share simulated."""

    policy: str
    profile: str
    """The profile the games were played as (the band names it, or holds for every one)."""
    kind: str
    min: float
    max: float
    share: float
    ok: bool


@dataclass(frozen=True)
class SimulationReport:
    """What ``runs`` games of one policy came to; game ``i`` was played with seed ``seed + i``."""

    scenario: str
    runs: int
    seed: int
    policy: str
    profile: str
    content: str
    turn_cap: int
    endings: dict[str, int]
    """Games per ending id, most frequent first; with ``turn_capped``, adds up to ``runs``."""
    kinds: dict[str, int]
    """Games per ending kind (freedom, captured, died...)."""
    causes: dict[str, int]
    """What ended the games: pursuit, checkpoint, cold, story, arrived..."""
    deaths: dict[str, int]
    """Causes of the games that ended in death (kinds ``died`` and ``killed``)."""
    escaped: int
    """Games in which the run began."""
    days: Spread
    """Days from the first day in camp to the end."""
    days_free: Spread
    """Days on the run (0 for a game that never left the camp)."""
    km: Spread
    storylets: dict[str, int]
    """Games in which each storylet fired, by storylet id in the scenario's order."""
    never_reached: list[str]
    """Storylets that fired in no game."""
    choices: dict[str, int]
    """Times each choice was taken; storylet choices as ``storylet/choice``."""
    turn_capped: list[int]
    """Seeds of the games still running after ``turn_cap`` choices."""
    dead_ends: dict[str, int]
    """Games that met a storylet (or scene) whose every choice was refused, by its id."""
    bands: tuple[tuple[str, float, float], ...]
    """The scenario's balance bands for this policy and profile: (kind, min, max)."""
    storylet_times: dict[str, int] = field(default_factory=dict)
    """Times each storylet fired over all games, in the scenario's order."""
    storylet_choices: dict[str, int] = field(default_factory=dict)
    """Times each storylet choice was taken, as ``storylet/choice`` in the scenario's order,
    the choices never taken included."""
    ended_at: dict[str, dict[str, int]] = field(default_factory=dict)
    """Where the games ended, in route order: ``place:ID`` or ``leg:ID`` to games by ending
    kind (:data:`UNFINISHED` for a game stopped by the turn cap); adds up to ``runs``."""
    by_escape_month: dict[str, dict[str, int]] = field(default_factory=dict)
    """Games by the month the run began (``YYYY-MM``, then :data:`NEVER_ESCAPED`) to games
    by ending kind; adds up to ``runs``."""
    distributions: Distributions | None = None
    """Whole distributions for a written report's charts; None unless asked for."""

    def check_bands(self) -> list[BandCheck]:
        """Each balance band of this policy and profile with the share of games of its kind."""
        checks = []
        for kind, low, high in self.bands:
            share = round(self.kinds.get(kind, 0) / self.runs, 4)
            checks.append(BandCheck(self.policy, self.profile, kind, low, high, share,
                                    low <= share <= high))
        return checks

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data: the fields, with the band checks in place of the bands."""
        data = asdict(self)
        del data["bands"]
        data["bands"] = [asdict(check) for check in self.check_bands()]
        return data


def build_report(scenario: LoadedScenario, spec: GameSpec, runs: int,
                 records: Sequence[GameRecord]) -> SimulationReport:
    """Aggregate the games, which must be in seed order."""
    ended = [r for r in records if r.ending is not None]
    seen: Counter[str] = Counter()
    choices: Counter[str] = Counter()
    dead_ends: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    for record in records:
        seen.update(record.seen)
        fired.update(dict(record.fired))
        choices.update(dict(record.choices))
        dead_ends.update(scene for scene, _ in record.dead_ends)
    storylet_ids = [storylet.id for storylet in scenario.model.storylets]
    profile = spec.profile or scenario.model.profiles[0].id
    return SimulationReport(
        scenario=scenario.id,
        runs=runs,
        seed=spec.seed,
        policy=spec.policy,
        profile=profile,
        content=spec.content,
        turn_cap=spec.turn_cap,
        endings=_ranked(r.ending for r in ended),
        kinds=_ranked(r.kind for r in ended),
        causes=_ranked(r.cause or "unknown" for r in ended),
        deaths=_ranked(r.cause or "unknown" for r in ended if r.kind in DEATH_KINDS),
        escaped=sum(1 for r in records if r.escaped),
        days=Spread.of(r.days for r in records),
        days_free=Spread.of(r.days_free for r in records),
        km=Spread.of(r.km for r in records),
        storylets={sid: seen[sid] for sid in storylet_ids},
        never_reached=[sid for sid in storylet_ids if not seen[sid]],
        choices=_ranked_counts(choices),
        turn_capped=[r.seed for r in records if r.capped],
        dead_ends=_ranked_counts(dead_ends),
        bands=tuple((band.kind, band.min, band.max) for band in scenario.model.meta.balance
                    if band.policy == spec.policy and band.profile in (None, profile)),
        storylet_times={sid: fired[sid] for sid in storylet_ids},
        storylet_choices={key: choices[key] for key in storylet_choice_ids(scenario.model)},
        ended_at=_ended_at(scenario.model, records),
        by_escape_month=_by_escape_month(scenario.model.calendar.start, records),
        distributions=Distributions.of(records) if spec.trace else None,
    )


def storylet_choice_ids(model: Scenario) -> list[str]:
    """Every storylet choice as ``storylet/choice``, in the scenario's order."""
    return [f"{storylet.id}/{choice.id}" for storylet in model.storylets
            for choice in storylet.choices]


def route_order(model: Scenario) -> list[str]:
    """Places and legs as ``place:ID`` and ``leg:ID``: each place, then the legs leaving it."""
    order = []
    for place in model.places:
        order.append(f"place:{place.id}")
        order += [f"leg:{leg.id}" for leg in model.legs if leg.from_ == place.id]
    return order


def _kind(record: GameRecord) -> str:
    return record.kind or UNFINISHED


def _ended_at(model: Scenario, records: Sequence[GameRecord]) -> dict[str, dict[str, int]]:
    where: dict[str, Counter[str]] = {}
    for record in records:
        key = f"leg:{record.leg}" if record.leg else f"place:{record.place}"
        where.setdefault(key, Counter())[_kind(record)] += 1
    return {key: _ranked_counts(where[key]) for key in route_order(model) if key in where}


def _by_escape_month(start: dt.date, records: Sequence[GameRecord]) -> dict[str, dict[str, int]]:
    months: dict[str, Counter[str]] = {}
    for record in records:
        day = record.escaped_day
        month = NEVER_ESCAPED if day is None else (start + dt.timedelta(days=day)).strftime("%Y-%m")
        months.setdefault(month, Counter())[_kind(record)] += 1
    ordered = sorted(months, key=lambda month: (month == NEVER_ESCAPED, month))
    return {month: _ranked_counts(months[month]) for month in ordered}


def _ranked(values: Iterable[str | None]) -> dict[str, int]:
    return _ranked_counts(Counter(v for v in values if v is not None))


def _ranked_counts(counts: Counter[str]) -> dict[str, int]:
    """Most frequent first; equal counts by name, so the order never depends on arrival."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
