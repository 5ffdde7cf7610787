"""Read a scenario's YAML, one file or a folder whose ``scenario.yaml`` includes parts.

The result is the merged plain value plus a :class:`SourceMap` that turns any path into the
value (``("storylets", 57, "when")``) into the file, line and column it was written at, even
when storylet 57 came from an included part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gulag_escape.errors import Problem
from gulag_escape.scenario.yamlsource import (
    Document,
    YamlProblem,
    find_anchor,
    locate,
    read_yaml,
)

MAIN_FILE = "scenario.yaml"
MAX_PARTS = 200
INCLUDE_DOC = (
    "Only in a folder's `scenario.yaml`: the part files to read, in order, as names relative "
    "to it (`.yaml` or `.yml` files inside the folder). A part holds sections like those of "
    "`scenario.yaml`: its list and mapping sections (`storylets:`, `places:`, `items:`...) add "
    "entries to the same sections, while single sections (`meta:`, `calendar:`...) stay in "
    "`scenario.yaml`. A part cannot include others. YAML anchors (`&name`) and aliases "
    "(`*name`) work within one file only."
)
"""What ``include:`` does, for the scenario-format reference and the JSON Schema: the key
is read here, before the models see the value, so no model field documents it."""


@dataclass
class _Segment:
    start: int
    document: Document
    loc: tuple[Any, ...]


@dataclass
class SourceMap:
    """Where each part of a merged scenario value came from."""

    main: Document
    segments: dict[str, list[_Segment]] = field(default_factory=dict)
    """For each list section: which document each run of entries came from."""
    keyed: dict[tuple[str, str], Document] = field(default_factory=dict)
    """For each mapping section's key added by a part: its document."""
    sections: dict[str, Document] = field(default_factory=dict)
    """Sections the main file does not have: the part that brought each one first."""

    def locate(self, loc: tuple[Any, ...], *, key: bool = False) -> tuple[str, int, int]:
        """The file, line and column of the value at ``loc`` (of its key with ``key=True``)."""
        document, inner = self.main, loc
        if loc and isinstance(loc[0], str):
            section = loc[0]
            document = self.sections.get(section, self.main)
            if len(loc) > 1 and isinstance(loc[1], int) and section in self.segments:
                # the last run that starts at or before the entry: a run can be empty
                segment = next(
                    (s for s in reversed(self.segments[section]) if s.start <= loc[1]), None
                )
                if segment:
                    document = segment.document
                    inner = (*segment.loc, loc[1] - segment.start, *loc[2:])
            elif len(loc) > 1 and (section, loc[1]) in self.keyed:
                document = self.keyed[(section, loc[1])]
        line, column = locate(document.root, inner, key=key)
        return document.path, line, column

    def problem(
        self, loc: tuple[Any, ...], message: str, hint: str = "", *, key: bool = False
    ) -> Problem:
        path, line, column = self.locate(loc, key=key)
        return Problem(path, line, column, message, hint)


def read_scenario_source(path: Path) -> tuple[Any, SourceMap, list[Path]]:
    """Read ``path`` (a file, or a folder with scenario.yaml); return value, map, files read."""
    main_path = path / MAIN_FILE if path.is_dir() else path
    if path.is_dir() and not main_path.exists():
        raise YamlProblem(
            Problem(str(path), 0, 0, f"this folder has no {MAIN_FILE}", "a scenario folder "
                    f"keeps its metadata and an include: list in {MAIN_FILE}")
        )
    # A folder's other files are searched only when an alias is broken, to say where it is.
    main = _read_file(main_path, lambda: sorted(
        p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}) if path.is_dir() else [])
    source_map = SourceMap(main)
    files = [main_path]
    value = main.value
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "a single value"
        raise YamlProblem(
            Problem(main.path, 1, 1, f"the file holds {kind}; a scenario is a mapping of "
                    "sections", "start with `meta:` — see docs/scenario-format.md")
        )
    includes = value.pop("include", None)
    if includes is None:
        return value, source_map, files
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise YamlProblem(source_map.problem(("include",), "include: must be a list of file "
                                             "names relative to this file"))
    if len(includes) > MAX_PARTS:
        raise YamlProblem(source_map.problem(("include",), f"at most {MAX_PARTS} parts"))
    base = main_path.parent.resolve()
    parts = [main_path, *((base / name).resolve() for name in includes)]
    for index, name in enumerate(includes):
        part_path = (base / name).resolve()
        if base not in part_path.parents or part_path.suffix not in {".yaml", ".yml"}:
            raise YamlProblem(source_map.problem(
                ("include", index),
                f"cannot include '{name}'",
                "a part is a .yaml file inside the scenario's folder",
            ))
        part = _read_file(part_path, lambda: parts)
        files.append(part_path)
        _merge_part(value, part, source_map)
    return value, source_map, files


def _read_file(path: Path, others: Callable[[], list[Path]]) -> Document:
    """One file of a scenario; an alias whose anchor is in one of ``others`` (the other
    files of the scenario) says so, since each file is read on its own and anchors cannot
    reach across them."""
    try:
        return read_yaml(path, display_path(path))
    except YamlProblem as problem:
        if problem.alias is None:
            raise
        for other in others():
            found = find_anchor(other, problem.alias) if other != path else None
            if found is not None:
                raise YamlProblem(_across_files(problem.problem, problem.alias, other, found)) \
                    from None
        raise


def _across_files(problem: Problem, alias: str, other: Path, at: tuple[int, int]) -> Problem:
    return Problem(
        problem.path, problem.line, problem.column,
        f"YAML syntax: the alias '*{alias}' names no anchor in this file; the anchor '&{alias}' "
        f"is in {display_path(other)}:{at[0]}, but anchors do not cross include: files: each "
        "file of a scenario folder is read on its own",
        f"write the value out here, or keep the anchor and its aliases in one file (for a "
        f"value many parts share, repeat it in each part with its own '&{alias}')",
    )


def _merge_part(value: dict[str, Any], part: Document, source_map: SourceMap) -> None:
    if not isinstance(part.value, dict):
        raise YamlProblem(Problem(part.path, 1, 1, "a part must be a mapping of sections"))
    for section, content in part.value.items():
        if section == "include":
            line, column = locate(part.root, (section,), key=True)
            raise YamlProblem(Problem(part.path, line, column, "a part cannot include other parts",
                                      "list every part under include: in scenario.yaml"))
        existing = value.get(section)
        if existing is None:
            source_map.sections.setdefault(section, part)
        if isinstance(content, list) and isinstance(existing, list | None):
            target = value[section] = existing if existing is not None else []
            segments = source_map.segments.setdefault(section, [])
            if not segments and existing:
                segments.append(_Segment(0, source_map.main, (section,)))
            segments.append(_Segment(len(target), part, (section,)))
            target.extend(content)
        elif isinstance(content, dict) and isinstance(existing, dict | None):
            entries = value[section] = existing if existing is not None else {}
            for key, entry in content.items():
                if key in entries:
                    line, column = locate(part.root, (section, key), key=True)
                    raise YamlProblem(Problem(part.path, line, column,
                                              f"'{section}.{key}' is already defined"))
                entries[key] = entry
                source_map.keyed[(section, key)] = part
        else:
            line, column = locate(part.root, (section,))
            raise YamlProblem(Problem(
                part.path, line, column,
                f"a part can add entries to list or mapping sections; '{section}' cannot be "
                "merged here",
                "keep meta:, calendar: and other single sections in scenario.yaml",
            ))


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working folder when possible (shorter,
    and the same on every machine)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
