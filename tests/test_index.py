"""``gulag-escape index``: where each name of the state is set, read and shown, by file:line.

The lint fixture is small enough to know by heart; a folder scenario proves the lines point
into the part a value came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from gulag_escape.authoring.index import Entry, build_index
from gulag_escape.cli import main
from gulag_escape.scenario.loader import load_scenario_with_sources

CLEAN = DATA / "lint" / "clean.yaml"


def line_of(path: Path, words: str) -> int:
    """The 1-based line of ``path`` that holds ``words`` (it must hold them once)."""
    found = [n for n, line in enumerate(path.read_text().splitlines(), 1) if words in line]
    assert len(found) == 1, (words, found)
    return found[0]


@pytest.fixture(scope="module")
def index() -> dict[str, Entry]:
    loaded, source_map = load_scenario_with_sources(CLEAN)
    return {entry.name: entry for entry in build_index(loaded, source_map)}


def sites(entry: Entry, part: str) -> list[tuple[int | None, str]]:
    return [(site.line, site.what) for site in getattr(entry, part)]


def test_a_flag_is_set_by_effects_and_read_by_conditions(index: dict[str, Entry]) -> None:
    told = index["flag.told"]
    trust = line_of(CLEAN, "{id: trust,")
    alone = line_of(CLEAN, "{id: alone,")
    assert sites(told, "set") == [(trust, "set to true in choice 'trust' of storylet 'plan'"),
                                  (alone, "set to true in choice 'alone' of storylet 'plan'")]
    assert sites(told, "read") == [(line_of(CLEAN, "when: not flag.told"),
                                    "when of storylet 'plan': 'not flag.told'")]
    assert told.shown == []


def test_a_stat_is_set_by_its_start_and_effects_and_shown_in_the_status(
        index: dict[str, Entry]) -> None:
    suspicion = index["suspicion"]
    declared = line_of(CLEAN, "suspicion: {label: Suspicion")
    assert sites(suspicion, "set") == [
        (declared, "starts at 10 (declared, 0 to 100)"),
        (line_of(CLEAN, "{id: trust,"), "add +10 in choice 'trust' of storylet 'plan'")]
    assert [what for _, what in sites(suspicion, "read")] == [
        "when of storylet 'fence': \"suspicion < 50 and season == 'summer'\""]
    assert sites(suspicion, "shown") == [(declared, "the status panel, as 'Suspicion'")]


def test_items_skills_and_companions(index: dict[str, Entry]) -> None:
    compass = index["item.compass"]
    assert [what for _, what in sites(compass, "set")] == [
        "add +1 in choice 'take' of storylet 'cache'"]
    assert [what for _, what in sites(compass, "read")] == [
        "when of choice 'ask' of storylet 'cache': 'companion.old_hand and item.compass < 1'",
        "show_if of choice 'go-on' of storylet 'frost': 'item.compass > 0'",
        "the engine: it cuts the chance of getting lost by 0.7 (travel)"]
    woodcraft = index["skill.woodcraft"]
    assert [what for _, what in sites(woodcraft, "set")] == [
        "level 2 for profile 'woodsman'", "level 2 while the old hand is with you"]
    assert [what for _, what in sites(woodcraft, "read")] == [
        "odds of choice 'climb' of storylet 'fence': '0.6 + skill.woodcraft * 0.05'"]
    old_hand = index["companion.old_hand"]
    assert "joins in choice 'trust' of storylet 'plan'" in [w for _, w in sites(old_hand, "set")]
    assert sites(old_hand, "shown") == [(None, "the status panel while with you")]


def test_a_default_expression_is_read_but_has_no_line(index: dict[str, Entry]) -> None:
    [catch] = [site for site in index["alert"].read if site.what.startswith("catch_odds")]
    assert (catch.file, catch.line) == (None, None)
    assert catch.what.endswith("(the default: not written in the file)")


def test_lines_point_into_the_part_a_value_came_from() -> None:
    folder = ROOT / "scenarios" / "kolyma"
    loaded, source_map = load_scenario_with_sources(folder)
    entries = {entry.name: entry for entry in build_index(loaded, source_map)}
    [site] = [site for site in entries["flag.bur"].read if "camp-bur-release" in site.what]
    assert site.file is not None and site.file.endswith("storylets-camp.yaml")
    text = Path(site.file).read_text().splitlines()
    assert "flag.bur and month >= 9" in text[site.line - 1]


def test_the_command_prints_text_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["index", str(CLEAN)])
    assert text.exit_code == 0, text.output
    assert "== flags ==" in text.output
    assert f"clean.yaml:{line_of(CLEAN, '{id: trust,')}: set to true in choice 'trust'" \
        in text.output
    as_json = runner.invoke(main, ["index", "--json", str(CLEAN)])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert set(data) == {"stats", "flags", "items", "skills", "companions"}
    assert data["flags"]["flag.told"]["read"][0]["line"] == line_of(CLEAN, "when: not flag.told")


def test_the_command_reports_a_broken_scenario_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(CLEAN.read_text().replace("start: camp", "start: cmap"))
    result = CliRunner().invoke(main, ["index", str(broken)])
    assert result.exit_code == 1
    assert "unknown place 'cmap'" in result.output
