"""What a scenario author writes: frozen Pydantic models with ``extra="forbid"``.

These models are the project's contract with its authors. Every field is documented with
an attribute docstring (they become the JSON Schema's descriptions and
``docs/scenario-format.md``). A typo is an error, never a silent default. Expressions are
stored here as their text; :mod:`gulag_escape.scenario.compile` checks and compiles them
once the whole scenario is known.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from gulag_escape.textkit import LINK
from gulag_escape.untrusted import find_control

Evidence = Literal["documented", "memoir", "literary", "disputed", "legend"]
"""How sure we are: archives and scholarship, a survivor's account, fiction based on real
events, challenged by someone with evidence, or rumour with no source behind it."""

SourceKind = Literal["archive", "scholarship", "reference", "memoir", "literary", "press"]
"""What a source is: published archival documents, a historian's work, an institutional
reference (encyclopedia, museum, Memorial), a survivor's own account, fiction or a story drawn
from life, or journalism. A note's evidence level can be no stronger than its sources allow."""

EVIDENCE_STRENGTH: dict[str, int] = {"documented": 3, "memoir": 2, "literary": 1}
"""The levels that say how a thing is known, strongest first. ``disputed`` and ``legend`` are
statements about doubt, so no source is too weak for them and they have no strength here."""

KIND_CEILING: dict[str, Evidence] = {
    "archive": "documented", "scholarship": "documented", "reference": "documented",
    "press": "documented", "memoir": "memoir", "literary": "literary",
}
"""The strongest evidence level each kind of source can carry: one survivor's account stays a
memoir however often it is retold, and fiction drawn from life stays fiction."""


def overstated(evidence: Evidence, kinds: list[SourceKind]) -> Evidence | None:
    """The strongest level ``kinds`` allow, when ``evidence`` claims more than that; else None.

    A note rests on its strongest source: a note citing Applebaum and Shalamov may be
    documented, one citing Shalamov alone may not."""
    if evidence not in EVIDENCE_STRENGTH:
        return None
    ceiling: Evidence = max((KIND_CEILING[kind] for kind in kinds),
                            key=EVIDENCE_STRENGTH.__getitem__,
                            default="literary")
    return ceiling if EVIDENCE_STRENGTH[evidence] > EVIDENCE_STRENGTH[ceiling] else None

ContentLevel = Literal["mild", "standard"]
"""``mild`` leaves out the graphic details that ``standard`` states plainly (never luridly)."""

EndingKind = Literal["freedom", "captured", "killed", "died", "surrendered", "hiding"]
Disposition = Literal["helper", "indifferent", "informer"]
Phase = Literal["camp", "run", "any"]
Snow = Literal["none", "patchy", "cover", "deep"]
"""Snow on the ground: deep snow slows travel and shows tracks."""
PlaceKind = Literal[
    "camp", "wild", "settlement", "checkpoint", "port", "border", "city", "airfield", "mine"
]

_ID = r"^[a-z][a-z0-9_-]{0,47}$"
# The aliases carry no description: a field's own docstring must reach the JSON Schema.
Id = Annotated[str, Field(pattern=_ID)]
"""A short lower-case id: a-z, 0-9, - and _."""
NameId = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]{0,31}$"),
]
"""An id usable in expressions: a-z, 0-9 and _."""



def _clean_text(value: str) -> str:
    """Text reaches terminals: no control characters, escapes or bidi overrides, closed links."""
    bad = find_control(value)
    if bad:
        raise ValueError(
            f"text contains the control character U+{ord(bad):04X}; "
            "remove it (only line breaks are allowed)"
        )
    unlinked = LINK.sub("", value)
    if "[[" in unlinked or "]]" in unlinked:
        raise ValueError("a [[link]] is not closed: write [[term-id]] or [[term-id|shown words]]")
    return value


Text = Annotated[
    str,
    AfterValidator(_clean_text),
    Field(
        max_length=6000,
    ),
]
"""Prose in the tiny markup: _emphasis_, [[term-id]] or [[term-id|words]] for a glossary
term, [[note:id|words]] for a historical note."""
Line = Annotated[str, AfterValidator(_clean_text), Field(min_length=1, max_length=200)]
Expr = Annotated[
    str,
    Field(
        min_length=1,
        max_length=400,
    ),
]
"""A condition or number in the safe expression language, e.g. "hunger >= 60"."""
Number = float | Expr
"""A plain number, or an expression that computes one from the game's state."""


class Strict(BaseModel):
    """Base of every author-facing model: frozen, no unknown keys, documented fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class TextVariant(Strict):
    """One wording of a text, said when its condition holds at the moment the text is said."""

    when: Expr | None = None
    """The condition; the first variant whose condition holds is said. The last variant has
    none: it is the default."""
    text: Text
    """The wording, with ``{name}`` substitutions if wanted."""


Prose = Text | Annotated[list[TextVariant], Field(min_length=1, max_length=12)]
"""A text, or variants chosen by condition: ``[{when: "month >= 9", text: ...}, {text: ...}]``.
Either may hold ``{name}`` substitutions (``{days_free}``, ``{month}``, ``{companions}``...);
``{{`` and ``}}`` write a brace."""



# --- sources, notes, glossary --------------------------------------------------------------


class Source(Strict):
    """A printed work or an institutional site a historical note rests on."""

    author: Line
    """Author or institution, e.g. "Applebaum, Anne"."""
    title: Line
    """Title of the work or page."""
    year: int | None = Field(default=None, ge=1800, le=2100)
    """Year of publication."""
    publisher: Line | None = None
    """Publisher, journal or place of publication."""
    pages: Line | None = None
    """Chapter or pages, e.g. "ch. 18"."""
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=300)] | None = None
    """Address of an institutional page or a public-domain edition; never an unofficial copy."""
    kind: SourceKind
    """What the source is: archive (published documents), scholarship, reference (an
    institution's encyclopedia or exhibit), memoir, literary (fiction drawn from life) or
    press. It caps the evidence level of the note that cites it (``evidence-above-sources``)."""


class Note(Strict):
    """A historical note: what really happened, how sure we are, and where it comes from."""

    id: Id
    title: Line
    body: Text
    """The note in the author's own words."""
    evidence: Evidence
    """Evidence level of what the note states."""
    sources: list[Source] = Field(min_length=1)
    """At least one source."""
    content_level: ContentLevel = "mild"
    """``standard`` hides the note at the ``mild`` content level (graphic material)."""


class Term(Strict):
    """A glossary entry; link to it from any text with [[id]]."""

    id: Id
    term: Line
    definition: Text


# --- calendar, climate, terrain -----------------------------------------------------------


class Month(Strict):
    """The climate of one calendar month."""

    month: int = Field(ge=1, le=12)
    season: NameId
    """Season name used in expressions (``season == "summer"``)."""
    temp_low: float = Field(ge=-70, le=45)
    """Typical night temperature, °C."""
    temp_high: float = Field(ge=-70, le=45)
    """Typical day temperature, °C."""
    daylight: float = Field(ge=0, le=24)
    """Hours from sunrise to sunset."""
    snow: Snow
    """Snow on the ground: deep snow slows travel and shows tracks."""
    ice: Literal["open", "breakup", "freezing", "frozen"]
    """State of rivers and the sea."""
    forage: float = Field(ge=0, le=2)
    """Food found by a day's foraging, in days of rations, before skill and terrain."""
    travel: float = Field(ge=0.05, le=2)
    """Multiplier on the distance covered in a day (mud, snow, long days)."""

    @model_validator(mode="after")
    def _ordered(self) -> Month:
        if self.temp_low > self.temp_high:
            raise ValueError("temp_low is warmer than temp_high")
        return self


class Stage(Strict):
    """One stage of the camp phase's planning, with its own pace of waiting."""

    id: NameId
    """Read by expressions as ``stage == "trust"`` while this stage lasts."""
    label: Line
    """What the stage is, shown in the status: "Earning the bosses' trust"."""
    step_days: int = Field(ge=1, le=90)
    """Days one "wait" in camp takes during this stage."""
    until: Expr
    """The stage lasts until this holds; then the next stage whose ``until`` does not hold
    yet begins."""


class Calendar(Strict):
    """When the game begins and how the preparation phase counts time."""

    start: dt.date
    """Date of the first day in camp."""
    prep_step_days: int = Field(default=7, ge=1, le=31)
    """Days that pass with each preparation choice in camp (a week by default)."""
    max_days: int = Field(default=400, ge=10, le=3000)
    """Turn cap: the game ends in the scenario's ``timeout`` ending after this many days."""
    event_chance: float = Field(default=0.5, ge=0, le=1)
    """Chance that a day with no priority storylet and no encounter brings a storylet."""
    seasons: dict[NameId, Line] = {}
    """Player-facing words for the climate's season names (``polar_night: polar night``);
    a season without one reads as its name with spaces for underscores."""
    planning: list[Stage] = Field(default=[], max_length=20)
    """Stages of the camp phase, in order: the current one is the first whose ``until`` does
    not hold, and a wait takes its ``step_days``. Empty: every wait takes
    ``prep_step_days``."""


class Terrain(Strict):
    """How a kind of ground is crossed."""

    label: Line
    """A phrase that reads after "over" or "among": "larch taiga and bog", "the highway"."""
    km_per_day: float = Field(gt=0, le=200)
    """Distance a rested walker covers in a day in good weather."""
    lost_chance: float = Field(default=0.0, ge=0, le=1)
    """Chance a day's march goes astray without a compass or a woodsman."""
    exposure: float = Field(default=0.5, ge=0, le=2)
    """How visible a traveller is: scales sightings and pursuit."""
    forage: float = Field(default=1.0, ge=0, le=3)
    """Multiplier on the month's forage."""


# --- stats, items, skills ------------------------------------------------------------------


class StatDef(Strict):
    """A number the scenario tracks beside the built-in body stats."""

    label: Line
    description: Text = ""
    min: float = 0
    max: float = 100
    start: float = 0
    shown: bool = True
    """Shown in the status panel; hidden stats are still readable by expressions."""


class DocumentDef(Strict):
    """What makes an item a document: what it is for, how long and where it is valid."""

    purpose: Line
    """What the document says it is for, shown to the player."""
    valid_days: int | None = Field(default=None, ge=1, le=3000)
    """Days it is valid from the day it is issued (gained); none: it never expires."""
    places: list[Id] = []
    """Places where it is valid (empty: anywhere); on a leg it is valid if either end is
    listed."""


class ItemDef(Strict):
    """Something a fugitive carries; its properties feed the systems."""

    label: Line
    description: Text = ""
    insulation: float = Field(default=0, ge=0, le=60)
    """Degrees of cold the item keeps off (clothing, boots)."""
    papers: float = Field(default=0, ge=0, le=100)
    """Quality of the documents it counts as (the best one you hold is shown)."""
    navigation: float = Field(default=0, ge=0, le=1)
    """Reduces the chance of getting lost by this share (a compass: 0.7)."""
    fire: bool = False
    """Lets you make fire (matches, a flint)."""
    bribe: float = Field(default=0, ge=0, le=100)
    """Worth as a bribe at a checkpoint; spent when offered."""
    document: DocumentDef | None = None
    """Makes the item a document with validity: its ``papers`` count only while it is valid
    here and now."""


class SkillDef(Strict):
    """A skill a profile or companion brings (woodcraft, forgery...)."""

    label: Line
    description: Text = ""


# --- effects and checks ---------------------------------------------------------------------


class AddEffect(Strict):
    """Change numbers: stats, ``food``, ``alert`` or item counts, e.g. ``add: {hunger: 10}``."""

    add: dict[NameId, float] = Field(min_length=1)


class SetEffect(Strict):
    """Set flags (true/false) or stats to a value, e.g. ``set: {told_petrov: true}``."""

    set: dict[NameId, bool | float] = Field(min_length=1)


class DaysEffect(Strict):
    """Let days pass: the body, the calendar and the pursuit move on."""

    days: int = Field(ge=1, le=60)


class MoveEffect(Strict):
    """Put the fugitive at a place (e.g. carried there by a truck)."""

    move: Id


class EscapeEffect(Strict):
    """Leave the camp: the run begins and the alarm clock starts."""

    escape: Literal[True]


class EndEffect(Strict):
    """End the game with an ending."""

    end: Id


class JournalEffect(Strict):
    """Write a line in the journal."""

    journal: Line


class NoteEffect(Strict):
    """Unlock a historical note in the archive."""

    note: Id


class JoinEffect(Strict):
    """A companion joins the group."""

    join: Id


class LeaveEffect(Strict):
    """A companion leaves the group."""

    leave: Id


class LoyaltyEffect(Strict):
    """Change companions' hidden loyalty, e.g. ``loyalty: {sazonov: 10}``."""

    loyalty: dict[Id, float] = Field(min_length=1)


MemberValue = Literal["health", "hunger", "warmth", "fatigue", "pace"]
"""A value of a party member's own body."""


class MemberEffect(Strict):
    """Change party members' body values, e.g. ``member: {andrei: {pace: -0.3}}``; a member
    whose health reaches 0 dies."""

    member: dict[Id, dict[MemberValue, float]] = Field(min_length=1)


_EFFECT_KEYS = (
    "add", "set", "days", "move", "escape", "end", "journal", "note", "join", "leave", "loyalty",
    "member",
)


def _effect_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = [key for key in value if key in _EFFECT_KEYS]
        return keys[0] if len(keys) == 1 else None
    return getattr(value, "tag", None) or next(
        # ``effects: [escape]`` hands us a string: no tag, so Pydantic reports the shape
        (key for key in _EFFECT_KEYS if key in getattr(type(value), "model_fields", {})), None
    )


Effect = Annotated[
    Annotated[AddEffect, Tag("add")]
    | Annotated[SetEffect, Tag("set")]
    | Annotated[DaysEffect, Tag("days")]
    | Annotated[MoveEffect, Tag("move")]
    | Annotated[EscapeEffect, Tag("escape")]
    | Annotated[EndEffect, Tag("end")]
    | Annotated[JournalEffect, Tag("journal")]
    | Annotated[NoteEffect, Tag("note")]
    | Annotated[JoinEffect, Tag("join")]
    | Annotated[LeaveEffect, Tag("leave")]
    | Annotated[LoyaltyEffect, Tag("loyalty")]
    | Annotated[MemberEffect, Tag("member")],
    Discriminator(
        _effect_tag,
        custom_error_type="effect",
        custom_error_message="an effect is a mapping with exactly one of the keys: "
        + ", ".join(_EFFECT_KEYS),
    ),
]
"""One change to the game, written as a mapping with exactly one key naming its kind."""


class Outcome(Strict):
    """What follows a choice or one side of a check."""

    text: Prose = ""
    """What is said: one text, or variants chosen by condition when it is said."""
    effects: list[Effect] = []
    next: Id | None = None
    """A storylet that follows at once (at the mild level a standard storylet is skipped)."""


class Check(Strict):
    """A risky action: an outcome drawn with odds computed from the state."""

    odds: Number
    """Chance of success, 0 to 1 (clamped to 2 %–98 %: nothing is certain)."""
    rule: Line
    """The rule in words, shown when the player asks why."""
    success: Outcome
    failure: Outcome


class Choice(Strict):
    """One thing the player can do in a storylet."""

    id: Id
    label: Line
    when: Expr | None = None
    """Enabled only when this holds; otherwise shown disabled with ``unavailable``."""
    show_if: Expr | None = None
    """Hidden entirely unless this holds (use sparingly: refusals teach)."""
    unavailable: Line | None = None
    """Why the choice is disabled; generated from ``when`` if omitted."""
    text: Prose = ""
    """What is said when it is taken: one text, or variants chosen by condition then."""
    effects: list[Effect] = []
    next: Id | None = None
    """A storylet that follows at once (at the mild level a standard storylet is skipped)."""
    check: Check | None = None
    """A check replaces text/effects/next with its success and failure outcomes."""

    @model_validator(mode="after")
    def _check_or_outcome(self) -> Choice:
        if self.check and (self.text or self.effects or self.next):
            raise ValueError("a choice with a check puts its text, effects and next in the check")
        return self


# --- storylets ------------------------------------------------------------------------------


class Storylet(Strict):
    """A written event, chosen each day among those whose requirements hold, by weight."""

    id: Id
    title: Line
    text: Prose
    """What happens: one text, or variants chosen by condition when the storylet fires."""
    repeat_text: Prose | None = None
    """For a repeatable storylet: what is said instead of ``text`` when the same wording was
    told fewer than ``repeat_days`` days ago (a short line, not the whole scene again)."""
    repeat_days: int = Field(default=28, ge=1, le=400)
    """How long a wording of ``text`` is not told again verbatim when ``repeat_text`` is set."""
    phase: Phase = "run"
    """In camp before the escape, on the run, or either."""
    places: list[Id] = []
    """Only at these places (empty: anywhere)."""
    terrains: list[NameId] = []
    """Only while on legs of these terrains (empty: any)."""
    when: Expr | None = None
    """Further requirement, e.g. ``season == "autumn" and food < 2``."""
    weight: Number = 1.0
    """Relative chance among the storylets that can fire today."""
    priority: int = Field(default=0, ge=0, le=100)
    """Above 0 the storylet fires before any random one when its requirements hold."""
    once: bool = True
    """Fires at most once per game."""
    content_level: ContentLevel = "mild"
    """``standard``: shown only at the standard content level. At the mild level it never
    fires, and a ``next:`` to it is skipped: the game goes on as if the choice had none."""
    choices: list[Choice] = Field(min_length=1, max_length=9)


# --- route ----------------------------------------------------------------------------------


class Checkpoint(Strict):
    """A post where papers are checked; the player chooses how to pass it."""

    strength: float = Field(ge=0, le=100)
    """How hard the inspection is before any alert."""
    bypass_km: float = Field(gt=0, le=500)
    """Length of the detour through the wild around the post."""
    bypass_terrain: NameId
    vehicles: bool = False
    """Trucks pass here: hiding on one is possible."""
    bribable: bool = False
    text: Text = ""
    documents: list[NameId] = []
    """Documents (items with ``document:``) the post inspects: showing papers needs every one
    valid here and now, and the odds use the lowest ``papers`` among them. Empty: the best
    valid papers carried are shown."""


class MapPoint(Strict):
    """Where a place sits on the route map, 0–100 on each axis (west to east, south to north)."""

    x: float = Field(ge=0, le=100)
    y: float = Field(ge=0, le=100)


class Place(Strict):
    """A point on the route."""

    id: Id
    name: Line
    kind: PlaceKind
    description: Text = ""
    map: MapPoint
    belt: bool = False
    """Inside the belt around the camps where locals were mobilised to report fugitives."""
    population: float = Field(default=0.2, ge=0, le=1)
    """How likely a day here brings an encounter."""
    checkpoint: Checkpoint | None = None
    ending: Id | None = None
    """Arriving here ends the game with this ending (a border, a ship out)."""

    @model_validator(mode="after")
    def _checkpoint_kind(self) -> Place:
        if self.checkpoint and self.kind != "checkpoint":
            raise ValueError("only a place of kind 'checkpoint' can have a checkpoint")
        if self.kind == "checkpoint" and not self.checkpoint:
            raise ValueError("a place of kind 'checkpoint' needs a checkpoint: section")
        return self


class Crossing(Strict):
    """A river or strait on a leg, crossed on the first day of the leg."""

    name: Line
    difficulty: Number
    """Chance of failing the crossing, 0 to 1 (may depend on ``ice`` or skills)."""
    ending: Id
    """The ending when the crossing fails (drowning)."""


class Leg(Strict):
    """A way from one place to another."""

    id: Id
    from_: Id = Field(alias="from")
    to: Id
    km: float = Field(gt=0, le=3000)
    terrain: NameId
    name: Line
    text: Text = ""
    crossing: Crossing | None = None

    model_config = ConfigDict(populate_by_name=True)


# --- people ---------------------------------------------------------------------------------


class Profile(Strict):
    """Who the player is: it shapes stats, items, skills and how hard the hunt is."""

    id: Id
    label: Line
    description: Text
    stats: dict[NameId, float] = {}
    """Starting values that differ from the defaults."""
    items: dict[NameId, int] = {}
    skills: dict[NameId, int] = {}
    """Skill levels, 1–3."""
    search: float = Field(default=1.0, ge=0.2, le=3)
    """Multiplier on the pursuit's effort (politicals were hunted harder)."""
    help: float = Field(default=1.0, ge=0, le=3)
    """Multiplier on the chance a stranger helps (criminals had underworld contacts)."""


PACE_BOUNDS = (0.2, 1.5)
"""A walker's pace as a share of a fit adult's: the slowest and the fastest a body can be."""


class MemberBody(Strict):
    """A party member's own body: their health and limits, changed by the same rules as
    yours, each day on the run."""

    pace: float = Field(default=1.0, ge=PACE_BOUNDS[0], le=PACE_BOUNDS[1])
    """Walking pace as a share of a fit adult's; the group walks at the slowest member's."""
    insulation: float = Field(default=0, ge=0, le=60)
    """Degrees of cold their own clothing keeps off (the scale of items' insulation)."""
    health: float = Field(default=100, ge=0, le=100)
    hunger: float = Field(default=0, ge=0, le=100)
    warmth: float = Field(default=60, ge=0, le=100)
    fatigue: float = Field(default=0, ge=0, le=100)


class Companion(Strict):
    """Someone who can go with you; loyalty is hidden and can break."""

    id: Id
    name: Line
    description: Text
    skills: dict[NameId, int] = {}
    loyalty: float = Field(default=60, ge=0, le=100)
    """Hidden. Low loyalty under hunger and alert can end in desertion or betrayal."""
    joins: bool = False
    """With the player from the start."""
    free: bool = False
    """A free person, not a prisoner: capture does not send them back to a camp."""
    if_caught: Line | None = None
    """What capture means for them, told in the ending's account of the party."""
    body: MemberBody | None = None
    """Their own body state, shown in the status; without it they share the group's fate."""


class Encounter(Strict):
    """Someone met on the way, with a hidden disposition drawn from the weights."""

    id: Id
    name: Line
    text: Prose
    """What you see: one text, or variants chosen by condition when you meet."""
    places: list[Id] = []
    terrains: list[NameId] = []
    when: Expr | None = None
    weight: Number = 1.0
    dispositions: dict[Disposition, Number] = Field(min_length=1)
    """Weights of each disposition (may depend on the state, e.g. ``belt``)."""
    cues: dict[Disposition, Prose] = {}
    """Honest cues shown with the encounter: how this person behaves if that is what they are."""
    approach: dict[Disposition, Outcome]
    """What happens when you approach, by the hidden disposition."""
    avoid: Outcome = Outcome()
    """What happens when you keep away."""
    reason: Line | None = None
    """The circumstance that makes these people likelier (or less likely) to report you than
    others met in the same zone, e.g. a documented bounty or officials who visit; shown to the
    player with the encounter. Odds never differ by who people are (lint: informer-odds)."""

    @model_validator(mode="after")
    def _every_disposition(self) -> Encounter:
        missing = sorted(set(self.dispositions) - set(self.approach))
        if missing:
            raise ValueError(f"approach has no outcome for: {', '.join(missing)}")
        return self


class Ending(Strict):
    """How a game ends, with the history behind it."""

    id: Id
    kind: EndingKind
    title: Line
    epilogue: Text
    notes: list[Id] = Field(min_length=1)
    """Historical notes shown after this ending."""


# --- systems' parameters --------------------------------------------------------------------


class Rations(Strict):
    """A value for each ration setting."""

    full: float
    half: float
    none: float


class Exertion(Strict):
    """How tiring each kind of day is, as a share of ``fatigue_per_march``; a negative share
    is a share of ``recovery_per_rest`` (the day rests the body instead)."""

    march: float = Field(default=1.0, ge=-3, le=3)
    """A day's march along a leg."""
    force: float = Field(default=1.5, ge=-3, le=3)
    """A day's march at a forced pace."""
    detour: float = Field(default=1.0, ge=-3, le=3)
    """A day walking around a checkpoint through the wild."""
    forage: float = Field(default=0.45, ge=-3, le=3)
    """A day spent gathering food."""
    rest: float = Field(default=-1.0, ge=-3, le=3)
    """A day resting and hiding."""
    fire: float = Field(default=-1.0, ge=-3, le=3)
    """A day resting by a fire."""
    ride: float = Field(default=-0.3, ge=-3, le=3)
    """A day hidden on a vehicle past a checkpoint."""


class HarmScale(Strict):
    """For each cause of harm, the points past its line that cost one point of health a day."""

    hunger: float = Field(default=4, gt=0, le=100)
    """Points of hunger above ``starving_at`` per point of health lost."""
    cold: float = Field(default=2.5, gt=0, le=100)
    """Points of warmth below ``cold_at`` per point of health lost."""
    exhaustion: float = Field(default=4, gt=0, le=100)
    """Points of fatigue above ``exhausted_at`` per point of health lost."""


class Body(Strict):
    """Parameters of hunger, warmth, fatigue and health."""

    food_per_day: Rations = Rations(full=1.0, half=0.5, none=0.0)
    """Days of food eaten per person per day."""
    hunger_per_day: Rations = Rations(full=-10, half=6, none=14)
    """Daily change of hunger by ration."""
    starving_at: float = Field(default=70, ge=0, le=100)
    """Above this hunger health falls."""
    cold_at: float = Field(default=30, ge=0, le=100)
    """Below this warmth health falls."""
    exhausted_at: float = Field(default=80, ge=0, le=100)
    """Above this fatigue health falls."""
    warmth_base: float = 60
    """Warmth a resting body holds at 0 °C with no clothing."""
    warmth_per_degree: float = Field(default=1.6, ge=0, le=10)
    """How much each degree of cold (after insulation) lowers warmth."""
    fire_warmth: float = Field(default=12, ge=0, le=50)
    """Warmth a fire adds on a night's rest (it can also be seen)."""
    fatigue_per_march: float = Field(default=18, ge=0, le=60)
    recovery_per_rest: float = Field(default=30, ge=0, le=100)
    camp_hunger_per_day: float = Field(default=0.4, ge=-10, le=10)
    """Daily change of hunger in camp, on the camp's ration: the cost of waiting."""
    camp_health_per_day: float = Field(default=-0.25, ge=-10, le=10)
    """Daily change of health in camp: labour and cold wear a prisoner down."""
    exertion: Exertion = Exertion()
    """How tiring each kind of day is."""
    harm_scale: HarmScale = HarmScale()
    """How fast each cause past its line costs health."""
    recovery_per_day: float = Field(default=2, ge=0, le=50)
    """Health regained on a day on the run when nothing is past its line."""
    warmth_share: float = Field(default=0.5, gt=0, le=1)
    """Share of the way from today's warmth to the day's target that the body covers."""
    camp_fatigue: float = Field(default=55, ge=0, le=100)
    """The fatigue a day of camp life drifts towards."""
    camp_warmth: float = Field(default=55, ge=0, le=100)
    """The warmth a day of camp life drifts towards."""
    camp_drift_share: float = Field(default=0.25, gt=0, le=1)
    """Share of the way to ``camp_fatigue`` and ``camp_warmth`` covered each day in camp."""


class Pursuit(Strict):
    """Parameters of the hunt."""

    alarm_delay_days: int = Field(default=1, ge=0, le=30)
    """Days before the alarm goes out (a travel order bought days)."""
    alarm_alert: float = Field(default=70, ge=0, le=100)
    """Alert when the alarm goes out."""
    decay_per_day: float = Field(default=4, ge=0, le=50)
    search_radius_km: float = Field(default=30, ge=0, le=500)
    """Within this distance of the camp search parties and dogs work hardest."""
    sighting_alert: float = Field(default=15, ge=0, le=100)
    """Alert added when someone reports you."""
    tracks_alert: float = Field(default=6, ge=0, le=100)
    """Alert added each day you move over snow that shows tracks."""
    catch_odds: Expr = "alert / 300 * exposure"
    """Chance, each day, that the pursuit catches up; the engine provides ``exposure``."""
    catch_cap: float = Field(default=0.9, ge=0, le=1)
    """The day's chance of being caught never exceeds this, whatever ``catch_odds`` gives."""
    tracks_in: list[Snow] = ["cover", "deep"]
    """Snow in which a day on the move leaves tracks (``tracks_alert``)."""
    place_exposure: float = Field(default=0.3, ge=0, le=2)
    """Exposure at a place (not on a leg): this plus the place's ``population``."""
    exposure_per_companion: float = Field(default=0.25, ge=0, le=2)
    """Each person in the group beyond the first adds this share to the exposure."""
    dark_exposure: float = Field(default=0.6, ge=0, le=1)
    """Share of the exposure left in darkness; it grows evenly to the whole exposure at
    ``full_daylight_hours`` of daylight."""
    full_daylight_hours: float = Field(default=20, gt=0, le=24)
    """Hours of daylight at and above which the group is fully exposed."""
    near_camp_exposure: float = Field(default=1.5, ge=0, le=5)
    """Exposure multiplier within ``search_radius_km`` of the camp."""
    fire_alert: float = Field(default=2, ge=0, le=100)
    """Alert added by a day's fire that can be seen (in the belt, or in short daylight)."""
    fire_seen_below_daylight: float = Field(default=20, ge=0, le=24)
    """A fire is seen when the month has fewer hours of daylight than this."""


class Foraging(Strict):
    """What a day's foraging finds: the month's ``forage`` × the ground × skill × hands × luck."""

    place_ground: float = Field(default=0.5, ge=0, le=3)
    """The ground's forage multiplier for a day at a place rather than on a leg."""
    skill: NameId = "woodcraft"
    """The skill that finds more food; a skill the scenario does not declare counts as 0."""
    per_skill_level: float = Field(default=0.5, ge=0, le=3)
    """Share of food added for each level of ``skill`` in the group."""
    per_companion: float = Field(default=0.3, ge=0, le=3)
    """Share of food added for each person in the group beyond the first."""
    luck_low: float = Field(default=0.5, ge=0, le=3)
    """The smallest luck factor drawn for a day (evenly between the two)."""
    luck_high: float = Field(default=1.5, ge=0, le=3)
    """The largest luck factor drawn for a day."""

    @model_validator(mode="after")
    def _ordered(self) -> Foraging:
        if self.luck_low > self.luck_high:
            raise ValueError("luck_low is larger than luck_high")
        return self


class Travel(Strict):
    """How far a day's march goes and how often it goes astray."""

    forced_pace: float = Field(default=1.4, ge=1, le=3)
    """Distance multiplier when forcing the pace."""
    tired_from: float = Field(default=50, ge=0, lt=100)
    """Above this fatigue the day's distance shrinks, evenly up to fatigue 100."""
    tired_loss: float = Field(default=0.5, ge=0, le=1)
    """Share of the distance lost at fatigue 100."""
    starving_pace: float = Field(default=0.75, ge=0, le=1)
    """Distance multiplier while hunger is above ``body.starving_at``."""
    weak_below: float = Field(default=30, ge=0, le=100)
    """Below this health the day's distance is multiplied by ``weak_pace``."""
    weak_pace: float = Field(default=0.75, ge=0, le=1)
    """Distance multiplier while health is below ``weak_below``."""
    navigation_skill: NameId = "woodcraft"
    """The skill that keeps a march from going in circles; undeclared, it counts as 0."""
    navigation_per_level: float = Field(default=0.3, ge=0, le=1)
    """Share of going astray each level of ``navigation_skill`` prevents (the best item's
    ``navigation`` counts instead when it is larger)."""
    navigation_cap: float = Field(default=0.9, ge=0, le=1)
    """The most that skill alone can prevent of going astray."""
    finishing_share: float = Field(default=0.25, ge=0, le=1)
    """A stretch whose rest is under this share of a day's distance is finished that day."""
    forage: Foraging = Foraging()
    """What a day's foraging finds."""


class Company(Strict):
    """How companions' hidden loyalty wears and breaks (the list of companions is
    ``companions:``; this section holds the rules for all of them)."""

    strain_hunger: float = Field(default=60, ge=0, le=100)
    """Above this hunger each night on the run wears loyalty down."""
    strain_alert: float = Field(default=60, ge=0, le=100)
    """Above this alert each night on the run wears loyalty down."""
    loyalty_loss: float = Field(default=2, ge=0, le=100)
    """Loyalty each companion loses on a night of strain."""
    desert_below: float = Field(default=30, ge=0, le=100)
    """Below this loyalty a companion may slip away at night: the chance is the loyalty
    missing to this line, in per cent."""
    betray_below: float = Field(default=15, ge=0, le=100)
    """Below this loyalty, inside the belt, a companion may go to the authorities."""
    betray_chance: float = Field(default=0.3, ge=0, le=1)
    """The night's chance of a betrayal, once loyalty is below ``betray_below`` in the belt."""
    free_under_strain: bool = False
    """Whether ``free:`` companions are under strain too. Strain is the fellow prisoner's: a
    man who may save himself by slipping away or reporting you. A free wife or son shares
    the danger but is not drawn as a deserter or an informer unless the scenario says so
    here (a hired guide, say, who is free and may sell you)."""


class Meetings(Strict):
    """How often someone is met on the way (the people themselves are ``encounters:``)."""

    on_leg_share: float = Field(default=0.5, ge=0, le=1)
    """On a leg the day's chance is this share of the destination's ``population``; at a
    place it is the place's own."""
    belt_factor: float = Field(default=2, ge=0, le=10)
    """Multiplier on that chance inside the belt."""
    chance_cap: float = Field(default=0.9, ge=0, le=1)
    """The day's chance of a meeting never exceeds this."""


class CheckpointRule(Strict):
    """One way past a checkpoint: its odds and the rule the player reads when asking why."""

    odds: Expr
    """Chance of success, 0 to 1 (clamped to 2 %–98 %). Besides the usual names it can read
    ``strength`` (the post's inspection strength) and ``bribe`` (the worth of the item
    offered, 0 for other ways)."""
    rule: Line | None = None
    """The rule in words, shown when the player asks why; without it the player reads
    ``odds`` itself, with the names as the status panel says them."""


class Checkpoints(Strict):
    """How checkpoints are passed (each post's own numbers are on its place)."""

    papers: CheckpointRule = CheckpointRule(odds="0.5 + (papers - strength - alert * 0.4) / 100")
    """Showing papers."""
    vehicle: CheckpointRule = CheckpointRule(odds="0.55 - alert / 200")
    """Hiding on a vehicle at a post with ``vehicles: true``."""
    bribe: CheckpointRule = CheckpointRule(odds="0.3 + bribe / 100 - alert / 200")
    """Offering an item with a ``bribe`` worth at a post with ``bribable: true``."""
    vehicle_name: Line = "truck"
    """What passes the posts and can hide a fugitive: "truck", "cart", "sledge"."""
    detour_min_km: float = Field(default=1, ge=0, le=100)
    """The least distance a day of a detour covers, however weak the walker."""
    detour_horizon_days: int = Field(default=60, ge=1, le=400)
    """The longest detour the "about N days" estimate counts."""


class EndingsFor(Strict):
    """Which ending the systems use for each way a game can end without a storylet."""

    captured: Id
    """The pursuit catches you, or a checkpoint, a driver or an informer gives you away."""
    cold: Id
    """Health reaches 0 and cold did the most harm."""
    hunger: Id
    exhaustion: Id
    timeout: Id
    """The turn cap is reached (still at large, in hiding)."""
    surrender: Id | None = None
    """The player gives up; without it the choice is not offered."""


class Band(Strict):
    """The share of outcomes a policy should produce, checked by the simulator."""

    policy: Id
    kind: EndingKind
    profile: Id | None = None
    """The profile whose games the band is for; without one it must hold for every profile
    (``simulate --calibrate`` plays each)."""
    min: float = Field(default=0.0, ge=0, le=1)
    max: float = Field(default=1.0, ge=0, le=1)


# --- the scenario ---------------------------------------------------------------------------


class Years(Strict):
    start: int = Field(ge=1900, le=2000)
    end: int = Field(ge=1900, le=2000)


class Basis(Strict):
    """The historical basis of the whole scenario."""

    evidence: Evidence
    summary: Text
    notes: list[Id] = []


class Meta(Strict):
    """What the scenario is, for lists, cards and teachers."""

    id: Id
    title: Line
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    years: Years
    era: Line
    """The period in words, e.g. "Late 1930s"."""
    place: Line
    summary: Text
    author: Line
    licence: Line
    length: Line = "about 30 minutes"
    content_notes: dict[NameId, Line] = Field(min_length=1)
    """Content notes by category (death, violence, hunger...), shown before play."""
    basis: Basis
    sources: list[Source] = Field(min_length=1)
    balance: list[Band] = []
    """Expected outcome shares per simulator policy."""


class Scenario(Strict):
    """A whole scenario file."""

    format: Literal[1] = 1
    """Version of this file format."""
    meta: Meta
    calendar: Calendar
    climate: list[Month] = Field(min_length=12, max_length=12)
    terrains: dict[NameId, Terrain] = Field(min_length=1)
    stats: dict[NameId, StatDef] = {}
    items: dict[NameId, ItemDef] = {}
    skills: dict[NameId, SkillDef] = {}
    flags: dict[NameId, Line] = {}
    """Flags and what they mean; only declared flags can be set or read."""
    body: Body = Body()
    pursuit: Pursuit = Pursuit()
    travel: Travel = Travel()
    company: Company = Company()
    """Rules for companions' loyalty (named ``company`` because ``companions:`` lists them)."""
    meetings: Meetings = Meetings()
    """Rules for meeting people (named ``meetings`` because ``encounters:`` lists them)."""
    checkpoints: Checkpoints = Checkpoints()
    endings_for: EndingsFor
    start: Id
    """The place where the game begins (the camp)."""
    places: list[Place] = Field(min_length=2)
    legs: list[Leg] = Field(min_length=1)
    profiles: list[Profile] = Field(min_length=1)
    companions: list[Companion] = []
    encounters: list[Encounter] = []
    storylets: list[Storylet] = Field(min_length=1)
    endings: list[Ending] = Field(min_length=2)
    notes: list[Note] = Field(min_length=1)
    glossary: list[Term] = []
