"""YAML → validated, compiled scenario, with every problem reported at once as file:line.

A scenario loads in three steps: the YAML is read safely (:mod:`.sources`), the value is
validated by the Pydantic models, and the whole-scenario checks compile the expressions
and resolve every reference (:mod:`.references`). A validated scenario is cached as JSON
under a key made of its files' content hash and this package's version, so the next start
skips YAML parsing entirely.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import hashlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from gulag_escape import __version__
from gulag_escape.errors import Problem, ScenarioError
from gulag_escape.files import FileRefused, read_bytes, write_atomically
from gulag_escape.scenario.expressions import Expression
from gulag_escape.scenario.models import Scenario
from gulag_escape.scenario.references import Checker
from gulag_escape.scenario.sources import (
    MAIN_FILE,
    SourceMap,
    display_path,
    read_scenario_source,
)
from gulag_escape.scenario.yamlsource import YamlProblem

M = TypeVar("M", bound=BaseModel)
ARCHIVE_FILE = "archive.yaml"
"""The archive of escape stories beside the scenarios; not a scenario itself."""

SCENARIO_DIR = Path(str(files("gulag_escape") / "_scenarios")).resolve()
"""Shipped scenarios: package data in an installed wheel; in a checkout ``_scenarios`` is a
symlink to the authors' working copy, ``scenarios/``, so both are the same files."""


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario ready to play: the model, its compiled expressions and its identity."""

    model: Scenario
    expressions: Mapping[str, Expression]
    digest: str
    """SHA-256 of the scenario's files: saves and reports pin it."""
    source: str
    """Where it was loaded from, as shown to people."""

    @property
    def id(self) -> str:
        return self.model.meta.id

    def expr(self, text: str) -> Expression:
        return self.expressions[text]


def load_scenario(path: Path | str, *, cache: bool = True) -> LoadedScenario:
    """Load a scenario file or folder; raise :class:`ScenarioError` listing every problem."""
    path = _existing(path)
    with _no_gc():
        # The YAML node tree dies with _load's frame, before the collector is back on:
        # otherwise its first pass walks hundreds of thousands of dead objects.
        return _load(path, cache)


def load_scenario_with_sources(path: Path | str) -> tuple[LoadedScenario, SourceMap]:
    """Load from the YAML (never the cache) and keep the map from values to file lines,
    for tools that point into a scenario that loads (``validate``'s lint)."""
    path = _existing(path)
    with _no_gc():
        return _read(path, _digest(_scenario_files(path)))


def _existing(path: Path | str) -> Path:
    path = Path(path)
    if not path.exists():
        raise ScenarioError([Problem(str(path), 0, 0, "no such file or folder",
                                     "give a path to a .yaml file, or a shipped scenario's id "
                                     "(see `gulag-escape list`)")])
    return path


def _load(path: Path, cache: bool) -> LoadedScenario:
    files = _scenario_files(path)
    digest = _digest(files)
    key = _cache_key(path, files, digest)
    cached = _read_cache(key) if cache else None
    if cached is not None:
        checker = Checker(cached)
        if not checker.run(links=False):
            main = path / MAIN_FILE if path.is_dir() else path
            return LoadedScenario(cached, checker.expressions, digest, display_path(main))
    loaded, _ = _read(path, digest)
    if cache:
        _write_cache(key, loaded.model)
    return loaded


def _read(path: Path, digest: str) -> tuple[LoadedScenario, SourceMap]:
    try:
        value, source_map, _ = read_scenario_source(path)
    except YamlProblem as problem:
        raise ScenarioError([problem.problem]) from None
    model = validated(Scenario, value, source_map)
    checker = Checker(model)
    findings = checker.run()
    if findings:
        raise ScenarioError([source_map.problem(*finding) for finding in findings])
    loaded = LoadedScenario(model, checker.expressions, digest, source_map.main.path)
    return loaded, source_map


def resolve_scenario_path(name: str) -> Path:
    """A shipped scenario's id, or a path given by the player."""
    shipped = SCENARIO_DIR / f"{name}.yaml"
    if "/" not in name and "\\" not in name and not name.endswith((".yaml", ".yml")):
        if shipped.exists():
            return shipped
        folder = SCENARIO_DIR / name
        if (folder / "scenario.yaml").exists():
            return folder
    return Path(name)


def shipped_scenarios() -> list[Path]:
    """Paths of every scenario shipped in ``scenarios/``."""
    files = sorted(p for p in SCENARIO_DIR.glob("*.yaml") if p.name != ARCHIVE_FILE)
    folders = sorted(p for p in SCENARIO_DIR.iterdir() if (p / "scenario.yaml").exists())
    return files + folders


@contextmanager
def _no_gc() -> Iterator[None]:
    """Large loads allocate millions of small objects; the collector makes that super-linear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scenario_files(path: Path) -> list[Path]:
    """The files whose bytes make a scenario's identity (a folder: every YAML file in it).

    A folder without a scenario file is not walked: ``validate ~`` must fail at once, not
    after hashing every YAML file in the home folder.
    """
    if path.is_file():
        return [path]
    if not (path / MAIN_FILE).is_file():
        return []
    return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def _digest(files: list[Path]) -> str:
    """Hash the files' names and bytes; a file too large to load is hashed by its size only,
    so a 50 MB mistake is refused by the reader without being read into memory first."""
    hasher = hashlib.sha256()
    for file in files:
        hasher.update(file.name.encode())
        try:
            hasher.update(read_bytes(file))
        except FileRefused as refused:  # reading it again reports the error with its path
            hasher.update(f"{refused.size} bytes".encode() if refused.kind == "large"
                          else b"unreadable")
    return hasher.hexdigest()


def _cache_key(path: Path, files: list[Path], digest: str) -> str:
    """The cache's key: the digest (the identity saves and assignments pin) hashes each file's
    name and bytes but not its folder, so a part moved where the includes no longer find it
    would still load from the cache, though loading the files fails. The key adds where
    each file is, apart by separators."""
    root = path if path.is_dir() else path.parent
    places = "\0".join(file.relative_to(root).as_posix() for file in files)
    return hashlib.sha256(f"{digest}\0{places}".encode()).hexdigest()


def cache_dir() -> Path:
    """Where validated scenarios are cached; ``GULAG_ESCAPE_CACHE`` overrides."""
    override = os.environ.get("GULAG_ESCAPE_CACHE")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gulag-escape"))


def _cache_file(key: str) -> Path:
    return cache_dir() / f"{key[:32]}-{__version__}.json"


def _read_cache(key: str) -> Scenario | None:
    try:
        data = _cache_file(key).read_bytes()
    except OSError:
        return None
    try:
        return Scenario.model_validate_json(data)
    except ValidationError:
        return None  # a stale or damaged cache entry is simply rebuilt


def _write_cache(key: str, model: Scenario) -> None:
    target = _cache_file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, model.model_dump_json(by_alias=True))
    except OSError:
        return  # the cache only saves time; a read-only disk must not stop the game


# --- turning Pydantic's errors into an author's messages ------------------------------------

_MESSAGES = {
    "missing": "missing key '{field}'",
    "extra_forbidden": "unknown key '{field}'",
    "literal_error": "{input!r} is not allowed here: expected {expected}",
    "string_pattern_mismatch": "{input!r} is not a valid id or value here",
    "effect": "{msg}",
    "value_error": "{msg}",
}
_LOCATED_AT_KEY = {"missing", "extra_forbidden"}
"""Errors shown at a key: the unknown key itself, or the section a missing key belongs in."""


MAX_PROBLEMS = 1000
"""Problems listed for one file, like a compiler: past that, one line says how many more (a
file of 200,000 unknown keys must not take a minute to explain each one)."""


def validated(model: type[M], value: Any, source_map: SourceMap) -> M:
    """``value`` validated as ``model``; every problem located, all raised at once."""
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise ScenarioError(_problems_from_validation(error, source_map, model)) from None


def _problems_from_validation(
    error: ValidationError, source_map: SourceMap, root: type[BaseModel]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, int, int, str]] = set()
    items = error.errors(include_url=False)
    for index, item in enumerate(items):
        if len(problems) == MAX_PROBLEMS:
            problems.append(Problem(
                source_map.main.path, 0, 0,
                f"{len(items) - index:,} more problems are not listed",
                "fix the ones above and validate again"))
            break
        loc = tuple(item["loc"])
        kind = item["type"]
        field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "value")
        template = _MESSAGES.get(kind, "{field}: {msg}")
        message = template.format(
            field=field,
            input=item.get("input"),
            expected=(item.get("ctx") or {}).get("expected", ""),
            msg=_plain(item["msg"], item.get("input")),
        )
        hint = _hint_for(kind, loc, item.get("input"), root)
        where = loc[:-1] if kind == "missing" else loc
        problem = source_map.problem(where, message, hint, key=kind in _LOCATED_AT_KEY)
        key = (problem.path, problem.line, problem.column, problem.message)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return problems


def _plain(message: str, given: Any = None) -> str:
    """Pydantic's message without its "Value error, " prefix, starting in lower case; a text's
    length is in characters (pydantic says "items" once a validator runs before the limit)."""
    message = message.removeprefix("Value error, ")
    if isinstance(given, str):
        message = message.replace(" items after validation", " characters")
    return message[:1].lower() + message[1:]


def _hint_for(kind: str, loc: tuple[Any, ...], given: Any, root: type[BaseModel]) -> str:
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1], root)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            return f"did you mean '{close[0]}'?"
        return "allowed keys: " + ", ".join(allowed) if allowed else ""
    if kind == "missing":
        return "see docs/scenario-format.md for what this section needs"
    if kind == "string_type" and isinstance(given, bool):
        return "YAML reads yes, no, on, off, true and false as true/false: quote the text"
    if kind == "string_type" and isinstance(given, dt.date):
        return (f"YAML reads {given.isoformat()} as a date, not as text: quote it, "
                f'"{given.isoformat()}"')
    if kind == "string_type" and isinstance(given, int | float):
        return f"YAML reads {given!r} as a number, not as text: quote it as written"
    if kind.endswith(("_type", "_parsing")) and kind != "model_type":
        return "check the indentation and the value's type"
    return ""


def _allowed_keys(loc: tuple[Any, ...], root: type[BaseModel]) -> list[str]:
    """The keys the model at ``loc`` accepts, found by following the models' annotations."""
    annotation: Any = root
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    model = _step(annotation, None)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _step(annotation: Any, part: Any) -> Any:
    """The annotation one ``part`` further along an error's location, or None.

    ``part`` is a field name, a list index, a mapping key or, in a tagged union, the tag
    Pydantic adds to the location. With ``part=None`` the model ``annotation`` stands for.
    """
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _step(args[0], part)
    if origin in (Union, UnionType):
        for arg in args:
            tags = [m.tag for m in getattr(arg, "__metadata__", ()) if isinstance(m, Tag)]
            if part is not None and part in tags:
                return get_args(arg)[0]
        found = (_step(arg, part) for arg in args)
        return next((step for step in found if step is not None), None)
    if origin is list:
        return args[0] if isinstance(part, int) else None
    if origin is dict:
        return args[1] if isinstance(part, str) else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if part is None:
            return annotation
        field = next((f for name, f in annotation.model_fields.items()
                      if (f.alias or name) == part), None)
        return field.annotation if field else None
    return None
