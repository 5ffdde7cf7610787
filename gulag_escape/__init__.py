"""Gulag Escape: an educational survival narrative. Version only; imports nothing heavy."""

__version__ = "0.3.0"
