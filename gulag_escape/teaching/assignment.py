"""What a teacher writes: an assignment file, as frozen Pydantic models.

An assignment fixes what makes a class's runs comparable — the scenario (pinned by version
or digest), the seed policy, the profile and the content level — and adds what a lesson
needs: instructions shown before play and reflection questions, some tied to a storylet or
a choice so the answer sits beside the decision in the run report. Like scenario models,
every field is documented with an attribute docstring (they become the JSON Schema's
descriptions) and an unknown key is an error, never a silent default.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from gulag_escape.scenario.models import ContentLevel, Id, Line, NameId, Strict, Text

ChoiceId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,47}(:[a-z][a-z0-9_-]{0,47})?$")]
"""A choice id as the game logs it: a storylet choice's id, or one of the engine's choices
(``march``, ``rest``, ``surrender``, ``march:LEG``, ``ration:half``...)."""

MAX_SEED = 2**31 - 1
SCHEMA_COMMAND = "gulag-escape assignment schema -o scenarios/assignment.schema.json"


class ScenarioPin(Strict):
    """Which scenario the class plays, and how strictly it is pinned."""

    id: Id
    """The scenario's id (``meta.id``): a shipped scenario when no ``path`` is given."""
    path: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    """A scenario file or folder, relative to this assignment file."""
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")] | None = None
    """Refuse to play any other version of the scenario (``meta.version``)."""
    digest: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    """Refuse any other file contents: the SHA-256 that `gulag-escape assignment new` fills
    in. Strictest pin: a corrected typo in the scenario changes it."""


class SeedPolicy(Strict):
    """Who meets which world."""

    mode: Literal["shared", "per-student"]
    """``shared``: the whole class meets the same world, so runs can be compared day by day.
    ``per-student``: each student's world is drawn from the class name and their name."""
    value: int | None = Field(default=None, ge=0, le=MAX_SEED)
    """``shared``: the seed itself (required). ``per-student``: mixed into every student's
    seed, so the same class can be given new worlds next year."""

    @model_validator(mode="after")
    def _shared_needs_value(self) -> SeedPolicy:
        if self.mode == "shared" and self.value is None:
            raise ValueError("a shared seed needs its value, e.g. value: 1937")
        return self


class ContentSettings(Strict):
    """How much of the hardest material is shown."""

    level: ContentLevel = "mild"
    """``mild`` leaves out graphic details; ``standard`` states them plainly."""
    leave_out: list[NameId] = Field(default=[])
    """Content categories (the keys of the scenario's ``content_notes``) to leave out. The
    engine cannot remove a whole category from a story: it plays at the ``mild`` level,
    which leaves out the graphic details of every category, and the briefing says so."""

    @model_validator(mode="after")
    def _leaving_out_needs_mild(self) -> ContentSettings:
        if self.leave_out and self.level != "mild":
            raise ValueError("content categories can only be left out at level: mild (the "
                             "engine cannot remove a category on its own)")
        return self


class Question(Strict):
    """A reflection question, asked at a decision point or at the end."""

    id: Id
    """Short id: the class summary groups answers by it."""
    ask: Text = Field(min_length=1, max_length=1000)
    """The question as the student reads it."""
    storylet: Id | None = None
    """Ask when this storylet is shown, before the student chooses; the answer is placed
    beside the choice then made. With ``choice``: only that choice of this storylet."""
    choice: ChoiceId | None = None
    """Ask right after the student takes this choice. Neither ``storylet`` nor ``choice``:
    ask at the end, after the historical notes."""

    @property
    def at_end(self) -> bool:
        return self.storylet is None and self.choice is None

    @property
    def when_shown(self) -> bool:
        """Asked when its storylet is shown (before the choice), not after a choice."""
        return self.storylet is not None and self.choice is None


class Assignment(Strict):
    """A whole assignment file."""

    model_config = ConfigDict(populate_by_name=True)

    format: Literal[1] = 1
    """Version of this file format."""
    title: Line
    """The assignment's name, shown to students and on every report."""
    class_name: Line = Field(alias="class")
    """The class, e.g. "History 9B, spring term": shown on reports and mixed into
    per-student seeds."""
    scenario: ScenarioPin
    seed: SeedPolicy
    profile: Id | None = None
    """Who every student plays (a profile id of the scenario); none lets each student choose."""
    content: ContentSettings = ContentSettings()
    allow_loading: bool = False
    """Let students load earlier saves during the run. Off, every choice stands (the report
    counts the loads either way)."""
    instructions: Text = Field(min_length=1)
    """Shown before play: what to do and what to pay attention to."""
    questions: list[Question] = Field(default=[], max_length=40)

    @model_validator(mode="after")
    def _unique_question_ids(self) -> Assignment:
        ids = [q.id for q in self.questions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"question ids must be unique; used twice: {', '.join(twice)}")
        return self

    @property
    def content_level(self) -> str:
        return self.content.level

    def canonical_json(self) -> str:
        """The assignment as stable JSON: reports pin its hash, which comments and layout
        do not change."""
        return json.dumps(self.model_dump(mode="json", by_alias=True), sort_keys=True,
                          separators=(",", ":"), ensure_ascii=False)


def assignment_schema_text() -> str:
    """The JSON Schema of assignment files, as ``scenarios/assignment.schema.json`` holds it."""
    from gulag_escape.scenario.schema import scenario_schema

    schema = scenario_schema(Assignment)
    schema["title"] = "Gulag Escape assignment"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
