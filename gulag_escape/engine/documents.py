"""Documents: items whose papers count only while they are valid here and now.

A Soviet document was valid for one purpose, for so many days from the day it was issued,
and in the places it named; a good forgery in the wrong district was worth nothing. An item
with a ``document:`` section carries that validity. The day it is issued is the day its count
rose from nothing (``GameState.issued``; one carried from the start counts from day 0), so a
travel order gained in a storylet starts its clock then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from gulag_escape.engine.state import GameState, Line
from gulag_escape.scenario.models import Scenario
from gulag_escape.scenario.vocabulary import NO_EXPIRY
from gulag_escape.textkit import long_date
from gulag_escape.words import days

if TYPE_CHECKING:
    from gulag_escape.engine.world import World

Validity = Literal["valid", "missing", "expired", "place"]
"""Held and valid; not held; past its last day; or not valid where you are."""


@dataclass(frozen=True)
class DocumentView:
    """A document carried, as the status shows it."""

    id: str
    label: str
    purpose: str
    validity: str
    """In words: "valid for another 3 days", "expired on 14 July 1932", "not valid here"."""
    valid: bool


def issue(state: GameState, item: str, before: int, after: int) -> None:
    """Record the day a document is issued: when its count rises from nothing."""
    if before <= 0 < after:
        state.issued[item] = state.day


def validity(world: World, item: str) -> tuple[Validity, int | None]:
    """Whether ``item`` is valid now, and the day it expires (None: never)."""
    if world.s.items.get(item, 0) <= 0:
        return "missing", None
    document = world.t.documents.get(item)
    if document is None:
        return "valid", None
    expires = None
    if document.valid_days is not None:
        expires = world.s.issued.get(item, 0) + document.valid_days
        if world.s.day >= expires:
            return "expired", expires
    if document.places and not _listed_here(world, document.places):
        return "place", expires
    return "valid", expires


def _listed_here(world: World, places: list[str]) -> bool:
    """At a place: it is listed; on a leg: either end is."""
    leg = world.leg
    if leg is not None:
        return leg.from_ in places or leg.to in places
    return world.s.place in places


def is_valid(world: World, item: str) -> bool:
    return validity(world, item)[0] == "valid"


def days_left(world: World, item: str) -> float:
    """Days of validity left: 0 when not held or expired, :data:`NO_EXPIRY` without expiry."""
    why, expires = validity(world, item)
    if why in ("missing", "expired"):
        return 0.0
    return NO_EXPIRY if expires is None else float(expires - world.s.day)


def best_papers(world: World) -> float:
    """The best papers carried that count here and now (plain papers always count)."""
    documents = world.t.documents
    return max((value for item, value in world.items_with("papers")
                if item not in documents or is_valid(world, item)), default=0.0)


def inspected(world: World, wanted: list[str]) -> tuple[float, Line | None]:
    """What a post that inspects ``wanted`` sees: the lowest papers among them, or why not.

    Every listed document must be valid; the first that is not gives the reason, as a line
    (``("document", item, why, expiry day, place or leg)``) that names it.
    """
    for item in wanted:
        why, expires = validity(world, item)
        if why != "valid":
            return 0.0, ("document", item, why, expires, world.s.leg or world.s.place)
    return min(float(world.t.scenario.items[item].papers) for item in wanted), None


def document_views(world: World) -> list[DocumentView]:
    """The documents carried, each with its validity in words."""
    found = []
    for item, document in world.t.documents.items():
        why, expires = validity(world, item)
        if why == "missing":
            continue
        if why == "expired":
            words = f"expired on {long_date(world.t.date(expires or 0))}"
        elif why == "place":
            words = "not valid here"
        elif expires is None:
            words = "valid, no end date"
        elif expires - world.s.day == 1:
            words = "valid today only"
        else:
            words = f"valid for another {days(expires - world.s.day)}"
        found.append(DocumentView(item, world.t.scenario.items[item].label, document.purpose,
                                  words, why == "valid"))
    return found


def document_getters(scenario: Scenario) -> dict[str, Callable[[World], Any]]:
    """``valid.<item>`` and ``days_left.<item>`` for every document of the scenario."""
    getters: dict[str, Callable[[World], Any]] = {}
    for item, definition in scenario.items.items():
        if definition.document is not None:
            getters[f"valid.{item}"] = _document_getter(is_valid, item)
            getters[f"days_left.{item}"] = _document_getter(days_left, item)
    return getters


def _document_getter(read: Callable[[World, str], Any], item: str) -> Callable[[World], Any]:
    return lambda w: read(w, item)
