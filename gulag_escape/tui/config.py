"""Where the game keeps its own small files: settings and the archive record.

No Textual import: the plain mode and tests may read these too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from gulag_escape.files import FileRefused, read_bytes, write_atomically
from gulag_escape.untrusted import JsonRefused, load_json


def config_dir() -> Path:
    """The user's config folder for the game; ``GULAG_ESCAPE_CONFIG`` overrides (tests set it)."""
    override = os.environ.get("GULAG_ESCAPE_CONFIG")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("gulag-escape"))


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from ``path``; an absent or damaged file reads as empty.

    These files hold preferences, not progress: losing one must never stop the game.
    """
    try:
        data = load_json(read_bytes(path, 1024 * 1024))
    except (FileRefused, JsonRefused):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write atomically (a temporary file, then a rename) so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(data, indent=2, sort_keys=True))
