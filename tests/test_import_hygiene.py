"""Headless modules never import Textual, and the command line starts without Pydantic.

Each import runs in a fresh interpreter: in this process other tests may already have
imported anything. Textual costs a third of a second and ties the engine to one front end;
Pydantic costs a fifth of a second that ``gulag-escape --help`` should not pay.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gulag_escape"
FRONT_ENDS = ("gulag_escape.tui",)
"""Only these may import Textual."""
HEADLESS = sorted(
    info.name
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="gulag_escape.")
    if not info.name.startswith(FRONT_ENDS) and not info.name.endswith("__main__")
)
"""Every other module of the package, found by walking it, so a new one cannot be missed."""


def test_the_walk_finds_the_core() -> None:
    for module in ("gulag_escape.engine.game", "gulag_escape.scenario.loader",
                   "gulag_escape.saves", "gulag_escape.plain", "gulag_escape.cli"):
        assert module in HEADLESS


def _imports(module: str) -> set[str]:
    """The top-level packages loaded by importing ``module`` in a fresh interpreter."""
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    return {name.split(".", 1)[0] for name in result.stdout.split()}


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module: str) -> None:
    assert "textual" not in _imports(module), f"importing {module} loads Textual"


def test_cli_does_not_import_pydantic() -> None:
    assert "pydantic" not in _imports("gulag_escape.cli"), (
        "importing gulag_escape.cli loads Pydantic; import it inside the command that needs it"
    )
