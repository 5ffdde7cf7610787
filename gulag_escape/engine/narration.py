"""Turning the state's text references into prose (in the scenario's tiny markup).

The engine's own sentences live here, in one catalogue, so that they read as one voice and
can be translated later; the scenario's sentences are looked up by id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from gulag_escape.engine.state import Line
from gulag_escape.scenario.models import Prose
from gulag_escape.scenario.prose import fill, variant_text
from gulag_escape.words import days

if TYPE_CHECKING:
    from gulag_escape.engine.world import Tables

Told = Sequence[Sequence[str]]
"""The substituted values recorded with a line: ``(name, value)`` pairs."""

_MESSAGES: dict[str, str] = {
    "march": "You cover {0:.0f} km over {1} and reach the end of this stretch.",
    "march-on": "You cover {0:.0f} km over {1}. {2:.0f} km remain on this stretch.",
    "arrive": "You reach {place0}.",
    "lost": "Among {0} you walk in circles. By evening you know you have gained nothing.",
    "crossing-ok": "You get across the {0}, soaked and shaking, but across.",
    "crossing-failed": "The {0} takes you.",
    "forage": "You spend the day gathering and find food for about {0:.1f} days.",
    "food-out": "There is not enough food left for a full day's ration.",
    "alarm": "Behind you the alarm has gone out. Somewhere a telephone is ringing.",
    "tracks": "Your tracks lie plain in the snow behind you.",
    "sighted": "You have been seen. Word of you will travel faster than you can.",
    "caught": "The search party finds you.",
    "fire": "You make a small fire and dry your footcloths.",
    "ration": "From now on: {ration0}.",
    "waited": "{0} days pass in the camp.",
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
    "ride": "A driver hides you under his load. The truck grinds past {place0}.",
    "failed-papers": "The guard at {place0} reads your papers twice and calls the others.",
    "failed-truck": "The driver stops at {place0} and points at the load.",
    "failed-bribe": "The guard at {place0} takes what you offer and arrests you anyway.",
    "needs": "Not possible now (needs: {0}).",
    "no-fire": "You have nothing to make fire with.",
    "no-papers": "You have no papers to show.",
    "rule-papers": "Papers: 50 % + (papers − inspection strength − 0.4 × alert) %.",
    "rule-truck": "Hiding on a truck: 55 % − alert / 2 %; the driver decides.",
    "rule-bribe": "Bribe: 30 % + the bribe's worth − alert / 2 %.",
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
    "opt-wait": "Bide your time ({0} days)",
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
    "opt-truck": "Hide on a truck",
    "opt-bribe": "Offer {item0} as a bribe",
    "opt-back": "Turn back to {place0}",
}
_RATIONS = {"full": "full rations", "half": "half rations", "none": "no food at all"}


class Narrator:
    """Renders :data:`~gulag_escape.engine.state.Line` references for one scenario."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables
        self._kinds: dict[str, Callable[..., str]] = {
            "msg": self._message,
            "storylet": lambda sid, *told: _said(self.t.storylets[sid].text, *told),
            "storylet-again": lambda sid, *told: _said(self.t.storylets[sid].repeat_text, *told),
            "label": lambda sid, cid: self._choice(sid, cid).label,
            "unavailable": lambda sid, cid: self._choice(sid, cid).unavailable or "",
            "rule": self._rule,
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
            return self._message("document-expired", item, f"{self.t.date(expires or 0):%-d %B %Y}")
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
        terrains = self.t.scenario.terrains
        shown = [terrains[a].label if isinstance(a, str) and a in terrains else a for a in args]
        return _MESSAGES[key].format(*shown, **named)

    def turning_point(self, key: str) -> str:
        """What a turning point's key was, in the words the player saw when choosing.

        Keys are ``storylet/choice``, ``how@place`` (a checkpoint) or ``crossing:leg``; a
        storylet's choice is told with the storylet's title, because several storylets
        may offer the same words ("Run").
        """
        kind, _, leg_id = key.partition(":")
        if kind == "crossing" and leg_id in self.t.legs:
            crossing = self.t.legs[leg_id].crossing
            return f"Crossing the {crossing.name}" if crossing else "Crossing"
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
    return fill(variant_text(prose, index), dict(values))


def in_sentence(name: Any) -> Any:
    """A name as it reads inside a sentence: "The post at Yagodnoye" becomes "the post..."."""
    if isinstance(name, str):
        article, _, rest = name.partition(" ")
        if article in {"The", "A", "An"} and rest:
            return f"{article.lower()} {rest}"
    return name

