#!/usr/bin/env python3
"""The project's one entry point on a fresh machine that has only ``python3``.

``python3 dev.py play`` starts the game; ``python3 dev.py test`` runs the whole test suite
(ruff, the import contracts and mypy first). Both first make sure ``.venv`` exists and holds the
project and its test dependencies, reinstalling only when ``pyproject.toml`` changed, so a
second run starts at once.
Any other words are passed to ``gulag-escape`` (``python3 dev.py validate scenarios/*``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "installed-from.sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


CHECKS = [
    (["ruff", "check", "."], "fix the lint above (many with 'ruff check --fix .')."),
    (["lint-imports", "--no-cache", "--no-logo"],
     "an import above crosses a layer of docs/architecture.md (the contracts are "
     "[tool.importlinter] in pyproject.toml); move the code to the layer it belongs to."),
    (["mypy"], "fix the types above (the settings are [tool.mypy] in pyproject.toml; the engine "
     "and the scenario layer are checked strictly)."),
]
"""What ``test`` runs before pytest, in order, each with what to do when it fails: the fast
checks first, so a lint or a broken layer is reported in a second, not after the suite."""


def _pyproject_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> None:
    """Create or refresh .venv; a stamp of pyproject.toml's hash skips the work when unchanged."""
    digest = _pyproject_digest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    if not (BIN / "python").exists():
        print("dev.py: creating .venv (first run only) ...", file=sys.stderr)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                f"dev.py: could not create {VENV}: {error}. On Debian or Ubuntu install the "
                "'python3-venv' package, then run this command again."
            )
    print("dev.py: installing the game and its test tools into .venv ...", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(digest + "\n")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    ensure_venv()
    command, *rest = argv
    if command == "test":
        for (tool, *args), hint in CHECKS:
            failed = subprocess.run([str(BIN / tool), *args], cwd=ROOT, check=False).returncode
            if failed:
                print(f"dev.py: '{' '.join([tool, *args])}' failed: {hint}", file=sys.stderr)
                return failed
        pytest = [str(BIN / "python"), "-m", "pytest", "-n", "auto", *rest]
        return subprocess.run(pytest, cwd=ROOT, check=False).returncode
    args = rest if command == "play" and not rest else argv
    return subprocess.run([str(BIN / "gulag-escape"), *args], check=False).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        command = " ".join(map(str, error.cmd))
        sys.exit(f"dev.py: '{command}' failed with exit code {error.returncode}.")
    except KeyboardInterrupt:
        sys.exit(130)
