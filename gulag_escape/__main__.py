"""``python -m gulag_escape`` runs the same command as ``gulag-escape``."""

from gulag_escape.cli import main

main()
