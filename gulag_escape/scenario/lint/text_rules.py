"""Lint rules about text and the state it is said in: variants, the alarm, days passing.

A text can be checked against its conditions statically: the domains where a storylet fires
(or a choice can be taken) narrowed by each variant's ``when``, and by the negation of every
variant before it, are the states in which that wording can be said. These rules read those
domains; they register with the same :func:`~gulag_escape.scenario.lint.rules.rule` as the
others and are documented in docs/lint.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gulag_escape.scenario.lint.conditions import Analysis, Choices, Env, Numbers, parse
from gulag_escape.scenario.lint.facts import Facts, Loc
from gulag_escape.scenario.lint.rules import Found, rule
from gulag_escape.scenario.models import (
    AddEffect,
    Choice,
    DaysEffect,
    Outcome,
    Prose,
    SetEffect,
    Storylet,
)

ALARM_WORDS = re.compile(r"\b(sirens?|alarm|search part(y|ies)|manhunt)\b", re.IGNORECASE)
"""Words that say the hunt is on."""
DAYS_WORDS = re.compile(
    r"\b(on the (second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) day"
    r"|(days|weeks) later|a week of|a fortnight"
    r"|(two|three|four|five|six|seven|eight|nine|ten) (days|weeks) in)\b",
    re.IGNORECASE,
)
"""Words that say days have passed."""


@dataclass(frozen=True, slots=True)
class Wording:
    """One wording of a text with the domains in which it can be said."""

    loc: Loc
    owner: str
    index: int | None
    """Its place among the variants; None for a text without variants."""
    text: str
    env: Env | None
    """None when it can never be said."""
    shadowed_by: int | None
    """The earlier variant whose condition always holds where this one would be said."""
    effects: tuple[object, ...]
    passes_days: bool


def _wordings(facts: Facts) -> Iterator[Wording]:
    """Every text of every storylet, choice and encounter that can be shown, variant by
    variant: an encounter's words (its text, cues and replies) are judged where it is met."""
    passing = _passing_days(facts)
    for i, storylet in enumerate(facts.s.storylets):
        if storylet.id not in facts.shown:
            continue  # reported by never-fires
        env = facts.choice_env(storylet)
        name = f"storylet '{storylet.id}'"
        for key in ("text", "repeat_text"):
            yield from _variants(("storylets", i, key), name, getattr(storylet, key), env,
                                 passes_days=storylet.id in passing)
        for j, choice in enumerate(storylet.choices):
            _, enabled = facts.choice_verdicts(storylet, choice, env)
            if enabled.env is None:
                continue  # reported by never-enabled
            loc: Loc = ("storylets", i, "choices", j)
            owner = f"choice '{choice.id}' of {name}"
            for where, outcome in _outcomes(loc, choice):
                passes = _passes(outcome, passing)
                yield from _variants((*where, "text"), owner, outcome.text, enabled.env,
                                     effects=tuple(outcome.effects), passes_days=passes)
    for i, encounter in enumerate(facts.s.encounters):
        met = facts.encounter_verdict(encounter).env
        if met is None:
            continue  # reported by never-fires
        name = f"encounter '{encounter.id}'"
        yield from _variants(("encounters", i, "text"), name, encounter.text, met,
                             passes_days=False)
        for disposition, cue in encounter.cues.items():
            yield from _variants(("encounters", i, "cues", disposition),
                                 f"the {disposition}'s cue of {name}", cue, met,
                                 passes_days=False)
        replies = [(("encounters", i, "approach", d), f"approach: {d} of {name}", outcome)
                   for d, outcome in encounter.approach.items()]
        for loc, owner, outcome in [*replies, (("encounters", i, "avoid"), f"avoid: of {name}",
                                               encounter.avoid)]:
            yield from _variants((*loc, "text"), owner, outcome.text, met,
                                 effects=tuple(outcome.effects),
                                 passes_days=_passes(outcome, passing))


def _outcomes(loc: Loc, choice: Choice) -> Iterator[tuple[Loc, Outcome | Choice]]:
    if choice.check:
        yield (*loc, "check", "success"), choice.check.success
        yield (*loc, "check", "failure"), choice.check.failure
    else:
        yield loc, choice


def _variants(loc: Loc, owner: str, prose: Prose | None, env: Env, *,
              effects: tuple[object, ...] = (), passes_days: bool) -> Iterator[Wording]:
    if not prose:
        return
    if isinstance(prose, str):
        yield Wording(loc, owner, None, prose, dict(env), None, effects, passes_days)
        return
    rest: Env | None = dict(env)
    shadow: int | None = None
    for index, variant in enumerate(prose):
        said = None
        if rest is not None:
            said = rest if variant.when is None else Analysis().holds(parse(variant.when), rest)
        yield Wording((*loc, index), owner, index, variant.text, said, shadow, effects,
                      passes_days)
        if rest is not None and variant.when is not None:
            rest = Analysis().holds(parse(variant.when), rest, positive=False)
            if rest is None:
                shadow = index


def _passing_days(facts: Facts) -> set[str]:
    """Storylets some choice of which lets days pass, directly or through its next: chain."""
    storylets = {st.id: st for st in facts.s.storylets}
    passing: set[str] = set()
    changed = True
    while changed:
        changed = False
        for storylet in storylets.values():
            if storylet.id not in passing and _any_passes(storylet, passing):
                passing.add(storylet.id)
                changed = True
    return passing


def _any_passes(storylet: Storylet, passing: set[str]) -> bool:
    return any(_passes(outcome, passing)
               for choice in storylet.choices for _, outcome in _outcomes((), choice))


def _passes(outcome: Outcome | Choice, passing: set[str]) -> bool:
    if any(isinstance(effect, DaysEffect) for effect in outcome.effects):
        return True
    return outcome.next is not None and outcome.next in passing


def _raises_alert(effects: tuple[object, ...]) -> bool:
    for effect in effects:
        if isinstance(effect, AddEffect) and effect.add.get("alert", 0) > 0:
            return True
        if isinstance(effect, SetEffect) and float(effect.set.get("alert", 0)) > 0:
            return True
    return False


def _can_be_calm(env: Env, delay: int) -> bool:
    """Whether the domains allow no alarm and a pursuit (alert) of 0 at once.

    The alarm goes out ``alarm_delay_days`` after the escape: a text that needs more days
    free than that is said after it, whatever ``alarm`` says.
    """
    days_free = env.get("days_free")
    if isinstance(days_free, Numbers) and days_free.lo >= max(1, delay):
        return False
    alert = env.get("alert")
    alarm = env.get("alarm")
    calm_alert = not isinstance(alert, Numbers) or alert.lo <= 0
    calm_alarm = not isinstance(alarm, Choices) or False in alarm.values
    return calm_alert and calm_alarm


def _days_behind(env: Env) -> bool:
    """Whether the text is only said after some days of the run: a week behind is true."""
    days_free = env.get("days_free")
    return isinstance(days_free, Numbers) and days_free.lo >= 5


def _variant_name(wording: Wording) -> str:
    if wording.index is None:
        return f"the text of {wording.owner}"
    return f"variant {wording.index + 1} of the text of {wording.owner}"


@rule("alarm-before-alarm", "condition the text, or the variant that speaks of the hunt, on "
      "alarm or alert > 0 (when: alarm), or say what is true before it: they will count "
      "again, someone will notice")
def check_alarm_words_without_an_alarm(facts: Facts) -> Found:
    for wording in _wordings(facts):
        if wording.env is None or _raises_alert(wording.effects):
            continue
        found = ALARM_WORDS.search(wording.text)
        if found and _can_be_calm(wording.env, facts.s.pursuit.alarm_delay_days):
            yield wording.loc, (
                f"{_variant_name(wording)} speaks of the hunt ('{found.group()}') but can be "
                "said before the alarm has gone out, with Pursuit at 0"
            )


@rule("days-without-days", "let the days pass on that path (a days: effect, or a next: to a "
      "storylet whose choices pass them), or say what fits one day")
def check_days_in_text_without_days(facts: Facts) -> Found:
    for wording in _wordings(facts):
        if wording.env is None or wording.passes_days:
            continue
        found = DAYS_WORDS.search(wording.text)
        if found and not _days_behind(wording.env):
            yield wording.loc, (
                f"{_variant_name(wording)} says '{found.group()}', but no choice on its path "
                "lets days pass: the date will not move"
            )


@rule("dead-variant", "put the variants from the narrowest condition to the widest, and drop "
      "a condition that cannot hold where its text is said")
def check_variants_never_said(facts: Facts) -> Found:
    for wording in _wordings(facts):
        if wording.index is None or wording.env is not None:
            continue
        if wording.shadowed_by is not None:
            yield wording.loc, (
                f"{_variant_name(wording)} can never be said: the condition of variant "
                f"{wording.shadowed_by + 1} always holds before it"
            )
        else:
            yield (*wording.loc, "when"), (
                f"{_variant_name(wording)} can never be said: its when: cannot hold where "
                "the text is said"
            )
