"""Saves: round trips, crash safety, migration, damaged files, changed scenarios, slot names.

``data/saves/format1-minimal.json`` is a format-1 save of a real game of ``minimal.yaml``
(seed 11, choices wait, run, forage, ration:half, march:walk). If ``minimal.yaml`` changes,
rebuild it from that game: format 1, the log under ``choices``, no display fields.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import platformdirs
import pytest
from conftest import DATA, ROOT
from hypothesis import example, given
from hypothesis import strategies as st

from gulag_escape import __version__, saves
from gulag_escape.engine.game import Game
from gulag_escape.errors import SaveError
from gulag_escape.saves import FORMAT, SaveFile, SaveStore, default_saves_dir
from gulag_escape.scenario.loader import LoadedScenario, load_scenario

MINIMAL = DATA / "minimal.yaml"
FORMAT_1 = DATA / "saves" / "format1-minimal.json"
CHOICES = ["wait", "run", "forage", "ration:half", "march:walk"]
"""A game of minimal.yaml, seed 11, that is not over: 'march' comes next."""


@pytest.fixture(scope="module")
def scenario() -> LoadedScenario:
    return load_scenario(MINIMAL, cache=False)


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def play(scenario: LoadedScenario, choices: list[str] = CHOICES, seed: int = 11) -> Game:
    game = Game.start(scenario, seed)
    for choice in choices:
        game.choose(choice)
    return game


def edit_save(path: Path, **changes: object) -> None:
    data = json.loads(path.read_bytes())
    data.update(changes)
    path.write_text(json.dumps(data))


def scenario_copy(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """minimal.yaml with text replaced, in a file of its own (its digest then differs)."""
    text = MINIMAL.read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    return path


# --- round trip ---------------------------------------------------------------------------------


def test_round_trip_gives_the_same_game(scenario: LoadedScenario, store: SaveStore) -> None:
    game = play(scenario)
    path = store.save("before the march", game)
    assert path == store.directory / "before the march.json"

    result = store.load("before the march", scenario)

    assert result.warnings == []
    assert result.game.state == game.state
    original, loaded = game.choose("march"), result.game.choose("march")
    assert loaded.events == original.events
    assert result.game.state == game.state


def test_envelope_records_identity_and_display_fields(
    scenario: LoadedScenario, store: SaveStore
) -> None:
    game = play(scenario)
    before = dt.datetime.now(dt.UTC)
    store.save("one", game)

    save = store.read("one")

    assert save.format == FORMAT == 2
    assert before <= save.saved_at <= dt.datetime.now(dt.UTC)
    assert (save.game_version, save.scenario, save.scenario_version) == (
        __version__, "minimal", "1.0")
    assert save.scenario_digest == scenario.digest
    assert (save.seed, save.profile, save.content, save.log) == (11, "prisoner", "standard",
                                                                 CHOICES)
    assert save.state == game.state.to_dict()
    state = game.state
    assert save.label == "one"
    assert save.date == dt.date(1938, 6, 1) + dt.timedelta(days=state.day)
    assert (save.place, save.day, save.ended) == (state.place, state.day, False)


def test_an_ended_game_is_saved_as_ended(scenario: LoadedScenario, store: SaveStore) -> None:
    game = play(scenario, [*CHOICES, "march", "march", "march", "march"])
    assert game.ended
    store.save("over", game)
    assert store.read("over").ended
    assert store.load("over", scenario).game.ended


# --- crash safety -------------------------------------------------------------------------------

BASE_TOGGLES = 1500
WRITER_HOST = """
import os, sys
from pathlib import Path
from gulag_escape.engine.game import Game
from gulag_escape.saves import SaveStore
from gulag_escape.scenario.loader import load_scenario

game = Game.start(load_scenario(sys.argv[1]), 5)
game.choose("wait")
game.choose("run")
toggles = ("ration:half", "ration:full")
for turn in range(int(sys.argv[3])):
    game.choose(toggles[turn % 2])
store = SaveStore(Path(sys.argv[2]))
for _ in sys.stdin:
    writer = os.fork()
    if writer == 0:
        turn = 0
        while True:
            store.save("kill", game)
            if turn == 0:
                print("ready", os.getpid(), flush=True)
            game.choose(toggles[turn % 2])
            turn += 1
    _, status = os.waitpid(writer, 0)
    print("killed", os.WTERMSIG(status) if os.WIFSIGNALED(status) else None, flush=True)
"""
"""Forks each writer from one process that has imported everything and built the game, so
that a kill costs milliseconds rather than an interpreter start."""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_a_save_survives_a_process_killed_while_writing(
    scenario: LoadedScenario, store: SaveStore
) -> None:
    rng = random.Random(20240601)
    kills = 30
    lengths = set()
    host = subprocess.Popen(
        [sys.executable, "-c", WRITER_HOST, str(MINIMAL), str(store.directory),
         str(BASE_TOGGLES)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT,
    )
    assert host.stdin is not None and host.stdout is not None
    try:
        for kill in range(1, kills + 1):
            host.stdin.write(b"go\n")
            host.stdin.flush()
            word, pid = host.stdout.readline().split()
            assert word == b"ready"
            time.sleep(rng.uniform(0, 0.03))
            os.kill(int(pid), signal.SIGKILL)
            assert host.stdout.readline() == f"killed {int(signal.SIGKILL)}\n".encode()

            result = store.load("kill", scenario)  # replays and checks the snapshot

            assert result.warnings == []
            log = result.game.state.log
            assert log[:2] == ["wait", "run"]
            assert len(log) >= 2 + BASE_TOGGLES
            lengths.add(len(log))
            assert [(info.slot, info.error) for info in store.list()] == [("kill", None)]
            leftovers = [p.name for p in store.directory.iterdir() if p.name != "kill.json"]
            assert all(name.startswith(".kill.") and name.endswith(".tmp") for name in leftovers)
            assert len(leftovers) <= kill
    finally:
        host.kill()
        host.wait()
        host.stdin.close()
        host.stdout.close()
    assert len(lengths) > 1, "every kill landed before the second save: the test saw nothing"


def test_a_failed_write_keeps_the_previous_save(
    scenario: LoadedScenario, store: SaveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("slot", play(scenario, CHOICES[:2]))
    before = store.path("slot").read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(SaveError, match="No space left on device"):
        store.save("slot", play(scenario))
    monkeypatch.undo()

    assert store.path("slot").read_bytes() == before
    assert sorted(p.name for p in store.directory.iterdir()) == ["slot.json"]
    assert store.load("slot", scenario).game.state.log == CHOICES[:2]


def test_saving_into_a_folder_that_cannot_exist_is_a_save_error(
    scenario: LoadedScenario, tmp_path: Path
) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("")
    with pytest.raises(SaveError, match="--saves-dir"):
        SaveStore(blocker).save("slot", play(scenario))


def test_old_temporary_files_are_removed_and_recent_ones_kept(
    scenario: LoadedScenario, store: SaveStore
) -> None:
    store.directory.mkdir()
    stale = store.directory / ".slot.crashed.tmp"
    recent = store.directory / ".slot.writing.tmp"
    other = store.directory / ".other.crashed.tmp"
    for temp in (stale, recent, other):
        temp.write_text("{")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))

    store.save("slot", play(scenario))

    assert not stale.exists()
    assert recent.exists()
    assert other.exists()  # another slot's: cleaned when that slot is saved
    assert [info.slot for info in store.list()] == ["slot"]


# --- migration ----------------------------------------------------------------------------------


def test_format_1_save_is_migrated(scenario: LoadedScenario, store: SaveStore) -> None:
    store.directory.mkdir()
    path = store.directory / "old.json"
    shutil.copy(FORMAT_1, path)
    original = json.loads(FORMAT_1.read_bytes())
    assert original["format"] == 1 and "choices" in original and "log" not in original

    save = store.read("old")
    result = store.load("old", scenario)

    assert (save.format, save.log, save.state) == (2, CHOICES, original["state"])
    assert (save.label, save.date) == (None, None)
    assert (save.place, save.day, save.ended) == ("camp", original["state"]["day"], False)
    assert result.warnings == []
    assert result.game.state == play(scenario).state
    assert path.read_bytes() == FORMAT_1.read_bytes()
    [info] = store.list()
    assert (info.slot, info.label, info.error) == ("old", "old", None)

    store.save("old", result.game)
    assert json.loads(path.read_bytes())["format"] == 2
    assert store.read("old").date is not None


def test_a_newer_format_is_refused(scenario: LoadedScenario, store: SaveStore) -> None:
    path = store.save("slot", play(scenario))
    edit_save(path, format=FORMAT + 1)
    before = path.read_bytes()

    with pytest.raises(SaveError, match="made by a newer version of the game") as error:
        store.load("slot", scenario)

    assert str(path) in error.value.message
    assert path.read_bytes() == before


# --- damaged files ------------------------------------------------------------------------------


def _real_save(scenario: LoadedScenario) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return SaveStore(Path(folder)).save("x", play(scenario)).read_bytes()


def _without(data: bytes, key: str) -> bytes:
    value = json.loads(data)
    del value[key]
    return json.dumps(value).encode()


def _with(data: bytes, **changes: object) -> bytes:
    return json.dumps({**json.loads(data), **changes}).encode()


DAMAGED = {
    "empty": lambda good: b"",
    "blank": lambda good: b"  \n",
    "truncated": lambda good: good[: len(good) // 2],
    "binary": lambda good: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
    "latin-1 text": lambda good: "{\"format\": 2, \"label\": \"Zürich\"".encode("latin-1"),
    "not json": lambda good: b"seed = 11\nlog = wait, run\n",
    "json array": lambda good: b"[1, 2, 3]",
    "foreign json": lambda good: b'{"name": "left-pad", "version": "1.3.0"}',
    "format as text": lambda good: _with(good, format="2"),
    "unknown old format": lambda good: _with(good, format=0),
    "missing log": lambda good: _without(good, "log"),
    "wrong type": lambda good: _with(good, seed="eleven"),
    "extra key": lambda good: _with(good, cheats=True),
    "format 1 without its log": lambda good: _without(_with(good, format=1), "log"),
}


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_damaged_file_is_a_save_error_and_is_left_alone(
    kind: str, scenario: LoadedScenario, store: SaveStore
) -> None:
    store.directory.mkdir()
    path = store.directory / "slot.json"
    data = DAMAGED[kind](_real_save(scenario))
    path.write_bytes(data)

    for attempt in (lambda: store.load("slot", scenario), lambda: store.read("slot")):
        with pytest.raises(SaveError) as error:
            attempt()
        assert str(path) in error.value.message
        assert "\n" not in error.value.message
        assert path.read_bytes() == data

    [info] = store.list()
    assert info.slot == "slot"
    assert info.error is not None and str(path) in info.error
    assert store.latest() is None

    store.save("slot", play(scenario))  # a complete new file replaces the damaged one
    assert store.load("slot", scenario).game.state == play(scenario).state


def test_a_missing_slot_names_the_folder(scenario: LoadedScenario, store: SaveStore) -> None:
    with pytest.raises(SaveError, match="no save 'nothing'") as error:
        store.load("nothing", scenario)
    assert str(store.directory) in error.value.message


# --- edited saves -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("state", "edited health"),
        ("log", CHOICES[:-1]),
        ("log", [*CHOICES[:-1], "fly away"]),
        ("seed", 12),
    ],
    ids=["snapshot", "shorter log", "impossible log", "seed"],
)
def test_an_edited_save_is_detected(
    field: str, value: object, scenario: LoadedScenario, store: SaveStore
) -> None:
    path = store.save("slot", play(scenario))
    if value == "edited health":
        state = store.read("slot").state
        value = {**state, "stats": {**state["stats"], "health": 100.0}}
    edit_save(path, **{field: value})
    before = path.read_bytes()

    with pytest.raises(SaveError, match="was edited or is damaged") as error:
        store.load("slot", scenario)

    assert str(path) in error.value.message
    assert path.read_bytes() == before


def test_a_new_game_version_replaying_differently_loads_with_a_warning(
    scenario: LoadedScenario, store: SaveStore
) -> None:
    path = store.save("slot", play(scenario))
    edit_save(path, game_version="0.0.1")
    assert store.load("slot", scenario).warnings == []  # same result: nothing to tell

    state = store.read("slot").state
    edit_save(path, state={**state, "day": state["day"] + 1})
    result = store.load("slot", scenario)

    assert result.game.state == play(scenario).state
    [warning] = result.warnings
    assert f"Gulag Escape has changed (version 0.0.1 → {__version__})" in warning
    assert "differs from the saved one" in warning


# --- changed and other scenarios ----------------------------------------------------------------


def test_a_scenario_whose_text_changed_loads_with_a_warning(
    tmp_path: Path, store: SaveStore
) -> None:
    path = scenario_copy(tmp_path, "copy")
    store.save("slot", play(load_scenario(path)))
    path.write_text(
        path.read_text()
        .replace("The fence is low tonight.", "The wire sags tonight.")
        .replace('version: "1.0"', 'version: "1.1"')
    )
    changed = load_scenario(path)

    result = store.load("slot", changed)

    [warning] = result.warnings
    assert "the scenario 'minimal' has changed (version 1.0 → 1.1)" in warning
    assert "still matches" in warning
    assert result.game.state.log == CHOICES


def test_a_scenario_whose_rules_changed_loads_the_replayed_game(
    tmp_path: Path, store: SaveStore
) -> None:
    path = scenario_copy(tmp_path, "copy")
    store.save("slot", play(load_scenario(path), [*CHOICES[:-1], "march:walk"]))
    path.write_text(path.read_text().replace("km: 30,", "km: 300,"))
    changed = load_scenario(path)

    result = store.load("slot", changed)

    [warning] = result.warnings
    assert "version 1.0 → 1.0" in warning and "differs from the saved one" in warning
    assert result.game.state == play(changed).state


@pytest.mark.parametrize(
    ("edit", "choice", "position"),
    [
        (("id: walk,", "id: trek,"), "march:walk", 5),
        (("{id: run, label: Run,", "{id: flee, label: Flee,"), "run", 2),
    ],
    ids=["leg removed", "choice removed"],
)
def test_a_scenario_without_a_logged_choice_refuses_the_save(
    edit: tuple[str, str], choice: str, position: int, tmp_path: Path, store: SaveStore
) -> None:
    path = scenario_copy(tmp_path, "copy")
    saved = store.save("slot", play(load_scenario(path)))
    path.write_text(path.read_text().replace(*edit))
    before = saved.read_bytes()

    with pytest.raises(SaveError) as error:
        store.load("slot", load_scenario(path))

    message = error.value.message
    assert f"choice {position} of the log ('{choice}')" in message
    assert "Start a new game, or restore the version of the scenario" in message
    assert str(saved) in message
    assert saved.read_bytes() == before


def test_a_save_of_another_scenario_is_refused(
    tmp_path: Path, scenario: LoadedScenario, store: SaveStore
) -> None:
    other = load_scenario(scenario_copy(tmp_path, "other", ("id: minimal", "id: other")))
    store.save("slot", play(other))

    with pytest.raises(SaveError, match="scenario 'other', not 'minimal'"):
        store.load("slot", scenario)


# --- slot names ---------------------------------------------------------------------------------

BAD_SLOTS = ["", " ", " lead", "trail ", "..", ".", "../escape", "a/b", "a\\b", "/etc/passwd",
             "C:\\saves\\x", "C:x", "nul\0byte", "line\nbreak", "CON", "nul", "Com1", "lpt9",
             "x" * 41, "slot.json", "~", "*", "Zürich"]


@pytest.mark.parametrize("slot", BAD_SLOTS)
def test_a_bad_slot_name_is_refused_and_nothing_is_written(
    slot: str, scenario: LoadedScenario, tmp_path: Path
) -> None:
    store = SaveStore(tmp_path / "saves")
    with pytest.raises(SaveError, match="1 to 40 plain letters"):
        store.save(slot, play(scenario))
    with pytest.raises(SaveError):
        store.load(slot, scenario)
    assert not store.directory.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("slot", ["a", "x" * 40, "Before the river", "slot_2-b", "autosave",
                                  "CONSOLE", "com10"])
def test_a_good_slot_name_is_a_file_of_that_name(
    slot: str, scenario: LoadedScenario, store: SaveStore
) -> None:
    assert store.save(slot, play(scenario)) == store.directory / f"{slot}.json"
    assert store.exists(slot)


@given(st.text(max_size=60))
@example("..")
@example("../../etc/passwd")
@example("\\\\server\\share")
def test_any_slot_name_is_refused_or_stays_in_the_folder(slot: str) -> None:
    folder = Path(tempfile.gettempdir()) / "gulag-escape-slot-names"
    store = SaveStore(folder)
    try:
        path = store.path(slot)
    except SaveError as error:
        assert "cannot be used as a save slot" in error.message
    else:
        assert path.parent == folder
        assert path.name == f"{slot}.json"
        assert os.path.normpath(path) == str(path)


# --- lists, latest, delete ----------------------------------------------------------------------


def test_list_is_newest_first_and_reports_damaged_files(
    scenario: LoadedScenario, store: SaveStore
) -> None:
    store.save("first", play(scenario, CHOICES[:2]))
    store.autosave(play(scenario, CHOICES[:3]))
    store.save("third", play(scenario))
    (store.directory / "broken.json").write_text("{")
    for ignored in (".third.abc123.tmp", "notes.txt", "x.y.json", "CON.json"):
        (store.directory / ignored).write_text("{")
    store.save("first", play(scenario, CHOICES[:2]))

    infos = store.list()

    assert [info.slot for info in infos] == ["first", "broken", "third", "autosave"]
    first, broken, third, autosave = infos
    assert broken.error is not None and "broken.json" in broken.error
    assert (first.error, third.error, autosave.error) == (None, None, None)
    assert (autosave.scenario, autosave.place, autosave.day) == ("minimal", "camp",
                                                                 play(scenario, CHOICES[:3])
                                                                 .state.day)
    assert third.date == dt.date(1938, 6, 1) + dt.timedelta(days=third.day)
    assert store.latest() == first
    assert store.load("autosave", scenario).game.state.log == CHOICES[:3]


def test_latest_skips_damaged_files_and_an_empty_folder_has_none(
    scenario: LoadedScenario, store: SaveStore
) -> None:
    assert store.list() == []
    assert store.latest() is None
    store.save("good", play(scenario))
    (store.directory / "newer but broken.json").write_bytes(b"\0")
    assert store.list()[0].slot == "newer but broken"
    latest = store.latest()
    assert latest is not None and latest.slot == "good"


def test_delete_and_exists(scenario: LoadedScenario, store: SaveStore) -> None:
    store.save("slot", play(scenario))
    assert store.exists("slot")
    store.delete("slot")
    assert not store.exists("slot")
    assert not store.path("slot").exists()
    with pytest.raises(SaveError, match="no save 'slot'"):
        store.delete("slot")
    with pytest.raises(SaveError):
        store.delete("../slot")


def test_read_returns_the_model_written(scenario: LoadedScenario, store: SaveStore) -> None:
    path = store.save("slot", play(scenario))
    assert store.read("slot") == SaveFile.model_validate_json(path.read_bytes())


# --- default folder -----------------------------------------------------------------------------


def test_default_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GULAG_ESCAPE_SAVES", str(tmp_path / "mine"))
    assert default_saves_dir() == tmp_path / "mine"


def test_default_dir_in_a_checkout_is_its_saves_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GULAG_ESCAPE_SAVES")
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "saves").is_dir()
    assert default_saves_dir() == ROOT / "saves"
    monkeypatch.setenv("GULAG_ESCAPE_SAVES", "")
    assert default_saves_dir() == ROOT / "saves"


def test_default_dir_outside_a_checkout_is_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GULAG_ESCAPE_SAVES")
    (tmp_path / "saves").mkdir()  # a saves/ folder without pyproject.toml is not a checkout
    monkeypatch.setattr(saves, "CHECKOUT", tmp_path)
    expected = Path(platformdirs.user_data_dir("gulag-escape")) / "saves"
    assert default_saves_dir() == expected
