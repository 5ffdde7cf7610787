"""The archive of escape stories: every story the game's source article told, checked.

Some stories can carry a scenario honestly; others (Volkov's walk, which no source
confirms; Theodosius, partly confirmed) cannot, and live only here, each with its evidence
level and what the sources say, so that every story is in the game and none is overstated.
The archive is a YAML file (``scenarios/archive.yaml``) validated like a scenario.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from gulag_escape.errors import ScenarioError
from gulag_escape.scenario.loader import ARCHIVE_FILE, SCENARIO_DIR, validated
from gulag_escape.scenario.models import ContentLevel, Evidence, Id, Line, Source, Strict, Text


class Story(Strict):
    """One escape story as it is told, and as far as the sources bear it out."""

    id: Id
    title: Line
    years: Line
    """When it happened or is said to have happened, e.g. "1925" or "claimed 1941–42"."""
    evidence: Evidence
    """Evidence level of the story as popularly told."""
    claim: Text
    """The story as the popular retelling tells it, in our words."""
    sources_say: Text
    """What the sources bear out, correct or contradict."""
    in_game: Line | None = None
    """The scenario that plays it, or why none does."""
    content_level: ContentLevel = "mild"
    """``standard`` hides the story at the ``mild`` content level (graphic material)."""
    sources: list[Source] = Field(min_length=1)


class Archive(Strict):
    """The whole archive file."""

    format: int = 1
    stories: list[Story] = Field(min_length=1)


def archive_path() -> Path:
    return SCENARIO_DIR / ARCHIVE_FILE


def load_archive(path: Path | None = None) -> Archive:
    """Read and validate the archive; problems are located like a scenario's."""
    from gulag_escape.scenario.sources import SourceMap
    from gulag_escape.scenario.yamlsource import YamlProblem, read_yaml

    try:
        document = read_yaml(path or archive_path())
    except YamlProblem as problem:
        raise ScenarioError([problem.problem]) from None
    archive = validated(Archive, document.value, SourceMap(document))
    seen: set[str] = set()
    for index, story in enumerate(archive.stories):
        if story.id in seen:
            raise ScenarioError([SourceMap(document).problem(
                ("stories", index, "id"), f"the id '{story.id}' is used twice")])
        seen.add(story.id)
    return archive


def is_archive(path: Path) -> bool:
    return path.name == ARCHIVE_FILE
