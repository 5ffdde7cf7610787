"""Shared test set-up: every test gets its own scenario cache and save folder."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest
from tmux_terminal import terminal  # noqa: F401 - a fixture for every test folder

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never read or write the user's cache or saves from a test."""
    monkeypatch.setenv("GULAG_ESCAPE_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("GULAG_ESCAPE_SAVES", str(tmp_path_factory.mktemp("saves")))
    monkeypatch.setenv("GULAG_ESCAPE_CONFIG", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("GULAG_ESCAPE_CRASH_DIR", str(tmp_path_factory.mktemp("crashes")))


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
