"""Turning the state's text references into prose (in the scenario's tiny markup).

The engine's own sentences live here, in one catalogue, so that they read as one voice and
can be translated later; the scenario's sentences are looked up by id.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from gulag_escape.engine.state import Line
from gulag_escape.scenario.expressions import name_of
from gulag_escape.scenario.models import CheckpointRule, Prose, Scenario
from gulag_escape.scenario.prose import fill, variant_text
from gulag_escape.scenario.vocabulary import MEMBER_VALUES
from gulag_escape.textkit import long_date
from gulag_escape.words import capitalized, days, in_sentence, with_article

if TYPE_CHECKING:
    from gulag_escape.engine.world import Tables

Told = Sequence[Sequence[str]]
"""The substituted values recorded with a line: ``(name, value)`` pairs."""

_MESSAGES: dict[str, str] = {
    "march": "You cover {0:.0f} km over {1} and reach the end of this stretch.",
    "march-on": "You cover {0:.0f} km over {1}. {2:.0f} km remain on this stretch.",
    "arrive": "You reach {place0}.",
    "lost": "Among {0} you walk in circles. By evening you know you have gained nothing.",
    "crossing-ok": "You get across {crossing0}, soaked and shaking, but across.",
    "crossing-failed": "{Crossing0} takes you.",
    "forage": "You spend the day gathering and find food for about {0:.1f} days.",
    "food-out": "There is not enough food left for a full day's ration.",
    "alarm": "Behind you the alarm has gone out. Somewhere a telephone is ringing.",
    "tracks": "Your tracks lie plain in the snow behind you.",
    "sighted": "You have been seen. Word of you will travel faster than you can.",
    "caught": "The search party finds you.",
    "fire": "You make a small fire and dry your footcloths.",
    "ration": "From now on: {ration0}.",
    "waited": "{days0} pass in the camp.",
    "waited-one": "A day passes in the camp.",
    "escape": "You are outside the wire.",
    "joins": "{companion0} is with you now.",
    "leaves": "{companion0} goes a separate way.",
    "deserted": "In the morning {companion0} is gone.",
    "betrayed": "{companion0} has gone to the authorities.",
    "died": "{companion0} has died.",
    "stage": "Stage: {0}.",
    "document-missing": "{item0}: you do not carry it.",
    "document-expired": "{item0}: expired on {1}.",
    "document-place": "{item0}: not valid {1}.",
    "passed": "You are past the post at {place0}.",
    "detour": "You go around the post at {place0} through the wild. It takes {days1}.",
    "ride": "A driver hides you under his load. The {vehicle} grinds past {place0}.",
    "failed-papers": "The guard at {place0} reads your papers twice and calls the others.",
    "failed-truck": "The driver stops at {place0} and points at the load.",
    "failed-bribe": "The guard at {place0} takes what you offer and arrests you anyway.",
    "needs": "{0}.",
    "no-fire": "You have nothing to make fire with.",
    "no-papers": "You have no papers to show.",
    "check-pursuit": "The day's search",
    "rule-pursuit": "Once the alarm is out, the search may find you on any day. The odds grow "
                    "with the pursuit and with how visible you are: the ground, the daylight, "
                    "the size of the group, and how near the camp you still are.",
    "rule-reported": "Anyone you meet may help you, look away or report you; the belt around "
                     "the camps pays for reports and punishes silence. How they look at you is "
                     "your only cue.",
    "rule-crossing": "The chance of getting across depends on the water and the season.",
    "rule-body": "Health falls on every day that cold, hunger or exhaustion is past its limit; "
                 "at 0 you die.",
    "rule-story": "This ends your escape.",
    "opt-wait": "Bide your time ({days0})",
    "opt-take": "Set out: {leg0}",
    "opt-march": "March on: {leg0}",
    "opt-force": "Force the pace (further, at a cost)",
    "opt-rest": "Rest and hide for a day",
    "opt-fire": "Rest by a fire",
    "opt-forage": "Spend the day foraging",
    "opt-ration-full": "Eat full rations",
    "opt-ration-half": "Eat half rations",
    "opt-ration-none": "Eat nothing, save the food",
    "opt-ration-full-later": "Eat full rations once you find food",
    "opt-ration-half-later": "Eat half rations once you find food",
    "opt-ration-none-later": "Save any food you find, and eat nothing",
    "opt-surrender": "Give yourself up",
    "opt-go-on": "Go on",
    "opt-approach": "Approach {encounter0}",
    "opt-avoid": "Keep out of sight",
    "opt-papers": "Show your papers",
    "opt-around": "Go around through the wild (about {0})",
    "opt-truck": "Hide on {a_vehicle}",
    "opt-bribe": "Offer {item0} as a bribe",
    "opt-back": "Turn back to {place0}",
}
_RATIONS = {"full": "full rations", "half": "half rations", "none": "no food at all"}

CHECKPOINT_WAYS = {"papers": "papers", "truck": "vehicle", "bribe": "bribe"}
"""The ``checkpoints:`` rule behind each choice at a post (choice ids stay as saves know them)."""
_WAY_NAMES = {"papers": "Papers", "vehicle": "Hiding on {a_vehicle}", "bribe": "Bribe"}

VALUE_NAMES = {
    "health": "Health", "hunger": "Hunger", "warmth": "Warmth", "fatigue": "Fatigue",
    "alert": "Pursuit", "food": "Food (rations)", "papers": "Papers",
    "day": "Day of the game", "days_free": "Days since the escape", "month": "Month",
    "temp": "Temperature (°C)", "daylight": "Hours of daylight", "forage": "Forage this month",
    "km": "Km walked", "km_from_camp": "Km from the camp", "group": "People in the group",
    "exposure": "How visible you are", "ration": "Ration", "season": "Season",
    "place": "Place", "terrain": "Ground", "belt": "Inside the belt around the camps",
    "at_place": "At a place", "snow": "Snow", "ice": "Rivers", "phase": "Phase",
    "strength": "Inspection strength", "bribe": "The bribe's worth",
    "stage": "Stage of the plans",
}
"""Built-in names of the expression language as the status panel and the player say them."""


def value_label(scenario: Scenario, name: str) -> str | None:
    """A name of the expression language as the player reads it; None for a companion's
    hidden loyalty, which the player never sees."""
    kind, _, key = name.partition(".")
    if kind == "loyalty" and key:
        return None
    if not key:
        return VALUE_NAMES.get(name) or (
            scenario.stats[name].label if name in scenario.stats else name)
    if kind == "item":
        return f"{scenario.items[key].label} carried"
    if kind == "skill":
        return scenario.skills[key].label
    if kind == "flag":
        return scenario.flags[key].rstrip(".")
    if kind == "valid":
        return f"{scenario.items[key].label} valid here"
    if kind == "days_left":
        return f"Days left on {scenario.items[key].label}"
    companions = {c.id.replace("-", "_"): c.name for c in scenario.companions}
    if kind in MEMBER_VALUES:
        return f"{companions.get(key, key)}: {kind}"
    return f"{companions.get(key, key)} with you"


def formula_words(expression: str, scenario: Scenario) -> str:
    """An expression as a player reads it: names as the status panel says them, × and −.

    Built from the expression's tree, so what the player reads is what the engine computes.
    """
    tree = _PlayerNames(scenario).visit(ast.parse(expression.strip(), mode="eval"))
    return ast.unparse(tree).replace(" * ", " × ").replace(" - ", " − ")


class _PlayerNames(ast.NodeTransformer):
    """Renames every name of an expression tree to its label, in lower case mid-formula."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def shown(self, name: str) -> ast.Name:
        label = value_label(self.scenario, name) or name
        return ast.Name(id=label[:1].lower() + label[1:] if label[1:2].islower() else label)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return self.shown(node.id)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        return self.shown(name_of(node) or node.attr)



class Narrator:
    """Renders :data:`~gulag_escape.engine.state.Line` references for one scenario."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables
        self._kinds: dict[str, Callable[..., str]] = {
            "msg": self._message,
            "storylet": lambda sid, *told: _said(self.t.storylets[sid].text, *told),
            "storylet-again": lambda sid, *told: _said(self.t.storylets[sid].repeat_text, *told),
            "label": lambda sid, cid: self._choice(sid, cid).label,
            # Said like an author's own reason: the front ends show the choice as refused.
            "needs": lambda condition: self._message(
                "needs", capitalized(self.t.words.refusal(condition))),
            "unavailable": lambda sid, cid: self._choice(sid, cid).unavailable or "",
            "rule": self._rule,
            "way-rule": self._way_rule,
            "outcome": self._outcome,
            "encounter": self._encounter,
            "cue": lambda eid, d, *told: _said(self.t.encounters[eid].cues.get(d, ""), *told),
            "approach": lambda eid, d, *told: _said(self.t.encounters[eid].approach[d].text,
                                                    *told),
            "avoid": lambda eid, *told: _said(self.t.encounters[eid].avoid.text, *told),
            # The ending's title heads the page already; in the journal it is the last entry.
            "ending": lambda ending_id: "",
            "journal": lambda text: text,
            "stage": self._stage,
            "document": self._document,
        }

    def render(self, line: Line) -> str:
        kind, *args = line
        return self._kinds[kind](*args)

    def journal_entry(self, line: Line) -> str:
        """Journal lines are short: a storylet by its title, not its whole text."""
        kind, *args = line
        if kind == "storylet":
            return self.t.storylets[args[0]].title
        if kind == "approach":
            return f"Met {self.t.encounters[args[0]].name}."
        if kind == "ending":
            return self.t.endings[args[0]].title
        return self.render(line)

    def _encounter(self, encounter_id: str, *told: Any) -> str:
        """The encounter's text, then the circumstance behind its odds, if it states one."""
        encounter = self.t.encounters[encounter_id]
        text = _said(encounter.text, *told)
        return f"{text}\n\n{encounter.reason}" if encounter.reason else text

    def _stage(self, stage_id: str) -> str:
        stage = next(s for s in self.t.scenario.calendar.planning if s.id == stage_id)
        return _MESSAGES["stage"].format(stage.label)

    def _document(self, item: str, why: str, expires: int | None, where: str) -> str:
        """Why a post will not accept a document: not carried, expired, or valid elsewhere.

        ``where`` is the place, or the leg, where it was shown.
        """
        if why == "expired":
            return self._message("document-expired", item, long_date(self.t.date(expires or 0)))
        if why == "place":
            leg = self.t.legs.get(where)
            there = f"on {leg.name}" if leg else f"at {in_sentence(self.name_of_place(where))}"
            return self._message("document-place", item, there)
        return self._message("document-missing", item)

    def _choice(self, storylet_id: str, choice_id: str) -> Any:
        return next(c for c in self.t.storylets[storylet_id].choices if c.id == choice_id)

    def _rule(self, storylet_id: str, choice_id: str) -> str:
        check = self._choice(storylet_id, choice_id).check
        return check.rule if check else ""

    def _way_rule(self, way: str) -> str:
        """The rule of a way past a checkpoint: the author's words, or its odds in words."""
        rules = self.t.scenario.checkpoints
        rule: CheckpointRule = getattr(rules, way)
        if rule.rule:
            return rule.rule
        name = _WAY_NAMES[way].format(a_vehicle=with_article(rules.vehicle_name))
        return f"{name}: chance {formula_words(rule.odds, self.t.scenario)}."

    def _outcome(self, storylet_id: str, choice_id: str, part: str, *told: Any) -> str:
        choice = self._choice(storylet_id, choice_id)
        return _said(getattr(choice.check, part).text if part else choice.text, *told)

    def _message(self, key: str, *args: Any) -> str:
        named = {}
        for index, value in enumerate(args):
            named[f"place{index}"] = in_sentence(self.name_of_place(value))
            named[f"leg{index}"] = self.t.legs[value].name if value in self.t.legs else value
            named[f"companion{index}"] = (
                self.t.companions[value].name if value in self.t.companions else value
            )
            named[f"encounter{index}"] = (
                self.t.encounters[value].name if value in self.t.encounters else value
            )
            named[f"item{index}"] = (
                self.t.scenario.items[value].label if value in self.t.scenario.items else value
            )
            named[f"ration{index}"] = _RATIONS.get(value, value) if isinstance(value, str) else 0
            named[f"days{index}"] = days(value) if isinstance(value, int) else value
            named[f"crossing{index}"] = the_name(value) if isinstance(value, str) else value
            named[f"Crossing{index}"] = capitalized(named[f"crossing{index}"])
        vehicle = self.t.scenario.checkpoints.vehicle_name
        named["vehicle"], named["a_vehicle"] = vehicle, with_article(vehicle)
        terrains = self.t.scenario.terrains
        shown = [terrains[a].label if isinstance(a, str) and a in terrains else a for a in args]
        return _MESSAGES[key].format(*shown, **named)

    def turning_point(self, key: str) -> str:
        """What a turning point's key was, in the words the player saw when choosing.

        Keys are ``storylet/choice``, ``how@place`` (a checkpoint), ``crossing:leg`` or
        ``pursuit`` (the day the search found you); a storylet's choice is told with the
        storylet's title, because several storylets may offer the same words ("Run").
        """
        if key == "pursuit":
            return self._message("check-pursuit")
        kind, _, leg_id = key.partition(":")
        if kind == "crossing" and leg_id in self.t.legs:
            crossing = self.t.legs[leg_id].crossing
            return f"Crossing {the_name(crossing.name)}" if crossing else "Crossing"
        how, _, place_id = key.partition("@")
        if place_id:
            method, _, item = how.partition(":")
            said = self._message(f"opt-{method}", item) if f"opt-{method}" in _MESSAGES else how
            return f"{said} at {in_sentence(self.name_of_place(place_id))}"
        storylet_id, _, choice_id = key.partition("/")
        storylet = self.t.storylets.get(storylet_id)
        choices = storylet.choices if storylet else ()
        choice = next((c for c in choices if c.id == choice_id), None)
        if storylet is None or choice is None:  # a save from before keys named the storylet
            return key.replace("_", " ").replace("-", " ").capitalize()
        return f"{storylet.title}: {choice.label}"

    def name_of_place(self, value: Any) -> Any:
        place = self.t.places.get(value) if isinstance(value, str) else None
        return place.name if place else value


def _said(prose: Prose | None, index: int | None = None, values: Told = ()) -> str:
    """A text as it was said: the recorded variant with the recorded values.

    Lines recorded before a text had variants (older saves) carry neither: they read the
    default variant, and any substitution reads its neutral words.
    """
    if prose is None:
        return ""
    # Built pair by pair, not by dict(values): a save gives two-item lists where the type
    # says tuples, and the comprehension types the same for both.
    return fill(variant_text(prose, index), {pair[0]: pair[1] for pair in values})


def the_name(name: str) -> str:
    """A river's name inside a sentence, with one article: "river" reads "the river", "The
    Kolyma" reads "the Kolyma" and "a tributary in spate" keeps its own article."""
    article = name.partition(" ")[0].lower()
    return in_sentence(name) if article in {"the", "a", "an"} else f"the {name}"
