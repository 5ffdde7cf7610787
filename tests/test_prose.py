"""Text that follows the state: variants and substitutions decided when the text is said.

A small scenario (the minimal fixture with a weekly storylet) shows each promise: the first
variant whose condition holds is said; the decision and the substituted values are kept in
the narration line, so the text reads the same after the state moved on, after a save, and
in an older save that recorded neither; a repeatable storylet's ``repeat_text`` stands in for
a wording told too recently; and an author's mistake is a load error at its file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from gulag_escape.engine.game import Game
from gulag_escape.engine.state import GameState
from gulag_escape.errors import ScenarioError
from gulag_escape.markup import to_plain
from gulag_escape.scenario.loader import LoadedScenario, load_scenario

WEEKLY = """
  - id: go
    title: The fence
    phase: camp
    priority: 10
    once: false
TEXT
    choices:
      - {id: wait, label: Wait a week, effects: [{days: 7}]}
      - {id: run, label: Run, effects: [{escape: true}]}
"""
BY_MONTH = """\
    text:
      - when: month == 6
        text: "June, {date}: {{braces}} stay."
      - text: Later, in {month} ({season}), day {day_count}.
"""
REPEATED = """\
    text: The long evening in the barracks, told in full.
    repeat_text: Another week like the last.
    repeat_days: 14
"""


def scenario_with(tmp_path: Path, text: str) -> Path:
    """The minimal scenario whose one storylet is a weekly one with ``text``."""
    source = (DATA / "minimal.yaml").read_text()
    start = source.index("  - id: go")
    end = source.index("endings:")
    path = tmp_path / "prose.yaml"
    path.write_text(source[:start] + WEEKLY.lstrip("\n").replace("TEXT\n", text) + source[end:])
    return path


def load(tmp_path: Path, text: str) -> LoadedScenario:
    return load_scenario(scenario_with(tmp_path, text), cache=False)


def shown(game: Game) -> str:
    return to_plain(game.view().text).split("\n\n")[0]


def test_the_first_variant_that_holds_is_said_with_its_values(tmp_path: Path) -> None:
    game = Game.start(load(tmp_path, BY_MONTH), seed=1)
    assert shown(game) == "June, 1 June: {braces} stay."
    assert game.state.narration[0] == ("storylet", "go", 0, (("date", "1 June"),))
    for _ in range(5):
        game.choose("wait")
    assert shown(game) == "Later, in July (summer), day 35."


def test_the_text_reads_as_it_was_said_after_the_state_moves_on(tmp_path: Path) -> None:
    scenario = load(tmp_path, BY_MONTH)
    state = Game.start(scenario, seed=1).state
    state.day = 120  # October: another variant and another date would be said now
    again = Game.resume(scenario, GameState.from_dict(state.to_dict()))
    assert shown(again) == "June, 1 June: {braces} stay."


def test_a_line_recorded_without_a_variant_reads_the_default(tmp_path: Path) -> None:
    """Saves from before variants recorded ``("storylet", id)`` only."""
    scenario = load(tmp_path, BY_MONTH)
    state = Game.start(scenario, seed=1).state
    state.narration = [("storylet", "go")]
    assert shown(Game.resume(scenario, state)) == "Later, in that month (that season), day many."


def test_a_wording_told_recently_gives_way_to_the_repeat_text(tmp_path: Path) -> None:
    game = Game.start(load(tmp_path, REPEATED), seed=1)
    said = [shown(game)]
    for _ in range(3):
        game.choose("wait")
        said.append(shown(game))
    assert said == [
        "The long evening in the barracks, told in full.",
        "Another week like the last.",  # day 7: told 7 days ago
        "The long evening in the barracks, told in full.",  # day 14: repeat_days have passed
        "Another week like the last.",
    ]


def test_a_new_variant_is_told_in_full_even_within_repeat_days(tmp_path: Path) -> None:
    text = BY_MONTH + "    repeat_text: Another week in {month}.\n    repeat_days: 60\n"
    game = Game.start(load(tmp_path, text), seed=1)
    said = [shown(game)]
    for _ in range(5):
        game.choose("wait")
        said.append(shown(game))
    assert said == [
        "June, 1 June: {braces} stay.",
        *["Another week in June."] * 4,  # days 7 to 28: 8 to 29 June
        "Later, in July (summer), day 35.",  # 6 July: another wording, told in full
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("    text:\n      - when: month == 6\n        text: A.\n      - when: month == 7\n"
         "        text: B.\n", 54, "the last variant has a when:"),
        ("    text:\n      - text: A.\n      - text: B.\n", 52, "variant 1 of 2 has no when:"),
        ("    text: Day {day}.\n", 51, "unknown substitution '{day}'"),
        ("    text: A lone { brace.\n", 51, "a lone '{' in the text"),
        ("    text:\n      - when: month == 13 or nonsense\n        text: A.\n      - text: B.\n",
         52, "unknown name 'nonsense'"),
    ],
)
def test_a_mistake_in_variants_or_substitutions_is_named_at_its_line(
    tmp_path: Path, text: str, line: int, words: str,
) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path, text)
    problems = [str(problem) for problem in caught.value.problems]
    assert any(f"prose.yaml:{line}:" in p and words in p for p in problems), problems


def test_an_unknown_substitution_names_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path, "    text: Day {weather}.\n")
    problem = str(caught.value.problems[0])
    assert "known: day_count, days_free, date, month, season, place, companions" in problem
