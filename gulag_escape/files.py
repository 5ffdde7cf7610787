"""Files on disk: read with limits, written whole or not at all. One definition of each.

Reading: a file named by a person may be no file at all (a named pipe that never sends, a
symlink to ``/dev/zero``) or far too large; :func:`read_bytes` and :func:`read_text` read
regular files only, opened without blocking, with a size cap, and say why they refused in
words for a person (:class:`FileRefused`).

Writing: saves, run records, reports, settings, the scenario cache, the teacher guides,
transcripts, new scenarios, crash logs and every ``-o FILE`` are all written by
:func:`write_atomically` (a temporary file beside the target, flushed to disk, then renamed),
so a crash or a full disk leaves the old file or the new one, never half of one. A test
(tests/test_files.py) fails when code elsewhere writes a file another way.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

MAX_BYTES = 8 * 1024 * 1024
"""The largest file read: saves, records, transcripts and scenarios are far smaller."""
SHARED = 0o644
"""The mode of a file written for others to read (a report, a page, a new scenario, a
template), where a save or the settings stay private (0600)."""
TEMP_SUFFIX = ".tmp"
"""The suffix of a write in progress: ``.<stem>.<random>.tmp`` beside the target."""


class FileRefused(Exception):
    """A file that was not read; ``reason`` says why in words for a person ("it is a folder").

    ``kind`` is one of "missing", "folder", "special" (a pipe, device or socket), "large"
    (then ``size`` is the size seen), "binary" or "unreadable", for readers that word it their way.
    """

    def __init__(self, path: Path, reason: str, kind: str = "unreadable", size: int = 0) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.kind = kind
        self.size = size


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`FileRefused`.

    The file is opened with ``O_NONBLOCK`` (a named pipe then opens at once instead of
    waiting for a writer) and checked on the open descriptor, so a pipe, a device such as
    ``/dev/zero`` or a symlink to one is refused, and nothing can be swapped in between the
    check and the read. The read itself is capped, so a file growing while read is refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # A first look without opening: some devices act when opened.
        if not stat.S_ISREG(os.stat(path).st_mode) and not path.is_dir():
            raise FileRefused(path, _SPECIAL, "special")
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused(path, "there is no such file", "missing") from None
    except IsADirectoryError:
        raise FileRefused(path, "it is a folder, not a file", "folder") from None
    except OSError as error:
        raise FileRefused(path, f"it cannot be opened ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(path, "it is a folder, not a file", "folder")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(path, _SPECIAL, "special")
        if info.st_size > limit:
            raise FileRefused(path, _too_large(info.st_size, limit), "large", info.st_size)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise FileRefused(path, f"it cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise FileRefused(path, _too_large(size, limit), "large", size)
    return b"".join(chunks)


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """A UTF-8 text file read as by :func:`read_bytes`; binary or non-UTF-8 is refused."""
    data = read_bytes(path, limit)
    if b"\0" in data:
        raise FileRefused(path, "it is a binary file, not text", "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileRefused(path, f"it is not UTF-8 text (byte {error.start + 1})",
                          "binary") from None


_SPECIAL = "it is not a regular file (a pipe, a device or a socket)"


def _too_large(size: int, limit: int) -> str:
    return f"it is {size:,} bytes, more than the {limit:,} bytes allowed"


def write_atomically(path: Path, data: bytes | str, mode: int | None = None) -> None:
    """Temporary file, flushed to disk, then renamed: the rename is the only visible change.

    Text is written as UTF-8 with its line ends as they are. The file is private (0600)
    unless ``mode`` says otherwise (:data:`SHARED` for what others read). A symlink is
    followed, so the file it names is replaced and the link stays, as a plain write would
    do; a target that is not a regular file (``-o /dev/null``, a pipe) is refused with an
    :class:`OSError`, since renaming over it would replace the device itself.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(os.path.realpath(path))
    with suppress(FileNotFoundError):
        kind = os.stat(path).st_mode
        if not (stat.S_ISREG(kind) or stat.S_ISDIR(kind)):  # a folder: the rename says so
            raise OSError(errno.EINVAL, _SPECIAL, str(path))
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=TEMP_SUFFIX)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    # The rename is durable only once the folder itself is on disk; Windows cannot open a
    # folder for that, and there the rename alone must do.
    with suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def write_output(path: Path, data: str) -> None:
    """Where a person asked for a command's output (``-o``): a pipe or a device
    (``-o /dev/stdout``, ``-o /dev/null``) is written as a stream, as a shell would; a file
    atomically, keeping the mode of one that exists (readable by all, :data:`SHARED`, when
    new)."""
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        write_atomically(path, data, SHARED)
        return
    if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind):
        # A reader that stopped early (``-o /dev/stdout | head``) is not an error, as for any
        # other tool in a pipeline.
        with suppress(BrokenPipeError), open(path, "w", encoding="utf-8") as stream:
            stream.write(data)
        return
    write_atomically(path, data, stat.S_IMODE(kind) if stat.S_ISREG(kind) else SHARED)


def rewrite(path: Path, change: Callable[[str], str]) -> None:
    """A text file changed in place (a generated block of a docs page): read as by
    :func:`read_text`, given to ``change``, written back atomically with its mode kept.

    :class:`FileRefused` when it cannot be read, :class:`OSError` when it cannot be written;
    an exception from ``change`` leaves the file untouched.
    """
    text = read_text(path)
    write_atomically(path, change(text), stat.S_IMODE(os.stat(path).st_mode))


def remove_stale_temps(path: Path, older_than: float) -> None:
    """Temporary files of ``path`` left by a crash, older than ``older_than`` seconds; recent
    ones may be another writer's, still at work."""
    now = time.time()
    for temp in path.parent.glob(f".{path.stem}.*{TEMP_SUFFIX}"):
        with suppress(OSError):
            if now - temp.stat().st_mtime > older_than:
                temp.unlink()
