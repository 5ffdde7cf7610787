"""Pilot tests may be written as ``async def``: this runs each one in its own event loop.

No asyncio plugin is installed (the suite needs none elsewhere); without this hook pytest
would skip a coroutine test with a warning, and a skipped test cannot fail.
"""

from __future__ import annotations

import asyncio
import inspect

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name]
                 for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
