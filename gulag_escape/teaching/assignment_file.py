"""Reading an assignment file: YAML → model → checked against its scenario, all file:line.

The same three steps as a scenario (:mod:`gulag_escape.scenario.loader`): the YAML is read
safely, the value is validated by the models, and the references into the scenario — the
pinned version and digest, the profile, the content categories, the storylets and choices
the questions are tied to — are checked once the scenario is loaded. Every problem is
reported at once, at the line it was written on.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gulag_escape.engine.options import GO_ON
from gulag_escape.errors import AssignmentError, Problem, ScenarioError
from gulag_escape.scenario.loader import (
    SCENARIO_DIR,
    LoadedScenario,
    load_scenario,
    resolve_scenario_path,
    validated,
)
from gulag_escape.scenario.models import Scenario
from gulag_escape.scenario.sources import SourceMap, display_path
from gulag_escape.scenario.yamlsource import YamlProblem, read_yaml
from gulag_escape.teaching.assignment import Assignment

Finding = tuple[tuple[Any, ...], str, str]
"""(where in the file, what is wrong, how to fix it)."""

ENGINE_CHOICES = frozenset({
    "wait", "march", "force", "rest", "fire", "forage", "surrender", GO_ON,
    "approach", "avoid", "papers", "around", "truck", "back",
    "ration:full", "ration:half", "ration:none",
})
"""Choices the engine itself offers (:mod:`gulag_escape.engine.options`), besides
``march:LEG`` and ``bribe:ITEM``; a test plays games and checks every logged id is known."""


@dataclass(frozen=True)
class LoadedAssignment:
    """An assignment ready to play: the model, its scenario and its identity."""

    model: Assignment
    scenario: LoadedScenario
    scenario_path: Path
    """The scenario's file or folder."""
    digest: str
    """SHA-256 of the assignment's canonical JSON: reports name the assignment they obey."""
    source: str
    """Where it was read from, as shown to people."""


def load_assignment(path: Path) -> LoadedAssignment:
    """Read, validate and check an assignment; raise :class:`AssignmentError` listing every
    problem (or :class:`ScenarioError` when the scenario it names is broken)."""
    shown = display_path(path)
    if not path.is_file():
        raise AssignmentError([Problem(shown, 0, 0, "no such assignment file",
                                       "write one with `gulag-escape assignment new -o FILE`")])
    try:
        document = read_yaml(path, shown)
    except YamlProblem as problem:
        raise AssignmentError([problem.problem]) from None
    source_map = SourceMap(document)
    if not isinstance(document.value, dict):
        raise AssignmentError([Problem(shown, 1, 1, "an assignment is a mapping of keys",
                                       "start from `gulag-escape assignment new`")])
    try:
        model = validated(Assignment, document.value, source_map)
    except ScenarioError as error:
        raise AssignmentError(error.problems) from None
    location = _scenario_location(model, path, source_map)
    scenario = load_scenario(location)
    findings = list(check_against_scenario(model, scenario))
    if findings:
        raise AssignmentError([source_map.problem(loc, message, hint)
                               for loc, message, hint in findings])
    digest = hashlib.sha256(model.canonical_json().encode("utf-8")).hexdigest()
    return LoadedAssignment(model, scenario, location, digest, shown)


def scenario_location(model: Assignment, assignment_path: Path) -> Path | None:
    """The scenario's file or folder; None when the id names no shipped scenario."""
    pin = model.scenario
    if pin.path is not None:
        return assignment_path.parent / pin.path
    shipped = resolve_scenario_path(pin.id)
    return shipped if shipped.is_relative_to(SCENARIO_DIR) else None


def _scenario_location(model: Assignment, path: Path, source_map: SourceMap) -> Path:
    location = scenario_location(model, path)
    if location is None or not location.exists():
        where, what = (("scenario", "path"), f"there is no scenario at '{model.scenario.path}'"
                       ) if model.scenario.path else (
                       ("scenario", "id"), f"there is no shipped scenario '{model.scenario.id}'")
        raise AssignmentError([source_map.problem(
            where, what, "give a shipped scenario's id (see `gulag-escape list`), or the "
            "scenario's file or folder with path:, relative to this assignment")])
    return location


def check_against_scenario(model: Assignment, loaded: LoadedScenario) -> Iterator[Finding]:
    """Everything the assignment names must exist in its scenario."""
    scenario = loaded.model
    meta = scenario.meta
    pin = model.scenario
    if pin.id != meta.id:
        yield ("scenario", "id"), f"the scenario found is '{meta.id}', not '{pin.id}'", (
            "write the id its meta: section gives")
    if pin.version is not None and pin.version != meta.version:
        yield ("scenario", "version"), (
            f"the scenario is version {meta.version}, not {pin.version}"), (
            "pin the version installed, or install the version the class should play")
    if pin.digest is not None and pin.digest != loaded.digest:
        yield ("scenario", "digest"), "the scenario's files have changed since this " \
            "assignment was written", (f"its digest is now {loaded.digest}; put that here "
                                       "if the change is wanted")
    profiles = [p.id for p in scenario.profiles]
    if model.profile is not None and model.profile not in profiles:
        yield ("profile",), f"the scenario has no profile '{model.profile}'", (
            f"choose one of: {', '.join(profiles)}")
    for index, category in enumerate(model.content.leave_out):
        if category not in meta.content_notes:
            yield ("content", "leave_out", index), f"the scenario has no content category " \
                f"'{category}'", f"its categories: {', '.join(meta.content_notes)}"
    for index, question in enumerate(model.questions):
        yield from _check_anchor(index, question.storylet, question.choice, scenario)


def _check_anchor(index: int, storylet_id: str | None, choice_id: str | None,
                  scenario: Scenario) -> Iterator[Finding]:
    storylets = {s.id: s for s in scenario.storylets}
    if storylet_id is not None:
        storylet = storylets.get(storylet_id)
        if storylet is None:
            yield ("questions", index, "storylet"), f"the scenario has no storylet " \
                f"'{storylet_id}'", "use a storylet id from the scenario's storylets"
            return
        if choice_id is not None and choice_id not in {c.id for c in storylet.choices}:
            yield ("questions", index, "choice"), f"the storylet '{storylet_id}' has no " \
                f"choice '{choice_id}'", "its choices: " + ", ".join(
                    c.id for c in storylet.choices)
        return
    if choice_id is not None and not is_known_choice(choice_id, scenario):
        known = sorted(ENGINE_CHOICES | {c.id for s in scenario.storylets for c in s.choices})
        close = difflib.get_close_matches(choice_id, known, n=1)
        yield ("questions", index, "choice"), f"no storylet has a choice '{choice_id}', " \
            "and the engine offers none by that name", (
                f"did you mean '{close[0]}'?" if close else
                "give a storylet choice's id, or one of the engine's: march, rest, forage, "
                "surrender...")


def is_known_choice(choice_id: str, scenario: Scenario) -> bool:
    """A storylet's choice or one the engine offers in this scenario."""
    if choice_id in ENGINE_CHOICES:
        return True
    kind, _, target = choice_id.partition(":")
    if kind == "march" and target:
        return target in {leg.id for leg in scenario.legs}
    if kind == "bribe" and target:
        return scenario.items.get(target) is not None and scenario.items[target].bribe > 0
    return any(choice_id == c.id for s in scenario.storylets for c in s.choices)
