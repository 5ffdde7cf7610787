"""Typed pages: one :class:`~gulag_escape.pages.document.Document` structure and its writers.

Neutral home (not inside ``simulation``) so every page the game writes -- simulation
reports today, teacher pages next -- is built from the same typed blocks and escaped by
the same writer, instead of each area growing its own string-building HTML.
"""
