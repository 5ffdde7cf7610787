"""The words every front end and report uses for the engine's codes.

Evidence levels, ending kinds and causes are shown by the TUI, the plain mode and the
teachers' reports alike; one table here keeps them saying the same thing. The small grammar
of names (an article, a name inside a sentence) is here too, so the engine's sentences, the
status panel and the teacher guides shape a name the same way without reaching into the engine.
"""

from __future__ import annotations

from typing import Any

EVIDENCE_MEANING = {
    "documented": "archives and scholarship",
    "memoir": "a survivor's own account",
    "literary": "fiction drawn from real events",
    "disputed": "challenged by someone with evidence",
    "legend": "told, but no source confirms it",
}
"""What each evidence level means, in a few words."""

ENDING_KINDS = {
    "freedom": "Reached freedom",
    "captured": "Captured",
    "killed": "Killed",
    "died": "Died",
    "surrendered": "Gave himself up",
    "hiding": "Lived in hiding",
}

BAD_ENDING_KINDS = frozenset({"captured", "killed", "died"})
"""Endings a player must be able to see coming: every risk of them shows its odds."""

CAUSES = {
    "pursuit": "the pursuit caught up",
    "cold": "the cold",
    "hunger": "hunger",
    "exhaustion": "exhaustion",
    "surrender": "gave himself up",
    "timeout": "the season ran out",
    "checkpoint": "stopped at a checkpoint",
    "crossing": "the crossing failed",
    "arrived": "reached the end of the route",
}
"""The engine's causes of an ending; a storylet's own ending ("story") needs none."""

RISKS = {
    "pursuit": "capture",
    "reported": "being reported",
    "crossing": "the crossing",
    "cold": "the cold",
    "hunger": "hunger",
    "exhaustion": "exhaustion",
    "checkpoint": "arrest",
    "timeout": "the season's end",
    "story": "the end of the road",
}
"""What each risk the engine foresees is called where a choice shows it."""


def percent(value: float) -> str:
    """A share as a percentage, with a decimal only below one per cent.

    The space before the sign is a no-break space: "52 %" must not wrap between its parts.
    """
    share = value * 100
    text = f"{share:.1f}" if 0 < share < 1 else f"{share:.0f}"
    return f"{text}\u00a0%"


def odds_phrase(words: str, odds: float) -> str:
    """``fair chance (62 %)``: the words first, because the words are what the player weighs."""
    phrase = {"almost hopeless": "almost hopeless", "even": "even odds"}.get(
        words, f"{words} chance")
    return f"{phrase} ({percent(odds)})"


def risk_phrase(by_cause: dict[str, float]) -> str:
    """``risk: capture 12 %, the cold 40 %``, the likeliest first."""
    ranked = sorted(by_cause.items(), key=lambda item: -item[1])
    return "risk: " + ", ".join(f"{RISKS.get(cause, cause)} {percent(odds)}"
                                for cause, odds in ranked)


def celsius(temp: float) -> str:
    """"-9 °C", "0 °C": a temperature in whole degrees, never "-0 °C" for a cold half-degree
    (formatting -0.4 with ``.0f`` keeps the sign of a number that rounds to nothing)."""
    return f"{round(temp)} °C"


def days(count: int) -> str:
    """"1 day", "4 days"."""
    return f"{count} day{'' if count == 1 else 's'}"


def with_article(noun: str) -> str:
    """"a truck", "an ore truck": the indefinite article by the noun's first letter."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def plural(noun: str) -> str:
    """"trucks", "ore sledges", "lorries", "horse carts": English's regular plural of the
    last word, which is all a scenario's vehicle names need."""
    if noun[-1:] == "y" and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "z", "ch", "sh")) else "s")


def capitalized(text: Any) -> Any:
    """A phrase that opens a sentence: its first letter upper case, the rest as written."""
    return text[:1].upper() + text[1:] if isinstance(text, str) else text


_ARTICLES = frozenset({"The", "A", "An"})
_SUBJECTS = frozenset({"You", "Your", "Someone"})


def in_sentence(name: Any, subject: bool = False) -> Any:
    """A name as it reads inside a sentence: "The post at Yagodnoye" becomes "the post...".

    Only a leading article is lowered: "Magadan" and "A. P. Chekhov Street" stay as written.
    With ``subject``, the text is a whole phrase quoted inside a sentence (a flag's
    description on a teacher's page: "You have forged papers", "Someone saw you"), and its
    opening subject is lowered too. Anything but a string (a name missing from an older
    save) is given back as it is.
    """
    if isinstance(name, str):
        first, _, rest = name.partition(" ")
        if rest and (first in _ARTICLES or (subject and first in _SUBJECTS)):
            return f"{first.lower()} {rest}"
    return name
