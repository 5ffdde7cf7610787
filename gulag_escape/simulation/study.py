"""Everything one ``simulate`` command plays: several policies, and perhaps a second version
of the scenario played with the same seeds, so that the two can be set side by side.

A :class:`Study` holds the reports with the names a reader needs (titles of storylets,
endings, places and legs), so the writers never go back to the scenario.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gulag_escape.errors import GameError
from gulag_escape.markup import to_plain
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.simulation.policies import POLICIES
from gulag_escape.simulation.report import BandCheck, SimulationReport
from gulag_escape.simulation.runner import Progress, simulate


@dataclass(frozen=True)
class ScenarioNames:
    """What a report calls a scenario and its parts; plain text, still to be escaped."""

    id: str
    title: str
    version: str
    file: str
    """The scenario's file or folder name."""
    storylets: dict[str, str]
    """Storylet titles by id."""
    choices: dict[str, str]
    """Storylet choice labels by ``storylet/choice``."""
    endings: dict[str, str]
    """Ending titles by id."""
    places: dict[str, str]
    """Place and leg names by ``place:ID`` and ``leg:ID``."""

    @classmethod
    def of(cls, scenario: LoadedScenario) -> ScenarioNames:
        model = scenario.model
        return cls(
            id=model.meta.id,
            title=to_plain(model.meta.title),
            version=model.meta.version,
            file=Path(scenario.source).name,
            storylets={s.id: to_plain(s.title) for s in model.storylets},
            choices={f"{s.id}/{c.id}": to_plain(c.label) for s in model.storylets
                     for c in s.choices},
            endings={e.id: to_plain(e.title) for e in model.endings},
            places={**{f"place:{p.id}": to_plain(p.name) for p in model.places},
                    **{f"leg:{leg.id}": to_plain(leg.name) for leg in model.legs}},
        )


@dataclass(frozen=True)
class Version:
    """One version of the scenario and its reports, one per player in the order asked."""

    label: str
    """How charts name this version: ``id version``, or its file when both versions carry
    the same."""
    names: ScenarioNames
    reports: tuple[SimulationReport, ...]
    letter: str = "A"
    """How table columns name it, short enough for a terminal: A, and B compared with it."""


@dataclass(frozen=True)
class Series:
    """One column of a side-by-side table or one chart of a row of them."""

    label: str
    """The player, and the version's label when two are compared."""
    column: str
    """The player, and the version's letter when two are compared."""
    policy: str
    """The player: a policy, or ``policy · profile`` (see :attr:`Study.policies`)."""
    version: Version
    report: SimulationReport


@dataclass(frozen=True)
class Study:
    """The scenario's reports and, when compared, those of the other version."""

    policies: tuple[str, ...]
    """Who played, one per report of a version: a policy, or ``policy · profile`` when the
    study plays several profiles (``--calibrate`` plays every one)."""
    versions: tuple[Version, ...]
    """The scenario, then the version it is compared with (if any)."""
    calibrating: bool = False

    @property
    def main(self) -> Version:
        return self.versions[0]

    @property
    def other(self) -> Version | None:
        return self.versions[1] if len(self.versions) > 1 else None

    @property
    def profiles(self) -> str:
        """The profiles played, in order, for a heading."""
        return ", ".join(dict.fromkeys(report.profile for report in self.main.reports))

    @property
    def first(self) -> SimulationReport:
        """Any report: they share runs, seeds, content and turn cap."""
        return self.main.reports[0]

    def series(self) -> list[Series]:
        """Policy by policy, each version beside the other."""
        compared = self.other is not None
        return [
            Series(f"{policy} · {version.label}" if compared else policy,
                   f"{policy} {version.letter}" if compared else policy, policy, version,
                   version.reports[index])
            for index, policy in enumerate(self.policies) for version in self.versions
        ]

    def only(self, policy: str) -> Study:
        """The same study with one of its policies: a comparison narrow enough for a terminal."""
        index = self.policies.index(policy)
        return replace(self, policies=(policy,), versions=tuple(
            replace(version, reports=(version.reports[index],)) for version in self.versions))

    def band_checks(self) -> list[tuple[Version, BandCheck]]:
        """Every balance band of each version for the policies played, with its verdict."""
        return [(version, check) for version in self.versions for report in version.reports
                for check in report.check_bands()]

    @property
    def bands_hold(self) -> bool:
        """Every band of the scenario holds (the compared version's are only shown)."""
        return all(check.ok for version, check in self.band_checks() if version is self.main)

    def to_dict(self) -> dict[str, Any]:
        """One shape for any study, so that a script reads one policy as it reads five: the
        scenario's reports (one per player) in ``reports``, the compared version's in
        ``compared`` (empty without one), and whether every band of the scenario holds."""
        return {
            "reports": [r.to_dict() for r in self.main.reports],
            "compared": [r.to_dict() for r in self.other.reports] if self.other else [],
            "bands_hold": self.bands_hold,
        }


def all_profiles(scenario: LoadedScenario) -> tuple[str, ...]:
    """Every profile of the scenario, in order: a calibration plays each."""
    return tuple(profile.id for profile in scenario.model.profiles)


def band_policies(scenario: LoadedScenario) -> tuple[str, ...]:
    """The policies the scenario's ``meta.balance`` bands name, in order, each known."""
    policies = tuple(dict.fromkeys(band.policy for band in scenario.model.meta.balance))
    if not policies:
        raise GameError(f"{scenario.source} declares no balance bands, so there is nothing to "
                        "calibrate; add a meta.balance list such as "
                        "[{policy: cautious, kind: freedom, min: 0.1, max: 0.4}]")
    unknown = [policy for policy in policies if policy not in POLICIES]
    if unknown:
        raise GameError(f"{scenario.source}: the balance bands name the policy "
                        f"'{unknown[0]}', which the simulator does not have; use one of: "
                        f"{', '.join(POLICIES)}")
    return policies


def run_study(
    scenarios: Sequence[LoadedScenario],
    policies: Sequence[str],
    runs: int,
    seed: int,
    *,
    workers: int | None = None,
    turn_cap: int = 2000,
    profile: str | None = None,
    profiles: Sequence[str] = (),
    content: str = "standard",
    details: bool = False,
    progress: Progress | None = None,
    calibrating: bool = False,
) -> Study:
    """Simulate every policy on every version with the same seeds: as ``profile`` (default
    the scenario's first), or as each of ``profiles`` when some are given."""
    played: Sequence[str | None] = profiles or (profile,)
    players = [(policy, who) for policy in policies for who in played]
    total = runs * len(players) * len(scenarios)
    labels = _labels([ScenarioNames.of(scenario) for scenario in scenarios])
    versions = []
    done = 0
    for letter, scenario, (label, names) in zip("AB", scenarios, labels, strict=False):
        reports = []
        for policy, who in players:
            offset = done
            step = None if progress is None else _shifted(progress, offset, total)
            reports.append(simulate(scenario, runs, seed, policy, workers=workers,
                                    turn_cap=turn_cap, progress=step, profile=who,
                                    content=content, details=details))
            done += runs
        versions.append(Version(label, names, tuple(reports), letter))
    names_played = tuple(policy if len(played) == 1 else f"{policy} · {who}"
                         for policy, who in players)
    return Study(names_played, tuple(versions), calibrating)


def _shifted(progress: Progress, offset: int, total: int) -> Progress:
    return lambda done, _runs: progress(offset + done, total)


def _labels(names: list[ScenarioNames]) -> list[tuple[str, ScenarioNames]]:
    """``id version`` for each; the file name too when two versions would read the same."""
    labels = [f"{n.id} {n.version}" for n in names]
    if len(set(labels)) < len(labels):
        labels = [f"{label} ({n.file})" for label, n in zip(labels, names, strict=True)]
    if len(set(labels)) < len(labels):
        labels = [f"{letter}: {label}" for letter, label in zip("AB", labels, strict=False)]
    return list(zip(labels, names, strict=True))
