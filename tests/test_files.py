"""The one atomic writer: every file the game writes goes through it, and it keeps its promise.

A file written another way (``Path.write_text``, ``open(..., "w")``) is left half-written by
a crash or a full disk; five such writers once lived side by side, one without fsync. The
scan below fails when a new one appears outside :mod:`gulag_escape.files`.
"""

from __future__ import annotations

import ast
import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from gulag_escape import files
from gulag_escape.errors import UsageError
from gulag_escape.files import SHARED, TEMP_SUFFIX, FileRefused, rewrite, write_atomically
from gulag_escape.textout import emit

PACKAGE = ROOT / "gulag_escape"

ALLOWED = {
    "files.py": "the one writer itself",
    "tui/trace.py": "the benchmark's timing marks are appended line by line (see its comment)",
}
"""Modules that may write a file directly, and why."""

_WRITING_CALLS = {"mkstemp", "NamedTemporaryFile", "replace", "rename", "fdopen", "copy",
                  "copyfile", "copy2", "copytree", "move", "dump", "link", "symlink", "mkfifo"}
"""Names of calls that write a file (``os.replace``, ``shutil.copy``, ``json.dump`` ...)."""
_MODULES = {"os", "shutil", "tempfile", "json", "pickle", "io"}
"""Modules whose ``replace``/``copy``/``dump`` write files; ``str.replace`` is not one."""
_PATH_WRITES = {"write_text", "write_bytes", "touch", "rename", "symlink_to", "hardlink_to"}
"""Methods that write whatever they are called on (a ``Path``); no ``str`` method has
these names."""


def _mode(call: ast.Call, position: int) -> ast.expr | None:
    """The mode argument of an ``open`` call, positional or by keyword."""
    for keyword in call.keywords:
        if keyword.arg == "mode":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _read_only(call: ast.Call) -> bool:
    """An ``os.open`` whose flags say read-only in so many words; flags in a variable count
    as writing, since the scan cannot see them."""
    flags = ast.unparse(call.args[1]) if len(call.args) > 1 else ""
    return "O_RDONLY" in flags and not any(f in flags for f in ("O_WRONLY", "O_RDWR", "O_CREAT"))


def direct_writes(source: str) -> list[str]:
    """``line: call`` for each call in ``source`` that writes a file without files.py."""
    found = []
    tree = ast.parse(source)
    imported = {alias.asname or alias.name for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module in _MODULES
                for alias in node.names if alias.name in _WRITING_CALLS | {"open"}}
    """Writing functions imported by name (``from os import replace``)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        bare = isinstance(func, ast.Name)
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = func.value.id if (isinstance(func, ast.Attribute)
                                  and isinstance(func.value, ast.Name)) else None
        if name == "open" and owner != "os":
            # open(path, mode) and io.open(path, mode); any_path.open(mode)
            builtin = bare or owner == "io"
            mode = _mode(node, 1 if builtin else 0)
            constant = isinstance(mode, ast.Constant) and isinstance(mode.value, str)
            if mode is None or (constant and set(str(mode.value)) <= {"r", "b", "t"}):
                continue
            # Another object's ``open(x)`` (a pool of tabs) is no file: a method counts when
            # its first argument is written like a mode, or named one.
            if builtin or constant or any(k.arg == "mode" for k in node.keywords):
                found.append(f"{node.lineno}: open with mode {ast.unparse(mode)}")
        elif name == "open" and not _read_only(node):
            found.append(f"{node.lineno}: os.open for writing")
        elif (name in _PATH_WRITES and not bare) or (
                name in _WRITING_CALLS and (owner in _MODULES or (bare and name in imported))):
            found.append(f"{node.lineno}: {ast.unparse(func)}")
    return found


def test_the_scan_finds_each_kind_of_direct_write() -> None:
    writes = [
        "path.write_text(text)", "Path(p).write_bytes(b'')", "open(p, 'w')", "open(p, mode='a')",
        "path.open('w+')", "os.open(p, os.O_WRONLY | os.O_CREAT)", "os.replace(a, b)",
        "tempfile.mkstemp()", "shutil.copy(a, b)", "json.dump(data, handle)", "io.open(p, 'wb')",
        "open(p, chosen_mode)", "os.open(p, flags)", "self.path.open('a')",
        "Path(p).open(mode='w')", "path.touch()", "path.rename(other)", "shutil.copytree(a, b)",
        "replace(a, b)", "move(a, b)",
    ]
    harmless = [
        "open(p)", "open(p, 'rb')", "path.open('r', encoding='utf-8')", "os.open(p, os.O_RDONLY)",
        "self.path.open()", "text.replace('a', 'b')", "json.dumps(data)", "read_text(p)",
        "copy(a)",  # not the imported shutil.copy: a name of this module's own
    ]
    source = "\n".join(["from os import replace", "from shutil import move as move",
                        *writes, *harmless])
    found = [int(line.split(":")[0]) for line in direct_writes(source)]
    assert found == list(range(3, 3 + len(writes)))


def test_no_module_writes_a_file_except_through_files_py() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ALLOWED:
            continue
        offenders += [f"gulag_escape/{relative}:{hit}"
                      for hit in direct_writes(path.read_text(encoding="utf-8"))]
    assert not offenders, ("write these through gulag_escape.files.write_atomically (or add "
                           "the module to ALLOWED with the reason): " + "; ".join(offenders))


def test_allowed_modules_still_exist() -> None:
    """An exemption outliving its module would silently exempt the next file of that name."""
    assert all((PACKAGE / relative).is_file() for relative in ALLOWED)


def _mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="file modes are POSIX")
def test_a_file_is_private_unless_shared(tmp_path: Path) -> None:
    write_atomically(tmp_path / "save.json", "{}")
    write_atomically(tmp_path / "report.md", "# Report\n", SHARED)
    assert _mode_of(tmp_path / "save.json") == 0o600
    assert _mode_of(tmp_path / "report.md") == 0o644
    assert (tmp_path / "report.md").read_bytes() == b"# Report\n"


def test_text_is_written_as_utf8_with_its_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    write_atomically(target, "Ёж\nline\r\nend")
    assert target.read_bytes() == "Ёж\nline\r\nend".encode()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "save.json"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "docs" / "guide.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "guide.md"
    link.symlink_to(real)
    write_atomically(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_target_that_is_no_regular_file_is_refused_and_kept(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(pipe, "text")
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))


def test_a_folder_is_refused_and_kept(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomically(tmp_path, "text")
    assert tmp_path.is_dir()
    assert not list(tmp_path.parent.glob(f".{tmp_path.stem}.*{TEMP_SUFFIX}"))


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="file modes are POSIX")
def test_a_rewrite_changes_the_text_and_keeps_the_mode(tmp_path: Path) -> None:
    page = tmp_path / "guide.md"
    page.write_text("before <!--n-->1<!--/n--> after")
    page.chmod(0o664)
    rewrite(page, lambda text: text.replace(">1<", ">2<"))
    assert page.read_text() == "before <!--n-->2<!--/n--> after"
    assert _mode_of(page) == 0o664


def test_a_rewrite_that_fails_to_change_leaves_the_file(tmp_path: Path) -> None:
    page = tmp_path / "guide.md"
    page.write_text("no markers")

    def refuse(text: str) -> str:
        raise ValueError("no marker")

    with pytest.raises(ValueError):
        rewrite(page, refuse)
    assert page.read_text() == "no markers"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_rewrite_of_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "guide.md"
    os.mkfifo(pipe)
    with pytest.raises(FileRefused) as refused:
        rewrite(pipe, str.upper)
    assert refused.value.kind == "special"


def test_a_generated_text_goes_to_its_file_for_others_or_to_the_terminal_cleaned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "graph.md"
    emit("graph\n", target)
    assert target.read_text() == "graph\n"
    if hasattr(os, "fchmod"):
        assert _mode_of(target) == SHARED
    emit("a \x1b[2Jb\n", None)
    assert capsys.readouterr().out == "a b\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_output_pipe_gets_the_text_as_a_stream(tmp_path: Path) -> None:
    """``-o /dev/stdout`` in a pipeline: the text flows to the reader, the pipe stays a pipe."""
    pipe = tmp_path / "out"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()))
    reader.start()
    emit("graph\n", pipe)
    reader.join(timeout=10)
    assert received == ["graph\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_an_output_to_a_device_is_written_as_a_stream() -> None:
    emit("graph\n", Path(os.devnull))  # replacing the device would need root and break it
    assert Path(os.devnull).is_char_device()


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="needs file modes")
def test_an_existing_output_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")
    target.chmod(0o600)
    emit("new", target)
    assert target.read_text() == "new" and _mode_of(target) == 0o600


def test_an_output_that_is_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="could not write"):
        emit("text", tmp_path)
    assert tmp_path.is_dir()
