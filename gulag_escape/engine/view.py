"""What a front end draws: plain frozen dataclasses built from the state, never the reverse.

Text in a view is in the scenario's tiny markup (``_emphasis_``, ``[[term]]``); each front
end renders or strips it (:mod:`gulag_escape.markup`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gulag_escape.engine.documents import DocumentView, document_views
from gulag_escape.engine.narration import (
    CHECKPOINT_WAYS,
    Narrator,
    the_name,
    value_label,
)
from gulag_escape.engine.odds import odds_in_words
from gulag_escape.engine.options import Option
from gulag_escape.engine.party import VALUES, member_value, members_with_you, party_fates
from gulag_escape.engine.planning import current_stage
from gulag_escape.engine.prose import season_label
from gulag_escape.engine.world import World
from gulag_escape.scenario.models import Note, Source
from gulag_escape.textkit import long_date
from gulag_escape.words import days, in_sentence, odds_phrase, risk_phrase


@dataclass(frozen=True)
class ChoiceView:
    id: str
    label: str
    enabled: bool = True
    reason: str | None = None
    """Why a disabled choice cannot be taken."""
    odds: float | None = None
    odds_words: str | None = None
    rule: str | None = None
    """The rule behind the odds (or the worst risk), for "why?"."""
    values: dict[str, Any] = field(default_factory=dict)
    """The numbers behind the odds, by the names the player reads."""
    odds_text: str | None = None
    """``fair chance (62 %)``: how every front end shows a check's odds."""
    risk: float | None = None
    """For a choice without a check: the chance that it ends the game (over all its days)."""
    risk_text: str | None = None
    """``risk: capture 12 %``: how every front end shows that risk, by cause."""


@dataclass(frozen=True)
class Gauge:
    id: str
    label: str
    value: float
    low: float = 0
    high: float = 100
    bad_when_high: bool = False
    """Hunger, fatigue and alert are worse the higher they are."""


@dataclass(frozen=True)
class MemberView:
    """A party member's body, as the status shows it."""

    id: str
    name: str
    free: bool
    health: float
    hunger: float
    warmth: float
    fatigue: float
    pace: float
    """Share of a fit adult's walking pace."""


@dataclass(frozen=True)
class StatusView:
    date: dt.date
    day: int
    days_free: int
    phase: str
    season: str
    temp: float
    daylight: float
    snow: str
    ice: str
    place: str
    place_name: str
    leg_name: str | None
    leg_km: float
    leg_total: float
    km: float
    km_from_camp: float
    ration: str
    food: float
    """Rations carried: one is a day's full ration for one person."""
    food_days: float
    """Days the whole group can eat full rations from what it carries."""
    papers: float
    alert_words: str
    body: list[Gauge]
    stats: list[Gauge]
    companions: list[str]
    items: list[tuple[str, int]]
    documents: list[DocumentView] = field(default_factory=list)
    """Documents carried, with their validity here and now."""
    party: list[MemberView] = field(default_factory=list)
    """Members of the group with a body of their own."""
    stage: str | None = None
    """The label of the planning stage under way in camp."""


@dataclass(frozen=True)
class NoteView:
    id: str
    title: str
    body: str
    evidence: str
    sources: list[str]


@dataclass(frozen=True)
class CheckView:
    label: str
    odds: float
    odds_words: str
    success: bool
    rule: str
    values: dict[str, Any]
    odds_text: str
    """``fair chance (62 %)``, as the front ends show it."""


@dataclass(frozen=True)
class EndingView:
    id: str
    kind: str
    title: str
    epilogue: str
    cause: str | None
    notes: list[NoteView]
    days: int
    """Days since the game began."""
    days_free: int | None
    """Days since the escape; None if the prisoner never got out."""
    km: float
    route: list[str]
    """Names of the places reached, in order."""
    harm: dict[str, float]
    turning_points: list[tuple[int, str, float, bool]]
    """Day, what was chanced (in the words the player chose), odds, and whether it went well."""
    party: list[tuple[str, str]] = field(default_factory=list)
    """What happened to the party: (name, what) for the dead and for free people caught."""


@dataclass(frozen=True)
class View:
    title: str
    text: str
    choices: list[ChoiceView]
    status: StatusView
    journal: list[tuple[dt.date, str]]
    ending: EndingView | None = None
    last_check: CheckView | None = None


def run_summary(ending: EndingView) -> str:
    """How long the escape lasted and how far it went, counted from the escape itself."""
    if ending.days_free is None:
        return f"{days(ending.days)} in the camp; you never got beyond the wire"
    return f"Out {days(ending.days_free)}, {ending.km:.0f} km walked"


def format_source(source: Source) -> str:
    """Author. _Title_. Publisher. Year. Pages. URL — each part ending in one full stop."""
    parts = [source.author, f"_{source.title.rstrip('.')}_"]
    parts += [p for p in (source.publisher, str(source.year) if source.year else None,
                          source.pages) if p]
    text = " ".join(part if part.endswith(".") else f"{part}." for part in parts)
    return f"{text} {source.url}" if source.url else text


def note_view(note: Note) -> NoteView:
    return NoteView(note.id, note.title, note.body, note.evidence,
                    [format_source(s) for s in note.sources])


def alert_in_words(alert: float, alarm_raised: bool) -> str:
    if not alarm_raised:
        return "no alarm yet"
    if alert < 20:
        return "the search has cooled"
    if alert < 45:
        return "they are searching"
    if alert < 70:
        return "they are hunting you"
    return "the whole district is looking for you"


def build_view(world: World, options: list[Option]) -> View:
    narrator = Narrator(world.t)
    s = world.s
    paragraphs = [narrator.render(line) for line in s.narration]
    paragraphs = [p for p in paragraphs if p]
    title = _scene_title(world, narrator)
    if s.scene is None and not world.over:
        # A choice that takes no time (the ration) changes nothing the plan paragraph says:
        # telling it again word for word is filler, so the question stands alone.
        no_time = bool(s.narration) and all(line[:2] == ("msg", "ration") for line in s.narration)
        paragraphs.append("What do you do?" if no_time else _plan_text(world, narrator))
    choices = [_choice_view(world, option, narrator) for option in options]
    start = world.t.scenario.calendar.start
    journal = [(start + dt.timedelta(days=entry[0]), narrator.journal_entry(entry[1:]))
               for entry in s.journal]
    return View(
        title=title,
        text="\n\n".join(paragraphs),
        choices=choices,
        status=_status(world, narrator),
        journal=journal,
        ending=_ending(world, narrator) if world.over else None,
        last_check=_check(world, narrator),
    )


def _choice_view(world: World, option: Option, narrator: Narrator) -> ChoiceView:
    rule = narrator.render(option.rule) if option.rule else None
    values = option.values
    risks = option.risks if option.enabled else None
    if risks and rule is None:
        cause = risks.worst.cause
        rule = narrator.render(("msg", f"rule-{_RULE_OF.get(cause, cause)}"))
        values = risks.worst.values
    words = odds_in_words(option.odds) if option.odds is not None else None
    return ChoiceView(
        id=option.id,
        label=narrator.render(option.label),
        enabled=option.enabled,
        reason=narrator.render(option.reason) if option.reason else None,
        odds=option.odds,
        odds_words=words,
        rule=rule,
        values=player_values(world, values),
        odds_text=odds_phrase(words, option.odds) if words and option.odds is not None else None,
        risk=risks.total if risks else None,
        risk_text=risk_phrase(risks.by_cause) if risks else None,
    )


_RULE_OF = {"cold": "body", "hunger": "body", "exhaustion": "body", "timeout": "story",
            "checkpoint": "story"}
"""The rule that explains each cause of a foreseen ending."""

def player_values(world: World, values: dict[str, Any]) -> dict[str, Any]:
    """The numbers behind odds under the names a player reads, never the scenario's ids.

    A companion's loyalty is hidden from the player, so it is left out rather than named.
    """
    shown: dict[str, Any] = {}
    for name, value in values.items():
        label = value_label(world.t.scenario, name)
        if label is not None:
            shown[label] = _value_in_words(world, name, value)
    return shown


def _value_in_words(world: World, name: str, value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "place" and value in world.t.places:
        return in_sentence(world.t.places[value].name)
    if name == "terrain" and value in world.t.scenario.terrains:
        return world.t.scenario.terrains[value].label
    if name == "season":
        return season_label(world)
    if name == "stage":
        return next((stage.label for stage in world.t.scenario.calendar.planning
                     if stage.id == value), "none")
    if isinstance(value, str):
        return value.replace("_", " ")
    return value


def _scene_title(world: World, narrator: Any) -> str:
    s = world.s
    if world.over and s.ending:
        return world.t.endings[s.ending].title
    if s.scene is not None:
        kind = s.scene[0]
        if kind == "storylet":
            return world.t.storylets[s.scene[1]].title
        if kind == "encounter":
            return world.t.encounters[s.scene[1]].name.capitalize()
        return str(narrator.name_of_place(s.scene[1]))
    return long_date(world.date)


def _plan_text(world: World, narrator: Any) -> str:
    # The weather is in the status line and panel: repeated here, it became the most
    # repeated paragraph of a game spent waiting in one place.
    s = world.s
    if s.phase == "camp":
        return "You are in the camp. What do you do?"
    leg = world.leg
    if leg:
        where = (f"you are on the way to {in_sentence(narrator.name_of_place(leg.to))}, "
                 f"{s.leg_km:.0f} of {leg.km:.0f} km behind you.")
    else:
        where = f"you are at {in_sentence(world.place.name)}."
    # The day of the escape comes first: days spent in one place read as days, not as the
    # same paragraph again.
    out = s.day - (s.escaped_day or 0)
    return f"Day {out + 1} of your escape: {where} What do you do?"


def _status(world: World, narrator: Any) -> StatusView:
    s = world.s
    scenario = world.t.scenario
    leg = world.leg
    body = [
        Gauge("health", "Health", s.stats["health"]),
        Gauge("hunger", "Hunger", s.stats["hunger"], bad_when_high=True),
        Gauge("warmth", "Warmth", s.stats["warmth"]),
        Gauge("fatigue", "Fatigue", s.stats["fatigue"], bad_when_high=True),
        Gauge("alert", "Pursuit", s.stats["alert"], bad_when_high=True),
    ]
    stats = [Gauge(name, d.label, s.stats[name], d.min, d.max)
             for name, d in scenario.stats.items() if d.shown]
    items = [(scenario.items[i].label, n) for i, n in s.items.items() if n > 0]
    return StatusView(
        date=world.date,
        day=s.day,
        days_free=s.day - s.escaped_day if s.escaped_day is not None else 0,
        phase=s.phase,
        season=season_label(world),
        temp=s.temp,
        daylight=world.month.daylight,
        snow=world.month.snow,
        ice=world.month.ice,
        place=s.place,
        place_name=world.place.name,
        leg_name=leg.name if leg else None,
        leg_km=s.leg_km,
        leg_total=leg.km if leg else 0.0,
        km=s.km,
        km_from_camp=round(world.km_from_camp, 1),
        # In camp the camp feeds you (and a hoard is not the run's ration): say so.
        ration="the camp's" if s.phase == "camp" else s.ration,
        food=round(s.stats["food"], 2),
        food_days=round(world.food_days(s.stats["food"]), 1),
        papers=world.papers,
        alert_words=alert_in_words(s.stats["alert"], s.alarm_raised),
        body=body,
        stats=stats,
        companions=[world.t.companions[c].name for c in s.companions],
        items=items,
        documents=document_views(world),
        party=_member_views(world),
        stage=stage.label if (stage := current_stage(world)) else None,
    )


def _member_views(world: World) -> list[MemberView]:
    views = []
    for who in members_with_you(world):
        value = {name: round(member_value(world, who, name), 2) for name in VALUES}
        companion = world.t.companions[who]
        views.append(MemberView(who, companion.name, companion.free, **value))
    return views


def _ending(world: World, narrator: Narrator) -> EndingView:
    s = world.s
    assert s.ending is not None
    ending = world.t.endings[s.ending]
    notes = [note_view(world.t.notes[n]) for n in ending.notes if n in s.notes]
    return EndingView(
        id=ending.id, kind=ending.kind, title=ending.title, epilogue=ending.epilogue,
        cause=s.cause, notes=notes, days=s.day,
        days_free=s.day - s.escaped_day if s.escaped_day is not None else None,
        km=round(s.km, 1),
        route=[world.t.places[p].name for p in [world.t.scenario.start, *s.visited]],
        harm={k: round(v, 1) for k, v in s.harm.items()},
        turning_points=[(day, narrator.turning_point(key), odds, success)
                        for day, key, odds, success in s.turning_points],
        party=party_fates(world),
    )


def _check(world: World, narrator: Narrator) -> CheckView | None:
    check = world.s.last_check
    if check is None:
        return None
    kind = check[0]
    if kind == "check":
        _, sid, cid, odds, success, values = check
        label = narrator.render(("label", sid, cid))
        rule = narrator.render(("rule", sid, cid))
    elif kind == "checkpoint":
        _, _place, how, odds, success, values = check
        label = narrator.render(("msg", f"opt-{how.split(':')[0]}", how.partition(':')[2]))
        rule = narrator.render(("way-rule", CHECKPOINT_WAYS[how.split(":")[0]]))
    elif kind == "pursuit":
        _, caught_odds, success, values = check
        odds = round(1 - caught_odds, 4)
        label = narrator.render(("msg", "check-pursuit"))
        rule = narrator.render(("msg", "rule-pursuit"))
    else:
        _, leg_id, odds, success, values = check
        crossing = world.t.legs[leg_id].crossing
        label = f"Crossing {the_name(crossing.name)}" if crossing else "Crossing"
        rule = narrator.render(("msg", "rule-crossing"))
    words = odds_in_words(odds)
    return CheckView(label, odds, words, success, rule, player_values(world, dict(values)),
                     odds_phrase(words, odds))

