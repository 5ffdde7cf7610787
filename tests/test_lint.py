"""Lint: each rule fires on a fixture made to break it and stays quiet on a near miss.

Every case starts from ``tests/data/lint/clean.yaml`` (lint-clean under ``--strict``) and
changes one thing in its text. A few cases then run through the real ``gulag-escape
validate`` command; the analysis of conditions has its own table; and random games check
that lint never calls dead what a game actually does.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from gulag_escape.engine.game import Game
from gulag_escape.errors import ScenarioError
from gulag_escape.scenario.expressions import Kind, NameInfo, compile_expression
from gulag_escape.scenario.lint import RULES, LintWarning, lint
from gulag_escape.scenario.lint.conditions import Analysis, Choices, Numbers, parse
from gulag_escape.scenario.lint.rules import LABEL_LIMIT, TEXT_LIMIT
from gulag_escape.scenario.loader import (
    LoadedScenario,
    load_scenario,
    load_scenario_with_sources,
    shipped_scenarios,
)

CLEAN = DATA / "lint" / "clean.yaml"
CLEAN_TEXT = CLEAN.read_text(encoding="utf-8")
FENCE_WHEN = "when: \"suspicion < 50 and season == 'summer'\""
N1_SOURCE = ('    evidence: documented\n    sources: [{author: "Applebaum, Anne", title: "Gulag: '
             'A History", year: 2003, pages: "ch. 18", kind: scholarship}]')
SHALAMOV = '{author: "Shalamov, Varlam", title: "The Green Prosecutor", year: 2018, kind: literary}'
ISLAND = "  - {id: island, name: the island, kind: wild, map: {x: 90, y: 90}}\n"
HUNTER = ("  - id: hunter\n    name: a hunter\n    text: A hunter checks his snares.\n"
          "    terrains: [taiga]\n{reason}    dispositions: {{helper: 2, informer: 1}}\n"
          "    approach:\n      helper: {{text: He gives you a hare.}}\n"
          "      informer: {{text: He walks off towards the village.}}\n")
"""A second group met on the herder's taiga (outside the belt), where the herder reports half as
often again as the hunter."""


def changed(*edits: tuple[str, str]) -> str:
    """The clean fixture with every ``old`` text replaced by ``new`` (each must be there)."""
    text = CLEAN_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def add_place(text: str, entry: str = ISLAND) -> str:
    return text.replace("legs:\n", entry + "legs:\n", 1)


def add_hunter(reason: str = "") -> str:
    """The clean fixture with :data:`HUNTER` met where the herder is, stating ``reason``."""
    entry = HUNTER.format(reason=f"    reason: {reason}\n" if reason else "")
    return CLEAN_TEXT.replace("storylets:\n", entry + "storylets:\n", 1)


def with_part(name: str, text: str = CLEAN_TEXT) -> str:
    """``text`` including the part ``tests/data/lint/NAME.yaml`` (copied beside it by
    :func:`lint_text`): a small fixture that adds what breaks one rule."""
    return f"{text}include: [{name}.yaml]\n"


def inline(name: str, *edits: tuple[str, str]) -> str:
    """The clean fixture with the entries of the part ``tests/data/lint/NAME.yaml`` written
    into its own section, after ``edits`` to them: a near miss of that part's rule."""
    part = (DATA / "lint" / name).with_suffix(".yaml").read_text(encoding="utf-8")
    header = re.search(r"^(\w+):\n", part, re.M)
    assert header is not None, name
    entries = part[header.end():]
    for old, new in edits:
        assert old in entries, old
        entries = entries.replace(old, new)
    return CLEAN_TEXT.replace(header.group(), header.group() + entries, 1)


def lint_text(tmp_path: Path, text: str) -> list[LintWarning]:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    for part in re.findall(r"^include: \[([\w.-]+)\]$", text, re.M):
        (tmp_path / part).write_text((DATA / "lint" / part).read_text(encoding="utf-8"),
                                     encoding="utf-8")
    loaded, _ = load_scenario_with_sources(path)
    return lint(loaded)


def messages(warnings: list[LintWarning], rule: str) -> list[str]:
    return [w.message for w in warnings if w.rule == rule]


# --- each rule: a fixture that triggers it, and a near miss that does not --------------------

LONG_TEXT = "word " * (TEXT_LIMIT // 5)
TRIGGERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # name: (rule, scenario text, words one warning of that rule must hold)
    "stat-above-its-bounds": ("never-fires", changed((FENCE_WHEN, "when: suspicion > 100")),
                              ("storylet 'fence'", "'suspicion' stays between 0 and 100")),
    "season-the-game-never-sees": (
        "never-fires", changed((FENCE_WHEN, "when: season == 'winter'")),
        ("storylet 'fence'", "from 1938-06-01 to 1938-09-29", "season is only")),
    "flag-never-set-true": (
        "never-fires",
        changed((FENCE_WHEN, "when: flag.told"), ("set: {told: true}", "set: {told: false}")),
        ("storylet 'fence'", "no effect that can happen sets flag.told true")),
    "item-nobody-gives": (
        "never-fires",
        changed(("  compass:", "  gold: {label: gold, bribe: 30}\n  compass:"),
                (FENCE_WHEN, "when: item.gold > 0")),
        ("storylet 'fence'", "gives item.gold")),
    "place-no-leg-reaches": (
        "never-fires",
        add_place(changed(("    places: [village]\n    text: The old hand limps.",
                           "    places: [island]\n    text: The old hand limps."))),
        ("storylet 'frost-mild'", "none of its places")),
    "place-with-an-ending": (
        "never-fires",
        changed(("    places: [village]\n    text: The old hand limps.",
                 "    places: [border]\n    text: The old hand limps.")),
        ("storylet 'frost-mild'", "none of its places")),
    "no-escape-no-run": ("never-fires", changed(("effects: [{escape: true}]", "effects: []")),
                         ("storylet 'cache'", "the run never begins")),
    "weight-zero-and-no-next": (
        "never-fires",
        changed(("    places: [village]\n    text: The old hand limps.",
                 "    places: [village]\n    weight: 0\n    text: The old hand limps.")),
        ("storylet 'frost-mild'", "weight is never above 0")),
    "terrains-in-camp": ("never-fires", changed(("    phase: camp\n    when: \"suspicion",
                                                 "    phase: camp\n    terrains: [road]\n"
                                                 "    when: \"suspicion")),
                         ("storylet 'fence'", "in camp the fugitive is never on a leg")),
    "encounter-with-places-and-terrains": (
        "never-fires", changed(("    terrains: [taiga]\n    dispositions",
                                "    terrains: [taiga]\n    places: [village]\n    dispositions")),
        ("encounter 'herder'", "never at a place and on a leg at once")),
    "contradiction": ("never-fires",
                      changed((FENCE_WHEN, "when: day > 50 and day < 20")),
                      ("storylet 'fence'", "contradict each other")),
    "a-dead-storylet-sets-nothing": (
        "never-enabled", changed(("    when: not flag.told\n", "    when: suspicion > 100\n")),
        ("choice 'ask' of storylet 'cache'", "companion.old_hand never joins")),
    "condition-outside-the-storylet's-situation": (
        "never-enabled", changed(("{id: take, label: Take it,",
                                  "{id: take, label: Take it, when: terrain == 'road',")),
        ("choice 'take' of storylet 'cache' can never be taken", "\"taiga\"")),
    "choice-against-its-storylet's-condition": (
        "never-enabled", changed(("{id: alone, label: Keep it to yourself,",
                                  "{id: alone, label: Keep it to yourself, when: flag.told,")),
        ("choice 'alone' of storylet 'plan'", "'flag.told' can only be false there")),
    "show-if-never-holds": (
        "never-enabled", changed(("show_if: item.compass > 0", "show_if: suspicion > 200")),
        ("choice 'go-on' of storylet 'frost' is never shown",)),
    "ending-nothing-names": (
        "unreachable-ending",
        changed(("  - {id: hiding,", "  - {id: lost, kind: died, title: Lost, epilogue: Lost., "
                 "notes: [n1]}\n  - {id: hiding,")),
        ("ending 'lost'",)),
    "ending-only-a-dead-storylet-names": (
        "unreachable-ending", changed((FENCE_WHEN, "when: suspicion > 100")), ("ending 'shot'",)),
    "place-without-legs": ("unreachable-place", add_place(CLEAN_TEXT), ("place 'island'",)),
    "place-beyond-an-ending": (
        "unreachable-place",
        add_place(CLEAN_TEXT).replace("legs:\n", "legs:\n  - {id: swim, from: border, to: island, "
                                      "km: 5, terrain: taiga, name: a swim}\n", 1),
        ("place 'island'",)),
    "flag-set-never-read": ("never-read", changed(("    when: not flag.told\n", "")),
                            ("flag 'told' is changed but no condition",)),
    "stat-changed-never-read": ("never-read", changed((FENCE_WHEN, "when: season == 'summer'")),
                                ("stat 'suspicion' is changed",)),
    "flag-declared-never-used": ("never-read", changed(("flags:\n", "flags:\n  spare: Unused.\n")),
                                 ("flag 'spare' is declared but never changed or read",)),
    "flag-read-never-set": ("never-written",
                            changed(("{set: {told: true}}", "{journal: You told him.}")),
                            ("flag 'told' is read but no effect sets it",)),
    "stat-read-never-changed": ("never-written",
                                changed((", {add: {suspicion: 10}}", "")),
                                ("stat 'suspicion' is read but nothing changes it",
                                 "always 10")),
    "note-nothing-shows": ("unused-note", changed(("See [[note:n2|what hunters left]].", "")),
                           ("note 'n2' is never shown",)),
    "http-source": ("source-url", changed(("https://www.memo.ru", "http://www.memo.ru")),
                    ("plain http://",)),
    "copy-site-source": ("source-url", changed(("https://www.memo.ru/en-us/",
                                                "https://www.scribd.com/doc/1/gulag")),
                         ("www.scribd.com", "copy or an excerpt")),
    "documented-on-a-story-alone": (
        "evidence-above-sources",
        changed((N1_SOURCE, f"    evidence: documented\n    sources: [{SHALAMOV}]")),
        ("note 'n1' is documented", "(literary)", "no more than literary")),
    "documented-on-memoirs-alone": (
        "evidence-above-sources",
        changed((N1_SOURCE, N1_SOURCE.replace("scholarship", "memoir"))),
        ("note 'n1' is documented", "no more than memoir")),
    "memoir-on-a-story-alone": (
        "evidence-above-sources",
        changed((N1_SOURCE, f"    evidence: memoir\n    sources: [{SHALAMOV}]")),
        ("note 'n1' is memoir", "no more than literary")),
    "ending-with-only-standard-notes": ("mild-ending", changed(("notes: [n1, n3]", "notes: [n3]")),
                                        ("ending 'shot'",)),
    "long-storylet-text": ("too-long", changed(("The old hand limps.", LONG_TEXT + "x")),
                           (f"{TEXT_LIMIT + 1} characters", f"limit of {TEXT_LIMIT}")),
    "long-label": ("too-long", changed(("label: Take it,", f"label: {'t' * (LABEL_LIMIT + 1)},")),
                   ("choice 'take'", f"limit of {LABEL_LIMIT}")),
    "term-never-linked": ("unused-term", changed(("by a [[zek]] who", "by a prisoner who")),
                          ("glossary term 'zek'",)),
    "standard-without-mild-twin": (
        "no-mild-variant",
        changed(("    places: [village]\n    text: The old hand limps.",
                 "    places: [camp]\n    phase: camp\n    text: The old hand limps.")),
        ("storylet 'frost' is standard content",)),
    "informer-odds-without-a-reason": (
        "informer-odds", add_hunter(),
        ("encounters 'herder' and 'hunter'", "(outside the belt)", "50% against 33%",
         "neither states a reason")),
    "next-to-standard-at-mild": ("standard-via-next",
                                 changed(('show_if: content == "standard", ', "")),
                                 ("storylet 'frost' is standard content",)),
}

NEAR_MISSES: dict[str, tuple[str, str]] = {
    # name: (rule, scenario text that comes close but must not trigger it)
    "stat-at-its-bound": ("never-fires", changed((FENCE_WHEN, "when: suspicion >= 100"))),
    "season-the-game-sees": ("never-fires", changed((FENCE_WHEN, "when: season == 'autumn'"))),
    "flag-set-true-once": ("never-fires", changed((FENCE_WHEN, "when: flag.told"),
                                                  ("{id: alone, label: Keep it to yourself, "
                                                   "effects: [{set: {told: true}}]}",
                                                   "{id: alone, label: Keep it to yourself, "
                                                   "effects: [{set: {told: false}}]}"))),
    "negated-flag": ("never-fires", changed((FENCE_WHEN, "when: not flag.told or suspicion < 5"))),
    "place-a-move-reaches": ("unreachable-place",
                             add_place(changed(("[{add: {compass: 1}}]",
                                                "[{add: {compass: 1}}, {move: island}]")))),
    "weight-zero-but-shown-by-next": (
        "never-fires", changed(("    places: [village]\n    content_level: standard\n",
                                "    places: [village]\n    content_level: standard\n"
                                "    weight: 0\n"))),
    "condition-inside-the-storylet's-situation": (
        "never-enabled", changed(("{id: take, label: Take it,",
                                  "{id: take, label: Take it, when: terrain == 'taiga',"))),
    "stat-given-per-profile": ("never-written", changed(
        (", {add: {suspicion: 10}}", ""),
        ("skills: {woodcraft: 2}}\ncompanions", "skills: {woodcraft: 2}, stats: {suspicion: 30}}"
         "\ncompanions"))),
    "note-linked-from-text": ("unused-note", CLEAN_TEXT),
    "institution-whose-name-holds-a-copy-site's": (
        "source-url", changed(("https://www.memo.ru/en-us/", "https://www.prlib.ru/item/1"))),
    "documented-on-scholarship-and-a-story": (
        "evidence-above-sources",
        changed((N1_SOURCE, N1_SOURCE.replace("}]", f"}}, {SHALAMOV}]")))),
    "legend-on-a-story-alone": (
        "evidence-above-sources",
        changed((N1_SOURCE, f"    evidence: legend\n    sources: [{SHALAMOV}]"))),
    "literary-on-press": (
        "evidence-above-sources",
        changed((N1_SOURCE, N1_SOURCE.replace("documented", "literary")
                 .replace("scholarship", "press")))),
    "text-at-the-limit": ("too-long", changed(("The old hand limps.", LONG_TEXT))),
    "label-at-the-limit": ("too-long", changed(("label: Take it,",
                                                f"label: {'t' * LABEL_LIMIT},"))),
    "next-to-standard-only-at-standard": ("standard-via-next", CLEAN_TEXT),
    "informer-odds-with-a-reason": (
        "informer-odds", add_hunter("The hunter's licence depends on the district officials.")),
    "informer-odds-alike-where-both-are-met": (
        "informer-odds", add_hunter().replace('informer: "2 if belt else 1"',
                                              'informer: "2 if belt else 0.5"')),
}


# --- the text rules: a text against the state it can be said in ------------------------------
CACHE_TEXT = ("    text: You find a hunters' cache with a compass in it. "
              "See [[note:n2|what hunters left]].")
CACHE_ALARM = "    text: Far behind you a siren wails. See [[note:n2|what hunters left]]."
TRIGGERS.update({
    "siren-on-the-run-before-the-alarm": ("alarm-before-alarm", changed((CACHE_TEXT, CACHE_ALARM)),
                                          ("the text of storylet 'cache'", "'siren'")),
    "siren-in-an-outcome": ("alarm-before-alarm",
                            changed(("{text: You are over., effects: [{escape: true}]}",
                                     "{text: You are over. A siren starts., "
                                     "effects: [{escape: true}]}")),
                            ("choice 'climb' of storylet 'fence'",)),
    "fifth-day-in-one-day": ("days-without-days",
                             changed(("{text: A searchlight finds you.",
                                      "{text: On the fifth day a searchlight finds you.")),
                             ("choice 'climb' of storylet 'fence'", "'On the fifth day'")),
    "variant-after-an-always-true-one": (
        "dead-variant",
        changed(("    text: The fence is low where the grass has grown.",
                 "    text:\n      - {when: 'suspicion < 60', text: Low.}\n"
                 "      - {when: 'suspicion > 20', text: Watched.}\n      - {text: The fence.}")),
        ("variant 2 of the text of storylet 'fence'", "variant 1 always holds")),
    "variant-that-cannot-hold-there": (
        "dead-variant",
        changed(("    text: The fence is low where the grass has grown.",
                 "    text:\n      - {when: 'suspicion > 60', text: Watched.}\n"
                 "      - {text: The fence.}")),
        ("variant 1 of the text of storylet 'fence'", "cannot hold")),
})
ROLL_CALL = "    once: false\n    text: The count again"
TRIGGERS.update({
    "priority-repeatable-in-camp": (
        "priority-starvation", with_part("priority-starvation"),
        ("storylet 'roll-call' has priority 10 and once: false", "wherever 'fence' could be",
         "never drawn")),
    "repeatable-alone-on-the-road": (
        "lone-repeatable", with_part("lone-repeatable"),
        ("storylet 'owl' is repeatable", "every day that brings a storylet")),
    "odds-written-as-a-percent": (
        "odds-range", with_part("odds-as-percent"),
        ("the odds of choice 'dive' of storylet 'ditch' are 35, outside 0 to 1",
         "for 35 % write 0.35")),
    "difficulty-written-as-a-percent": (
        "odds-range", changed(("difficulty: 0.2", "difficulty: 6")),
        ("the difficulty of crossing 'the river' on leg 'forest' is 6", "write 0.06")),
    "odds-expression-in-percent": (
        "odds-range", changed(('odds: "0.6 + skill.woodcraft * 0.05"',
                               'odds: "60 + skill.woodcraft * 5"')),
        ("the odds of choice 'climb' of storylet 'fence' are '60 + skill.woodcraft * 5', "
         "always above 1 (between 60 and 70)",)),
    "encounter-variant-never-met-there": (
        "dead-variant", with_part("dead-encounter-variant"),
        ("variant 1 of the text of encounter 'trapper' can never be said",)),
    "join-of-a-member-who-may-have-died": (
        "join-after-death", with_part("join-after-death"),
        ("join: son in choice 'embrace' of storylet 'clearing' can come after your son has "
         "died (choice 'keep' of storylet 'visit' joins them too)",)),
})
NEAR_MISSES.update({
    "priority-repeatable-that-stops": (
        "priority-starvation",
        inline("priority-starvation", (ROLL_CALL, "    when: not flag.told\n" + ROLL_CALL))),
    "priority-repeatable-on-the-road-only": (
        "priority-starvation",
        inline("priority-starvation", ("    phase: camp\n", "    terrains: [road]\n"))),
    "repeatable-with-its-repeat-text": (
        "lone-repeatable", inline("lone-repeatable", ("    text: An owl",
                                                      "    repeat_text: The owl again.\n"
                                                      "    text: An owl"))),
    "repeatable-with-company": (
        "lone-repeatable", inline("lone-repeatable", ("    terrains: [road]\n",
                                                      "    terrains: [road, taiga]\n"),
                                  ("  - id: owl", "  - id: owl-two\n    title: Another owl\n"
                                   "    terrains: [road]\n    once: false\n"
                                   "    text: A second owl answers.\n"
                                   "    choices: [{id: hush, label: Keep still}]\n"
                                   "  - id: owl"))),
    "odds-at-one": ("odds-range", changed(('odds: "0.6 + skill.woodcraft * 0.05"', "odds: 1"))),
    "odds-expression-that-can-reach-one": (
        "odds-range", changed(('odds: "0.6 + skill.woodcraft * 0.05"',
                               'odds: "0.6 + skill.woodcraft * 0.3"'))),
    "encounter-variant-met-there": (
        "dead-variant", inline("dead-encounter-variant", ("phase == 'camp'", "belt"))),
})
NEAR_MISSES.update({
    "siren-once-the-alarm-is-out": (
        "alarm-before-alarm",
        changed((CACHE_TEXT, "    text:\n      - {when: alarm, text: A siren wails.}\n"
                             "      - {text: 'Quiet. See [[note:n2|what hunters left]].'}"))),
    "fifth-day-after-days-pass": (
        "days-without-days",
        changed(("{text: A searchlight finds you., effects: [{end: shot}]}",
                 "{text: On the fifth day a searchlight finds you., "
                 "effects: [{days: 5}, {end: shot}]}"))),
    "variants-from-narrow-to-wide": (
        "dead-variant",
        changed(("    text: The fence is low where the grass has grown.",
                 "    text:\n      - {when: 'suspicion > 20', text: Watched.}\n"
                 "      - {when: 'suspicion < 10', text: Low.}\n      - {text: The fence.}"))),
})

@pytest.mark.parametrize("edit", [
    ("    terrains: [taiga]\n", "    terrains: [taiga]\n    when: health.son > 0\n"),
    ("effects: [{join: son}]}\n  - id: clearing", "}\n  - id: clearing"),
], ids=["guarded-by-his-health", "his-only-join"])
def test_a_join_that_cannot_come_after_a_death_is_not_reported(
        tmp_path: Path, edit: tuple[str, str]) -> None:
    part = (DATA / "lint" / "join-after-death.yaml").read_text(encoding="utf-8")
    assert edit[0] in part
    (tmp_path / "part.yaml").write_text(part.replace(*edit), encoding="utf-8")
    path = tmp_path / "scenario.yaml"
    path.write_text(f"{CLEAN_TEXT}include: [part.yaml]\n", encoding="utf-8")
    assert messages(lint(load_scenario_with_sources(path)[0]), "join-after-death") == []


def test_the_clean_fixture_has_no_warnings(tmp_path: Path) -> None:
    assert lint_text(tmp_path, CLEAN_TEXT) == []


def test_long_text_fixtures_are_as_long_as_they_say() -> None:
    assert len(LONG_TEXT) == TEXT_LIMIT


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_each_rule_fires_on_its_fixture(tmp_path: Path, name: str) -> None:
    rule, text, words = TRIGGERS[name]
    found = messages(lint_text(tmp_path, text), rule)
    assert any(all(word in message for word in words) for message in found), found


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_each_rule_stays_quiet_on_a_near_miss(tmp_path: Path, name: str) -> None:
    rule, text = NEAR_MISSES[name]
    assert messages(lint_text(tmp_path, text), rule) == []


def test_every_rule_has_a_trigger_and_a_near_miss_or_the_clean_fixture() -> None:
    triggered = {rule for rule, _, _ in TRIGGERS.values()}
    assert triggered == {rule.id for rule in RULES}


def test_every_rule_is_documented_with_its_hint() -> None:
    doc = " ".join((ROOT / "docs" / "lint.md").read_text(encoding="utf-8").split())
    for rule in RULES:
        assert f"## `{rule.id}`" in doc, rule.id
        assert f"Hint: *{rule.hint}.*" in doc, rule.id


def test_a_cascade_reports_the_dead_storylet_and_what_it_starved(tmp_path: Path) -> None:
    """The plan is the only storylet that sets the flag and brings the old hand."""
    warnings = lint_text(tmp_path, changed(("    when: not flag.told\n",
                                            "    when: suspicion > 100\n")))
    assert [w.loc[:2] for w in warnings if w.rule == "never-fires"] == [("storylets", 0)]
    assert messages(warnings, "never-enabled")


def test_an_alias_used_twice_is_one_warning(tmp_path: Path) -> None:
    text = changed(("  sources:\n    - {author: Memorial",
                    "  sources:\n    - &memo {author: Memorial"),
                   ("https://www.memo.ru", "http://www.memo.ru"),
                   ("    sources: [{author: \"Applebaum, Anne\", title: \"Gulag: A History\", "
                    "year: 2003, pages: \"ch. 18\", kind: scholarship}]\n  - id: n2",
                    "    sources: [*memo]\n  - id: n2"))
    (tmp_path / "alias.yaml").write_text(text, encoding="utf-8")
    result = run_validate(tmp_path, "alias.yaml")
    assert result.stdout.count("[source-url]") == 1, result.stdout


# --- the checkpoints' odds ------------------------------------------------------------------

WATCHED = (("  suspicion: {label: Suspicion, start: 10}\n",
            "  suspicion: {label: Suspicion, start: 10}\n  watched: {label: Watched, start: 0}\n"),
           ("{add: {suspicion: 10}}]}", "{add: {suspicion: 10, watched: 5}}]}"))
"""A stat the plan changes and nothing in the clean fixture reads."""


def with_papers_odds(odds: str) -> tuple[str, str]:
    return "start: camp\n", f'start: camp\ncheckpoints:\n  papers: {{odds: "{odds}"}}\n'


def test_a_name_read_by_a_checkpoints_odds_is_read(tmp_path: Path) -> None:
    """Read nowhere else, the stat is warned about; read by the odds of showing papers (with
    the post's own strength beside it), it is not."""
    assert messages(lint_text(tmp_path, changed(*WATCHED)), "never-read") == [
        "stat 'watched' is changed but no condition, weight or odds reads it, so it changes "
        "nothing in the game"]
    odds = with_papers_odds("0.5 + (papers - strength - watched) / 100")
    assert lint_text(tmp_path, changed(*WATCHED, odds)) == []


def test_an_unknown_name_in_a_checkpoints_odds_names_file_and_line(tmp_path: Path) -> None:
    text = changed(*WATCHED, with_papers_odds("0.5 + (papers - strength - watchd) / 100"))
    line = text[: text.index("  papers: {odds:")].count("\n") + 1
    with pytest.raises(ScenarioError) as refused:
        lint_text(tmp_path, text)
    assert f"scenario.yaml:{line}:" in str(refused.value)
    assert "unknown name 'watchd' (hint: did you mean watched" in str(refused.value)


@pytest.mark.parametrize("name", ["strength", "bribe"])
def test_a_posts_own_numbers_are_read_only_by_checkpoints_odds(tmp_path: Path,
                                                               name: str) -> None:
    text = changed((FENCE_WHEN, f"when: \"suspicion < {name} and season == 'summer'\""))
    with pytest.raises(ScenarioError) as refused:
        lint_text(tmp_path, text)
    line = text[: text.index(f"suspicion < {name}")].count("\n") + 1
    assert f"scenario.yaml:{line}:" in str(refused.value)
    assert f"unknown name '{name}' (hint: '{name}' is the " in str(refused.value)
    assert "read only by checkpoints.papers.odds, checkpoints.vehicle.odds" in str(refused.value)


# --- through the real command --------------------------------------------------------------


def run_validate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gulag_escape", "validate", *args],
        capture_output=True, text=True, check=False, cwd=cwd, timeout=60,
        env={**os.environ, "GULAG_ESCAPE_CACHE": str(cwd / ".cache")},
    )


def test_validate_prints_warnings_with_file_line_and_one_hint_per_kind(tmp_path: Path) -> None:
    text = changed(("flags:\n", "flags:\n  spare: Unused.\n  extra: Unused too.\n"))
    (tmp_path / "warn.yaml").write_text(text, encoding="utf-8")
    result = run_validate(tmp_path, "warn.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    spare = text[: text.index("spare:")].count("\n") + 1
    assert lines[0] == (f"warn.yaml:{spare}:3: warning: flag 'spare' is declared but never "
                        "changed or read [never-read]")
    assert lines[1].startswith("  hint: read it in a condition")
    assert lines[2].startswith(f"warn.yaml:{spare + 1}:3: warning: flag 'extra'")
    assert sum("hint:" in line for line in lines) == 1
    assert ": ok — A lint-clean test scenario. storylets: 5" in lines[3]
    assert "2 warnings." in result.stderr


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    (tmp_path / "warn.yaml").write_text(changed(("by a [[zek]] who", "by a prisoner who")),
                                        encoding="utf-8")
    result = run_validate(tmp_path, "--strict", "warn.yaml")
    assert result.returncode == 1
    assert re.search(r"^warn\.yaml:\d+:\d+: warning: glossary term 'zek'", result.stdout, re.M)
    assert "1 warning (failing: --strict)." in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_passes_a_clean_scenario_and_quiet_prints_nothing(tmp_path: Path) -> None:
    result = run_validate(tmp_path, "--strict", "--quiet", str(CLEAN))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_load_problem_is_reported_without_lint(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(changed(("start: camp", "start: cmap")),
                                       encoding="utf-8")
    result = run_validate(tmp_path, "--strict", "bad.yaml")
    assert result.returncode == 1
    assert "unknown place 'cmap'" in result.stdout
    assert "warning:" not in result.stdout


def test_an_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_validate(tmp_path, "--stricter", str(CLEAN))
    assert result.returncode == 2


def test_shipped_scenarios_are_lint_clean_under_strict(tmp_path: Path) -> None:
    result = run_validate(tmp_path, "--strict", "--quiet",
                          *(str(path) for path in shipped_scenarios()))
    assert result.returncode == 0, result.stdout


def test_shipped_encounters_report_alike_or_say_why() -> None:
    """Issue 11: no ethnic odds. The herders and the haymakers of Kolyma once differed 2 to 1."""
    for path in shipped_scenarios():
        loaded = load_scenario(path, cache=False)
        assert messages(lint(loaded), "informer-odds") == [], path.name
    kolyma = {e.id: e for e in load_scenario(ROOT / "scenarios" / "kolyma").model.encounters}
    assert kolyma["herder-family"].dispositions == kolyma["haymakers"].dispositions
    assert all(e.reason for e in kolyma.values() if e.id in {"geologists", "samookhrana-rider"})


# --- the analysis of conditions ----------------------------------------------------------------

ENV = {
    "x": Numbers.between(0, 100),
    "month": Numbers.of([6, 7, 8, 9]),
    "season": Choices(frozenset({"summer", "autumn"})),
    "flag.f": Choices(frozenset({False})),
}
CONDITIONS = {
    # condition: can it hold under ENV?
    "x > 100": False, "x >= 100": True, "not (x <= 100)": False, "100 < x": False,
    "x > 50 and x < 40": False, "x > 50 or x < 40": True, "0 < x < 0": False,
    "x * 2 > 200": False, "x * 2 >= 200": True, "min(x, 10) > 10": False,
    "clamp(x, 0, 5) >= 6": False, "abs(x) < 0": False, "x / 0 > 5": True,
    "month == 12": False, "month in [5, 10]": False, "month != 6": True,
    "month not in [6, 7, 8, 9]": False, "season == 'winter'": False,
    "season in ['winter', 'spring']": False, "season != 'summer'": True,
    "season == 'summer' and season != 'summer'": False,
    "flag.f": False, "not flag.f": True, "flag.f == true": False, "flag.f or x > 5": True,
    "x > 50 if flag.f else x < 200": True, "(1 if flag.f else 0) > 0": False,
    "hunger > 80 and hunger < 20": False, "hunger - x > 500": True, "true": True,
    "false": False, "not true": False,
}


@pytest.mark.parametrize("condition", sorted(CONDITIONS))
def test_the_analysis_of_a_condition(condition: str) -> None:
    assert (Analysis().holds(parse(condition), ENV) is not None) is CONDITIONS[condition]


NAMES = {
    "x": NameInfo(Kind.NUM), "y": NameInfo(Kind.NUM),
    "s": NameInfo(Kind.STR, frozenset({"a", "b", "c"})),
    "f": NameInfo(Kind.BOOL), "g": NameInfo(Kind.BOOL),
}
_NUMBER = st.one_of(st.sampled_from(["x", "y"]), st.integers(-3, 12).map(str))
_NUMERIC = st.recursive(_NUMBER, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"),
    st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(
        lambda t: f"{t[0]}({t[1]}, {t[2]})"),
    inner.map(lambda e: f"abs({e})"),
), max_leaves=4)
_ATOM = st.one_of(
    st.tuples(_NUMERIC, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), _NUMERIC).map(
        " ".join),
    st.tuples(_NUMERIC, st.sampled_from(["<", "<="]), _NUMERIC, st.sampled_from(["<", "<="]),
              _NUMERIC).map(" ".join),
    st.tuples(st.sampled_from(["==", "!="]), st.sampled_from("abc")).map(
        lambda t: f"s {t[0]} '{t[1]}'"),
    st.lists(st.sampled_from("abc"), max_size=3).map(lambda items: f"s in {items!r}"),
    st.lists(st.integers(0, 10), max_size=3).map(lambda items: f"x not in {items!r}"),
    st.sampled_from(["f", "g", "true", "false"]),
)
_CONDITION = st.recursive(_ATOM, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({' '.join(t)})"),
    inner.map(lambda e: f"not ({e})"),
    st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
), max_leaves=5)


@settings(max_examples=300, deadline=None)
@given(
    condition=_CONDITION,
    xs=st.frozensets(st.integers(0, 10), min_size=1, max_size=4),
    y_range=st.tuples(st.integers(0, 10), st.integers(0, 4)),
    texts=st.frozensets(st.sampled_from("abc"), min_size=1),
    flags=st.frozensets(st.booleans(), min_size=1),
)
def test_the_analysis_never_calls_a_satisfiable_condition_dead(
    condition: str, xs: frozenset[int], y_range: tuple[int, int],
    texts: frozenset[str], flags: frozenset[bool],
) -> None:
    """Try every value of each domain (y on a grid of halves): if one makes the condition
    true, the analysis must allow it."""
    compiled = compile_expression(condition, NAMES, Kind.BOOL)
    y_low, y_span = y_range
    ys = [y_low + step / 2 for step in range(2 * y_span + 1)]
    env = {"x": Numbers.of(xs), "y": Numbers.between(y_low, y_low + y_span),
           "s": Choices(frozenset(texts)), "f": Choices(frozenset(flags)),
           "g": Choices(frozenset(flags))}
    satisfiable = any(
        compiled({"x": float(x), "y": y, "s": s, "f": f, "g": g})
        for x, y, s, f, g in itertools.product(xs, ys, texts, flags, flags)
    )
    if satisfiable:
        assert Analysis().holds(parse(condition), env) is not None


# --- lint never calls dead what a game does --------------------------------------------------


def play_randomly(loaded: LoadedScenario, games: int) -> dict[str, set[tuple[str, ...]]]:
    """What random games did: storylets shown, choices taken, endings, places, encounters."""
    did: dict[str, set[tuple[str, ...]]] = {key: set() for key in (
        "storylet", "choice", "ending", "place", "encounter")}
    model = loaded.model
    for seed in range(games):
        rng = random.Random(seed)
        game = Game.start(loaded, seed, rng.choice(model.profiles).id,
                          rng.choice(["mild", "standard"]))
        for _ in range(300):
            if game.ended:
                break
            scene = game.state.scene
            choice = rng.choice([c for c in game.view().choices if c.enabled])
            if scene and scene[0] == "storylet":
                did["choice"].add((scene[1], choice.id))
            elif scene and scene[0] == "encounter":
                did["encounter"].add((scene[1],))
            game.choose(choice.id)
        state = game.state
        did["storylet"] |= {(storylet,) for storylet in state.seen}
        did["place"] |= {(place,) for place in state.visited}
        if state.ending:
            did["ending"].add((state.ending,))
    return did


def called_dead(loaded: LoadedScenario) -> dict[str, set[tuple[str, ...]]]:
    model = loaded.model
    dead: dict[str, set[tuple[str, ...]]] = {key: set() for key in (
        "storylet", "choice", "ending", "place", "encounter")}
    for warning in lint(loaded):
        section, index = warning.loc[0], warning.loc[1] if len(warning.loc) > 1 else None
        if warning.rule == "never-fires" and section == "storylets":
            dead["storylet"].add((model.storylets[index].id,))
        elif warning.rule == "never-fires" and section == "encounters":
            dead["encounter"].add((model.encounters[index].id,))
        elif warning.rule == "never-enabled":
            storylet = model.storylets[index]
            dead["choice"].add((storylet.id, storylet.choices[warning.loc[3]].id))
        elif warning.rule == "unreachable-ending":
            dead["ending"].add((model.endings[index].id,))
        elif warning.rule == "unreachable-place":
            dead["place"].add((model.places[index].id,))
    return dead


@pytest.mark.parametrize("path", [CLEAN, DATA / "engine.yaml", DATA / "features" / "everything",
                                  *shipped_scenarios()], ids=lambda path: Path(path).stem)
def test_nothing_a_random_game_does_is_called_dead(path: Path) -> None:
    loaded = load_scenario(path)
    did, dead = play_randomly(loaded, 150), called_dead(loaded)
    assert {kind: did[kind] & dead[kind] for kind in did} == {kind: set() for kind in did}

