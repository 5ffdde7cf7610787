"""Verification: does a run record's story follow from its seed and its choices?

The record is played again with the engine and every claim is compared with the replay,
in the order that names an edit best: who and what was played (scenario, seed, assignment),
the log (each choice available where and when it is recorded), the outcome (ending, days,
distance, route, notes), the hash chain (an answer moved to another decision, a text
changed), and last where each answer sits (a question about one choice answered beside
another). The first divergence is the verdict, in one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gulag_escape.errors import GameError, GulagEscapeError, ReportError
from gulag_escape.scenario.loader import (
    SCENARIO_DIR,
    LoadedScenario,
    load_scenario,
    resolve_scenario_path,
)
from gulag_escape.scenario.sources import display_path
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.assignment_run import outcome_of
from gulag_escape.teaching.handin import RECORD_FILE
from gulag_escape.teaching.record import (
    AnswerEntry,
    ChoiceEntry,
    Entry,
    Header,
    RunRecord,
    read_record,
)
from gulag_escape.teaching.replay import Replay, replay
from gulag_escape.teaching.students import derived_seed, student_seed
from gulag_escape.untrusted import clean


class Divergence(Exception):
    """The first point where a record and its replay part ways."""


@dataclass(frozen=True)
class Verdict:
    """One report's verification."""

    source: str
    """The file, as shown."""
    ok: bool
    message: str
    record: RunRecord | None = None
    replay: Replay | None = None

    def line(self) -> str:
        """The verdict for a terminal: names and messages quote the record, so it is cleaned."""
        return clean(f"{self.source}: {'ok' if self.ok else 'FAILED'} — {self.message}")


@dataclass
class ScenarioLibrary:
    """The scenarios records are checked against: given files, the assignment's, shipped ones.

    Each is loaded once, however many records name it.
    """

    paths: list[Path] = field(default_factory=list)
    assignment: LoadedAssignment | None = None
    _loaded: dict[Path, LoadedScenario] = field(default_factory=dict)

    def _candidates(self, scenario_id: str) -> Iterator[LoadedScenario]:
        if self.assignment is not None:
            yield self.assignment.scenario
        for path in self.paths:
            yield self._load(path)
        shipped = resolve_scenario_path(scenario_id)
        if shipped.is_relative_to(SCENARIO_DIR) and shipped.exists():
            yield self._load(shipped)

    def _load(self, path: Path) -> LoadedScenario:
        if path not in self._loaded:
            self._loaded[path] = load_scenario(path)
        return self._loaded[path]

    def find(self, header: Header) -> LoadedScenario:
        wanted = header.scenario
        same_id = [s for s in self._candidates(wanted.id) if s.id == wanted.id]
        exact = next((s for s in same_id if s.digest == wanted.digest), None)
        if exact is not None:
            return exact
        if same_id:
            here = same_id[0]
            raise Divergence(
                f"the report was made with '{wanted.id}' {wanted.version} (digest "
                f"{wanted.digest[:12]}…), but the scenario here is {here.model.meta.version} "
                f"(digest {here.digest[:12]}…); give that version's files with --scenario")
        raise Divergence(f"no scenario '{wanted.id}' is installed here; give its file or "
                         "folder with --scenario PATH")


def record_path(path: Path) -> Path:
    """A report folder stands for the record inside it."""
    return path / RECORD_FILE if path.is_dir() else path


def verify_file(path: Path, library: ScenarioLibrary, shown: str | None = None) -> Verdict:
    """Read and verify one record file (or report folder); never raises a user's error."""
    source = shown or display_path(path)
    if path.is_dir() and not (path / RECORD_FILE).exists():
        return Verdict(source, False, f"this folder holds no run record ({RECORD_FILE}); give "
                       "the students' report folders or their run.json files")
    try:
        record = read_record(record_path(path), source)
    except ReportError as error:
        return Verdict(source, False, error.message)
    return verify_record(record, library, source)


def verify_record(record: RunRecord, library: ScenarioLibrary, source: str) -> Verdict:
    played: Replay | None = None
    try:
        scenario = library.find(record.header)
        _check_identity(record, library.assignment)
        _check_numbering(record.choices)
        try:
            played = replay(scenario, record.header.seed, record.header.profile,
                            record.header.content, [c.id for c in record.choices])
        except GameError as error:
            raise Divergence(f"the run cannot be started again: {error.message}") from None
        _check_log(record.choices, played)
        _check_outcome(record, played)
        _check_chain(record)
        _check_answers(record, played)
    except Divergence as divergence:
        return Verdict(source, False, str(divergence), record, played)
    except GulagEscapeError as error:  # the scenario itself cannot be loaded
        return Verdict(source, False, f"{error.title}: {error.message}", record, played)
    return Verdict(source, True, _summary(record), record, played)


def _summary(record: RunRecord) -> str:
    outcome = record.outcome
    end = (f"{outcome.kind} ('{outcome.ending}') on day {outcome.days}" if outcome.finished
           else f"unfinished, on day {outcome.days}")
    answers = len(record.answers)
    return (f"{record.header.student}: {end}, {outcome.km:.0f} km, {len(record.choices)} "
            f"choices, {answers} answer{'s' if answers != 1 else ''}")


def _check_identity(record: RunRecord, assignment: LoadedAssignment | None) -> None:
    header = record.header
    if header.seed_mode == "per-student":
        drawn = derived_seed(header.assignment.class_name, header.student, header.seed_salt)
        if drawn != header.seed:
            raise Divergence(f"the seed {header.seed} is not the one drawn for "
                             f"'{header.student}' in '{header.assignment.class_name}' ({drawn})")
    if assignment is None:
        return
    if header.assignment.digest != assignment.digest:
        raise Divergence(f"the report was made for another assignment "
                         f"('{header.assignment.title}'), not '{assignment.model.title}'")
    expected = student_seed(assignment.model, header.student)
    if header.seed != expected:
        raise Divergence(f"the assignment gives '{header.student}' the seed {expected}, but the "
                         f"run was played with {header.seed}")
    model = assignment.model
    if header.scenario.digest != assignment.scenario.digest:
        raise Divergence("the run was played with other scenario files than the assignment's")
    rules = {
        "seed mode": (model.seed.mode, header.seed_mode),
        "seed salt": (model.seed.value or 0, header.seed_salt),
        "content level": (model.content_level, header.content),
        "content left out": (list(model.content.leave_out), header.content_off),
        "loading rule": (model.allow_loading, header.allow_loading),
        "questions": ([(q.id, q.ask, q.storylet, q.choice) for q in model.questions],
                      [(q.id, q.ask, q.storylet, q.choice) for q in header.questions]),
    }
    if model.profile is not None:
        rules["profile"] = (model.profile, header.profile)
    for name, (wanted, found) in rules.items():
        if wanted != found:
            raise Divergence(f"the record does not match the assignment in its {name}: the "
                             "run was not played under this assignment's rules")


def _check_numbering(choices: list[ChoiceEntry]) -> None:
    for index, choice in enumerate(choices, 1):
        if choice.n != index:
            after = f"the entry after choice {index - 1}" if index > 1 else "the first entry"
            raise Divergence(f"choice {index} is missing from the log: {after} is numbered "
                             f"{choice.n}")


def _check_log(choices: list[ChoiceEntry], played: Replay) -> None:
    for choice, step in zip(choices, played.steps, strict=False):
        if (choice.scene, choice.day) != (step.scene, step.day):
            raise Divergence(
                f"choice {choice.n} ('{choice.id}') is recorded in {choice.scene} on day "
                f"{choice.day}, but the replay takes it in {step.scene} on day {step.day}")
    if played.broken_at is not None:
        choice = choices[played.broken_at - 1]
        raise Divergence(f"choice {choice.n} ('{choice.id}') is not available at that point: "
                         f"{played.reason}")


def _check_outcome(record: RunRecord, played: Replay) -> None:
    claimed = record.outcome
    actual = outcome_of(played.game, claimed.loads)
    if claimed.finished and not actual.finished:
        raise Divergence(f"recorded ending '{claimed.ending}', but the replay has not ended: it "
                         f"stands on day {actual.days} after the last choice")
    if actual.finished and not claimed.finished:
        raise Divergence(f"recorded as unfinished, but the replay ends in '{actual.ending}' on "
                         f"day {actual.days}")
    if claimed.ending != actual.ending:
        raise Divergence(f"recorded ending '{claimed.ending}', but the replay ends in "
                         f"'{actual.ending}' on day {actual.days}")
    for name in ("kind", "cause", "days", "days_free", "km", "route", "notes"):
        said, really = getattr(claimed, name), getattr(actual, name)
        if said != really:
            raise Divergence(f"the recorded {name.replace('_', ' ')} ({_shown(said)}) does not "
                             f"follow from the choices: the replay gives {_shown(really)}")


def _shown(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _check_chain(record: RunRecord) -> None:
    broken: list[Entry] = []
    previous = ""
    for entry in record.chain():
        if entry.hashed_after(previous) != entry.hash:
            broken.append(entry)
        previous = entry.hash  # the stored hash: an edit breaks its own entry, not every later one
    for entry in broken:
        if isinstance(entry, AnswerEntry):
            homes = _hashed_beside(record, entry)
            if homes:
                raise Divergence(f"answer {entry.n} is attached to {_where(entry.choice)} but "
                                 f"its hash belongs to {_where(homes[0])}")
    if broken:
        raise Divergence(_edited(broken[0]))


def _where(choice: int | None) -> str:
    return "the questions at the end" if choice is None else f"choice {choice}"


def _hashed_beside(record: RunRecord, answer: AnswerEntry) -> list[int | None]:
    """The other places (a choice's ``n``, or None for the end) whose chain the answer's
    hash was computed in: where an answer was moved from."""
    others = [a for a in record.answers if a is not answer]
    last = record.choices[-1].hash if record.choices else record.header.hash
    places: list[tuple[int | None, list[str]]] = [
        (c.n, [c.hash, *(a.hash for a in others if a.choice == c.n)]) for c in record.choices]
    places.append((None, [last, *(a.hash for a in others if a.choice is None)]))
    found: list[int | None] = []
    for choice, previous_hashes in places:
        if choice == answer.choice:
            continue
        moved = answer.model_copy(update={"choice": choice})
        if any(moved.hashed_after(p) == answer.hash for p in previous_hashes):
            found.append(choice)
    return found


def _edited(entry: Entry) -> str:
    if isinstance(entry, Header):
        what = "the header (student, seed, scenario, rules)"
    elif isinstance(entry, ChoiceEntry):
        what = f"choice {entry.n} ('{entry.id}')"
    elif isinstance(entry, AnswerEntry):
        what = f"answer {entry.n} (to '{entry.question}')"
    else:
        what = "the outcome"
    return f"{what} was changed after the report was written (its hash does not match)"


def _check_answers(record: RunRecord, played: Replay) -> None:
    questions = {q.id: q for q in record.header.questions}
    seen: set[str] = set()
    for answer in record.answers:
        question = questions.get(answer.question)
        if question is None:
            raise Divergence(f"answer {answer.n} answers '{answer.question}', which is not one "
                             "of the assignment's questions")
        if answer.question in seen:
            raise Divergence(f"answer {answer.n} answers '{answer.question}' a second time")
        seen.add(answer.question)
        at_end = question.storylet is None and question.choice is None
        if answer.choice is None:
            if not at_end:
                raise Divergence(f"answer {answer.n} is placed at the end, but its question "
                                 f"'{question.id}' belongs to a decision")
            continue
        if at_end or not 1 <= answer.choice <= len(played.steps):
            raise Divergence(f"answer {answer.n} is attached to choice {answer.choice}, but its "
                             f"question '{question.id}' is asked "
                             + ("at the end" if at_end else "at a decision of the log"))
        step = played.steps[answer.choice - 1]
        fits = (question.choice in (None, step.choice)
                and (question.storylet is None or step.scene == f"storylet:{question.storylet}"))
        if not fits:
            wanted = " of ".join(f"'{p}'" for p in (question.choice, question.storylet) if p)
            raise Divergence(f"answer {answer.n} is attached to choice {answer.choice} "
                             f"('{step.choice}' in {step.scene}), but its question "
                             f"'{question.id}' is about {wanted}")
