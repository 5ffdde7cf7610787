"""The JSON record of a run: what a report claims, sealed by a hash chain.

A record holds everything a replay needs (scenario identity, seed, profile, content, the
choice log) and everything the report claims (answers and the decision each belongs to, the
outcome). Every entry carries ``hash = sha256(previous hash + canonical JSON of the
entry)``, walked in one fixed order: the header, each choice followed by the answers
attached to it, the answers given at the end, the outcome. The chain is no signature (anyone
can recompute it); it catches hand edits and says where they are, and the replay decides
whether the claims follow from the seed and the choices.

Nothing in a record depends on the machine: no paths, no clock, no locale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gulag_escape.errors import ReportError
from gulag_escape.files import FileRefused, read_bytes
from gulag_escape.untrusted import JsonRefused, load_json

FORMAT: Final = 1
MARK: Final = "gulag-escape run"
"""The ``record`` key's value: how a record is told from other JSON files in a folder."""
MAX_BYTES = 8 * 1024 * 1024


class Entry(BaseModel):
    """A link of the hash chain."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    hash: str = ""
    """sha256(previous entry's hash + this entry's canonical JSON without ``hash``)."""

    def canonical(self) -> str:
        data = self.model_dump(mode="json", by_alias=True, exclude={"hash"})
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    def hashed_after(self, previous: str) -> str:
        return hashlib.sha256((previous + self.canonical()).encode("utf-8")).hexdigest()


class ScenarioIdentity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str
    version: str
    digest: str
    title: str


class AssignmentIdentity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    title: str
    class_name: str = Field(alias="class")
    digest: str
    """SHA-256 of the assignment's canonical JSON."""


class QuestionRecord(BaseModel):
    """A question as the student was asked it: the report needs no assignment file."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str
    ask: str
    storylet: str | None
    choice: str | None


class Header(Entry):
    """Who played what, under which rules."""

    engine_version: str
    assignment: AssignmentIdentity
    student: str
    scenario: ScenarioIdentity
    seed: int
    seed_mode: Literal["shared", "per-student"]
    seed_salt: int
    profile: str
    content: str
    content_off: list[str]
    allow_loading: bool
    questions: list[QuestionRecord]


class ChoiceEntry(Entry):
    """One choice of the log, with where and when it was taken (checked by the replay)."""

    n: int
    """1 for the first choice of the run."""
    id: str
    scene: str
    """``storylet:ID``, ``encounter:ID``, ``checkpoint:PLACE`` or ``plan:camp``/``plan:run``."""
    day: int


class AnswerEntry(Entry):
    """A student's answer to one question."""

    n: int
    """1 for the first answer given."""
    question: str
    choice: int | None
    """The choice (its ``n``) the answer belongs to; None for a question asked at the end."""
    text: str


class Outcome(Entry):
    """How the run ended (or where it stood, unfinished)."""

    finished: bool
    ending: str | None
    kind: str | None
    cause: str | None
    days: int
    days_free: int
    km: float
    route: list[str]
    """Place ids reached, from the start."""
    notes: list[str]
    """Historical notes the run opened, in order."""
    loads: int
    """Saves loaded during the run (only when the assignment allows it)."""


class RunRecord(BaseModel):
    """A whole record file."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    format: Literal[1]
    record: Literal["gulag-escape run"]
    header: Header
    choices: list[ChoiceEntry]
    answers: list[AnswerEntry]
    outcome: Outcome

    def chain(self) -> Iterator[Entry]:
        """Every entry in the order its hash was computed."""
        yield self.header
        by_choice: dict[int | None, list[AnswerEntry]] = {}
        for answer in self.answers:
            by_choice.setdefault(answer.choice, []).append(answer)
        for choice in self.choices:
            yield choice
            yield from by_choice.pop(choice.n, [])
        yield from by_choice.pop(None, [])
        for stray in by_choice.values():  # attached to no choice of the log
            yield from stray
        yield self.outcome

    def sealed(self) -> RunRecord:
        """The record with every hash (re)computed along the chain."""
        hashes: dict[int, str] = {}
        previous = ""
        for entry in self.chain():
            previous = hashes[id(entry)] = entry.hashed_after(previous)
        return RunRecord(
            format=self.format, record=self.record,
            header=self.header.model_copy(update={"hash": hashes[id(self.header)]}),
            choices=[c.model_copy(update={"hash": hashes[id(c)]}) for c in self.choices],
            answers=[a.model_copy(update={"hash": hashes[id(a)]}) for a in self.answers],
            outcome=self.outcome.model_copy(update={"hash": hashes[id(self.outcome)]}),
        )

    def to_json(self) -> str:
        """The file's text: stable key order, readable, a trailing newline."""
        return json.dumps(self.model_dump(mode="json", by_alias=True), indent=1,
                          ensure_ascii=False) + "\n"


def read_record(path: Path, shown: str | None = None) -> RunRecord:
    """A record file, or :class:`ReportError` saying plainly why it is not one."""
    name = shown or str(path)
    try:
        data = read_bytes(path, MAX_BYTES)
    except FileRefused as refused:
        if refused.kind == "large":
            raise ReportError(f"{name} is {refused.size:,} bytes: too large to be a run "
                              "record") from None
        raise ReportError(f"cannot read {name}: {refused.reason}") from None
    return parse_record(data, name)


def parse_record(data: bytes, name: str) -> RunRecord:
    try:
        raw = load_json(data)
    except JsonRefused as error:
        raise ReportError(f"{name} is not a run record: {error}") from None
    if not isinstance(raw, dict) or raw.get("record") != MARK:
        raise ReportError(f"{name} is not a Gulag Escape run record")
    if raw.get("format") != FORMAT:
        raise ReportError(f"{name} has record format {raw.get('format')!r}; this version "
                          f"reads format {FORMAT}")
    try:
        return RunRecord.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ReportError(f"{name} is damaged: {where}: {first['msg']}") from None

