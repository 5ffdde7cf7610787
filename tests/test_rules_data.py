"""Every rule number lives in the scenario: the engine reads it, and no number hides in code.

An outside author could not make the cold work differently while its numbers sat in the
engine, and prose that copied them by hand drifted. These tests hold the line: a numeric
literal in ``gulag_escape/engine`` must be trivial or on the short, justified allow-list
below, and what the player and the teacher read moves when a scenario's value moves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from gulag_escape.engine.game import Game, tables_for
from gulag_escape.engine.narration import Narrator, formula_words
from gulag_escape.engine.travel import day_distance
from gulag_escape.engine.world import Tables, World
from gulag_escape.scenario.expressions import Kind
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.scenario.references import Checker
from gulag_escape.scenario.vocabulary import checkpoint_vocabulary
from gulag_escape.teaching.model_summary import model_summary

ENGINE = ROOT / "gulag_escape" / "engine"

TRIVIAL = {0, 1, -1, 100}
"""Nothing, one, one less, and the per-cent conversion: arithmetic, not rules."""

ALLOWED: dict[str, set[str]] = {
    # SplitMix64's published constants and bit shifts: the algorithm, not a rule of the game.
    "rng.py": {"*"},
    # "Nothing is certain" (2 %-98 %) is a promise of the game's design that no scenario may
    # break, and the odds' words are vocabulary shown in docs/how-the-game-runs.md.
    "odds.py": {"FLOOR", "CEILING", "WORDS"},
    # The words for the alert in the status panel: presentation, not a rule that acts.
    "view.py": {"alert_in_words"},
    # The place of the variant in a recorded narration line (its layout, not a rule).
    "scenes.py": {"_telling"},
    # The save layout's version number.
    "state.py": {"FORMAT"},
}
"""Where a number may stand in the engine without being a scenario's named default."""


def _owner(parents: list[ast.AST]) -> set[str]:
    """The names of the assignments and functions a literal stands inside."""
    names: set[str] = set()
    for node in parents:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                names |= {e.id for e in elements if isinstance(e, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _rule_numbers(path: Path) -> list[str]:
    """Numeric literals of ``path`` that are neither trivial nor allowed, as ``file:line``."""
    allowed = ALLOWED.get(path.name, set())
    if "*" in allowed:
        return []
    found: list[str] = []

    def visit(node: ast.AST, parents: list[ast.AST]) -> None:
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "round":
            # round(x, 4): the digits kept for reading are not a rule.
            visit(node.args[0], [*parents, node]) if node.args else None
            return
        if isinstance(node, ast.Subscript):
            visit(node.value, [*parents, node])  # an index (line[2]) is not a rule
            return
        if (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
                and not isinstance(node.value, bool)):
            value = node.value
            tolerance = isinstance(value, float) and 0 < abs(value) <= 1e-6
            if value not in TRIVIAL and not tolerance and not (_owner(parents) & allowed):
                found.append(f"{path.name}:{node.lineno}: {value!r}")
        for child in ast.iter_child_nodes(node):
            visit(child, [*parents, node])

    visit(ast.parse(path.read_text(encoding="utf-8")), [])
    return found


def test_no_rule_number_hides_in_the_engine() -> None:
    """A rule number belongs in a scenario model as a named default (scenario/models.py)."""
    found = [hit for path in sorted(ENGINE.glob("*.py")) for hit in _rule_numbers(path)]
    assert not found, (
        "numbers in the engine that are not a scenario's named default: " + ", ".join(found)
        + ". Add a field with today's value as its default to a section of "
        "gulag_escape/scenario/models.py (body, travel, company, meetings, checkpoints, "
        "pursuit) and read it from there."
    )


def test_the_scan_finds_a_rule_number(tmp_path: Path) -> None:
    """The scan itself: a pace factor written in code is found, a rounding is not."""
    module = tmp_path / "travel.py"
    module.write_text("def pace(x):\n    return round(x * 1.4, 1) + line[2]\n",
                      encoding="utf-8")
    assert _rule_numbers(module) == ["travel.py:2: 1.4"]


# --- the data moves what is said ------------------------------------------------------------


@pytest.fixture(scope="module")
def kolyma() -> LoadedScenario:
    return load_scenario(resolve_scenario_path("kolyma"))


def _changed(loaded: LoadedScenario, section: str, **values: object) -> LoadedScenario:
    """``loaded`` with some values of one rule section changed (expressions kept)."""
    model = loaded.model
    part = getattr(model, section).model_copy(update=values)
    return LoadedScenario(model.model_copy(update={section: part}), loaded.expressions,
                          loaded.digest + section, loaded.source)


@pytest.mark.parametrize(
    ("section", "values", "said"),
    [
        ("company", {"strain_hunger": 47.0}, "hunger above 47 "),
        ("company", {"betray_chance": 0.45}, "(45\u00a0% a night)"),
        ("travel", {"forced_pace": 1.7}, "× 1.7 when you force the pace"),
        ("meetings", {"belt_factor": 3.0}, "meet people three times as often"),
        ("pursuit", {"near_camp_exposure": 1.8}, "1.8 times as visible"),
    ],
)
def test_the_model_summary_follows_the_rules(kolyma: LoadedScenario, section: str,
                                             values: dict[str, object], said: str) -> None:
    """The teachers' summary reads each rule from the scenario: change it, the page changes."""
    assert said not in model_summary(kolyma)
    assert said in model_summary(_changed(kolyma, section, **values))


def test_a_checkpoint_rule_is_read_from_its_odds(kolyma: LoadedScenario) -> None:
    """Without a rule of its own a way past a post states its odds, as the engine reads them."""
    narrator = Narrator(Tables(kolyma))
    assert narrator.render(("way-rule", "vehicle")) == (
        "Hiding on a truck: chance 0.55 − pursuit / 200.")
    assert formula_words("max(alert, skill.woodcraft * 2)", kolyma.model) == (
        "max(pursuit, woodcraft × 2)")


def test_a_changed_rule_changes_the_game(kolyma: LoadedScenario) -> None:
    """The engine reads the scenario's value, not a copy of it: the day's distance follows."""
    def distance(loaded: LoadedScenario) -> float:
        world = World(tables_for(loaded), Game.start(loaded, 1).state)
        world.s.stats["fatigue"] = 100.0
        return day_distance(world, loaded.model.terrains["road"], forced=True)

    usual = distance(kolyma)
    assert distance(_changed(kolyma, "travel", forced_pace=2.8)) == pytest.approx(usual * 2,
                                                                                  abs=0.15)
    assert distance(_changed(kolyma, "travel", tired_loss=0.0)) == pytest.approx(usual * 2,
                                                                                 abs=0.15)


# --- what a scenario may write in its rule sections -------------------------------------------


def _minimal_with(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8") + extra,
                    encoding="utf-8")
    return path


def test_checkpoint_odds_read_the_posts_own_names(tmp_path: Path) -> None:
    loaded = load_scenario(_minimal_with(tmp_path, (
        "checkpoints:\n  papers: {odds: \"0.4 + (papers - strength) / 100\"}\n"
        "  bribe: {odds: \"bribe / 50\", rule: Any guard can be bought.}\n")), cache=False)
    assert loaded.model.checkpoints.bribe.rule == "Any guard can be bought."


def test_only_checkpoint_odds_read_strength() -> None:
    """``strength`` is the post's: elsewhere the name is unknown, even when the same text was
    compiled first as a checkpoint's odds (the compiled expressions are shared by text)."""
    checker = Checker(load_scenario(DATA / "minimal.yaml").model)
    posts = checkpoint_vocabulary(checker.s)
    assert not list(checker.expr(("checkpoints",), "strength / 100", Kind.NUM, posts))
    found = list(checker.expr(("storylets", 0, "weight"), "strength / 100", Kind.NUM))
    assert [message for _, message, _ in found] == [
        "in expression 'strength / 100': unknown name 'strength'"]
