"""Which historical notes the player has unlocked, kept across games in the config folder.

The archive screen shows a scenario's unlocked notes, and all of its notes once any game of
it has ended (the history is the reward for finishing, not for winning). No Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gulag_escape.tui.config import config_dir, read_json, write_json


@dataclass
class ScenarioRecord:
    """What one scenario's games have opened so far."""

    notes: list[str] = field(default_factory=list)
    ended: bool = False
    standard: bool = False
    """A game at the standard content level was played: its standard-level notes may show."""


@dataclass
class ArchiveRecord:
    """Per scenario id, the notes seen and whether a game reached an ending."""

    path: Path
    scenarios: dict[str, ScenarioRecord] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> ArchiveRecord:
        path = path or config_dir() / "archive.json"
        record = cls(path)
        for scenario_id, value in read_json(path).items():
            if isinstance(value, dict):
                notes = value.get("notes", [])
                record.scenarios[scenario_id] = ScenarioRecord(
                    notes=[n for n in notes if isinstance(n, str)] if isinstance(notes, list)
                    else [],
                    ended=value.get("ended") is True,
                    standard=value.get("standard") is True,
                )
        return record

    def get(self, scenario_id: str) -> ScenarioRecord:
        return self.scenarios.get(scenario_id, ScenarioRecord())

    def remember(self, scenario_id: str, notes: list[str], *, ended: bool, content: str) -> bool:
        """Add what a game has opened; write the file only when something is new."""
        record = self.scenarios.setdefault(scenario_id, ScenarioRecord())
        new_notes = [n for n in notes if n not in record.notes]
        changed = bool(new_notes) or (ended and not record.ended) or (
            content == "standard" and not record.standard)
        if not changed:
            return False
        record.notes.extend(new_notes)
        record.ended = record.ended or ended
        record.standard = record.standard or content == "standard"
        try:
            write_json(self.path, {sid: {"notes": r.notes, "ended": r.ended,
                                         "standard": r.standard}
                                   for sid, r in self.scenarios.items()})
        except OSError:
            return True  # a read-only config folder costs the record, never the game
        return True
