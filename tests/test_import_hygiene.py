"""The import contracts hold, can fail and miss no module; the command line starts without Pydantic.

The layers of docs/architecture.md are import-linter contracts in pyproject.toml, which
``lint-imports`` checks in ``python3 dev.py test``. Here the same contracts run in this process
on one import graph, so pytest alone also catches a broken layer, and each contract is shown
to reject the import it exists to forbid: a contract that cannot fail is only a comment.
Import-linter reads the source, so an import inside a function counts as much as one at the
top; one graph replaces the interpreter per module the old hygiene check started.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.domain.contract import Contract

ROOT = Path(__file__).resolve().parents[1]
CONFIG = read_configuration(str(ROOT / "pyproject.toml"))
SESSION = CONFIG["session_options"]
KINDS: dict[str, type[Contract]] = {"layers": LayersContract, "forbidden": ForbiddenContract}
"""The contract types pyproject.toml uses; a new type must be added here to be tested."""
CONTRACTS: dict[str, Contract] = {
    options["id"]: KINDS[options["type"]](
        name=options["name"], session_options=SESSION, contract_options=options)
    for options in CONFIG["contracts_options"]
}
ALLOWED = {
    "click": {"__main__", "cli", "commands"},
    "textual": {"__main__", "cli", "commands", "tui"},
    "web": {"__main__", "cli", "commands", "serve"},
}
"""For each "only X imports Y" contract, the top-level modules that may: every other one
must be among its sources, so a new module is covered the day it is written."""
ENGINE_API = {"game", "view", "state", "odds", "options", "debug", "headless"}
"""The engine modules front ends and tools may import (pyproject.toml says why); every other
engine module is a system the "engine-api" contract forbids them."""


def options_of(contract_id: str) -> dict[str, Any]:
    """The options of one contract, as pyproject.toml gives them."""
    return next(o for o in CONFIG["contracts_options"] if o["id"] == contract_id)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """The package's import graph, built as ``lint-imports`` builds it (without its cache)."""
    return grimp.build_graph(
        *SESSION["root_packages"],
        include_external_packages=str(SESSION["include_external_packages"]).lower() == "true",
        cache_dir=None,
    )


def broken(graph: grimp.ImportGraph) -> set[str]:
    """The ids of the contracts ``graph`` breaks; each checks its own copy, as lint-imports does."""
    failed = set()
    for contract_id, contract in CONTRACTS.items():
        check = contract.check(copy.deepcopy(graph), verbose=False)
        if not check.kept:
            contract.render_broken_contract(check)  # printed, so a failure shows the chain
            failed.add(contract_id)
    return failed


def test_the_contracts_hold(graph: grimp.ImportGraph) -> None:
    assert not broken(graph), "an import crosses a layer; run `lint-imports` for the chain"


@pytest.mark.parametrize(("importer", "imported", "contracts"), [
    # The rules drawing on screen, and a layer reaching up.
    ("gulag_escape.engine.game", "textual", {"textual", "rules-draw-nothing"}),
    ("gulag_escape.scenario.loader", "gulag_escape.engine.game", {"layers"}),
    ("gulag_escape.teaching.report", "click", {"click"}),
    ("gulag_escape.simulation.study", "aiohttp", {"web"}),
    ("gulag_escape.serve.server", "textual", {"textual"}),
    # Indirect: the shared kit importing a widget brings Textual to every module that uses it.
    ("gulag_escape.words", "gulag_escape.tui.render", {"layers", "textual"}),
    # Siblings in a layer are independent: front ends of each other, tools of each other.
    ("gulag_escape.plain", "gulag_escape.tui.app", {"layers", "textual"}),
    ("gulag_escape.simulation.live", "gulag_escape.teaching.report", {"layers"}),
    # Down a layer, but into the engine's systems instead of its API.
    ("gulag_escape.plain", "gulag_escape.engine.world", {"engine-api"}),
])
def test_a_forbidden_import_breaks_its_contract(graph: grimp.ImportGraph, importer: str,
                                                imported: str, contracts: set[str]) -> None:
    bad = copy.deepcopy(graph)
    bad.add_import(importer=importer, imported=imported, line_number=1,
                   line_contents=f"import {imported}")
    assert broken(bad) == contracts


def test_a_new_top_level_module_must_be_placed_in_a_layer(graph: grimp.ImportGraph) -> None:
    bad = copy.deepcopy(graph)
    bad.add_module("gulag_escape.newcomer")
    assert broken(bad) == {"layers"}


def test_an_import_inside_a_function_counts(graph: grimp.ImportGraph) -> None:
    # `play` imports the TUI only when it runs: the graph still has the edge.
    assert graph.direct_import_exists(importer="gulag_escape.commands.play",
                                      imported="gulag_escape.tui.app")


@pytest.mark.parametrize("contract_id", sorted(ALLOWED))
def test_only_contracts_cover_every_other_module(graph: grimp.ImportGraph,
                                                 contract_id: str) -> None:
    options = options_of(contract_id)
    sources = {name.removeprefix("gulag_escape.") for name in options["source_modules"]}
    top_level = {name.removeprefix("gulag_escape.") for name in graph.find_children("gulag_escape")}
    assert not sources & ALLOWED[contract_id], "a module is both allowed and forbidden"
    assert sources | ALLOWED[contract_id] == top_level, (
        f"add the missing modules to the source_modules of contract {contract_id!r}"
    )


def test_every_layer_above_the_engine_keeps_to_its_api() -> None:
    layers = options_of("layers")["layers"]
    above = {name.strip() for layer in layers[:layers.index("engine")]
             for name in re.split(r"[|:]", layer)}
    sources = {name.removeprefix("gulag_escape.")
               for name in options_of("engine-api")["source_modules"]}
    assert sources == above, "the 'engine-api' contract's sources are the layers above the engine"


def test_every_engine_module_is_api_or_a_system(graph: grimp.ImportGraph) -> None:
    options = options_of("engine-api")
    systems = {name.removeprefix("gulag_escape.engine.") for name in options["forbidden_modules"]}
    engine = {name.removeprefix("gulag_escape.engine.")
              for name in graph.find_children("gulag_escape.engine")}
    assert not systems & ENGINE_API
    assert systems | ENGINE_API == engine, (
        "a new engine module is either API (ENGINE_API here) or a system (forbidden_modules "
        "of the 'engine-api' contract in pyproject.toml)"
    )


def test_cli_does_not_import_pydantic() -> None:
    """Import time, which a contract cannot see: ``gulag-escape --help`` should not pay a fifth
    of a second for Pydantic. A fresh interpreter, since this one may have imported anything."""
    code = "import sys, gulag_escape.cli; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    loaded = {name.split(".", 1)[0] for name in result.stdout.split()}
    assert "pydantic" not in loaded, (
        "importing gulag_escape.cli loads Pydantic; import it inside the command that needs it"
    )
