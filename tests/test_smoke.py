"""The minimal fixture loads and validates through the real command."""

from __future__ import annotations

import subprocess
import sys

from conftest import DATA


def test_validate_minimal_fixture_exits_zero() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gulag_escape", "validate", str(DATA / "minimal.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok — A minimal test scenario" in result.stdout
