"""Checks that need the whole scenario: unique ids, cross-references, expressions, links.

Each check yields ``(loc, message, hint)`` with ``loc`` a path into the file's value, so the
loader can name the file and line. Expressions are compiled here, once, and kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from gulag_escape.scenario.expressions import (
    Expression,
    ExpressionError,
    Kind,
    NameInfo,
    compile_expression,
)
from gulag_escape.scenario.models import (
    AddEffect,
    Choice,
    EndEffect,
    JoinEffect,
    LeaveEffect,
    LoyaltyEffect,
    MemberEffect,
    MoveEffect,
    NoteEffect,
    Outcome,
    Prose,
    Scenario,
    SetEffect,
)
from gulag_escape.scenario.prose import ProseError, allowed_names, placeholders
from gulag_escape.scenario.vocabulary import (
    CHECKPOINT_INPUTS,
    CHECKPOINT_RULES,
    checkpoint_vocabulary,
    vocabulary,
    writable,
)
from gulag_escape.textkit import LINK

Loc = tuple[Any, ...]
Finding = tuple[Loc, str, str]


class Checker:
    """Runs every whole-scenario check and compiles every expression."""

    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario
        self.names: dict[str, NameInfo] = vocabulary(scenario)
        self.expressions: dict[str, Expression] = {}
        self.findings: list[Finding] = []
        self.ids = {
            "place": {p.id for p in scenario.places},
            "storylet": {s.id for s in scenario.storylets},
            "ending": {e.id for e in scenario.endings},
            "note": {n.id for n in scenario.notes},
            "companion": {c.id for c in scenario.companions},
            "term": {t.id for t in scenario.glossary},
            "terrain": set(scenario.terrains),
            "item": set(scenario.items),
            "skill": set(scenario.skills),
            "document": {i for i, item in scenario.items.items() if item.document},
            "member": {c.id for c in scenario.companions if c.body},
        }
        self.targets = writable(scenario)
        self.substitutions = allowed_names([c.id for c in scenario.companions])

    def run(self, *, links: bool = True) -> list[Finding]:
        """Run every check; ``links=False`` skips the text scan for an already-checked cache."""
        for check in (
            self.check_unique_ids,
            self.check_climate,
            self.check_route,
            self.check_people,
            self.check_storylets,
            self.check_encounters,
            self.check_endings_and_notes,
            self.check_balance,
            self.check_systems,
            self.check_documents,
            self.check_planning,
        ):
            self.findings.extend(check())
        if links:
            self.findings.extend(self.check_links())
        return self.findings

    # --- helpers ---------------------------------------------------------------------------

    def ref(self, loc: Loc, kind: str, value: str | None) -> Iterator[Finding]:
        if value is not None and value not in self.ids[kind]:
            known = sorted(self.ids[kind])
            hint = f"known {kind}s: {', '.join(known[:10])}" if known else f"declare a {kind}"
            yield loc, f"unknown {kind} '{value}'", hint

    def expr(self, loc: Loc, text: Any, kind: Kind,
             names: Mapping[str, NameInfo] | None = None) -> Iterator[Finding]:
        """Compile ``text`` against the scenario's names (or ``names``, a wider set)."""
        if text is None or isinstance(text, int | float):
            return
        names = names or self.names
        known = self.expressions.get(text)
        # An expression compiled with wider names (a checkpoint's) must not pass elsewhere.
        if known is not None and known.kind is kind and all(n in names for n in known.names):
            return
        try:
            self.expressions[text] = compile_expression(text, names, kind)
        except ExpressionError as error:
            column = f" (at character {error.column + 1})" if error.column else ""
            yield loc, f"in expression {text!r}{column}: {error.message}", _post_only(
                error, names) or error.hint

    def prose(self, loc: Loc, prose: Prose | None) -> Iterator[Finding]:
        """A text or its variants: defaults last, conditions compiled, substitutions known."""
        if prose is None:
            return
        if isinstance(prose, str):
            yield from self.placeholders(loc, prose)
            return
        last = len(prose) - 1
        for index, variant in enumerate(prose):
            where = (*loc, index)
            if index < last and variant.when is None:
                yield where, f"variant {index + 1} of {last + 1} has no when:", (
                    "only the last variant is the default; give this one a condition or "
                    "move it to the end")
            elif index == last and variant.when is not None:
                yield (*where, "when"), "the last variant has a when:", (
                    "the last variant is the default said when no other holds: remove its "
                    "when:, or add a variant with only text: after it")
            yield from self.expr((*where, "when"), variant.when, Kind.BOOL)
            yield from self.placeholders((*where, "text"), variant.text)

    def placeholders(self, loc: Loc, text: str) -> Iterator[Finding]:
        try:
            placeholders(text, self.substitutions)
        except ProseError as error:
            yield loc, error.message, error.hint

    # --- checks ----------------------------------------------------------------------------

    def check_unique_ids(self) -> Iterator[Finding]:
        s = self.s
        sections: list[tuple[str, Iterable[Any]]] = [
            ("places", s.places), ("legs", s.legs), ("profiles", s.profiles),
            ("companions", s.companions), ("encounters", s.encounters),
            ("storylets", s.storylets), ("endings", s.endings), ("notes", s.notes),
            ("glossary", s.glossary),
        ]
        for section, entries in sections:
            yield from _duplicates([(section, i, "id") for i, _ in enumerate(entries)],
                                   [e.id for e in entries])
        for i, storylet in enumerate(s.storylets):
            yield from _duplicates(
                [("storylets", i, "choices", j, "id") for j, _ in enumerate(storylet.choices)],
                [c.id for c in storylet.choices],
            )

    def check_climate(self) -> Iterator[Finding]:
        seen: dict[int, int] = {}
        for i, month in enumerate(self.s.climate):
            if month.month in seen:
                yield ("climate", i, "month"), f"month {month.month} appears twice", (
                    "the climate table has each month 1 to 12 once")
            seen[month.month] = i

    def check_route(self) -> Iterator[Finding]:
        yield from self.ref(("start",), "place", self.s.start)
        for i, place in enumerate(self.s.places):
            yield from self.ref(("places", i, "ending"), "ending", place.ending)
            if place.checkpoint:
                yield from self.ref(("places", i, "checkpoint", "bypass_terrain"), "terrain",
                                    place.checkpoint.bypass_terrain)
                for j, document in enumerate(place.checkpoint.documents):
                    yield from self.ref(("places", i, "checkpoint", "documents", j), "document",
                                        document)
        for i, leg in enumerate(self.s.legs):
            yield from self.ref(("legs", i, "from"), "place", leg.from_)
            yield from self.ref(("legs", i, "to"), "place", leg.to)
            yield from self.ref(("legs", i, "terrain"), "terrain", leg.terrain)
            if leg.from_ == leg.to:
                yield ("legs", i, "to"), "a leg must lead to another place", ""
            if leg.crossing:
                yield from self.expr(("legs", i, "crossing", "difficulty"),
                                     leg.crossing.difficulty, Kind.NUM)
                yield from self.ref(("legs", i, "crossing", "ending"), "ending",
                                    leg.crossing.ending)

    def check_people(self) -> Iterator[Finding]:
        stats = {name for name, kind in self.targets.items() if kind == "stat"}
        for i, profile in enumerate(self.s.profiles):
            for stat in profile.stats:
                if stat not in stats:
                    yield ("profiles", i, "stats", stat), f"unknown stat '{stat}'", (
                        "declare it under stats:")
            for item in profile.items:
                yield from self.ref(("profiles", i, "items", item), "item", item)
            for skill in profile.skills:
                yield from self.ref(("profiles", i, "skills", skill), "skill", skill)
        for i, companion in enumerate(self.s.companions):
            for skill in companion.skills:
                yield from self.ref(("companions", i, "skills", skill), "skill", skill)

    def check_storylets(self) -> Iterator[Finding]:
        for i, storylet in enumerate(self.s.storylets):
            loc: Loc = ("storylets", i)
            for j, place in enumerate(storylet.places):
                yield from self.ref((*loc, "places", j), "place", place)
            for j, terrain in enumerate(storylet.terrains):
                yield from self.ref((*loc, "terrains", j), "terrain", terrain)
            yield from self.expr((*loc, "when"), storylet.when, Kind.BOOL)
            yield from self.expr((*loc, "weight"), storylet.weight, Kind.NUM)
            yield from self.prose((*loc, "text"), storylet.text)
            yield from self.prose((*loc, "repeat_text"), storylet.repeat_text)
            for j, choice in enumerate(storylet.choices):
                yield from self.check_choice((*loc, "choices", j), choice)

    def check_choice(self, loc: Loc, choice: Choice) -> Iterator[Finding]:
        yield from self.expr((*loc, "when"), choice.when, Kind.BOOL)
        yield from self.expr((*loc, "show_if"), choice.show_if, Kind.BOOL)
        if choice.check:
            yield from self.expr((*loc, "check", "odds"), choice.check.odds, Kind.NUM)
            yield from self.check_outcome((*loc, "check", "success"), choice.check.success)
            yield from self.check_outcome((*loc, "check", "failure"), choice.check.failure)
        else:
            yield from self.check_outcome(loc, choice)

    def check_outcome(self, loc: Loc, outcome: Outcome | Choice) -> Iterator[Finding]:
        yield from self.prose((*loc, "text"), outcome.text)
        yield from self.ref((*loc, "next"), "storylet", outcome.next)
        for k, effect in enumerate(outcome.effects):
            yield from self.check_effect((*loc, "effects", k), effect)

    def check_effect(self, loc: Loc, effect: Any) -> Iterator[Finding]:
        match effect:
            case AddEffect(add=changes):
                for name in changes:
                    kind = self.targets.get(name)
                    if kind not in {"stat", "item"}:
                        yield (*loc, "add", name), f"cannot add to '{name}'", (
                            "add changes stats, food, alert and items; flags use set:")
            case SetEffect(set=values):
                for name, value in values.items():
                    kind = self.targets.get(name)
                    if kind is None or kind == "item":
                        yield (*loc, "set", name), f"cannot set '{name}'", (
                            "set changes declared flags (true/false) and stats (numbers)")
                    elif (kind == "flag") != isinstance(value, bool):
                        want = "true or false" if kind == "flag" else "a number"
                        yield (*loc, "set", name), f"'{name}' is a {kind}: set it to {want}", ""
            case MoveEffect(move=place):
                yield from self.ref((*loc, "move"), "place", place)
            case EndEffect(end=ending):
                yield from self.ref((*loc, "end"), "ending", ending)
            case NoteEffect(note=note):
                yield from self.ref((*loc, "note"), "note", note)
            case JoinEffect(join=who) | LeaveEffect(leave=who):
                yield from self.ref(loc, "companion", who)
            case LoyaltyEffect(loyalty=changes):
                for who in changes:
                    yield from self.ref((*loc, "loyalty", who), "companion", who)
            case MemberEffect(member=changes):
                for who in changes:
                    yield from self.ref((*loc, "member", who), "member", who)

    def check_encounters(self) -> Iterator[Finding]:
        for i, encounter in enumerate(self.s.encounters):
            loc: Loc = ("encounters", i)
            for j, place in enumerate(encounter.places):
                yield from self.ref((*loc, "places", j), "place", place)
            for j, terrain in enumerate(encounter.terrains):
                yield from self.ref((*loc, "terrains", j), "terrain", terrain)
            yield from self.expr((*loc, "when"), encounter.when, Kind.BOOL)
            yield from self.expr((*loc, "weight"), encounter.weight, Kind.NUM)
            yield from self.prose((*loc, "text"), encounter.text)
            for disposition, cue in encounter.cues.items():
                yield from self.prose((*loc, "cues", disposition), cue)
            for disposition, weight in encounter.dispositions.items():
                yield from self.expr((*loc, "dispositions", disposition), weight, Kind.NUM)
            for disposition, outcome in encounter.approach.items():
                yield from self.check_outcome((*loc, "approach", disposition), outcome)
            yield from self.check_outcome((*loc, "avoid"), encounter.avoid)

    def check_endings_and_notes(self) -> Iterator[Finding]:
        for i, ending in enumerate(self.s.endings):
            for j, note in enumerate(ending.notes):
                yield from self.ref(("endings", i, "notes", j), "note", note)
        for j, note in enumerate(self.s.meta.basis.notes):
            yield from self.ref(("meta", "basis", "notes", j), "note", note)

    def check_balance(self) -> Iterator[Finding]:
        profiles = [p.id for p in self.s.profiles]
        for j, band in enumerate(self.s.meta.balance):
            if band.profile is not None and band.profile not in profiles:
                yield (("meta", "balance", j, "profile"), f"unknown profile '{band.profile}'",
                       f"known profiles: {', '.join(profiles)}; or leave profile out for a "
                       "band that holds for every profile")

    def check_systems(self) -> Iterator[Finding]:
        yield from self.expr(("pursuit", "catch_odds"), self.s.pursuit.catch_odds, Kind.NUM)
        posts = checkpoint_vocabulary(self.s)
        for way in CHECKPOINT_RULES:
            odds = getattr(self.s.checkpoints, way).odds
            yield from self.expr(("checkpoints", way, "odds"), odds, Kind.NUM, posts)
        for cause, ending in self.s.endings_for:
            yield from self.ref(("endings_for", cause), "ending", ending)

    def check_documents(self) -> Iterator[Finding]:
        """A document's places must exist."""
        for item_id, item in self.s.items.items():
            if item.document:
                for j, place in enumerate(item.document.places):
                    yield from self.ref(("items", item_id, "document", "places", j), "place",
                                        place)

    def check_planning(self) -> Iterator[Finding]:
        """Stages have distinct ids and an ``until`` that is a condition."""
        stages = self.s.calendar.planning
        yield from _duplicates([("calendar", "planning", i, "id") for i in range(len(stages))],
                               [stage.id for stage in stages])
        for i, stage in enumerate(stages):
            yield from self.expr(("calendar", "planning", i, "until"), stage.until, Kind.BOOL)

    def check_links(self) -> Iterator[Finding]:
        """Every [[term]] and [[note:id]] in any text must exist."""
        for loc, text in _linked_texts(self.s, (), []):
            for match in LINK.finditer(text):
                target = match.group(1).strip()
                if target.startswith("note:"):
                    yield from self.ref(loc, "note", target[5:])
                else:
                    yield from self.ref(loc, "term", target)


def _duplicates(locs: list[Loc], ids: list[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for loc, item in zip(locs, ids, strict=True):
        if item in seen:
            yield loc, f"the id '{item}' is used twice", "ids must be unique in their section"
        seen.add(item)


_ATOMS = frozenset({int, float, bool, type(None)})
_KEYS: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}
"""Each model class's (attribute, key in the file) pairs, aliases applied."""


def _linked_texts(value: Any, loc: Loc, found: list[tuple[Loc, str]]) -> list[tuple[Loc, str]]:
    """Every text holding ``[[`` with its path, in file order.

    Walks the models' own attributes rather than a ``model_dump``: the dump copies the whole
    scenario only to be scanned once, which cost this check three times as much. Paths use
    the keys as written in the file (aliases such as ``from``), as the dump did.
    """
    kind = value.__class__
    if kind is str:
        if "[[" in value:
            found.append((loc, value))
    elif kind is list:
        for index, inner in enumerate(value):
            _linked_texts(inner, (*loc, index), found)
    elif kind is dict:
        for key, inner in value.items():
            _linked_texts(inner, (*loc, key), found)
    elif isinstance(value, BaseModel):
        keys = _KEYS.get(kind)
        if keys is None:
            keys = _KEYS[kind] = tuple(
                (name, info.alias or name) for name, info in kind.model_fields.items()
            )
        fields = value.__dict__
        for name, key in keys:
            inner = fields[name]
            if inner.__class__ is str:  # most values: skip building a path for them
                if "[[" in inner:
                    found.append(((*loc, key), inner))
            elif inner.__class__ not in _ATOMS:
                _linked_texts(inner, (*loc, key), found)
    return found


def _post_only(error: ExpressionError, names: Mapping[str, NameInfo]) -> str | None:
    """The hint for a post's own number (``strength``, ``bribe``) read outside the odds of
    a way past a post, where it has no value."""
    for name in CHECKPOINT_INPUTS.keys() - names.keys():
        if error.message == f"unknown name '{name}'":
            ways = ", ".join(f"checkpoints.{way}.odds" for way in CHECKPOINT_RULES)
            return f"'{name}' is {CHECKPOINT_INPUTS[name]}, read only by {ways}"
    return None
