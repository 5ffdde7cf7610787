"""A plain-language summary of a scenario's model, written from its data and the engine.

MECC's 1985 manual for *The Oregon Trail* ended with a "Summary of the Model": what the
program counted, what it drew at random and what it left out, so that a class could argue
with the simulation instead of mistaking it for history. This module writes the same page
for a scenario, from the scenario's own tables and the engine's rules, so it changes
whenever they do and never drifts from the game. Odds are computed by the engine itself (a
checkpoint's odds come from ``Game.options``, a crossing's from its compiled expression),
never copied from its code.

Each teacher guide embeds the summary between two marker lines; a test fails when the
committed copy is stale. Print it, or rewrite a guide's block in place::

    python -m gulag_escape.teaching.model_summary kolyma
    python -m gulag_escape.teaching.model_summary kolyma --write docs/teachers/kolyma.md

Everything taken from a scenario passes through :func:`gulag_escape.markup.to_plain` and a
Markdown escape: a scenario's words are data, and must not become links, HTML or tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gulag_escape.engine.game import Game, route_distances
from gulag_escape.engine.odds import clamp_odds, odds_in_words
from gulag_escape.engine.view import ChoiceView
from gulag_escape.errors import GulagEscapeError, UsageError
from gulag_escape.files import FileRefused, rewrite
from gulag_escape.markup import to_plain
from gulag_escape.scenario.expression_words import (
    ICE,
    SNOW,
    ExpressionWords,
    format_number,
    join_words,
)
from gulag_escape.scenario.expressions import Kind
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.scenario.models import Encounter, EndEffect, EndingKind, Month, Scenario
from gulag_escape.scenario.vocabulary import BODY_START
from gulag_escape.textkit import MONTHS, escape_markdown, long_date, markdown_table
from gulag_escape.words import days, in_sentence, percent, with_article

START_MARKER = "<!-- model-summary:start -->"
END_MARKER = "<!-- model-summary:end -->"

KIND_LABELS: dict[EndingKind, str] = {
    "freedom": "Freedom",
    "hiding": "In hiding or still at large",
    "surrendered": "Gave up or stayed",
    "captured": "Captured",
    "killed": "Killed",
    "died": "Died",
}
"""Each ending kind as the summary names it, in the order the summary lists them."""

_REFERENCE_ALERTS = (10, 30)
"""Alert levels of the pursuit's worked examples, besides the alarm's own level."""
_CLIMATE_NAMES = {"ice", "month", "season", "snow", "daylight", "temp", "forage"}


def regenerate_command(scenario_id: str) -> str:
    """The command that rewrites a shipped scenario's guide block (named by the drift test)."""
    return (f"python -m gulag_escape.teaching.model_summary {scenario_id} "
            f"--write docs/teachers/{scenario_id}.md")


def model_summary(loaded: LoadedScenario) -> str:
    """The whole summary as Markdown: what the game counts, draws and leaves out."""
    summary = _Summary(loaded)
    sections = [summary.intro(), summary.time(), summary.climate(), summary.ground(),
                summary.route(), summary.checkpoints(), summary.body(), summary.people(),
                summary.pursuit(), summary.encounters(), summary.endings(), summary.notes(),
                summary.left_out()]
    return "\n\n".join(section.strip("\n") for section in sections) + "\n"


# --- small formatting helpers ---------------------------------------------------------------


def _odds(value: float) -> str:
    """A chance as the player sees it, with the number: "45 % (uneven)"."""
    return f"{percent(value)} ({odds_in_words(value)})"


def _months(numbers: Iterable[int]) -> str:
    """Month numbers as runs of names: "June to September", "November to April"."""
    chosen = sorted(set(numbers))
    if not chosen:
        return "no month"
    if len(chosen) == 12:
        return "every month"
    # Runs may wrap round the year end: start each run where the month before is missing.
    starts = [m for m in chosen if (m - 2) % 12 + 1 not in chosen]
    runs = []
    for start in starts:
        end = start
        while end % 12 + 1 in chosen:
            end = end % 12 + 1
        name = MONTHS[start - 1]
        runs.append(name if end == start else f"{name} to {MONTHS[end - 1]}")
    return join_words(runs)


def _times(factor: float) -> str:
    """A multiplier as a reader says it: "twice", "× 1.5"."""
    return {1.0: "just", 2.0: "twice", 3.0: "three times"}.get(factor,
                                                                f"× {format_number(factor)}")


def _share_in_words(share: float) -> str:
    """How often, as a reader says it: "about one time in four"."""
    if share < 0.05:
        return "almost never"
    if share > 0.95:
        return "almost always"
    fractions = ((1, 10), (1, 8), (1, 6), (1, 5), (1, 4), (1, 3), (2, 5), (1, 2), (3, 5),
                 (2, 3), (3, 4), (4, 5), (9, 10))
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    part, whole = min(fractions, key=lambda f: abs(f[0] / f[1] - share))
    times = "time" if part == 1 else "times"
    return f"about {words[part - 1]} {times} in {words[whole - 1]}"


# --- the summary ----------------------------------------------------------------------------


class _Summary:
    """The sections of one scenario's summary; every scenario string is escaped on the way."""

    def __init__(self, loaded: LoadedScenario) -> None:
        self.loaded = loaded
        self.s: Scenario = loaded.model
        self.distances = route_distances(loaded)
        self.places = {place.id: place for place in self.s.places}
        self.terms = {term.id: term.term for term in self.s.glossary}
        self.words = ExpressionWords(loaded, self.text)
        self.ending_by_id = {ending.id: ending for ending in self.s.endings}

    def text(self, value: str) -> str:
        """Scenario text in, safe Markdown out: no story markup, no Markdown syntax."""
        plain = " ".join(to_plain(value, self.terms).split())
        return escape_markdown(plain)

    def place(self, place_id: str) -> str:
        """A place's name inside a sentence ("the mine camp")."""
        return self.words.place(place_id)

    def place_cell(self, place_id: str) -> str:
        """A place's name as it stands in a table ("The mine camp")."""
        return self.text(self.places[place_id].name)

    def terrain(self, terrain_id: str) -> str:
        return self.words.terrain(terrain_id)

    def item(self, item_id: str) -> str:
        return self.words.item(item_id)

    def ending(self, ending_id: str) -> str:
        return f"“{self.text(self.ending_by_id[ending_id].title)}”"

    def baseline(self, month: Month | None = None) -> dict[str, Any]:
        """An environment for worked examples: a rested, fed walker alone on the run, with
        no skills, items or flags, in ``month`` (mid-way between its night and day)."""
        defaults = {Kind.NUM: 0.0, Kind.BOOL: False, Kind.STR: ""}
        env: dict[str, Any] = {name: defaults[info.kind] for name, info in self.words.names.items()}
        env.update({name: definition.start for name, definition in self.s.stats.items()})
        env.update(health=100.0, warmth=60.0, group=1.0, phase="run", ration="full",
                   content="standard", profile=self.s.profiles[0].id)
        if month is not None:
            env.update(month=float(month.month), season=month.season, snow=month.snow,
                       ice=month.ice, daylight=month.daylight, forage=month.forage,
                       temp=(month.temp_low + month.temp_high) / 2)
        return env

    # --- sections -------------------------------------------------------------------------

    def intro(self) -> str:
        meta = self.s.meta
        return (
            f"<!-- Generated from the scenario's data by `{regenerate_command(meta.id)}`. "
            "Edit the scenario or the generator, not this block. -->\n\n"
            f"This summary describes *{self.text(meta.title)}* (version {meta.version}) as "
            "a model: what the game counts, what it leaves to chance and what it leaves out. "
            "It is written by the game itself from the scenario's tables and the engine's "
            "rules ([how the game runs](../how-the-game-runs.md)), so it always matches the "
            "game. Numbers are the game's, not history's: where they rest on the record, the "
            "historical notes say so and give their evidence level."
        )

    def time(self) -> str:
        calendar = self.s.calendar
        end = calendar.start + dt.timedelta(days=calendar.max_days)
        return (
            "### Time\n\n"
            f"The game begins on {long_date(calendar.start)}, in the camp. There, waiting lets "
            f"{calendar.prep_step_days} days pass at a time, and the preparations (saving "
            "food, finding people, watching the guards) are written scenes, some of which "
            "take days of their own. Once you are out, every choice that takes time is one day: a "
            "march, a rest, a day's foraging. Setting the ration takes no time. If nothing "
            f"else has ended the game after {calendar.max_days} days ({long_date(end)}), it ends "
            f"in {self.ending(self.s.endings_for.timeout)}.\n\n"
            "Each day the temperature is drawn at random between the month's night and day "
            "figures below. After a day passes, something may happen: a written scene whose "
            "conditions hold fires first; otherwise you may meet someone (see *People on "
            f"the way*); otherwise, with a chance of {percent(calendar.event_chance)}, one "
            "of the scenes that fit the day is drawn at random."
            f"{self._planning()}"
        )

    def _planning(self) -> str:
        """The stages of the camp phase, when the scenario has them."""
        calendar = self.s.calendar
        if not calendar.planning:
            return ""
        stages = "; ".join(
            f"*{self.text(stage.label)}*, {days(stage.step_days)} a wait, until "
            f"{self.words.condition(stage.until)}" for stage in calendar.planning)
        return ("\n\nThe months in camp pass in stages, each with its own wait: "
                f"{stages}. A wait ends early on the day a stage ends; once all are over, a "
                f"wait is {calendar.prep_step_days} days again.")

    def climate(self) -> str:
        rows = []
        for month in sorted(self.s.climate, key=lambda m: m.month):
            rows.append([
                MONTHS[month.month - 1], self.words.season(month.season),
                f"{format_number(month.temp_low)} to {format_number(month.temp_high)}",
                format_number(month.daylight), SNOW[month.snow], ICE[month.ice],
                format_number(month.forage), percent(month.travel),
            ])
        table = markdown_table(["Month", "Season", "°C (night to day)", "Daylight (hours)", "Snow",
                        "Rivers", "Forage", "Travel"], rows)
        warmest = max(self.s.climate, key=lambda m: m.temp_high)
        coldest = min(self.s.climate, key=lambda m: m.temp_low)
        tracks = [m.month for m in self.s.climate if m.snow in self.s.pursuit.tracks_in]
        open_water = [m.month for m in self.s.climate if m.ice == "open"]
        food = [m.month for m in self.s.climate if m.forage > 0]
        return (
            "### The year\n\n"
            "One table stands for every place on the map and for every year:\n\n"
            f"{table}\n\n"
            "*Forage* is the food, in days of rations, one person finds in a day of "
            "foraging on ordinary ground, before skill and luck. *Travel* is the share of a "
            f"good day's distance the month allows. The warmest month is "
            f"{MONTHS[warmest.month - 1]}, the coldest {MONTHS[coldest.month - 1]}. The "
            f"forest gives food from {_months(food)}; the rivers are open from "
            f"{_months(open_water)}; snow shows your tracks from {_months(tracks)}."
        )

    def ground(self) -> str:
        rows = []
        for terrain_id, terrain in self.s.terrains.items():
            lost = percent(terrain.lost_chance) if terrain.lost_chance else "never"
            rows.append([self.terrain(terrain_id), format_number(terrain.km_per_day), lost,
                         format_number(terrain.exposure), f"× {format_number(terrain.forage)}"])
        table = markdown_table(["Ground", "km a day", "Going astray (per day, no help)",
                        "Visibility", "Forage"], rows)
        guides = [f"{self.item(item_id)} by {percent(item.navigation)}"
                  for item_id, item in self.s.items.items() if item.navigation]
        guide_text = (f" Carrying something to steer by cuts that chance: {join_words(guides)}."
                      if guides else "")
        travel = self.s.travel
        skill = travel.navigation_skill
        woodcraft = (f" Skill helps too: each level of {self.words.skill(skill)} in the group "
                     f"prevents {percent(travel.navigation_per_level)} of it, up to "
                     f"{percent(travel.navigation_cap)}."
                     if skill in self.s.skills and travel.navigation_per_level else "")
        return (
            "### Ground\n\n"
            f"{table}\n\n"
            "A day's march covers the ground's distance × the month's travel share, "
            f"× {format_number(travel.forced_pace)} when you force the pace, and less when "
            f"fatigue is above {format_number(travel.tired_from)} (down to "
            f"{percent(1 - travel.tired_loss)} at 100), × {format_number(travel.starving_pace)} "
            "when hunger is past the starving line and "
            f"× {format_number(travel.weak_pace)} when health is below "
            f"{format_number(travel.weak_below)}. On each day of a march you may "
            f"go astray and gain nothing.{guide_text}{woodcraft} *Visibility* is how easily "
            "someone sees you there; the pursuit uses it (see *The pursuit*)."
        )

    def route(self) -> str:
        rows = []
        for place in self.s.places:
            distance = self.distances.get(place.id)
            events = []
            if place.checkpoint:
                events.append("checkpoint")
            if place.ending:
                events.append(f"ends the game: {self.ending(place.ending)}")
            rows.append([
                self.text(place.name), place.kind, "yes" if place.belt else "no",
                "—" if distance is None else format_number(round(distance)),
                _people_in_words(place.population), "; ".join(events),
            ])
        places = markdown_table(["Place", "Kind", "In the belt", "km from the start (shortest way)",
                         "People", "What happens there"], rows)
        legs = []
        for leg in self.s.legs:
            crossing = ""
            if leg.crossing:
                crossing = f"{self.text(leg.crossing.name)}: see below"
            legs.append([self.place_cell(leg.from_), self.place_cell(leg.to),
                         format_number(leg.km),
                         self.terrain(leg.terrain), crossing])
        leg_table = markdown_table(["From", "To", "km", "Ground", "River crossing"], legs)
        return (
            "### The route\n\n"
            f"The map is a network of {len(self.s.places)} places joined by "
            f"{len(self.s.legs)} ways (legs); you start at {self.place(self.s.start)}. "
            "*The belt* is the zone around the camps where local people were expected to "
            "report fugitives: there you meet people "
            f"{_times(self.s.meetings.belt_factor)} as often, and companions who "
            "lose faith may go to the authorities.\n\n"
            f"{places}\n\n{leg_table}\n\n{self.crossings()}"
        ).rstrip()

    def crossings(self) -> str:
        legs = [leg for leg in self.s.legs if leg.crossing]
        if not legs:
            return "No leg has a river crossing."
        lines = ["A river crossing is attempted on the first day of its leg; if it fails, "
                 "the game ends. The chance of failing, for a rested walker with no skill or "
                 "gear, by the state of the rivers:", ""]
        for leg in legs:
            crossing = leg.crossing
            assert crossing is not None
            by_ice: dict[str, list[int]] = {}
            for month in self.s.climate:
                by_ice.setdefault(month.ice, []).append(month.month)
            chances = []
            for ice, months in sorted(by_ice.items(), key=lambda kv: min(kv[1])):
                env = self.baseline(next(m for m in self.s.climate if m.ice == ice))
                failure = clamp_odds(self.words.evaluate(crossing.difficulty, env))
                chances.append(f"{ICE[ice]} ({_months(months)}) {percent(failure)}")
            others = self.words.influences(crossing.difficulty,
                                           self.baseline(self.s.climate[0]), _CLIMATE_NAMES)
            tail = f"; {others}" if others else ""
            lines.append(
                f"- {self.text(crossing.name)} ({self.place(leg.from_)} to "
                f"{self.place(leg.to)}): {'; '.join(chances)}{tail}. Failing ends in "
                f"{self.ending(crossing.ending)}."
            )
        return "\n".join(lines)

    def checkpoints(self) -> str:
        posts = [place for place in self.s.places if place.checkpoint]
        if not posts:
            return "### Checkpoints\n\nThere are no checkpoints in this scenario."
        papers = [item_id for item_id, item in self.s.items.items() if item.papers]
        bribes = [item_id for item_id, item in self.s.items.items() if item.bribe]
        trucks = any(post.checkpoint.vehicles for post in posts if post.checkpoint)
        bribable = bool(bribes) and any(post.checkpoint.bribable for post in posts
                                        if post.checkpoint)
        carried = dict.fromkeys(papers + bribes, 1)
        header = ["Post", "Inspection strength", "Going around"]
        header += [f"Papers: {self.item(i)} ({format_number(self.s.items[i].papers)})"
                   for i in papers]
        vehicle = self.text(self.s.checkpoints.vehicle_name)
        header += [f"Hiding on {with_article(vehicle)}"] * trucks + ["Bribes"] * bribable
        rows = []
        for post in posts:
            checkpoint = post.checkpoint
            assert checkpoint is not None
            odds = _checkpoint_odds(self.loaded, post.id, carried, alert=0.0)
            row = [self.text(post.name), format_number(checkpoint.strength),
                   f"{format_number(checkpoint.bypass_km)} km of "
                   f"{self.terrain(checkpoint.bypass_terrain)}"]
            row += [self._papers_odds(post.id, checkpoint.documents, i) for i in papers]
            if trucks:
                row.append(_odds(odds["truck"]) if "truck" in odds else f"no {vehicle}")
            if bribable:
                offered = [f"{self.item(i)} {_odds(odds[f'bribe:{i}'])}" for i in bribes
                           if f"bribe:{i}" in odds]
                row.append(", ".join(offered) or "not taken")
            rows.append(row)
        ways = ([("papers", "showing papers", "a failed papers check")] * bool(papers)
                + [("truck", f"hiding on {with_article(vehicle)}",
                    "a driver who gives you away")] * trucks
                + [(f"bribe:{i}", "offering a bribe", "a refused bribe")
                   for i in bribes[:1]] * bribable)
        return (
            "### Checkpoints\n\n"
            "Arriving at a post stops the march. The table gives each way past it and its "
            "chance with no alert at all, as the game computes it:\n\n"
            f"{markdown_table(header, rows)}\n\n{self._checkpoint_rules(posts, carried, ways)}"
            f"{self._documents(posts)}"
        )

    def _documents(self, posts: list[Any]) -> str:
        """Documents' validity and the posts that inspect them, when there are any."""
        documents = [(item_id, item) for item_id, item in self.s.items.items() if item.document]
        if not documents:
            return ""
        lines = []
        for item_id, item in documents:
            document = item.document
            assert document is not None
            lasting = (f"for {days(document.valid_days)} from the day you get it"
                       if document.valid_days else "with no end date")
            where = (" and only at " + join_words([self.place(p) for p in document.places])
                     if document.places else "")
            lines.append(f"- {self.item(item_id)} ({self.text(document.purpose)}): valid "
                         f"{lasting}{where}.")
        inspected = [f"{self.text(post.name)} inspects "
                     f"{join_words([self.item(i) for i in post.checkpoint.documents])}"
                     for post in posts if post.checkpoint.documents]
        posts_text = (f" {'; '.join(inspected)}: every one must be valid, and the weakest "
                      "sets the odds." if inspected else "")
        return ("\n\nSome papers are documents, which count only while they are valid:\n\n"
                + "\n".join(lines) + f"\n\nOutside its days or places a document is worth "
                f"nothing.{posts_text}")

    def _papers_odds(self, post_id: str, documents: list[str], item: str) -> str:
        """The odds of showing ``item``; at a post that inspects named documents, of showing
        all of them, valid, when ``item`` is one of them."""
        if documents and item not in documents:
            return "not inspected here"
        shown = dict.fromkeys(documents, 1) if documents else {item: 1}
        odds = _checkpoint_odds(self.loaded, post_id, shown, alert=0.0).get("papers")
        return _odds(odds) if odds is not None else "not valid here"

    def _checkpoint_rules(self, posts: list[Any], carried: dict[str, int],
                          ways: list[tuple[str, str, str]]) -> str:
        if not ways:
            return ("Nobody in this scenario carries papers, no vehicle passes and no guard "
                    "takes a bribe: the only ways past a post are to go around it through the "
                    "wild, walking the detour day by day with all its hunger, cold and chances "
                    "of going astray, or to turn back to the place you came from.")
        # The rules are read at the post that offers the most ways past it.
        post_id = max(posts, key=lambda p: (p.checkpoint.bribable, p.checkpoint.vehicles)).id
        calm = _checkpoint_odds(self.loaded, post_id, carried, alert=0.0)
        tense = _checkpoint_odds(self.loaded, post_id, carried, alert=10.0)
        shown = {key for key, _, _ in ways}
        rules = [self.text(choice.rule)
                 for choice in _checkpoint_choices(self.loaded, post_id, carried, alert=0.0)
                 if choice.rule and choice.id in shown]
        costs = [f"{format_number(round((calm[key] - tense[key]) * 100, 1))} points off "
                 f"{label}" for key, label, _ in ways
                 if key in calm and key in tense and calm[key] > tense[key]]
        alert = f" Every 10 points of alert take {join_words(costs)}." if costs else ""
        failures = join_words([failure for _, _, failure in ways], "or")
        return (
            f"The rules, as the game states them when asked why: {' '.join(rules)}{alert} "
            "Going around means walking the detour day by day, with all its hunger, cold "
            "and chances of going astray. You can also turn back to the place you came "
            f"from. {failures[0].upper()}{failures[1:]} ends the game in "
            f"{self.ending(self.s.endings_for.captured)}."
        )

    def body(self) -> str:
        body, num = self.s.body, format_number
        hunger = body.hunger_per_day
        clothing = [f"{self.item(item_id)} {num(item.insulation)} °C"
                    for item_id, item in self.s.items.items() if item.insulation]
        fires = [self.item(item_id) for item_id, item in self.s.items.items() if item.fire]
        week = self.s.calendar.prep_step_days
        profile = self.s.profiles[0]
        clothes = [i for i, n in profile.items.items() if n and self.s.items[i].insulation]
        worn = sum(self.s.items[i].insulation for i in clothes)
        warmest = max(self.s.climate, key=lambda m: m.temp_high)
        coldest = min(self.s.climate, key=lambda m: m.temp_low)
        examples = []
        for month in (warmest, coldest):
            middle = (month.temp_low + month.temp_high) / 2
            target = body.warmth_base + (middle + worn) * body.warmth_per_degree
            examples.append(f"{num(round(max(0.0, min(100.0, target))))} in an average "
                            f"{MONTHS[month.month - 1]} day")
        causes = {cause: self.ending(getattr(self.s.endings_for, cause))
                  for cause in ("hunger", "cold", "exhaustion")}
        return (
            "### The body\n\n"
            "Four numbers from 0 to 100 stand for a body: hunger, warmth, fatigue and "
            "health; food is counted in days of rations.\n\n"
            f"- **Food.** Each person eats {num(body.food_per_day.full)} day's food a day "
            f"on full rations, {num(body.food_per_day.half)} on half rations and "
            f"{num(body.food_per_day.none)} on none. Hunger changes by "
            f"{_signed(hunger.full)} a day on full rations, {_signed(hunger.half)} on half "
            f"and {_signed(hunger.none)} on none; when the food runs out, hunger follows "
            "what was really eaten. Every member of the group eats.\n"
            f"- **Warmth** moves {percent(body.warmth_share)} of the way each day towards "
            f"{num(body.warmth_base)} + "
            f"(temperature + clothing) × {num(body.warmth_per_degree)}, plus "
            f"{num(body.fire_warmth)} by a fire. For {in_sentence(self.text(profile.label))} "
            f"wearing {join_words([self.item(i) for i in clothes]) or 'nothing warm'}, that "
            f"is {join_words(examples)}. Clothing keeps off: "
            f"{join_words(clothing) if clothing else 'nothing'}. A fire needs "
            f"{join_words(fires, 'or') if fires else 'something to light it, which nobody has'}, "
            "and can be seen.\n"
            f"- **Fatigue** rises by {num(body.fatigue_per_march)} for each day's march "
            f"(× {num(body.exertion.force)} when forcing the pace, "
            f"× {num(body.exertion.forage)} for a day's foraging) and falls by "
            f"{num(body.recovery_per_rest)} for each day of rest.\n"
            f"- **Health** falls when hunger is above {num(body.starving_at)}, warmth "
            f"below {num(body.cold_at)} or fatigue above {num(body.exhausted_at)}, "
            f"by one point for each {num(body.harm_scale.hunger)}, {num(body.harm_scale.cold)} "
            f"and {num(body.harm_scale.exhaustion)} points past those lines, and recovers "
            f"{num(body.recovery_per_day)} on days when none is. At 0 the fugitive dies, and the "
            "ending is named by the cause that did most harm: hunger "
            f"{causes['hunger']}, cold {causes['cold']}, exhaustion {causes['exhaustion']}.\n"
            "- **In camp** the camp's ration feeds you and the food you put aside is not "
            f"eaten, but waiting costs: each {week} days hunger changes by "
            f"{_signed(round(body.camp_hunger_per_day * week, 2))} and health by "
            f"{_signed(round(body.camp_health_per_day * week, 2))}, before what the written "
            "scenes add (saving bread, searches, the punishment cell)."
        )

    def _member(self, companion: Any) -> str:
        """A companion's own body and freedom, when the scenario gives them."""
        said = ""
        if companion.body is not None:
            said += (f"; walks at {percent(companion.body.pace)} of a fit adult's pace (the "
                     "group keeps to its slowest member), in "
                     f"clothing worth {format_number(companion.body.insulation)} °C, and "
                     "lives each day by the same body rules as you (dying at health 0)")
        if companion.free:
            said += "; a free person, not a prisoner"
            if not self.s.company.free_under_strain:
                said += ", whose loyalty no hunger or fear wears down"
            if companion.if_caught:
                said += f" (if caught: {self.text(companion.if_caught).rstrip('.')})"
        return said

    def people(self) -> str:
        rows = []
        for profile in self.s.profiles:
            stats = [f"{self._stat_label(name)} {format_number(value)}"
                     for name, value in profile.stats.items()]
            items = [f"{self.item(i)}" + (f" ×{n}" if n > 1 else "")
                     for i, n in profile.items.items() if n]
            skills = [f"{self.text(self.s.skills[k].label)} {n}"
                      for k, n in profile.skills.items() if n]
            rows.append([
                self.text(profile.label), ", ".join(stats) or "the defaults",
                ", ".join(items) or "nothing", ", ".join(skills) or "none",
                f"× {format_number(profile.search)} (alarm: alert "
                f"{format_number(round(self.s.pursuit.alarm_alert * profile.search, 1))})",
                f"× {format_number(profile.help)}",
            ])
        table = markdown_table(["Profile", "Starts with", "Carries", "Skills", "Searched for",
                        "Helped by strangers"], rows)
        companions = []
        for companion in self.s.companions:
            skills = [f"{self.text(self.s.skills[k].label)} {n}"
                      for k, n in companion.skills.items() if n and k in self.s.skills]
            joined = "with you from the start" if companion.joins else "may join in play"
            companions.append(f"- {self.text(companion.name)}: "
                              f"{', '.join(skills) or 'no skills'}; {joined}"
                              f"{self._member(companion)}.")
        company = "\n".join(companions) if companions else "- Nobody: you go alone."
        rules, num = self.s.company, format_number
        return (
            "### Who you are\n\n"
            "The profiles differ only in these numbers; the rest of the story is the same "
            f"for everyone. Health and hunger start at {format_number(BODY_START['health'])} and "
            f"{format_number(BODY_START['hunger'])} unless a profile says otherwise.\n\n"
            f"{table}\n\n"
            "*Searched for* multiplies the pursuit's effort; *helped by strangers* "
            "multiplies the chance that someone you meet is a helper.\n\n"
            "Companions each bring their skills (the group uses its best), eat their share "
            "and make the group easier to see. Their loyalty is a hidden number: hunger "
            f"above {num(rules.strain_hunger)} or an alert above {num(rules.strain_alert)} "
            f"wears it down by {num(rules.loyalty_loss)} a night; below "
            f"{num(rules.desert_below)} a companion may slip away at night (the lower, the "
            f"likelier), and below {num(rules.betray_below)}, inside the belt, may go to the "
            f"authorities ({percent(rules.betray_chance)} a night).\n\n"
            f"{company}"
        )

    def _stat_label(self, name: str) -> str:
        if name in self.s.stats:
            return self.text(self.s.stats[name].label).lower()
        return name

    def pursuit(self) -> str:
        pursuit = self.s.pursuit
        delay = ("the same day" if pursuit.alarm_delay_days == 0 else
                 f"{pursuit.alarm_delay_days} day{'s' if pursuit.alarm_delay_days > 1 else ''}"
                 " after the escape")
        tracks = [m.month for m in self.s.climate if m.snow in pursuit.tracks_in]
        near = f"× {format_number(pursuit.near_camp_exposure)}"
        steps = self.words.product_steps(pursuit.catch_odds)
        step_lines = "\n".join(f"- {step}" for step in steps)
        return (
            "### The pursuit\n\n"
            "The hunt is one number, the *alert*, from 0 to 100. The alarm goes out "
            f"{delay} and sets the alert to {format_number(pursuit.alarm_alert)} × the profile's "
            f"search factor. It then falls by {format_number(pursuit.decay_per_day)} a day, rises "
            f"by {format_number(pursuit.tracks_alert)} for each day's walk over snow that shows "
            f"tracks ({_months(tracks)}), and by {format_number(pursuit.sighting_alert)} each "
            "time someone reports you (both more for a profile searched harder). Near the "
            f"camp, within {format_number(pursuit.search_radius_km)} km, search parties and dogs "
            f"make you {format_number(pursuit.near_camp_exposure)} times as visible.\n\n"
            "Each day on the run the pursuit may catch up with you. The chance is worked "
            f"out like this:\n\n{step_lines}\n\n"
            "*Exposure* is the ground's visibility (see *Ground*), larger for a bigger group "
            f"and in long daylight, and {near} near the camp. The chance never exceeds "
            f"{percent(pursuit.catch_cap)} a day. Being caught ends the game in "
            f"{self.ending(self.s.endings_for.captured)}.\n\n{self._catch_examples()}"
        )

    def _catch_examples(self) -> str:
        pursuit = self.s.pursuit
        names = self.words.names_in(pursuit.catch_odds)
        columns: list[tuple[str, dict[str, bool]]] = [("", {})]
        if "belt" in names:
            columns = [("inside the belt", {"belt": True}),
                       ("outside the belt", {"belt": False})]
        alerts = sorted({round(pursuit.alarm_alert), *_REFERENCE_ALERTS}, reverse=True)
        rows = []
        for alert in alerts:
            row = [f"{alert}" + (" (the alarm, search × 1)" if alert ==
                                 round(pursuit.alarm_alert) else "")]
            for _, overrides in columns:
                env = {**self.baseline(), "alert": float(alert), "exposure": 1.0, **overrides}
                daily = max(0.0, min(1.0, self.words.evaluate(pursuit.catch_odds, env)))
                fortnight = 1 - (1 - daily) ** 14
                row.append(f"{percent(daily)} a day, {percent(fortnight)} over two weeks")
            rows.append(row)
        header = ["Alert"] + [f"Chance of being caught, {label}".rstrip(", ")
                              for label, _ in columns]
        return (
            "Worked examples, for exposure 1 (about one walker on open ground in long "
            "daylight) with nothing else special:\n\n" + markdown_table(header, rows)
        )

    def encounters(self) -> str:
        if not self.s.encounters:
            return "### People on the way\n\nNobody is met on the way in this scenario."
        rows = []
        for encounter in self.s.encounters:
            inside = _dispositions(self, encounter, {"belt": True})
            outside = _dispositions(self, encounter, {"belt": False})
            cells = []
            for disposition in ("helper", "indifferent", "informer"):
                a, b = inside.get(disposition, 0.0), outside.get(disposition, 0.0)
                cells.append(percent(a) if round(a, 2) == round(b, 2) else
                             f"{percent(a)} in the belt, {percent(b)} outside")
            rows.append([self.text(encounter.name), self._where(encounter), *cells,
                         self._changes(encounter)])
        table = markdown_table(["Who", "Where and when", "Helps", "Keeps out of it", "Reports you",
                        "What changes it"], rows)
        help_text = join_words([f"{in_sentence(self.text(p.label))} × {format_number(p.help)}"
                                for p in self.s.profiles])
        meetings = self.s.meetings
        return (
            "### People on the way\n\n"
            "Each person you meet has a hidden disposition: a helper, someone who keeps out "
            "of it, or an informer. The game draws it from the weights below (shares for a "
            "profile with help × 1); the scene shows honest signs of the drawn disposition "
            "for the player to read. Approaching an informer means being reported (the "
            "alert rises); keeping away is always possible. On a day at a place the chance "
            "of meeting someone follows its *People* column above; on the way it is "
            f"{percent(meetings.on_leg_share)} of the destination's; inside the belt it is "
            f"{_times(meetings.belt_factor)} that, and never above "
            f"{percent(meetings.chance_cap)}.\n\n"
            f"{table}\n\n{self._on_average()} The share of helpers is multiplied by the "
            f"profile: {help_text}."
        )

    def _on_average(self) -> str:
        """Helpers and informers over every kind of person who can be met, in and out of
        the belt (a kind met only in the belt, or only outside it, counts only there)."""
        sentences = {}
        for belt, where in ((False, "outside the belt"), (True, "inside the belt")):
            met = [e for e in self.s.encounters if not _excluded_by_belt(self, e, belt)]
            shares = [_dispositions(self, e, {"belt": belt}) for e in met]
            if not shares:
                continue
            helpers = sum(s.get("helper", 0.0) for s in shares) / len(shares)
            informers = sum(s.get("informer", 0.0) for s in shares) / len(shares)
            sentences[where] = (f"a stranger helps {_share_in_words(helpers)} and reports "
                                f"you {_share_in_words(informers)}")
        if len(set(sentences.values())) == 1:
            return f"Taken together, {next(iter(sentences.values()))}."
        return "Taken together, " + "; ".join(
            f"{where} {words}" for where, words in sentences.items()) + "."

    def _where(self, encounter: Encounter) -> str:
        parts = []
        if encounter.places:
            parts.append("at " + join_words([self.place(p) for p in encounter.places], "or"))
        if encounter.terrains:
            parts.append("on " + join_words([self.terrain(t) for t in encounter.terrains], "or"))
        if encounter.when:
            parts.append(self.words.condition(encounter.when))
        return "; ".join(parts) or "anywhere"

    def _changes(self, encounter: Encounter) -> str:
        names: set[str] = set()
        for weight in encounter.dispositions.values():
            names |= self.words.names_in(weight) - {"belt"}
        if not names:
            return "—"
        base = _dispositions(self, encounter, {"belt": True})
        changes = []
        for name in sorted(names):
            bumped = self.words.bumped(name, self.baseline())
            after = _dispositions(self, encounter, {"belt": True, name: bumped})
            change = after.get("informer", 0.0) - base.get("informer", 0.0)
            if abs(change) < 0.005:
                continue
            more = "more" if change > 0 else "fewer"
            changes.append(f"{more} informers {self.words.when_true(name)}")
        return "; ".join(changes) or "—"

    def endings(self) -> str:
        routes = _ways_to_endings(self)
        lines = ["### Endings", "",
                 f"The scenario has {len(self.s.endings)} endings. Each opens historical "
                 "notes; which notes, and their evidence, are listed under *Historical "
                 "notes* below."]
        for kind, label in KIND_LABELS.items():
            endings = [e for e in self.s.endings if e.kind == kind]
            if not endings:
                continue
            lines += ["", f"**{label}**", ""]
            for ending in endings:
                ways = routes.get(ending.id) or ["no rule or scene leads here"]
                lines.append(f"- {self.ending(ending.id)}: {'; '.join(ways)}.")
        return "\n".join(lines)

    def notes(self) -> str:
        opened: dict[str, list[str]] = {}
        for ending in self.s.endings:
            for note_id in ending.notes:
                opened.setdefault(note_id, []).append(self.ending(ending.id))
        for note_id in self.s.meta.basis.notes:
            opened.setdefault(note_id, []).insert(0, "the scenario's basis")
        rows = []
        for note in self.s.notes:
            rows.append([self.text(note.title), note.evidence,
                         "standard only" if note.content_level == "standard" else "both",
                         ", ".join(opened.get(note.id, [])) or "a scene in play"])
        return (
            "### Historical notes\n\n"
            "The notes are the history behind the model. Each carries an evidence level "
            "(documented, memoir, literary, disputed, legend) and its sources. Notes marked "
            "*standard only* state grave facts and are left out at the mild content level.\n\n"
            + markdown_table(["Note", "Evidence", "Content levels", "Shown by"], rows)
        )

    def left_out(self) -> str:
        farthest = max(self.distances, key=lambda place: self.distances[place])
        gated = sum(1 for note in self.s.notes if note.content_level == "standard")
        gated += sum(1 for st in self.s.storylets if st.content_level == "standard")
        return (
            "### What the model leaves out or simplifies\n\n"
            f"- **One climate table for the whole map**, from {self.place(self.s.start)} to "
            f"{self.place(farthest)}, and for "
            "every year: no early winters or late springs except in written scenes.\n"
            "- **No weather days.** The temperature is drawn each day between the month's "
            "figures; storms, rain, thaw and fog exist only as written scenes.\n"
            f"- **A map of {len(self.s.places)} points.** Distances are route lengths "
            "between a handful of places chosen by the scenario's authors, not terrain; "
            "where the records give no positions (checkpoints, for example), the places are "
            "the authors' choice.\n"
            "- **The body is four numbers.** Illness, injury, frostbite and the slow damage "
            "of years in the camp appear only in written scenes and in the starting "
            "numbers.\n"
            "- **The pursuit is one number for the whole region.** There are no search "
            "parties moving on the map, no telephone or telegraph between posts; the alert "
            "simply rises and falls.\n"
            "- **People are reduced to a disposition.** Each person met is a helper, "
            "indifferent or an informer, drawn by chance. Their motives (hunger, fear, "
            "threats, rewards, kindness) live only in the prose and the notes.\n"
            "- **Companions are one hidden loyalty number each**, worn down by hunger and "
            "fear.\n"
            "- **Chance stands for everything the model does not know.** The same seed "
            "gives the same draws, so a class can compare decisions rather than luck.\n"
            "- **Rewards for catching fugitives are never part of the mechanics**, and "
            "violence is never rewarded: it makes what follows harder. Where the record "
            "holds bounties and worse, they are told only in historical notes "
            f"({gated} of its notes and scenes {'is' if gated == 1 else 'are'} shown only "
            "at the standard content level).\n"
            "- **The game stops at the ending.** What came after (new sentences, reprisals "
            "against those left behind, families) is told only in the notes."
        )


def _signed(value: float) -> str:
    return f"+{format_number(value)}" if value > 0 else format_number(value)


def _people_in_words(population: float) -> str:
    if population <= 0:
        return "nobody"
    for limit, words in ((0.1, "very few"), (0.25, "few"), (0.45, "some"), (0.6, "many")):
        if population <= limit:
            return words
    return "crowded"


def _dispositions(summary: _Summary, encounter: Encounter,
                  overrides: Mapping[str, Any]) -> dict[str, float]:
    """Shares of each disposition for a profile with help × 1, in a baseline situation."""
    env = {**summary.baseline(), **overrides}
    weights = {name: max(0.0, summary.words.evaluate(weight, env))
               for name, weight in encounter.dispositions.items()}
    total = sum(weights.values())
    return {name: weight / total for name, weight in weights.items()} if total else {}


def _excluded_by_belt(summary: _Summary, encounter: Encounter, belt: bool) -> bool:
    """Whether ``encounter`` can never be met on that side of the belt (its condition
    depends on the belt alone and is false there)."""
    if not encounter.when or summary.words.names_in(encounter.when) != {"belt"}:
        return False
    return not summary.loaded.expr(encounter.when)({"belt": belt})


def _checkpoint_choices(loaded: LoadedScenario, place_id: str, items: dict[str, int],
                        alert: float) -> list[ChoiceView]:
    """The engine's own choices at a post, for a lone fugitive carrying ``items``."""
    state = Game.start(loaded, seed=0).state
    state.phase, state.escaped_day, state.alarm_raised = "run", 0, True
    state.place, state.leg, state.came_from = place_id, None, None
    state.scene = ("checkpoint", place_id)
    state.items = dict(items)
    state.companions = {}
    state.stats["alert"] = alert
    return Game.resume(loaded, state).view().choices


def _checkpoint_odds(loaded: LoadedScenario, place_id: str, items: dict[str, int],
                     alert: float) -> dict[str, float]:
    return {choice.id: choice.odds
            for choice in _checkpoint_choices(loaded, place_id, items, alert)
            if choice.odds is not None and choice.enabled}


def _ways_to_endings(summary: _Summary) -> dict[str, list[str]]:
    """For each ending, the rules and the written scenes that can lead to it."""
    s = summary.s
    ways: dict[str, list[str]] = {}

    def add(ending_id: str, way: str) -> None:
        if way not in ways.setdefault(ending_id, []):
            ways[ending_id].append(way)

    roles = {
        "captured": "the pursuit or a checkpoint catches you",
        "cold": "health runs out, cold doing most harm",
        "hunger": "health runs out, hunger doing most harm",
        "exhaustion": "health runs out, exhaustion doing most harm",
        "timeout": f"the turn cap of {s.calendar.max_days} days is reached",
        "surrender": "you choose to give yourself up",
    }
    for role, way in roles.items():
        ending_id = getattr(s.endings_for, role)
        if ending_id:
            add(ending_id, way)
    for place in s.places:
        if place.ending:
            add(place.ending, f"arriving at {summary.text(place.name)}")
    for leg in s.legs:
        if leg.crossing:
            crossing = in_sentence(summary.text(leg.crossing.name))
            add(leg.crossing.ending, f"failing to cross {crossing}")
    scenes: dict[str, list[str]] = {}
    for storylet in s.storylets:
        for outcome in _outcomes(storylet.choices):
            for effect in outcome.effects:
                if isinstance(effect, EndEffect):
                    scenes.setdefault(effect.end, []).append(summary.text(storylet.title))
    for ending_id, titles in scenes.items():
        unique = list(dict.fromkeys(titles))
        add(ending_id, "the written scene" + ("s " if len(unique) > 1 else " ")
            + join_words([f"“{title}”" for title in unique]))
    for encounter in s.encounters:
        for outcome in [*encounter.approach.values(), encounter.avoid]:
            for effect in outcome.effects:
                if isinstance(effect, EndEffect):
                    add(effect.end, f"meeting {in_sentence(summary.text(encounter.name))}")
    return ways


def _outcomes(choices: Iterable[Any]) -> Iterable[Any]:
    for choice in choices:
        if choice.check:
            yield choice.check.success
            yield choice.check.failure
        else:
            yield choice


# --- the guides' generated block ------------------------------------------------------------


def embedded_block(guide_text: str) -> str | None:
    """The summary embedded in a guide (between the markers), or None without markers."""
    start, end = guide_text.find(START_MARKER), guide_text.find(END_MARKER)
    if start < 0 or end < start:
        return None
    return guide_text[start + len(START_MARKER):end].strip("\n") + "\n"


def with_summary(guide_text: str, summary: str, guide_name: str) -> str:
    """``guide_text`` with only its marked block replaced by ``summary``."""
    if guide_text.count(START_MARKER) != 1 or guide_text.count(END_MARKER) != 1:
        raise UsageError(
            f"{guide_name} needs exactly one line {START_MARKER} and one line {END_MARKER} "
            "around the place where the model summary belongs; add them and run the "
            "command again"
        )
    start = guide_text.index(START_MARKER) + len(START_MARKER)
    end = guide_text.index(END_MARKER)
    if end < start:
        raise UsageError(f"in {guide_name} the end marker comes before the start marker; "
                         "put the start marker first")
    return f"{guide_text[:start]}\n{summary}{guide_text[end:]}"


def write_into_guide(guide: Path, summary: str) -> None:
    """Rewrite the guide's block in place, atomically: a failed write leaves it as it was."""
    try:
        rewrite(guide, lambda text: with_summary(text, summary, str(guide)))
    except FileRefused as refused:
        raise UsageError(f"cannot read {guide}: {refused.reason}; give the path of an "
                         "existing teacher guide") from None
    except OSError as error:
        raise UsageError(f"cannot write {guide}: {error.strerror or error}") from None


def main(argv: list[str] | None = None) -> int:
    """Print a scenario's model summary, or rewrite a guide's block with ``--write``."""
    parser = argparse.ArgumentParser(
        prog="python -m gulag_escape.teaching.model_summary",
        description="A plain-language summary of a scenario's model, for teachers.",
    )
    parser.add_argument("scenario", help="a shipped scenario's id or a path to a scenario")
    parser.add_argument("--write", type=Path, metavar="GUIDE",
                        help="replace the summary between the markers in this Markdown file")
    arguments = parser.parse_args(argv)
    try:
        summary = model_summary(load_scenario(resolve_scenario_path(arguments.scenario)))
        if arguments.write is None:
            sys.stdout.write(summary)
        else:
            write_into_guide(arguments.write, summary)
    except GulagEscapeError as error:
        print(f"{error.title}: {error.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
