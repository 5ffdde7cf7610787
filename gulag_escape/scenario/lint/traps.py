"""Lint rules for silent traps: legal values that quietly wreck how often things happen.

An outside author met each of these in a scenario that passed ``validate --strict``: a
repeatable priority storylet that starved every storylet drawn by chance (12 of 25 never
fired), a repeatable storylet with nothing beside it that came back every day, and odds
written as percents (``odds: 35``) that the engine clamped to a certain success. Each rule
only speaks when the analysis is sure, so a condition it cannot read (two names compared,
arithmetic of names) keeps it quiet; they register with the same
:func:`~gulag_escape.scenario.lint.rules.rule` as the others and are documented in
docs/lint.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from gulag_escape.scenario.lint.conditions import Analysis, Choices, Env, parse
from gulag_escape.scenario.lint.facts import Facts, Loc
from gulag_escape.scenario.lint.rules import Found, rule
from gulag_escape.scenario.models import Storylet

# --- who fires first --------------------------------------------------------------------------


@rule("priority-starvation", "a priority storylet is checked before any draw, every day: give "
      "it once: true, or a when: that stops holding once it has done its work (a flag its "
      "choices set), or priority: 0 so that it is drawn by weight with the others")
def check_priority_starvation(facts: Facts) -> Found:
    storylets = facts.s.storylets
    for i, urgent in enumerate(storylets):
        if urgent.priority == 0 or urgent.once:
            continue
        starved = [drawn.id for drawn in storylets
                   if drawn.priority == 0 and _always_first(facts, urgent, drawn)]
        if starved:
            names = ", ".join(f"'{name}'" for name in starved)
            yield ("storylets", i, "priority"), (
                f"storylet '{urgent.id}' has priority {urgent.priority} and once: false, and its "
                f"requirements hold wherever {names} could be drawn, so it fires first every "
                f"day and {'that storylet is' if len(starved) == 1 else 'they are'} never drawn"
            )


def _always_first(facts: Facts, urgent: Storylet, drawn: Storylet) -> bool:
    """Whether ``urgent`` can fire in every state where ``drawn`` could be drawn."""
    verdict = facts.fire_verdict(drawn)
    if verdict.env is None:
        return False  # never drawn anyway: never-fires says so
    env = verdict.env
    if urgent.content_level == "standard" and drawn.content_level != "standard":
        return False  # at the mild level the drawn one has the day to itself
    if urgent.phase != "any" and not _only(env, "phase", {urgent.phase}):
        return False
    if urgent.places and not (_only(env, "at_place", {True})
                              and _only(env, "place", set(urgent.places))):
        return False
    if urgent.terrains and not (_only(env, "at_place", {False})
                                and _only(env, "terrain", set(urgent.terrains))):
        return False
    # Sure only when "not when" cannot hold: the analysis never calls a live condition dead.
    return urgent.when is None or Analysis().holds(parse(urgent.when), env, positive=False) is None


def _only(env: Env, name: str, allowed: set[object]) -> bool:
    domain = env.get(name)
    return isinstance(domain, Choices) and domain.values <= allowed


@rule("lone-repeatable", "give it company (another repeatable storylet for the same phase, "
      "places and terrains), a repeat_text for the days it comes back, a when: that stops it, "
      "or once: true")
def check_lone_repeatables(facts: Facts) -> Found:
    drawn = [(i, st) for i, st in enumerate(facts.s.storylets)
             if st.priority == 0 and not st.once and facts.fire_verdict(st).possible]
    for i, storylet in drawn:
        if storylet.repeat_text is not None:
            continue  # the author has written for its coming back
        env = facts.fire_verdict(storylet).env
        assert env is not None
        if not any(_competes(facts, other, env) for _, other in drawn if other is not storylet):
            yield ("storylets", i, "once"), (
                f"storylet '{storylet.id}' is repeatable (once: false) and no other repeatable "
                "storylet can be drawn where it fires, so once the others have fired it is told "
                "again on every day that brings a storylet"
            )


def _competes(facts: Facts, other: Storylet, env: Env) -> bool:
    """Whether ``other`` can be drawn in some state of ``env`` (a storylet's situation)."""
    if other.phase != "any" and other.phase not in _values(env, "phase"):
        return False
    if other.content_level == "standard" and "standard" not in _values(env, "content"):
        return False
    if other.places and (True not in _values(env, "at_place")
                         or not set(other.places) & _values(env, "place")):
        return False
    if other.terrains and (False not in _values(env, "at_place")
                           or not set(other.terrains) & _values(env, "terrain")):
        return False
    return facts.check(other.when, env).possible


def _values(env: Env, name: str) -> set[object]:
    """The values a text or truth name can take in ``env``; a storylet that is not standard
    content has no ``content`` domain: it fires at both levels."""
    domain = env.get(name)
    if isinstance(domain, Choices):
        return set(domain.values)
    assert name == "content", name
    return {"mild", "standard"}


# --- odds written as percents -----------------------------------------------------------------


@rule("odds-range", "odds: and difficulty: are chances from 0 to 1 (0.35 is 35 %); the engine "
      "clamps every check to 2 %-98 %, so a percent written as a number makes it certain")
def check_odds_range(facts: Facts) -> Found:
    for loc, what, value, env in _chances(facts):
        span = facts.number(value, env)
        if isinstance(value, int | float):
            if 0 <= value <= 1:
                continue
            fix = f"; for {value:g} % write {value / 100:g}" if 1 < value <= 100 else ""
            yield loc, f"{what} {value:g}, outside 0 to 1{fix}"
        elif span.lo > 1 or span.hi < 0:
            side = "above 1" if span.lo > 1 else "below 0"
            yield loc, (f"{what} {value!r}, always {side} ({span.describe()}): it reads as "
                        "a percent, or its terms are out of scale")


def _chances(facts: Facts) -> Iterator[tuple[Loc, str, float | str, Env]]:
    """Every chance an author writes: (where, what it is, the value, where it is judged)."""
    s = facts.s
    for i, storylet in enumerate(s.storylets):
        env = facts.choice_env(storylet)
        for j, choice in enumerate(storylet.choices):
            if choice.check:
                yield (("storylets", i, "choices", j, "check", "odds"),
                       f"the odds of choice '{choice.id}' of storylet '{storylet.id}' are",
                       choice.check.odds, env)
    for i, leg in enumerate(s.legs):
        if leg.crossing:
            yield (("legs", i, "crossing", "difficulty"),
                   f"the difficulty of crossing {leg.crossing.name!r} on leg '{leg.id}' is",
                   leg.crossing.difficulty, facts.base)
    yield (("pursuit", "catch_odds"), "pursuit.catch_odds is", s.pursuit.catch_odds, facts.base)

