"""The built wheel, installed in a fresh venv outside the checkout, lists and plays both scenarios.

Shipped scenarios are package data (``gulag_escape/_scenarios``, a symlink to ``scenarios/``
in the checkout): this catches a wheel without them, which once crashed ``gulag-escape list``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_an_installed_wheel_lists_and_plays_both_scenarios(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True,
                   cwd=tmp_path, capture_output=True, timeout=120)
    (wheel,) = wheels.glob("gulag_escape-*.whl")
    target = tmp_path / "venv"
    # No pip of its own (installing one is half the venv's time): this pip installs into it.
    # Nothing is compiled to bytecode ahead: the commands below import a few of the modules.
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-compile", str(wheel)],
                   check=True, cwd=tmp_path, capture_output=True, timeout=240)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    command = str(target / "bin" / "gulag-escape")
    listed = subprocess.run([command, "list"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [
        "kem-1925", "kolyma", "tchernavin-1932"]
    for scenario in ("kolyma", "kem-1925"):
        played = subprocess.run(
            [command, "play", scenario, "--plain", "--seed", "7", "--saves-dir",
             str(tmp_path / "saves")],
            input="1\n" * 40, cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=60, check=False)
        assert played.returncode == 0, played.stderr
        assert "Traceback" not in played.stdout + played.stderr
        assert "> 1" in played.stdout
    where = "import gulag_escape; print(gulag_escape.__file__)"
    located = subprocess.run([str(python), "-c", where], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True)
    assert not Path(located.stdout.strip()).is_relative_to(ROOT)
