"""The command layer: every ``gulag-escape`` command, and the only package that imports click.

One module per group of commands (:mod:`.play`, :mod:`.scenario`, :mod:`.simulate`,
:mod:`.authoring`, :mod:`.teaching`); :mod:`gulag_escape.cli` assembles them and imports each
only when its command runs. A command reads its options, calls plain functions of the layers
below (which raise the project's error family, :mod:`gulag_escape.errors`, and never print
a panel or exit) and turns their errors into a panel and an exit code with :func:`.common.friendly`.
"""
