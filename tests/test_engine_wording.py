"""The engine's own sentences read right whatever names and numbers a scenario gives them.

An outside author met "across the the river", "(about 1 days)" and "a truck" in a scenario
without trucks; each case here is one of those, fixed where the sentence is made.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from gulag_escape.engine.game import Game, tables_for
from gulag_escape.engine.narration import Narrator, the_name
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.teaching.model_summary import model_summary
from gulag_escape.words import with_article


@pytest.fixture(scope="module")
def minimal() -> LoadedScenario:
    return load_scenario(DATA / "minimal.yaml")


def _with(loaded: LoadedScenario, section: str, **values: object) -> LoadedScenario:
    model = loaded.model
    part = getattr(model, section).model_copy(update=values)
    return LoadedScenario(model.model_copy(update={section: part}), loaded.expressions,
                          loaded.digest + section, loaded.source)


@pytest.mark.parametrize(
    ("name", "said"),
    [("river", "the river"), ("The river in spate", "the river in spate"),
     ("the Indigirka", "the Indigirka"), ("a tributary in spate", "a tributary in spate")],
)
def test_a_river_is_named_with_one_article(name: str, said: str) -> None:
    assert the_name(name) == said


def test_crossings_are_told_with_one_article(minimal: LoadedScenario) -> None:
    narrator = Narrator(tables_for(minimal))
    assert narrator.render(("msg", "crossing-failed", "The river in spate")) == (
        "The river in spate takes you.")
    assert narrator.render(("msg", "crossing-ok", "the Indigirka")).startswith(
        "You get across the Indigirka,")
    assert narrator.render(("msg", "crossing-ok", "river")).startswith(
        "You get across the river,")


def test_one_day_is_a_day(minimal: LoadedScenario) -> None:
    narrator = Narrator(tables_for(minimal))
    assert narrator.render(("msg", "opt-wait", 1)) == "Bide your time (1 day)"
    assert narrator.render(("msg", "opt-wait", 7)) == "Bide your time (7 days)"
    assert narrator.render(("msg", "waited", 7)) == "7 days pass in the camp."


def test_the_vehicle_is_the_scenarios(minimal: LoadedScenario) -> None:
    narrator = Narrator(tables_for(_with(minimal, "checkpoints", vehicle_name="ore sledge")))
    assert narrator.render(("msg", "opt-truck")) == "Hide on an ore sledge"
    assert "The ore sledge grinds past" in narrator.render(("msg", "ride", "nowhere"))
    assert narrator.render(("way-rule", "vehicle")).startswith("Hiding on an ore sledge: chance")
    assert with_article("truck") == "a truck"


def test_seasons_are_named_by_their_label_for_teachers() -> None:
    kolyma = load_scenario(resolve_scenario_path("kolyma"))
    labelled = _with(kolyma, "calendar", seasons={"winter": "the long winter"})
    assert "the long winter" not in model_summary(kolyma)
    assert "| January | the long winter |" in model_summary(labelled)


@pytest.mark.parametrize(
    ("condition", "said"),
    [("item.compass > 0 and skill.woodcraft >= 2",
      "only when carrying compass and with woodcraft 2 or better"),
     ("skill.woodcraft", "only with woodcraft"),
     ("not item.compass", "only when not carrying compass"),
     ("flag.told or food >= 2",
      "only when “you told someone about the plan” or with food for 2 days or more"),
     ("item.tobacco >= 2 and item.matches < 1",
      "only when carrying tobacco (at least 2) and not carrying matches"),
     ("companion.old_hand", "only when the old hand is with you"),
     ("not companion.old_hand", "only when the old hand is not with you"),
     ("month >= 7", "only from July"),
     ("hunger < 60", "only when hunger is below 60")],
)
def test_a_refused_choice_says_its_condition_in_words(condition: str, said: str) -> None:
    narrator = Narrator(tables_for(load_scenario(DATA / "engine.yaml")))
    assert narrator.render(("needs", condition)) == f"{said[0].upper()}{said[1:]}."


def test_a_choice_refused_without_an_authors_reason_reads_words(tmp_path: Path) -> None:
    """The opening choice made to need a compass and woodcraft: the player reads why in words,
    and never the expression itself."""
    alone = "{id: alone, label: Keep it to yourself,"
    text = (DATA / "engine.yaml").read_text(encoding="utf-8").replace(
        alone, f'{alone} when: "item.compass > 0 and skill.woodcraft >= 2",')
    (tmp_path / "engine.yaml").write_text(text, encoding="utf-8")
    view = Game.start(load_scenario(tmp_path / "engine.yaml", cache=False), 1, "political").view()
    alone = next(c for c in view.choices if c.id == "alone")
    assert not alone.enabled
    assert alone.reason == "Only when carrying compass and with woodcraft 2 or better."
