"""Headless modules never import Textual, and the command line starts without Pydantic.

Each import runs in a fresh interpreter: in this process other tests may already have
imported anything. Textual costs a third of a second and ties the engine to one front end;
Pydantic costs a fifth of a second that ``gulag-escape --help`` should not pay.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

HEADLESS = [
    "gulag_escape.scenario.loader",
    "gulag_escape.scenario.models",
    "gulag_escape.scenario.expressions",
    "gulag_escape.cli",
]
"""Modules that exist from the start."""
LATER = [
    "gulag_escape.engine.game",
    "gulag_escape.saves",
    "gulag_escape.simulate",
    "gulag_escape.simulation",
    "gulag_escape.plain",
]
"""Modules still being written: checked once they exist (the simulator may be a module or a
package, so both names are listed)."""


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package that does not exist yet
        return False


def _imports(module: str) -> set[str]:
    """The top-level packages loaded by importing ``module`` in a fresh interpreter."""
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    return {name.split(".", 1)[0] for name in result.stdout.split()}


@pytest.mark.parametrize("module", HEADLESS + [name for name in LATER if _exists(name)])
def test_headless_module_does_not_import_textual(module: str) -> None:
    assert "textual" not in _imports(module), f"importing {module} loads Textual"


def test_cli_does_not_import_pydantic() -> None:
    assert "pydantic" not in _imports("gulag_escape.cli"), (
        "importing gulag_escape.cli loads Pydantic; import it inside the command that needs it"
    )
