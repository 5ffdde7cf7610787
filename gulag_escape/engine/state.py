"""The live game state: ids and numbers, plus references to story text, never the text itself.

A plain dataclass, because the engine reads and writes it thousands of times per
simulated game; it becomes a validated Pydantic model only at the edge, in saves. Narration
and journal lines are tuples that *refer* to scenario text (``("storylet", "breakout")``) or
to an engine message with its numbers (``("msg", "march", 14.0, "taiga")``), so a save stays
small and a scenario's wording can be corrected without breaking saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

Line = tuple[Any, ...]
"""A reference to text: ``(kind, id, ...)``; rendered by :mod:`gulag_escape.engine.narration`.
A text with variants or substitutions also records, when said, the variant and the values:
``("storylet", id, variant, ((name, value), ...))`` (see :mod:`gulag_escape.engine.prose`)."""

FORMAT = 1
"""Version of this state's layout; saves migrate older layouts up to it."""


@dataclass
class GameState:
    """Everything that changes during a game."""

    scenario: str
    seed: int
    rng: int
    profile: str
    content: str
    place: str
    stats: dict[str, float]
    items: dict[str, int]
    skills: dict[str, int]
    companions: dict[str, float]
    """Companions with you, and their hidden loyalty."""
    day: int = 0
    phase: str = "camp"
    leg: str | None = None
    leg_km: float = 0.0
    came_from: str | None = None
    ration: str = "full"
    temp: float = 0.0
    escaped_day: int | None = None
    alarm_raised: bool = False
    km: float = 0.0
    flags: dict[str, bool] = field(default_factory=dict)
    passed: list[str] = field(default_factory=list)
    """Checkpoints passed."""
    visited: list[str] = field(default_factory=list)
    """Places reached, in order: the route travelled."""
    departed: list[str] = field(default_factory=list)
    """Companions who left or betrayed the group."""
    scene: Line | None = None
    """The pending scene: ("storylet", id) | ("encounter", id, disposition) | ("checkpoint", id)."""
    seen: dict[str, int] = field(default_factory=dict)
    """How often each storylet fired."""
    fired_on: dict[str, int] = field(default_factory=dict)
    """The day each storylet last fired: a repeatable one fires at most once a day."""
    told: dict[str, list[int]] = field(default_factory=dict)
    """``[day, variant]`` of the last time each storylet with a ``repeat_text`` was told in
    full: the same wording is not told again verbatim within its ``repeat_days``."""
    notes: list[str] = field(default_factory=list)
    """Historical notes unlocked, in order."""
    harm: dict[str, float] = field(default_factory=dict)
    """Health lost to each cause over the game: what killed or nearly killed you."""
    ending: str | None = None
    cause: str | None = None
    narration: list[Line] = field(default_factory=list)
    """What happened in the last turn."""
    journal: list[Line] = field(default_factory=list)
    """``(day, *line)`` for each day worth remembering."""
    turning_points: list[Line] = field(default_factory=list)
    """``(day, key, odds, success)`` of every check, crossing and way past a post, and of
    the day the search found you: the run's turning points."""
    last_check: Line | None = None
    """``(kind, ref..., odds, success, values)`` of the last check, for "why?"."""
    log: list[str] = field(default_factory=list)
    """Every choice id taken, in order: a game is its seed plus this log."""
    issued: dict[str, int] = field(default_factory=dict)
    """The day each document was last issued (its count rose from 0); one carried from the
    start counts from day 0."""
    bodies: dict[str, dict[str, float]] = field(default_factory=dict)
    """Party members' own body values (health, hunger, warmth, fatigue, pace) once they
    differ from their starting values."""
    stage: str = ""
    """The planning stage last told: a change is told once."""

    def copy(self) -> GameState:
        """A copy whose containers can be changed without touching this one.

        Lines are tuples (immutable), so copying the lists that hold them is enough; this is
        what makes a turn atomic at a fraction of ``deepcopy``'s cost.
        """
        clone = object.__new__(GameState)
        values = self.__dict__.copy()
        for name in _CONTAINERS:
            values[name] = values[name].copy()
        # The one container of containers: each member's body is a dict of its own.
        values["bodies"] = {who: body.copy() for who, body in self.bodies.items()}
        clone.__dict__ = values
        return clone

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (tuples become lists)."""
        return {name: _plain(getattr(self, name)) for name in _FIELD_NAMES}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        """Inverse of :meth:`to_dict`: lines come back as tuples."""
        values = dict(data)
        for name in ("narration", "journal", "turning_points"):
            values[name] = [tuple(line) for line in values.get(name, [])]
        for name in ("scene", "last_check"):
            if values.get(name) is not None:
                values[name] = _tuple(values[name])
        return cls(**values)


_FIELD_NAMES = tuple(f.name for f in fields(GameState))
_CONTAINERS = (
    "stats", "items", "skills", "companions", "flags", "passed", "visited", "departed", "seen",
    "fired_on", "told", "notes", "harm", "narration", "journal", "turning_points", "log",
    "issued", "bodies",
)
"""The fields :meth:`GameState.copy` copies, named one by one: everything else must be
immutable (numbers, strings, tuples), so a turn that fails leaves the state untouched. A test
fails when a new field holds a mutable container and is missing here. ``told`` holds lists,
but the engine replaces its entries rather than changing them, so one level is enough;
``bodies`` holds a dict per member, copied two levels deep by :meth:`GameState.copy`."""


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _tuple(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuple(item) for item in value)
    return value
