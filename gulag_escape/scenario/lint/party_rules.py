"""Lint rules about the party: people with a body can die, and the dead stay dead.

The engine skips a ``join:`` of a member who has died (nothing false is said in its own
words), but the author's words around it are still told: "Your son catches up with you at
the ford" over a boy who died two days before. The rule speaks only where the member may
already have been with you before that join (they join from the start, another outcome joins
them too, or the outcome can come again) and could have died by then (it can come on the
run, or in camp where some ``member:`` effect lowers their health).
"""

from __future__ import annotations

from collections.abc import Iterator

from gulag_escape.scenario.lint.conditions import Choices, Env, Numbers
from gulag_escape.scenario.lint.facts import Facts, Outlet
from gulag_escape.scenario.lint.rules import Found, rule
from gulag_escape.scenario.models import Companion, JoinEffect, MemberEffect

Join = tuple[Outlet, int, Companion]
"""An outcome that can happen, the index of its ``join:`` effect, and who joins."""


@rule("join-after-death", "a member with a body who has died stays dead: the engine skips the "
      "join, but the words around it are still said; put health.ID > 0 in the condition of "
      "the storylet or choice that joins them, or give them one join that cannot come twice")
def check_join_after_death(facts: Facts) -> Found:
    joins = list(_joins(facts))
    harmed_in_camp = _harmed_in_camp(facts)
    for outlet, index, companion in joins:
        before = _with_you_before(facts, outlet, companion, joins)
        env = _env(facts, outlet)
        if before is None or env is None or _alive_there(env, companion):
            continue
        if not (_can_be(env, "run") or companion.id in harmed_in_camp):
            continue  # a member dies on the run, or in camp by a member: effect
        yield (*outlet.loc, "effects", index, "join"), (
            f"join: {companion.id} in {_name(facts, outlet)} can come after "
            f"{companion.name} has died ({before})")


def _joins(facts: Facts) -> Iterator[Join]:
    """Every ``join:`` of a member with a body, in an outcome that can happen."""
    bodied = {c.id: c for c in facts.s.companions if c.body is not None}
    for outlet in facts.live_outlets:
        for index, effect in enumerate(outlet.outcome.effects):
            if isinstance(effect, JoinEffect) and effect.join in bodied:
                yield outlet, index, bodied[effect.join]


def _with_you_before(facts: Facts, outlet: Outlet, companion: Companion,
                     joins: list[Join]) -> str | None:
    """Why the member may already be with you (and so may have died) when ``outlet``
    comes; None when this join is the only way they come and it comes once."""
    if companion.joins:
        return "they are with you from the start"
    others = sorted({_name(facts, other) for other, _, who in joins
                     if who.id == companion.id and other.owner != outlet.owner})
    if others:
        return f"{others[0]} joins them too"
    kind, owner = outlet.owner
    if kind == "encounter":
        return "the encounter can be met again"
    if not facts.s.storylets[facts.storylet_index[owner]].once:
        return "the storylet is repeatable"
    return None


def _env(facts: Facts, outlet: Outlet) -> Env | None:
    """Where ``outlet`` happens: where its choice can be taken, or its encounter met."""
    kind, owner = outlet.owner
    if kind == "encounter":
        encounter = next(e for e in facts.s.encounters if e.id == owner)
        return facts.encounter_verdict(encounter).env
    storylet = facts.s.storylets[facts.storylet_index[owner]]
    assert outlet.choice is not None
    return facts.choice_verdicts(storylet, storylet.choices[outlet.choice])[1].env


def _harmed_in_camp(facts: Facts) -> set[str]:
    """Members whose health some ``member:`` effect that can happen in camp lowers."""
    harmed = set()
    for outlet in facts.live_outlets:
        for effect in outlet.outcome.effects:
            if isinstance(effect, MemberEffect) and _can_be(_env(facts, outlet), "camp"):
                harmed |= {who for who, body in effect.member.items()
                           if body.get("health", 0) < 0}
    return harmed


def _can_be(env: Env | None, phase: str) -> bool:
    """Whether the game can be in ``phase`` where ``env`` holds."""
    domain = env.get("phase") if env is not None else None
    return isinstance(domain, Choices) and phase in domain.values


def _alive_there(env: Env, companion: Companion) -> bool:
    """Whether the condition there keeps the member's health above 0."""
    health = env.get(f"health.{companion.id.replace('-', '_')}")
    return isinstance(health, Numbers) and (health.lo > 0 or (health.lo == 0 and health.lo_open))


def _name(facts: Facts, outlet: Outlet) -> str:
    kind, owner = outlet.owner
    if kind == "encounter":
        return f"encounter '{owner}'"
    storylet = facts.s.storylets[facts.storylet_index[owner]]
    assert outlet.choice is not None
    return f"choice '{storylet.choices[outlet.choice].id}' of storylet '{owner}'"
