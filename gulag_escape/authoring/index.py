"""``gulag-escape index``: who sets, reads and shows each stat, flag, item, skill, companion.

Inform 7's Index answers the question a growing story keeps raising: where does this flag
get set, and who looks at it? Here every name a scenario's state holds gets three lists,
each entry with the file and line it is written at (through the loader's source map):

- **set**: its declared start, profile and companion values, and every effect that
  changes it (``add:``, ``set:``, ``join:``, ``leave:``, ``loyalty:``);
- **read**: every expression that reads it (conditions, weights, odds, difficulties,
  disposition weights, text variants' ``when:``), found by walking the whole scenario, so
  an expression in a new section is found without this module knowing the section;
- **shown**: where the player sees it (the status panel, ``{companion.x}`` in a text).

Plain functions return plain data; the click command in :mod:`gulag_escape.commands.authoring`
only prints it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from gulag_escape.scenario.lint.facts import Loc, effects, texts
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.models import (
    AddEffect,
    JoinEffect,
    LeaveEffect,
    LoyaltyEffect,
    Scenario,
    SetEffect,
)
from gulag_escape.scenario.sources import SourceMap
from gulag_escape.scenario.vocabulary import BODY_START, BODY_STATS

KINDS = ("stat", "flag", "item", "skill", "companion")
_TEXT_KEYS = frozenset({
    "text", "repeat_text", "label", "title", "name", "description", "epilogue", "body",
    "journal", "rule", "unavailable", "summary", "definition", "term", "reason",
})
"""Keys whose strings are prose, never expressions, even when a text happens to read like one."""
_ENGINE_WRITES = {
    "health": "the body system, every day (hunger, cold, exhaustion, rest)",
    "hunger": "the body system, every day (rations)",
    "warmth": "the body system, every day (cold, clothing, fire)",
    "fatigue": "the body system, every day (marching and rest)",
    "food": "the body system, every day (rations eaten, foraging)",
    "alert": "the pursuit system, every day (alarm, sightings, tracks, decay)",
}
"""What the engine itself changes, for the body stats every scenario has."""


@dataclass(frozen=True)
class Site:
    """One place in the scenario's files: where, and what happens there."""

    file: str | None
    line: int | None
    column: int | None
    what: str


@dataclass
class Entry:
    """One name of the state with where it is set, read and shown."""

    kind: str
    name: str
    """As expressions read it: ``suspicion``, ``flag.told``, ``item.compass``..."""
    label: str
    set: list[Site] = field(default_factory=list)
    read: list[Site] = field(default_factory=list)
    shown: list[Site] = field(default_factory=list)


def build_index(loaded: LoadedScenario, source_map: SourceMap | None = None) -> list[Entry]:
    """Every stat, flag, item, skill and companion of ``loaded`` in declaration order."""
    s = loaded.model
    entries = {entry.name: entry for entry in _entries(s)}

    def site(loc: Loc | None, what: str) -> Site:
        if loc is not None and not _written(s, loc):
            return Site(None, None, None, f"{what} (the default: not written in the file)")
        if loc is None or source_map is None:
            return Site(None, None, None, what)
        path, line, column = source_map.locate(loc, key=True)
        return Site(path, line, column, what)

    for name, loc, what in _sets(s):
        entries[name].set.append(site(loc, what))
    for loc, text in _expressions(loaded):
        for name in sorted(loaded.expr(text).names):
            entry = entries.get(_entry_name(name))
            if entry is not None:
                entry.read.append(site(loc, f"{_field(loc)} of {_owner(s, loc)}: {text!r}"))
    for name, loc, what in _engine_reads(s):
        entries[name].read.append(site(loc, what))
    for name, loc, what in _shown(s):
        entries[name].shown.append(site(loc, what))
    return list(entries.values())


def _entries(s: Scenario) -> Iterator[Entry]:
    for name, doc in BODY_STATS.items():
        yield Entry("stat", name, f"built in: {doc}")
    for name, stat in s.stats.items():
        yield Entry("stat", name, stat.label)
    for name, meaning in s.flags.items():
        yield Entry("flag", f"flag.{name}", meaning)
    for name, item in s.items.items():
        yield Entry("item", f"item.{name}", item.label)
    for name, skill in s.skills.items():
        yield Entry("skill", f"skill.{name}", skill.label)
    for companion in s.companions:
        yield Entry("companion", f"companion.{_key(companion.id)}", companion.name)


def _key(companion_id: str) -> str:
    return companion_id.replace("-", "_")


def _entry_name(name: str) -> str:
    """The entry an expression name belongs to: a companion's loyalty is the companion's."""
    family, _, key = name.partition(".")
    return f"companion.{key}" if family == "loyalty" else name


# --- set ------------------------------------------------------------------------------------


def _sets(s: Scenario) -> Iterator[tuple[str, Loc | None, str]]:
    for name in BODY_STATS:
        yield name, None, f"starts at {BODY_START[name]:g} (engine default)"
        yield name, None, f"changed by {_ENGINE_WRITES[name]}"
    for name, stat in s.stats.items():
        yield name, ("stats", name), f"starts at {stat.start:g} (declared, {stat.min:g} to " \
            f"{stat.max:g})"
    for i, profile in enumerate(s.profiles):
        for name, value in profile.stats.items():
            yield name, ("profiles", i, "stats", name), f"{value:g} for profile '{profile.id}'"
        for name, count in profile.items.items():
            yield f"item.{name}", ("profiles", i, "items", name), \
                f"{count} carried by profile '{profile.id}'"
        for name, level in profile.skills.items():
            yield f"skill.{name}", ("profiles", i, "skills", name), \
                f"level {level} for profile '{profile.id}'"
    for i, companion in enumerate(s.companions):
        key = f"companion.{_key(companion.id)}"
        if companion.joins:
            yield key, ("companions", i, "joins"), "with you from the start (joins: true)"
        yield key, ("companions", i, "loyalty"), f"loyalty starts at {companion.loyalty:g}"
        for name, level in companion.skills.items():
            yield f"skill.{name}", ("companions", i, "skills", name), \
                f"level {level} while {companion.name} is with you"
    for loc, effect in effects(s):
        yield from _effect_sets(s, loc, effect)


def _effect_sets(s: Scenario, loc: Loc, effect: Any) -> Iterator[tuple[str, Loc, str]]:
    owner = _owner(s, loc)
    if isinstance(effect, AddEffect):
        for name, amount in effect.add.items():
            target = f"item.{name}" if name in s.items else name
            yield target, (*loc, "add", name), f"add {amount:+g} in {owner}"
    elif isinstance(effect, SetEffect):
        for name, value in effect.set.items():
            target = f"flag.{name}" if name in s.flags else name
            shown = str(value).lower() if isinstance(value, bool) else f"{value:g}"
            yield target, (*loc, "set", name), f"set to {shown} in {owner}"
    elif isinstance(effect, JoinEffect):
        yield f"companion.{_key(effect.join)}", (*loc, "join"), f"joins in {owner}"
    elif isinstance(effect, LeaveEffect):
        yield f"companion.{_key(effect.leave)}", (*loc, "leave"), f"leaves in {owner}"
    elif isinstance(effect, LoyaltyEffect):
        for who, amount in effect.loyalty.items():
            yield f"companion.{_key(who)}", (*loc, "loyalty", who), \
                f"loyalty {amount:+g} in {owner}"


# --- read -----------------------------------------------------------------------------------


def _expressions(loaded: LoadedScenario) -> Iterator[tuple[Loc, str]]:
    """Every expression written in the scenario, wherever it is, with its location."""
    dumped = loaded.model.model_dump(by_alias=True)
    for loc, text in texts(dumped):
        key = next((part for part in reversed(loc) if isinstance(part, str)), "")
        if text in loaded.expressions and key not in _TEXT_KEYS and "cues" not in loc:
            yield loc, text


_ITEM_USES = {
    "insulation": "keeps off {value:g} degrees of cold (the body system)",
    "papers": "counts as papers of quality {value:g} at checkpoints",
    "navigation": "cuts the chance of getting lost by {value:g} (travel)",
    "fire": "lets you rest by a fire",
    "bribe": "is worth {value:g} as a bribe at a checkpoint, and is spent",
}
"""What the engine does with each property of an item, for the index's "read" list."""
_BODY_READS = {
    "health": "the engine ends the game when it reaches 0",
    "hunger": "the engine: above body.starving_at health falls",
    "warmth": "the engine: below body.cold_at health falls",
    "fatigue": "the engine: above body.exhausted_at health falls; marching slows",
    "food": "the engine: eaten each day by the ration",
    "alert": "the engine: the pursuit's catch odds (pursuit.catch_odds)",
}


def _engine_reads(s: Scenario) -> Iterator[tuple[str, Loc | None, str]]:
    """What the engine reads without an expression: body stats and items' properties."""
    for name, what in _BODY_READS.items():
        yield name, None, what
    for name, item in s.items.items():
        for prop, use in _ITEM_USES.items():
            value = getattr(item, prop)
            if value:
                yield f"item.{name}", ("items", name, prop), "the engine: it " + use.format(
                    value=float(value))


def _field(loc: Loc) -> str:
    key = next((part for part in reversed(loc) if isinstance(part, str)), "value")
    if len(loc) >= 3 and isinstance(loc[-2], int) and (loc[-3] in _TEXT_KEYS
                                                       or "cues" in loc):
        return f"{key} of text variant {loc[-2] + 1}"
    return f"{key} weight" if "dispositions" in loc else key


def _written(s: Scenario, loc: Loc) -> bool:
    """Whether the file writes the value at ``loc``, rather than leaving it to its default."""
    value: Any = s
    for part in loc:
        if isinstance(value, BaseModel) and _attr(part) not in value.model_fields_set:
            return False
        value = _step(value, part)
        if value is None:
            return True  # past the models (a mapping's key, an effect's name): written
    return True


# --- shown ----------------------------------------------------------------------------------


def _shown(s: Scenario) -> Iterator[tuple[str, Loc | None, str]]:
    for name in BODY_STATS:
        panel = "as days of food" if name == "food" else "as Pursuit" if name == "alert" \
            else "as a gauge"
        yield name, None, f"the status panel, {panel}"
    for name, stat in s.stats.items():
        if stat.shown:
            yield name, ("stats", name), f"the status panel, as {stat.label!r}"
    for name, item in s.items.items():
        yield f"item.{name}", ("items", name), f"the status panel while carried, as " \
            f"{item.label!r}"
    for companion in s.companions:
        yield f"companion.{_key(companion.id)}", None, "the status panel while with you"
    dumped = s.model_dump(by_alias=True)
    for loc, text in texts(dumped):
        for companion in s.companions:
            token = f"{{companion.{_key(companion.id)}}}"
            if token in text:
                yield f"companion.{_key(companion.id)}", loc, \
                    f"{token} in the {_field(loc)} of {_owner(s, loc)}"


# --- naming a place in the scenario ----------------------------------------------------------

_OWNERS = {"storylets": "storylet", "choices": "choice", "encounters": "encounter",
           "profiles": "profile", "companions": "companion", "legs": "leg", "places": "place",
           "endings": "ending", "notes": "note"}


def _owner(s: Scenario, loc: Loc) -> str:
    """``choice 'trust' of storylet 'plan'`` for a location inside that choice."""
    owners: list[str] = []
    sides: list[str] = []
    value: Any = s
    for previous, part in zip((None, *loc), loc, strict=False):
        value = _step(value, part)
        if value is None:
            break
        if isinstance(part, int) and previous in _OWNERS and getattr(value, "id", None):
            owners.insert(0, f"{_OWNERS[previous]} '{value.id}'")
        elif previous == "approach":
            sides.append(f"approach: {part}")
        elif part in {"success", "failure", "avoid"}:
            sides.append(str(part))
    if not owners:
        return str(loc[0]) if loc else "the scenario"
    return " of ".join(owners) + (f" ({', '.join(sides)})" if sides else "")


def _step(value: Any, part: Any) -> Any:
    if isinstance(value, list):
        return value[part] if isinstance(part, int) and 0 <= part < len(value) else None
    if isinstance(value, dict):
        return value.get(part)
    return getattr(value, _attr(part), None)


def _attr(part: Any) -> str:
    return "from_" if part == "from" else str(part)


# --- output ---------------------------------------------------------------------------------


def index_text(entries: list[Entry]) -> str:
    """The index as text: one block per name, its sites as ``file:line: what``."""
    lines: list[str] = []
    for kind in KINDS:
        chosen = [entry for entry in entries if entry.kind == kind]
        if not chosen:
            continue
        lines += [f"== {kind}s ==", ""]
        for entry in chosen:
            lines.append(f"{entry.name} ({entry.label})")
            for heading, sites in (("set", entry.set), ("read", entry.read),
                                   ("shown", entry.shown)):
                if not sites:
                    lines.append(f"  {heading}: nowhere")
                    continue
                lines.append(f"  {heading}:")
                lines += [f"    {_where(site)}{site.what}" for site in sites]
            lines.append("")
    return "\n".join(lines)


def _where(site: Site) -> str:
    return f"{site.file}:{site.line}: " if site.file else ""


def index_json(entries: list[Entry]) -> dict[str, Any]:
    """The index as JSON-able data: ``{"stats": {name: {...}}, "flags": ...}``."""
    found: dict[str, Any] = {f"{kind}s": {} for kind in KINDS}
    for entry in entries:
        data = asdict(entry)
        del data["kind"]
        found[f"{entry.kind}s"][data.pop("name")] = data
    return found


def index_output(scenario: str, *, as_json: bool) -> str:
    """The index of SCENARIO (a shipped id or a path) as ``gulag-escape index`` prints it."""
    from gulag_escape.scenario.loader import load_scenario_with_sources, resolve_scenario_path

    loaded, source_map = load_scenario_with_sources(resolve_scenario_path(scenario))
    entries = build_index(loaded, source_map)
    if as_json:
        return json.dumps(index_json(entries), ensure_ascii=False, indent=1) + "\n"
    return index_text(entries)
