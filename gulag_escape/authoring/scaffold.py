"""``gulag-escape new NAME``: a small, complete scenario folder to start writing from.

The scenario is a commented template shipped in the package (``templates/scenario.yaml``)
with the new id, title and paths filled in. It plays to a freedom and a captured ending as
written, so an author changes a working game step by step instead of facing an empty file.

The editor comment on its first line must lead to a JSON Schema wherever the folder is
made. The schema is written beside the scenario, generated from this version's models:
a checkout's ``scenarios/`` and an installed package's data are both somewhere else, and a
relative path into either breaks as soon as the folder moves. When the new folder goes into
a folder that already holds ``scenario.schema.json`` (the shipped ``scenarios/``), the
comment points to that one instead, as the shipped scenarios' comments do.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from gulag_escape.errors import UsageError
from gulag_escape.files import SHARED, write_atomically
from gulag_escape.scenario.models import Id
from gulag_escape.scenario.sources import MAIN_FILE

SCHEMA_FILE = "scenario.schema.json"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def template_text() -> str:
    """The commented scenario template, with ``{{name}}`` placeholders."""
    return files("gulag_escape.authoring").joinpath("templates", "scenario.yaml").read_text(
        encoding="utf-8")


def title_for(name: str) -> str:
    """A readable working title from an id: ``river-road`` → ``River road``."""
    return re.sub(r"[-_]+", " ", name).strip().capitalize()


def scaffold_text(name: str, schema: str, path: str) -> str:
    """The template with its placeholders filled; every placeholder must have a value."""
    values = {"id": name, "title": title_for(name), "schema": schema, "path": path}
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template_text())


def check_name(name: str) -> None:
    """Refuse a NAME that is not a scenario id, saying what an id may hold."""
    try:
        TypeAdapter(Id).validate_python(name)
    except ValidationError:
        raise UsageError(
            f"'{name}' cannot be a scenario's id: use lower-case letters, digits, - and _, "
            "starting with a letter, at most 48 characters (e.g. river-road)."
        ) from None


def create_scenario(name: str, parent: Path) -> Path:
    """Write the folder ``parent/name`` with the scenario (and a schema copy); return it.

    Nothing is written when the folder or a file of that name already exists: the author's
    work is never overwritten.
    """
    check_name(name)
    folder = parent / name
    if folder.exists() or folder.is_symlink():
        kind = "folder" if folder.is_dir() else "file"
        raise UsageError(
            f"{folder} already exists (a {kind}); nothing was written. Choose another NAME, "
            "another --dir, or move the existing one away first."
        )
    shared_schema = parent / SCHEMA_FILE
    schema = f"../{SCHEMA_FILE}" if shared_schema.is_file() else SCHEMA_FILE
    text = scaffold_text(name, schema, folder.as_posix())
    try:
        folder.mkdir(parents=True)
        write_atomically(folder / MAIN_FILE, text, SHARED)
        if not shared_schema.is_file():
            from gulag_escape.scenario.schema import scenario_schema_text

            write_atomically(folder / SCHEMA_FILE, scenario_schema_text(), SHARED)
    except OSError as error:
        raise UsageError(f"could not write {folder}: {error.strerror or error}. Check that "
                         "the folder is writable, or choose another --dir.") from None
    return folder
