"""Saves: a versioned envelope around a game's seed and choice log, written atomically.

A save is what makes a game (scenario identity, seed, profile, content level, choice log)
plus a snapshot of the state it led to. Loading *replays* the log and compares the result
with the snapshot, so an edited or damaged file is caught instead of being played, and a
save outlives a corrected scenario as long as its choices still exist.

Files are JSON written through one Pydantic model, :class:`SaveFile`; older layouts are
brought up to date by the small migrations in :data:`MIGRATIONS`. A save is written to a
temporary file in the same folder and renamed over the old one, so a crash or a full disk
at any moment leaves the previous save whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from gulag_escape import __version__
from gulag_escape.engine.game import Game
from gulag_escape.errors import GameError, SaveError
from gulag_escape.files import FileRefused, read_bytes, remove_stale_temps, write_atomically
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.untrusted import JsonRefused, clean, load_json

FORMAT: Final = 2
"""The envelope layout this version writes; older ones are migrated on reading."""

AUTOSAVE = "autosave"
SAVES_ENV = "GULAG_ESCAPE_SAVES"
CHECKOUT = Path(__file__).resolve().parent.parent
"""The folder above the package: a source checkout when it holds ``pyproject.toml``."""

_SUFFIX = ".json"
_STALE_TEMP_SECONDS = 3600
"""A temporary file this old was left by a crash, not by a save still being written."""
_SLOT_RULE = (
    "a slot name is 1 to 40 plain letters (A-Z, a-z), digits, spaces, '-' or '_', does not "
    "begin or end with a space, and is not a name Windows keeps for devices (CON, PRN, AUX, "
    "NUL, COM0-9, LPT0-9)"
)
_SLOT = re.compile(r"[A-Za-z0-9_-]([A-Za-z0-9 _-]{0,38}[A-Za-z0-9_-])?")
_RESERVED = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]", re.IGNORECASE)


class SaveFile(BaseModel):
    """The save envelope: one file, one game."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True,
                              use_attribute_docstrings=True)

    format: Literal[2]
    """Layout version; see :data:`MIGRATIONS` for the older ones."""
    saved_at: AwareDatetime
    """When it was written, in UTC."""
    game_version: str
    """The Gulag Escape version that wrote it."""
    scenario: str
    """The scenario's id: a save of one scenario never loads into another."""
    scenario_version: str
    scenario_digest: str
    """SHA-256 of the scenario's files when saved: a different one means it changed since."""
    seed: int
    profile: str
    content: str
    log: list[str]
    """Every choice taken, in order: with the seed, this *is* the game."""
    state: dict[str, Any]
    """``GameState.to_dict()`` at saving time; a replay of the log must reproduce it."""
    label: str | None
    """The slot it was saved to (a copied file keeps it); None if migrated from format 1."""
    date: dt.date | None
    """In-game date; None if migrated from format 1, which needed the scenario to know it."""
    place: str
    """Id of the place the player was at."""
    day: int
    ended: bool


def _from_format_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 kept the log under ``choices`` and had no display fields for lists."""
    data = dict(data)
    data["log"] = data.pop("choices")
    state = data["state"]
    data.update(format=2, label=None, date=None, place=state["place"], day=state["day"],
                ended=state["ending"] is not None)
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_format_1}
"""``{format: step}``: each step turns a file of that format into the next format."""


class _Header(BaseModel):
    """Just enough of any save to know which layout the rest is in."""

    model_config = ConfigDict(strict=True)

    format: int


@dataclass(frozen=True)
class LoadResult:
    """A loaded game and what the player should be told about it."""

    game: Game
    warnings: list[str]


@dataclass(frozen=True)
class SaveInfo:
    """One line of a saves list; a damaged file has ``error`` set and no game details."""

    slot: str
    saved_at: dt.datetime
    """From the save; for a damaged file, when the file was last changed."""
    label: str = ""
    scenario: str = ""
    date: dt.date | None = None
    place: str = ""
    day: int = 0
    ended: bool = False
    error: str | None = None


def default_saves_dir() -> Path:
    """``$GULAG_ESCAPE_SAVES``, else ``saves/`` in a checkout, else the user's data folder."""
    override = os.environ.get(SAVES_ENV)
    if override:
        return Path(override).expanduser()
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "saves").is_dir():
        return CHECKOUT / "saves"
    import platformdirs

    return Path(platformdirs.user_data_dir("gulag-escape")) / "saves"


class SaveStore:
    """Named save slots, plus ``autosave``, as JSON files in one folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, slot: str) -> Path:
        """The file a slot is kept in; raises :class:`SaveError` for a name that is not allowed."""
        return self.directory / f"{_check_slot(slot)}{_SUFFIX}"

    def save(self, slot: str, game: Game) -> Path:
        """Write ``game`` to ``slot``, replacing what was there only once the new file is whole."""
        path = self.path(slot)
        if game.arranged:
            raise SaveError("a game changed with --start, --set or set is not saved: its seed "
                            "and choices no longer lead to it, so it could not be loaded again")
        data = _envelope(path.stem, game).model_dump_json(indent=1).encode()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        except OSError as error:
            raise SaveError(
                f"Could not write the save {path}: {error.strerror or error}. Nothing was "
                "changed; free some disk space or choose another folder with --saves-dir."
            ) from None
        remove_stale_temps(path, _STALE_TEMP_SECONDS)
        return path

    def autosave(self, game: Game) -> Path:
        return self.save(AUTOSAVE, game)

    def read(self, slot: str) -> SaveFile:
        """The envelope alone (migrated in memory, the file untouched), e.g. for a list."""
        return _read(self.path(slot))

    def load(self, slot: str, scenario: LoadedScenario) -> LoadResult:
        """The saved game, replayed from its log and checked against its snapshot."""
        path = self.path(slot)
        return _restore(path, _read(path), scenario)

    def exists(self, slot: str) -> bool:
        return self.path(slot).is_file()

    def delete(self, slot: str) -> None:
        path = self.path(slot)
        try:
            path.unlink()
        except FileNotFoundError:
            raise _missing(path) from None
        except OSError as error:
            raise SaveError(f"Could not delete the save {path}: {error.strerror or error}; "
                            "check the folder's permissions.") from None

    def list(self) -> list[SaveInfo]:
        """Every save in the folder, newest first; a damaged one is listed with its error."""
        try:
            paths = [p for p in self.directory.glob(f"*{_SUFFIX}") if _is_slot_file(p)]
        except OSError:
            return []
        infos = [_info(path) for path in paths]
        return sorted(infos, key=lambda info: (info.saved_at, info.slot), reverse=True)

    def latest(self) -> SaveInfo | None:
        """The newest save that can be read: what "continue" continues."""
        return next((info for info in self.list() if info.error is None), None)


# --- slots and files --------------------------------------------------------------------------


def _check_slot(slot: str) -> str:
    """Plain ASCII names only: nothing a file system could read as a path, device or escape."""
    if not _SLOT.fullmatch(slot) or _RESERVED.fullmatch(slot):
        raise SaveError(f"{slot!r} cannot be used as a save slot: {_SLOT_RULE}.")
    return slot


def _is_slot_file(path: Path) -> bool:
    """Saves only: not temporary files, nor other JSON a player keeps in the folder."""
    try:
        _check_slot(path.stem)
    except SaveError:
        return False
    return path.is_file()


def _envelope(slot: str, game: Game) -> SaveFile:
    state = game.state
    status = game.view().status
    scenario = game.scenario
    return SaveFile(
        format=FORMAT,
        saved_at=dt.datetime.now(dt.UTC),
        game_version=__version__,
        scenario=scenario.id,
        scenario_version=scenario.model.meta.version,
        scenario_digest=scenario.digest,
        seed=state.seed,
        profile=state.profile,
        content=state.content,
        log=state.log,
        state=state.to_dict(),
        label=slot,
        date=status.date,
        place=state.place,
        day=state.day,
        ended=game.ended,
    )


# --- reading ------------------------------------------------------------------------------------

_FIX = ("Delete it or restore it from a backup, and load another save; saving to this slot "
        "again replaces it with a good file.")


def _read(path: Path) -> SaveFile:
    try:
        data = read_bytes(path)
    except FileRefused as refused:
        if refused.kind == "missing":
            raise _missing(path) from None
        raise SaveError(f"Could not read the save {path}: {refused.reason}. Check that it is "
                        "a save file you are allowed to read.") from None
    return _parse(path, data)


def _missing(path: Path) -> SaveError:
    return SaveError(f"There is no save {path.stem!r} in {path.parent}. List the saves to see "
                     "the slots there, or pass the folder they are in with --saves-dir.")


def _parse(path: Path, data: bytes) -> SaveFile:
    try:
        header = _Header.model_validate_json(data)
    except ValidationError as error:
        raise _damaged(path, data, error) from None
    try:
        value = load_json(data)  # the limits on nesting and numbers that pydantic lacks
    except JsonRefused as refused:
        raise SaveError(f"The save {path} cannot be read: {refused}. {_FIX}") from None
    if header.format > FORMAT:
        raise SaveError(
            f"The save {path} was made by a newer version of the game (save format "
            f"{header.format}; this version {__version__} reads formats up to {FORMAT}). "
            "Update Gulag Escape to load it; the file is left as it is."
        )
    if header.format != FORMAT:
        if header.format not in MIGRATIONS:
            raise SaveError(f"The save {path} has an unknown format {header.format}; it was "
                            f"not written by Gulag Escape. {_FIX}")
        data = _migrate(path, header.format, value)
    try:
        return SaveFile.model_validate_json(data)
    except ValidationError as error:
        raise _damaged(path, data, error) from None


def _migrate(path: Path, version: int, value: Any) -> bytes:
    """Step an older file up to :data:`FORMAT`, in memory; the file itself is not rewritten."""
    try:
        while version != FORMAT:
            value = MIGRATIONS[version](value)
            version += 1
    except (KeyError, TypeError, AttributeError):
        raise SaveError(f"The save {path} says it has format {version} but does not have that "
                        f"format's layout, so it cannot be brought up to date. {_FIX}") from None
    return json.dumps(value).encode()


def _damaged(path: Path, data: bytes, error: ValidationError) -> SaveError:
    first = error.errors(include_url=False)[0]
    kind = first["type"]
    if not data.strip():
        reason = "it is empty"
    elif kind == "json_invalid" and (b"\0" in data or not _is_text(data)):
        reason = "it is not a text file"
    elif kind == "json_invalid":
        reason = f"it is not valid JSON ({first['msg']}); it may have been cut short or edited"
    elif kind == "model_type" or first["loc"] == ("format",):
        reason = "it holds JSON, but not a Gulag Escape save"
    else:
        where = ".".join(str(part) for part in first["loc"])
        reason = f"'{where}' is wrong ({first['msg']})"
    return SaveError(f"The save {path} cannot be read: {reason}. {_FIX}")


def _is_text(data: bytes) -> bool:
    try:
        data.decode()
    except UnicodeDecodeError:
        return False
    return True


def _info(path: Path) -> SaveInfo:
    try:
        save = _read(path)
    except SaveError as error:
        return SaveInfo(path.stem, _changed_at(path), label=path.stem, error=error.message)
    # Lists show these before any replay has checked them: they are text from a file.
    return SaveInfo(path.stem, save.saved_at, label=clean(save.label or path.stem),
                    scenario=clean(save.scenario), date=save.date, place=clean(save.place),
                    day=save.day, ended=save.ended)


def _changed_at(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:  # removed while listing: sorts last
        return dt.datetime.min.replace(tzinfo=dt.UTC)


# --- loading ------------------------------------------------------------------------------------


def _restore(path: Path, save: SaveFile, scenario: LoadedScenario) -> LoadResult:
    """Replay the log; trust the snapshot only as a check, never as the game itself."""
    if save.scenario != scenario.id:
        raise SaveError(f"The save {path} is a game of the scenario '{save.scenario}', not "
                        f"'{scenario.id}'. Load it with the scenario '{save.scenario}'.")
    changes = _changes(save, scenario)
    try:
        game = Game.replay(scenario, save.seed, save.profile, save.content, save.log)
    except GameError as error:
        if not changes:
            raise _edited(path, error.message) from None
        raise SaveError(
            f"The save {path} cannot be continued: {' and '.join(changes)} since it was saved, "
            f"and {error.message}. Start a new game, or restore the version of the scenario "
            "(or of Gulag Escape) it was saved with to finish this one."
        ) from None
    replayed = game.state.to_dict()
    # Fields the state gained after this save was written are not in its snapshot: compare
    # what the snapshot holds (the game itself always comes from the replay).
    matches = {key: replayed[key] for key in save.state if key in replayed} == save.state
    if not changes and not matches:
        raise _edited(path, "replaying its choices does not give the saved state")
    # A new game version that replays to the same state is nothing to tell the player about.
    if matches and save.scenario_digest == scenario.digest:
        return LoadResult(game, [])
    outcome = ("the replayed game still matches the saved one" if matches else
               "the replayed game differs from the saved one; you continue from the "
               "replayed game")
    return LoadResult(game, [f"Since this game was saved, {' and '.join(changes)}; {outcome}."])


def _changes(save: SaveFile, scenario: LoadedScenario) -> list[str]:
    """What differs between then and now that could change what the log replays to."""
    changes = []
    if save.scenario_digest != scenario.digest:
        changes.append(f"the scenario '{scenario.id}' has changed (version "
                       f"{save.scenario_version} → {scenario.model.meta.version})")
    if save.game_version != __version__:
        changes.append(f"Gulag Escape has changed (version {save.game_version} → {__version__})")
    return changes


def _edited(path: Path, why: str) -> SaveError:
    return SaveError(f"The save {path} was edited or is damaged: {why}. It is left as it is; "
                     "load another save or start a new game.")
