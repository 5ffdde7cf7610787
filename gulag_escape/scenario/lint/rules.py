"""The lint rules: one small ``check_*`` function per rule, each yielding ``(loc, sentence)``.

A rule is registered with :func:`rule`, which gives it an id (shown after each warning and
used as the heading in docs/lint.md) and the hint printed once, after its first warning.
The rules only read :class:`~gulag_escape.scenario.lint.facts.Facts`; a rule that needs to
know what can happen asks the facts rather than working it out again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from gulag_escape.scenario.lint.conditions import Choices, Env, Numbers
from gulag_escape.scenario.lint.facts import (
    Facts,
    Loc,
    Verdict,
    end_effects,
    note_effects,
    texts,
    writes,
)
from gulag_escape.scenario.models import Encounter, Source, Storylet, overstated
from gulag_escape.scenario.prose import worded
from gulag_escape.textkit import LINK

Found = Iterator[tuple[Loc, str]]

TEXT_LIMIT = 1800
"""Characters of a storylet's or an encounter's text: about two screens of a small terminal."""
LABEL_LIMIT = 80
"""Characters of a choice's label: one line of the choice list."""
UNOFFICIAL_HOSTS = frozenset({
    "scribd.com", "docplayer.ru", "docplayer.net", "docplayer.com", "studfile.net",
    "twirpx.com", "litres.ru", "coollib.com", "royallib.com", "litmir.me", "libking.ru",
    "lib.ru", "bookz.ru", "vk.com", "livejournal.com", "pinterest.com", "academia.edu",
    "wikipedia.org",
})
"""Domains (and their subdomains) of copies, uploads and encyclopaedias: not the institution
or the edition a note rests on."""


@dataclass(frozen=True)
class Rule:
    """One lint rule: its id, the hint shown once, and its check."""

    id: str
    hint: str
    check: Callable[[Facts], Found]


RULES: list[Rule] = []
"""Every rule, in the order their warnings are printed."""


def rule(rule_id: str, hint: str) -> Callable[[Callable[[Facts], Found]], Callable[[Facts], Found]]:
    def register(check: Callable[[Facts], Found]) -> Callable[[Facts], Found]:
        RULES.append(Rule(rule_id, hint, check))
        return check

    return register


# --- what can never happen -------------------------------------------------------------------


@rule("never-fires", "check it against what the scenario can reach: declared stat bounds, flags "
      "some effect sets true, items some effect gives, the seasons between calendar.start and "
      "max_days; places: and terrains: never hold together (one is at a place, one on a leg)")
def check_storylets_that_never_fire(facts: Facts) -> Found:
    for i, storylet in enumerate(facts.s.storylets):
        if storylet.id in facts.shown:
            continue
        verdict = facts.fire_verdict(storylet)
        reason = _why(facts, verdict, storylet.when, _situation(facts, storylet))
        if storylet.id in facts.led_to:
            reason = f"no choice that leads to it with next: can be taken, and {reason}"
        yield ("storylets", i), f"storylet '{storylet.id}' can never be shown: {reason}"
    for i, encounter in enumerate(facts.s.encounters):
        verdict = facts.encounter_verdict(encounter)
        if not verdict.possible:
            situation = facts.context("run", encounter.places, encounter.terrains)
            reason = _why(facts, verdict, encounter.when, situation)
            yield ("encounters", i), f"encounter '{encounter.id}' can never happen: {reason}"


@rule("never-enabled", "a choice's show_if and when are judged where its storylet fires (its "
      "phase, places and condition); drop the choice or the condition that rules it out")
def check_choices_never_enabled(facts: Facts) -> Found:
    for i, storylet in enumerate(facts.s.storylets):
        if storylet.id not in facts.shown:
            continue  # reported as a storylet that never fires
        env = facts.choice_env(storylet)
        for j, choice in enumerate(storylet.choices):
            shown, enabled = facts.choice_verdicts(storylet, choice, env)
            loc: Loc = ("storylets", i, "choices", j)
            name = f"choice '{choice.id}' of storylet '{storylet.id}'"
            if not shown.possible:
                reason = _why(facts, shown, choice.show_if, Verdict(dict(env)))
                yield (*loc, "show_if"), f"{name} is never shown: {reason}"
            elif not enabled.possible:
                reason = _why(facts, enabled, choice.when, Verdict(shown.env))
                yield (*loc, "when"), f"{name} can never be taken: {reason}"


@rule("unreachable-ending", "name the ending in an end: effect, a place's ending:, a crossing "
      "or endings_for, on a path that can happen, or remove it")
def check_unreachable_endings(facts: Facts) -> Found:
    s = facts.s
    reached = end_effects(facts.live_outlets)
    reached |= {p.ending for p in s.places if p.ending and p.id in facts.places}
    reached |= {leg.crossing.ending for leg in facts.legs if leg.crossing}
    for cause, ending in s.endings_for:
        if ending and (cause != "surrender" or facts.escape):
            reached.add(ending)
    for i, ending in enumerate(s.endings):
        if ending.id not in reached:
            yield ("endings", i), (
                f"ending '{ending.id}' can never be reached: no end: effect that can happen, "
                "no place the route reaches, no crossing on it and no endings_for entry names it"
            )


@rule("unreachable-place", "legs lead one way, from → to: add a leg from a place the route "
      "reaches, or a move: effect; the run only uses legs once an escape: effect can happen")
def check_unreachable_places(facts: Facts) -> Found:
    s = facts.s
    for i, place in enumerate(s.places):
        if place.id not in facts.places:
            why = ("" if facts.escape else
                   ", because no effect that can happen starts the escape")
            yield ("places", i), (
                f"place '{place.id}' is reached by no leg from '{s.start}' and no move: "
                f"effect{why}"
            )


# --- declarations that do nothing -------------------------------------------------------------


@rule("never-read", "read it in a condition, weight or odds, or remove it and the effects "
      "that change it")
def check_written_never_read(facts: Facts) -> Found:
    read = facts.names_read()
    written = writes(facts.s)
    for name, key in _declared(facts):
        if key in read:
            continue
        kind = "flag" if key.startswith("flag.") else "stat"
        if key in written:
            yield (f"{kind}s", name), (
                f"{kind} '{name}' is changed but no condition, weight or odds reads it, "
                "so it changes nothing in the game"
            )
        else:
            yield (f"{kind}s", name), f"{kind} '{name}' is declared but never changed or read"


@rule("never-written", "change it with an add: or set: effect (or give it per profile), or "
      "write the constant it stands for")
def check_read_never_written(facts: Facts) -> Found:
    read = facts.names_read()
    written = writes(facts.s)
    for name, key in _declared(facts):
        if key not in read or key in written:
            continue
        if key.startswith("flag."):
            yield ("flags", name), f"flag '{name}' is read but no effect sets it, so it is " \
                "always false"
        else:
            start = facts.s.stats[name].start
            yield ("stats", name), f"stat '{name}' is read but nothing changes it, so it is " \
                f"always {start:g}"


def _declared(facts: Facts) -> Iterator[tuple[str, str]]:
    """(declared name, name in expressions) of each declared stat and flag."""
    for name in facts.s.stats:
        yield name, name
    for name in facts.s.flags:
        yield name, f"flag.{name}"


# --- history ----------------------------------------------------------------------------------


@rule("unused-note", "list the note under an ending's notes:, meta.basis.notes or a note: "
      "effect, or link it from a text with [[note:id|words]]")
def check_unreferenced_notes(facts: Facts) -> Found:
    s = facts.s
    used = {note for ending in s.endings for note in ending.notes}
    used |= set(s.meta.basis.notes) | note_effects(s)
    used |= {target[5:] for target in _links(facts) if target.startswith("note:")}
    for i, note in enumerate(s.notes):
        if note.id not in used:
            yield ("notes", i), f"note '{note.id}' is never shown: no ending, basis, note: " \
                "effect or link refers to it"


@rule("source-url", "cite an institutional page over https (an archive, a museum, a "
      "university, a publisher) or a public-domain edition; a printed work needs no url")
def check_source_urls(facts: Facts) -> Found:
    s = facts.s
    cited: list[tuple[Loc, Source]] = [
        (("meta", "sources", j), source) for j, source in enumerate(s.meta.sources)
    ]
    for i, note in enumerate(s.notes):
        cited += [(("notes", i, "sources", j), source) for j, source in enumerate(note.sources)]
    for loc, source in cited:
        if not source.url:
            continue
        parts = urlsplit(source.url)
        host = parts.hostname or ""
        if parts.scheme != "https":
            yield (*loc, "url"), f"the source '{source.title}' is cited at a plain http:// " \
                "address, which readers cannot trust to be the page you read"
        elif _unofficial(host) or "excerpt" in source.url.lower():
            yield (*loc, "url"), f"the source '{source.title}' is cited at {host}, a copy or " \
                "an excerpt rather than the institution or the edition itself"


def _unofficial(host: str) -> bool:
    parts = host.lower().split(".")
    return any(".".join(parts[i:]) in UNOFFICIAL_HOSTS for i in range(len(parts) - 1))


@rule("evidence-above-sources", "lower the evidence level to what the strongest source allows "
      "(archive, scholarship, reference, press: documented; memoir: memoir; literary: literary), "
      "or cite a source of a stronger kind that says the same")
def check_evidence_above_sources(facts: Facts) -> Found:
    for i, note in enumerate(facts.s.notes):
        ceiling = overstated(note.evidence, [source.kind for source in note.sources])
        if ceiling:
            kinds = ", ".join(sorted({source.kind for source in note.sources}))
            yield ("notes", i, "evidence"), (
                f"note '{note.id}' is {note.evidence}, but its sources ({kinds}) bear out "
                f"no more than {ceiling}"
            )


@rule("mild-ending", "give the ending at least one note without content_level: standard, so "
      "that every player learns the history behind it")
def check_endings_without_mild_notes(facts: Facts) -> Found:
    notes = {note.id: note for note in facts.s.notes}
    for i, ending in enumerate(facts.s.endings):
        if all(notes[n].content_level == "standard" for n in ending.notes if n in notes):
            yield ("endings", i, "notes"), f"every note of ending '{ending.id}' is standard " \
                "content, so a player at the mild level sees no history after it"


# --- text -------------------------------------------------------------------------------------


@rule("too-long", f"split a long scene into storylets joined by next: (texts up to "
      f"{TEXT_LIMIT} characters), and keep labels to one line ({LABEL_LIMIT} characters)")
def check_text_length(facts: Facts) -> Found:
    s = facts.s
    long_texts = [(("storylets", i, "text"), f"storylet '{st.id}'", st.text)
                  for i, st in enumerate(s.storylets)]
    long_texts += [(("encounters", i, "text"), f"encounter '{e.id}'", e.text)
                   for i, e in enumerate(s.encounters)]
    for loc, owner, prose in long_texts:
        for at, text in worded(loc, prose):
            if len(text) <= TEXT_LIMIT:
                continue
            yield at, f"the text of {owner} is {len(text)} characters long, over the limit " \
                f"of {TEXT_LIMIT}"
    for i, storylet in enumerate(s.storylets):
        for j, choice in enumerate(storylet.choices):
            if len(choice.label) > LABEL_LIMIT:
                yield ("storylets", i, "choices", j, "label"), (
                    f"the label of choice '{choice.id}' is {len(choice.label)} characters "
                    f"long, over the limit of {LABEL_LIMIT}"
                )


@rule("unused-term", "link the term from a text with [[term-id]] or [[term-id|words]], or "
      "remove it (a link to an undefined term is already an error)")
def check_unlinked_terms(facts: Facts) -> Found:
    linked = set(_links(facts))
    for i, term in enumerate(facts.s.glossary):
        if term.id not in linked:
            yield ("glossary", i), f"glossary term '{term.id}' is never linked from any text"


def _links(facts: Facts) -> list[str]:
    dumped = facts.s.model_dump(by_alias=True)
    return [match.group(1).strip() for _, text in texts(dumped) if "[[" in text
            for match in LINK.finditer(text)]


# --- content levels ---------------------------------------------------------------------------


@rule("no-mild-variant", "write a mild storylet for the same phase, places and terrains whose "
      "condition can hold where the standard one fires (content == \"mild\" helps)")
def check_missing_mild_variants(facts: Facts) -> Found:
    storylets = facts.s.storylets
    for i, standard in enumerate(storylets):
        if standard.content_level != "standard":
            continue
        fired = facts.fire_verdict(standard)
        if fired.env is None:
            continue
        mild_world: Env = {**fired.env, "content": Choices(frozenset({"mild"}))}
        if not any(_variant(facts, standard, other, mild_world) for other in storylets):
            yield ("storylets", i), (
                f"storylet '{standard.id}' is standard content and no mild storylet can fire "
                "in its place (same phase, places and terrains), so players at the mild level "
                "miss the scene"
            )


def _variant(facts: Facts, standard: Storylet, other: Storylet, env: Env) -> bool:
    if other.content_level != "mild" or other.phase not in {standard.phase, "any"}:
        return False
    if set(other.places) != set(standard.places) or set(other.terrains) != set(standard.terrains):
        return False
    return facts.check(other.when, env).possible and facts.fire_verdict(other).possible


@rule("standard-via-next", "at the mild level a next: to a standard storylet is skipped: give "
      "the choice show_if: content == \"standard\" and a mild twin, or make the storylet mild")
def check_standard_shown_by_next(facts: Facts) -> Found:
    storylets = {st.id: st for st in facts.s.storylets}
    outlets, _ = facts.reach("mild")
    for outlet in outlets:
        target = storylets.get(outlet.outcome.next or "")
        if target is not None and target.content_level == "standard":
            yield (*outlet.loc, "next"), (
                f"storylet '{target.id}' is standard content, so at the mild level this "
                "next: is skipped and the game goes on as if the choice had none"
            )


# --- encounter odds ----------------------------------------------------------------------------

INFORMER_TOLERANCE = 0.1
"""How far apart (as a share of all dispositions) the informer odds of two groups met in the
same zone may be before one of them must state the circumstance behind the difference."""
Spot = tuple[str, bool]
"""Where an encounter can happen: a place (a leg counts at both its ends) and the belt there."""


@rule("informer-odds", "people must not be likelier to report you because of who they are: "
      "give the groups the same informer share, or state the circumstance that makes the "
      "difference (a documented bounty, officials who visit) in a reason: the player reads")
def check_informer_odds(facts: Facts) -> Found:
    encounters = facts.s.encounters
    spots = [_spots(facts, encounter) for encounter in encounters]
    for j, later in enumerate(encounters):
        for i, earlier in enumerate(encounters[:j]):
            if earlier.reason or later.reason:
                continue
            for place, belt in sorted(spots[i] & spots[j]):
                shares = _informer_shares(facts, earlier, later, belt)
                if shares is None:
                    continue
                (a_lo, a_hi), (b_lo, b_hi) = shares
                if round(max(a_lo - b_hi, b_lo - a_hi), 6) > INFORMER_TOLERANCE:
                    where = "inside" if belt else "outside"
                    yield ("encounters", j, "dispositions"), (
                        f"encounters '{earlier.id}' and '{later.id}' can both be met at "
                        f"'{place}' ({where} the belt), but report you at different rates "
                        f"({_share(a_lo, a_hi)} against {_share(b_lo, b_hi)} informers) and "
                        "neither states a reason"
                    )
                    break


def _spots(facts: Facts, encounter: Encounter) -> set[Spot]:
    """The places (with the belt there) where ``encounter`` can happen; a leg counts at both
    its ends, since whoever is met on it lives near them."""
    env = facts.encounter_verdict(encounter).env
    if env is None:
        return set()
    places = {p.id: p for p in facts.s.places}
    allowed, belts = _values(env, "place"), _values(env, "belt")
    found: set[Spot] = set()
    if True in _values(env, "at_place"):
        found |= {(p, places[p].belt) for p in allowed if p in places and places[p].belt in belts}
    if False in _values(env, "at_place"):
        terrains = _values(env, "terrain")
        for leg in facts.legs:
            belt = places[leg.from_].belt or places[leg.to].belt
            if leg.terrain in terrains and leg.from_ in allowed and belt in belts:
                found |= {(leg.from_, belt), (leg.to, belt)}
    return found


def _values(env: Env, name: str) -> frozenset[Any]:
    domain = env.get(name)
    assert isinstance(domain, Choices), name
    return domain.values


def _informer_shares(facts: Facts, a: Encounter, b: Encounter, belt: bool
                     ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The range of each group's informer share where both can be met with ``belt``; None
    when their conditions cannot hold together."""
    first = facts.encounter_verdict(a).env
    assert first is not None
    both = facts.check(b.when, {**first, "belt": Choices(frozenset({belt}))}).env
    if both is None:
        return None
    return _informer_share(facts, a, both), _informer_share(facts, b, both)


def _informer_share(facts: Facts, encounter: Encounter, env: Env) -> tuple[float, float]:
    weights = {name: facts.number(weight, env) for name, weight in encounter.dispositions.items()}
    informer = weights.get("informer")
    if informer is None:
        return 0.0, 0.0
    others = [w for name, w in weights.items() if name != "informer"]
    lo, hi = max(informer.lo, 0.0), max(informer.hi, 0.0)
    others_lo = sum(max(w.lo, 0.0) for w in others)
    others_hi = sum(max(w.hi, 0.0) for w in others)
    share_lo = lo / (lo + others_hi) if lo + others_hi > 0 else 0.0
    share_hi = hi / (hi + others_lo) if hi + others_lo > 0 else 1.0
    return share_lo, share_hi


def _share(lo: float, hi: float) -> str:
    return f"{lo:.0%}" if round(lo, 2) == round(hi, 2) else f"{lo:.0%}-{hi:.0%}"


# --- explaining why ---------------------------------------------------------------------------


def _situation(facts: Facts, storylet: Storylet) -> Verdict:
    return facts.context(storylet.phase, storylet.places, storylet.terrains)


_SITUATIONS = {
    "places-and-terrains": "it lists places (met at a place) and terrains (met on a leg), "
    "and the fugitive is never at a place and on a leg at once",
    "camp-terrains": "it lists terrains, but in camp the fugitive is never on a leg",
    "phase": "no effect that can happen starts the escape, so the run never begins",
    "place": "none of its places is where the fugitive can be in its phase",
    "terrain": "no leg the route walks has one of its terrains",
    "at_place": "the fugitive is never on a leg",
}


def _why(facts: Facts, verdict: Verdict, condition: str | None, situation: Verdict) -> str:
    """One clause saying why a storylet, encounter or choice is impossible."""
    if situation.env is None:
        return next(text for name, text in _SITUATIONS.items() if name in situation.dry)
    if "weight" in verdict.dry:
        return "its weight is never above 0"
    env = situation.env
    causes = [name for name in sorted(verdict.dry) if condition is not None
              and facts.check(condition, {k: v for k, v in env.items() if k != name}).possible]
    if not causes:
        return f"the parts of its condition {condition!r} contradict each other"
    return f"its condition {condition!r} can never hold: " + "; ".join(
        _about(facts, name, env) for name in causes
    )


def _about(facts: Facts, name: str, env: Env) -> str:
    """Why ``name`` cannot take the values a condition needs: the whole game's reason when
    its domain is the game's, else what the situation leaves of it."""
    s = facts.s
    family = name.partition(".")[0]
    domain = env.get(name)
    if domain != facts.base.get(name):
        return f"'{name}' can only be {_describe(domain)} there"
    if family == "flag":
        return f"no effect that can happen sets {name} true"
    if family == "item":
        return f"no profile and no effect that can happen gives {name}"
    if family == "companion":
        return f"{name} never joins"
    if name in s.stats and isinstance(domain, Numbers):
        return f"'{name}' stays {domain.describe()} (its declared bounds, start and profiles)"
    if name in {"month", "season", "snow", "ice", "daylight", "forage", "temp"}:
        return (f"from {s.calendar.start} to {facts.last_day} (max_days) {name} is only "
                f"{_describe(domain)}")
    return f"'{name}' can only be {_describe(domain)} there"


def _describe(domain: Any) -> str:
    return domain.describe() if domain is not None else "anything"
