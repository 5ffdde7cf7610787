"""The commented assignment template that `gulag-escape assignment new` writes.

The template is filled in from the real scenario — its id, version and digest, a storylet
with many choices for a question at a decision point, the surrender choice when the
scenario has one — so that it validates as written and shows every feature by example.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from gulag_escape.scenario.loader import SCENARIO_DIR, LoadedScenario
from gulag_escape.scenario.models import Scenario, Storylet


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def scenario_reference(location: Path, output: Path | None) -> str | None:
    """The ``path:`` line's value for a scenario outside the shipped ones, or None."""
    resolved = location.resolve()
    if resolved.is_relative_to(SCENARIO_DIR):
        return None
    base = (output.resolve().parent if output else Path.cwd().resolve())
    try:
        return Path(os.path.relpath(resolved, base)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return resolved.as_posix()


def _decision_storylet(scenario: Scenario) -> Storylet:
    """The storylet with the most choices: a decision worth a question."""
    return max(scenario.storylets, key=lambda s: len(s.choices))


COMMENT_COLUMN = 36


def _lines(rows: list[tuple[str, str]]) -> str:
    """YAML lines with their comments lined up in one column."""
    out = []
    for code, comment in rows:
        if comment:
            out.append(f"{code:<{COMMENT_COLUMN - 1}} # {comment}" if code else
                       f"{'':<{COMMENT_COLUMN - 1}} # {comment}")
        else:
            out.append(code)
    return "\n".join(out) + "\n"


def assignment_template(loaded: LoadedScenario, path: str | None) -> str:
    """The template's text for ``loaded`` (found at ``path`` when not shipped)."""
    scenario = loaded.model
    meta = scenario.meta
    storylet = _decision_storylet(scenario)
    storylet_title = " ".join(storylet.title.split())
    rows: list[tuple[str, str]] = [
        ("# A Gulag Escape assignment. Check it with: gulag-escape assignment check FILE", ""),
        ('# Students play it with: gulag-escape play --assignment FILE --student "Their Name"',
         ""),
        ("# Editors can check this file against scenarios/assignment.schema.json.", ""),
        ("format: 1", ""),
        (f"title: {_quoted(meta.title + ': the decisions that mattered')}", ""),
        ('class: "History 9B"', "on every report; part of per-student seeds"),
        ("", ""),
        ("scenario:", ""),
        (f"  id: {meta.id}", "a shipped scenario's id (gulag-escape list)"),
    ]
    if path:
        rows.append((f"  path: {_quoted(path)}", "the scenario's files, relative to this one"))
    rows += [
        (f"  version: {_quoted(meta.version)}", "refuse any other version"),
        ("", "the digest refuses any change to the scenario's"),
        ("", "files; delete it to accept corrected versions"),
        (f"  digest: {loaded.digest}", ""),
        ("", ""),
        ("seed:", ""),
        ("  mode: shared", "shared: everyone meets the same world;"),
        ("  value: 1937", "per-student: a world from class + name"),
        ("", "(value is then optional, and mixed in)"),
        ("", ""),
        (f"profile: {scenario.profiles[0].id}",
         "who everyone plays; delete to let students choose"),
        ("", ""),
        ("content:", ""),
        ("  level: mild", "mild leaves out graphic details; or standard"),
        ("  leave_out: []", "categories to leave out, of:"),
        ("", ", ".join(meta.content_notes)),
        ("", "(no category can be removed: it plays at mild)"),
        ("", ""),
        ("allow_loading: false", "true lets students load earlier saves"),
        ("", ""),
        ("instructions: |", ""),
        ("  Play once, to the end. Read the historical notes after the ending: they say what "
         "really", ""),
        ("  happened and how sure historians are. Answer the questions as you go; your answers "
         "go", ""),
        ("  into the run report with the decision you made. Hand in the whole report folder.",
         ""),
        ("", ""),
        ("questions:", ""),
        ("  - id: before-choosing", ""),
        (f"    storylet: {storylet.id}", f"asked when shown: {storylet_title}"),
        ("    ask: Before you choose, which of these options seems most likely to work, and "
         "why?", ""),
    ]
    if scenario.endings_for.surrender:
        rows += [
            ("  - id: gave-up", ""),
            ("    choice: surrender", "asked right after this choice"),
            ("    ask: You gave yourself up. What made you decide, and what did you expect to "
             "happen next?", ""),
        ]
    else:
        first = storylet.choices[0]
        rows += [
            ("  - id: chose-first", ""),
            (f"    storylet: {storylet.id}", ""),
            (f"    choice: {first.id}", "asked right after this choice"),
            (f"    ask: {_quoted('Why did you choose “' + first.label + '”?')}", ""),
        ]
    rows += [
        ("  - id: fact-or-fiction", "no storylet or choice: asked at the end"),
        ("    ask: Which historical note surprised you most? What is its evidence level, and "
         "what", ""),
        ("      does that level tell you about how sure we can be?", ""),
        ("  - id: decisions", ""),
        ("    ask: Which one of your decisions mattered most for how your run ended? Explain.",
         ""),
    ]
    return _lines(rows)
