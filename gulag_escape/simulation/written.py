"""Writing a study's report to a file, in the format its name asks for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gulag_escape.errors import UsageError
from gulag_escape.files import SHARED, write_atomically
from gulag_escape.pages.document import Document
from gulag_escape.pages.html_page import html_page
from gulag_escape.pages.markdown_page import markdown_page
from gulag_escape.simulation.contents import build_document
from gulag_escape.simulation.study import Study

FORMATS: dict[str, Callable[[Document], str]] = {
    ".html": html_page, ".htm": html_page, ".md": markdown_page, ".markdown": markdown_page,
}
"""Each file suffix a report can be written as."""


def write_report(study: Study, path: Path) -> None:
    """Write the report whole or not at all: a failed write leaves any earlier file as it was."""
    writer = FORMATS.get(path.suffix.lower())
    if writer is None:
        raise UsageError(f"cannot write a report as {path.name}: name the file .html or .md")
    text = writer(build_document(study))
    try:
        write_atomically(path, text, SHARED)
    except OSError as error:
        raise UsageError(f"cannot write the report {path}: {error.strerror or error}; "
                         "choose a folder that exists and that you can write to") from None
