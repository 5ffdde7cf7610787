"""The scenarios the player can choose from: the shipped ones and one given on the command line.

Loading validates every scenario, so this module imports Pydantic; the app imports it only
after the title screen has been painted. A scenario that fails to load stays in the list
with its error, so the player sees which file is broken and why, instead of a missing card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from gulag_escape.errors import GulagEscapeError
from gulag_escape.scenario.archive import Story, archive_path, load_archive
from gulag_escape.scenario.loader import (
    LoadedScenario,
    load_scenario,
    resolve_scenario_path,
    shipped_scenarios,
)
from gulag_escape.scenario.models import Scenario


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario file and what became of loading it."""

    path: Path
    loaded: LoadedScenario | None = None
    error: GulagEscapeError | None = None

    @property
    def id(self) -> str:
        return self.loaded.id if self.loaded else self.path.stem

    @property
    def title(self) -> str:
        return self.loaded.model.meta.title if self.loaded else self.path.name

    @property
    def model(self) -> Scenario:
        """The scenario itself; only for entries that loaded (the ones that can be played)."""
        assert self.loaded is not None, f"{self.path} did not load"
        return self.loaded.model

    @cached_property
    def terms(self) -> dict[str, str]:
        """Glossary ids to their words, for rendering ``[[term]]`` links."""
        if self.loaded is None:
            return {}
        return {term.id: term.term for term in self.loaded.model.glossary}


def read_entry(path: Path) -> ScenarioEntry:
    try:
        return ScenarioEntry(path, loaded=load_scenario(path))
    except GulagEscapeError as error:
        return ScenarioEntry(path, error=error)


@dataclass(frozen=True)
class Catalogue:
    """Every scenario on offer, in the order shown."""

    entries: tuple[ScenarioEntry, ...]
    requested: ScenarioEntry | None = None
    """The scenario named on the command line, if any."""
    stories: tuple[Story, ...] = ()
    """The archive of escape stories (``scenarios/archive.yaml``)."""
    stories_error: GulagEscapeError | None = None

    @classmethod
    def read(cls, requested: str | None = None, shipped: Sequence[Path] | None = None
             ) -> Catalogue:
        """Load ``shipped`` (default: the scenarios shipped with the game) and ``requested``."""
        paths = shipped_scenarios() if shipped is None else shipped
        wanted = resolve_scenario_path(requested).resolve() if requested else None
        entries = [read_entry(path) for path in paths]
        chosen = next((e for e in entries if wanted and e.path.resolve() == wanted), None)
        if wanted is not None and chosen is None:
            chosen = read_entry(wanted)
            entries.insert(0, chosen)
        stories, error = _read_stories()
        return cls(tuple(entries), chosen, stories, error)

    def find(self, scenario_id: str) -> ScenarioEntry | None:
        """The loaded scenario with this id (saves name their scenario by id)."""
        return next((e for e in self.entries if e.loaded and e.id == scenario_id), None)


def _read_stories() -> tuple[tuple[Story, ...], GulagEscapeError | None]:
    if not archive_path().exists():
        return (), None
    try:
        return tuple(load_archive().stories), None
    except GulagEscapeError as error:
        return (), error
