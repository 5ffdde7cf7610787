"""The rules: pure and deterministic, no Textual and no I/O.

Front ends use :class:`gulag_escape.engine.game.Game` only.
"""
