"""Shared test set-up: each test's own save and settings folders; the slow tests first.

The scenario cache is shared by the tests of one worker: its entries are keyed by the
scenario files' content hash and places and the game's version, so a test can only ever read back
what loading the same files would give, and a shipped scenario is parsed once per worker
instead of once per test. Tests of the cache itself take a folder of their own
(``fresh_scenario_cache``).
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest
from tmux_terminal import terminal  # noqa: F401 - a fixture for every test folder

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def _shared_scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                   _shared_scenario_cache: Path):
    """Never read or write the user's cache or saves from a test."""
    monkeypatch.setenv("GULAG_ESCAPE_CACHE", str(_shared_scenario_cache))
    monkeypatch.setenv("GULAG_ESCAPE_SAVES", str(tmp_path_factory.mktemp("saves")))
    monkeypatch.setenv("GULAG_ESCAPE_CONFIG", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("GULAG_ESCAPE_CRASH_DIR", str(tmp_path_factory.mktemp("crashes")))


@pytest.fixture
def fresh_scenario_cache(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty scenario cache of this test's own, for tests that count its files."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("GULAG_ESCAPE_CACHE", str(folder))
    return folder


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests marked slow first (a stable sort keeps the order within each group).

    pytest-xdist hands tests out in this order: a long test started last would keep one
    worker busy after the other has run out of work; started first, the short ones fill in
    around it (longest first, the classic rule for balancing work between machines).
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


# Pilot tests may be written as ``async def``: no asyncio plugin is installed (the suite needs
# none elsewhere), and without this hook pytest would skip a coroutine test with a warning.
@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name]
                 for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


def line_of(text: str, marker: str) -> int:
    """The 1-based line on which ``marker`` first appears."""
    return text[: text.index(marker)].count("\n") + 1
