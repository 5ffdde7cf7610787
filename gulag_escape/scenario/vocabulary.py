"""The names a scenario's expressions can read, with their types.

The language is defined here, from the scenario's own declarations; the engine supplies a
value for every name listed (``gulag_escape.engine.environment``) and a test holds the two
together.
"""

from __future__ import annotations

from gulag_escape.scenario.expressions import Kind, NameInfo
from gulag_escape.scenario.models import Scenario

BODY_STATS: dict[str, str] = {
    "health": "0–100; at 0 the fugitive dies of the worst of hunger, cold or exhaustion",
    "hunger": "0–100; rises on short rations, above the starving line health falls",
    "warmth": "0–100; falls with cold the clothing does not keep off",
    "fatigue": "0–100; rises with marching, falls with rest",
    "food": "days of full rations carried by the group",
    "alert": "0–100; how hard the pursuit is looking for you",
}
"""Stats every scenario has; the body and pursuit systems read and write them."""
BODY_BOUNDS = {"health": (0, 100), "hunger": (0, 100), "warmth": (0, 100), "fatigue": (0, 100),
               "alert": (0, 100), "food": (0, 999)}
"""The range each body stat is kept in: lint checks conditions against it too."""
BODY_START = {"health": 80, "hunger": 30, "warmth": 60, "fatigue": 30, "alert": 0, "food": 0}
"""Starting values, unless a profile says otherwise."""

NUMBERS: dict[str, str] = {
    "papers": "quality of the best documents carried, 0–100",
    "day": "days since the game began",
    "days_free": "days since the escape (0 in camp)",
    "month": "1–12",
    "temp": "today's mean temperature, °C",
    "daylight": "hours of daylight",
    "forage": "the month's forage yield",
    "km": "kilometres walked since the escape",
    "km_from_camp": "distance from the camp along the shortest route, km",
    "group": "people in the group, you included",
    "exposure": "how visible the group is today (terrain, group size, daylight)",
}
TEXTS: dict[str, tuple[str, frozenset[str] | None]] = {
    "phase": ("camp or run", frozenset({"camp", "run"})),
    "ration": ("full, half or none", frozenset({"full", "half", "none"})),
    "content": ("content level", frozenset({"mild", "standard"})),
    "snow": ("snow on the ground", frozenset({"none", "patchy", "cover", "deep"})),
    "ice": ("rivers and sea", frozenset({"open", "breakup", "freezing", "frozen"})),
    "season": ("season of the month", None),
    "place": ("id of the current or last place", None),
    "terrain": ("terrain of the current leg, or 'place' when at a place", None),
    "profile": ("id of the player's profile", None),
    "stage": ("id of the planning stage under way in camp, or '' when there is none", None),
}
BOOLS: dict[str, str] = {
    "belt": "inside the belt around the camps where locals report fugitives",
    "at_place": "at a place rather than on a leg",
    "alarm": "the alarm has gone out (the pursuit's alarm clock ran out after the escape)",
}

CHECKPOINT_RULES = ("papers", "vehicle", "bribe")
"""The ways past a post, each a ``checkpoints:`` rule with its own ``odds``."""

CHECKPOINT_INPUTS: dict[str, str] = {
    "strength": "the post's inspection strength, 0–100",
    "bribe": "the worth of the item offered as a bribe (0 for the other ways past)",
}
"""Names only a checkpoint's ``odds`` can read, besides the usual ones: the engine provides
them for the post and the way past it being weighed."""


def checkpoint_vocabulary(scenario: Scenario) -> dict[str, NameInfo]:
    """What ``checkpoints.*.odds`` can read: the scenario's names and the post's own."""
    names = vocabulary(scenario)
    names.update({name: NameInfo(Kind.NUM, doc=doc) for name, doc in CHECKPOINT_INPUTS.items()})
    return names


NO_EXPIRY = 999.0
"""``days_left`` of a document that never expires: more days than any game lasts."""

MEMBER_VALUES: dict[str, str] = {
    "health": "health, 0–100; at 0 they die",
    "hunger": "hunger, 0–100",
    "warmth": "warmth, 0–100",
    "fatigue": "fatigue, 0–100",
    "pace": "walking pace, a share of a fit adult's (0.2–1.5); the group walks at the slowest",
}
"""The body values of a party member with a ``body:``, read as ``health.<id>`` and so on."""


def vocabulary(scenario: Scenario) -> dict[str, NameInfo]:
    """Every readable name of ``scenario`` with its type and, for text, its values."""
    names: dict[str, NameInfo] = {}
    for name, doc in {**BODY_STATS, **NUMBERS}.items():
        names[name] = NameInfo(Kind.NUM, doc=doc)
    domains = {
        "season": frozenset(month.season for month in scenario.climate),
        "place": frozenset(place.id for place in scenario.places),
        "terrain": frozenset(scenario.terrains) | {"place"},
        "profile": frozenset(profile.id for profile in scenario.profiles),
        "stage": frozenset(stage.id for stage in scenario.calendar.planning) | {""},
    }
    for name, (doc, domain) in TEXTS.items():
        names[name] = NameInfo(Kind.STR, domain or domains[name], doc)
    for name, doc in BOOLS.items():
        names[name] = NameInfo(Kind.BOOL, doc=doc)
    for stat, definition in scenario.stats.items():
        names[stat] = NameInfo(Kind.NUM, doc=definition.label)
    for item, item_def in scenario.items.items():
        names[f"item.{item}"] = NameInfo(Kind.NUM, doc=f"how many {item_def.label} you carry")
    for skill, skill_def in scenario.skills.items():
        names[f"skill.{skill}"] = NameInfo(Kind.NUM, doc=f"best {skill_def.label} in the group")
    for flag, doc in scenario.flags.items():
        names[f"flag.{flag}"] = NameInfo(Kind.BOOL, doc=doc)
    for companion in scenario.companions:
        key = companion.id.replace("-", "_")
        names[f"companion.{key}"] = NameInfo(Kind.BOOL, doc=f"{companion.name} is with you")
        names[f"loyalty.{key}"] = NameInfo(
            Kind.NUM, doc=f"{companion.name}'s hidden loyalty, 0–100 (0 when not with you)"
        )
        if companion.body is not None:
            for value, doc in MEMBER_VALUES.items():
                names[f"{value}.{key}"] = NameInfo(Kind.NUM, doc=f"{companion.name}'s {doc}")
    for item, item_def in scenario.items.items():
        if item_def.document is not None:
            names[f"valid.{item}"] = NameInfo(
                Kind.BOOL, doc=f"{item_def.label} is carried, not expired and valid here")
            names[f"days_left.{item}"] = NameInfo(
                Kind.NUM, doc=f"days of validity left on {item_def.label} (0 when not carried "
                f"or expired, {NO_EXPIRY:.0f} when it never expires)")
    return names


def writable(scenario: Scenario) -> dict[str, str]:
    """Names an ``add:`` or ``set:`` effect may change, mapped to what they are."""
    targets = dict.fromkeys(BODY_STATS, "stat")
    targets.update(dict.fromkeys(scenario.stats, "stat"))
    targets.update(dict.fromkeys(scenario.items, "item"))
    targets.update(dict.fromkeys(scenario.flags, "flag"))
    return targets
