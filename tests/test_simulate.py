"""The simulator: repeatable reports, counts that add up, every policy playing to an end."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import DATA

from gulag_escape.cli import main
from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.engine.headless import HeadlessGame
from gulag_escape.engine.options import GO_ON
from gulag_escape.scenario.loader import LoadedScenario, load_scenario
from gulag_escape.simulation import POLICIES, SimulationReport, Spread, simulate
from gulag_escape.simulation.runner import GameSpec, play_game
from gulag_escape.simulation.situation import ScenarioReading

FIXTURES = ("minimal.yaml", "sim-fixture.yaml")


@pytest.fixture(scope="module")
def fixture() -> LoadedScenario:
    return load_scenario(DATA / "sim-fixture.yaml", cache=False)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gulag_escape", "simulate", *args],
                          capture_output=True, text=True, check=False)


def assert_adds_up(report: SimulationReport) -> None:
    unfinished = len(report.turn_capped)
    assert sum(report.endings.values()) + unfinished == report.runs
    assert sum(report.kinds.values()) + unfinished == report.runs
    assert sum(report.causes.values()) + unfinished == report.runs
    assert all(0 <= games <= report.runs for games in report.storylets.values())


# --- determinism ----------------------------------------------------------------------------


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_same_seed_gives_the_same_report(fixture: LoadedScenario, policy: str) -> None:
    first = simulate(fixture, 40, 7, policy, workers=1)
    again = simulate(fixture, 40, 7, policy, workers=1)
    assert first == again
    assert simulate(fixture, 40, 8, policy, workers=1) != first


@pytest.mark.slow
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_worker_processes_do_not_change_the_report(fixture: LoadedScenario, policy: str) -> None:
    assert simulate(fixture, 60, 3, policy, workers=2) == simulate(fixture, 60, 3, policy,
                                                                    workers=1)


def test_game_i_is_played_with_seed_plus_i(fixture: LoadedScenario) -> None:
    """Any game of a report can be replayed alone from its seed."""
    reading = ScenarioReading(fixture)
    spec = GameSpec(seed=100, policy="cautious", profile="prisoner", content="standard",
                    turn_cap=2000)
    alone = [play_game(fixture, reading, spec, 100 + i) for i in range(10)]
    report = simulate(fixture, 10, 100, "cautious", workers=1)
    assert sum(1 for game in alone if game.kind == "freedom") == report.kinds.get("freedom", 0)
    assert play_game(fixture, reading, spec, 104) == alone[4]


# --- what a report holds ----------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_every_policy_plays_every_fixture_to_an_end(name: str, policy: str) -> None:
    report = simulate(load_scenario(DATA / name, cache=False), 30, 1, policy, workers=1)
    assert report.turn_capped == []
    assert report.kinds, "no game reached an ending"
    assert_adds_up(report)


def test_report_statistics(fixture: LoadedScenario) -> None:
    report = simulate(fixture, 80, 1, "cautious", workers=1)
    assert_adds_up(report)
    assert report.never_reached == ["treasure"]
    assert report.storylets["breakout"] > 0
    assert report.days.min <= report.days.p10 <= report.days.median <= report.days.p90
    assert report.days.p90 <= report.days.max
    assert report.deaths and set(report.deaths) <= set(report.causes)
    assert sum(report.deaths.values()) == report.kinds.get("died", 0) + report.kinds.get(
        "killed", 0)
    assert report.escaped <= report.runs
    assert any(choice.startswith("breakout/") for choice in report.choices)
    assert report.profile == "prisoner"


def test_cautious_waits_for_summer_and_bold_does_not(fixture: LoadedScenario) -> None:
    """The fixture's camp opens on 1 March; cautious leaves in June, bold at once."""
    cautious = simulate(fixture, 40, 1, "cautious", workers=1)
    bold = simulate(fixture, 40, 1, "bold", workers=1)
    assert cautious.days.min >= 92  # 1 March + 92 days = 1 June
    assert bold.days.median < cautious.days.median
    assert "breakout/walk-out" in cautious.choices
    assert "surrender" not in bold.choices


def test_the_cautious_season_is_read_from_the_climate_table(tmp_path: Path) -> None:
    """Give May no snow and long days, and the cautious bot leaves in May instead of June."""
    text = (DATA / "sim-fixture.yaml").read_text(encoding="utf-8")
    may = "daylight: 17, snow: patchy, ice: breakup"
    assert may in text
    (tmp_path / "early.yaml").write_text(text.replace(may, "daylight: 19, snow: none, ice: open"),
                                         encoding="utf-8")
    early = load_scenario(tmp_path / "early.yaml", cache=False)
    reading = ScenarioReading(early)
    spec = GameSpec(1, "cautious", None, "standard", 2000)
    escaped = [record.escaped_day for record in (
        play_game(early, reading, replace(spec, profile="prisoner"), seed) for seed in range(20))
        if record.escaped_day is not None]
    assert escaped and min(escaped) < 92  # 1 March + 61 days = 1 May; + 92 = 1 June
    assert all(day >= 61 for day in escaped)


def test_spread_interpolates_between_ranks() -> None:
    spread = Spread.of(range(1, 11))
    assert (spread.median, spread.p10, spread.p90, spread.min, spread.max) == (
        5.5, 1.9, 9.1, 1.0, 10.0)


def test_turn_cap_is_reported() -> None:
    minimal = load_scenario(DATA / "minimal.yaml", cache=False)
    report = simulate(minimal, 12, 5, "random", workers=1, turn_cap=1)
    assert report.turn_capped, "no game was cut off after one choice"
    assert set(report.turn_capped) <= set(range(5, 17))
    assert_adds_up(report)


def _with_storylets(tmp_path: Path, storylets: str) -> LoadedScenario:
    """The minimal scenario with some storylets of the camp put first."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").replace(
        "storylets:\n", "storylets:\n" + storylets, 1)
    path = tmp_path / "storylets.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path, cache=False)


LOCKED = """\
  - id: locked
    title: A locked door
    phase: camp
    priority: 5
    text: Nothing can be done.
    choices:
      - {id: open, label: Open it, when: "day < 0"}
"""


def test_every_choice_refused_is_counted_as_a_dead_end(tmp_path: Path) -> None:
    report = simulate(_with_storylets(tmp_path, LOCKED), 5, 1, "cautious", workers=1)
    assert report.dead_ends == {"locked": 5}


def test_an_authors_choice_named_go_on_is_not_the_engines_way_on(tmp_path: Path) -> None:
    """An author may call a choice ``go-on``: the engine's own way out of a dead end must
    neither stand beside it under the same id nor be counted when the author's is taken."""
    loaded = _with_storylets(tmp_path, LOCKED.replace(
        "choices:\n", 'choices:\n      - {id: go-on, label: Go on, when: "day < 0"}\n', 1) + """\
  - id: gate
    title: The gate
    phase: camp
    priority: 4
    text: The gate stands open.
    choices:
      - {id: go-on, label: Go on through it}
""")
    game = Game.start(loaded, 1)
    ids = [choice.id for choice in game.view().choices]
    assert len(ids) == len(set(ids)) == 3 and "go-on" in ids  # the author's, refused
    with pytest.raises(ChoiceUnavailable):
        game.choose("go-on")
    game.choose(next(choice.id for choice in game.view().choices if choice.enabled))
    assert game.state.scene == ("storylet", "gate")
    game.choose("go-on")  # the author's, taken at the gate
    report = simulate(loaded, 5, 1, "cautious", workers=1)
    assert report.dead_ends == {"locked": 5}
    assert report.choices["gate/go-on"] == 5


def test_a_log_from_before_the_engines_own_id_replays(tmp_path: Path) -> None:
    """Saves and run records written by 0.2 logged the way out of a dead end as ``go-on``:
    they replay to the same game, while an author's ``go-on`` still means the author's."""
    loaded = _with_storylets(tmp_path, LOCKED)
    game = Game.start(loaded, 1)
    game.choose(GO_ON)
    game.choose(next(choice.id for choice in game.view().choices if choice.enabled))
    old_log = ["go-on" if choice == GO_ON else choice for choice in game.state.log]
    assert "go-on" in old_log
    replayed = Game.replay(loaded, 1, game.state.profile, game.state.content, old_log)
    assert replayed.state.to_dict() == game.state.to_dict()
    with pytest.raises(ChoiceUnavailable, match="'go-on'"):
        Game.replay(loaded, 1, game.state.profile, game.state.content, [old_log[0], "go-on"])


def test_unknown_policy_and_profile_are_refused(fixture: LoadedScenario) -> None:
    from gulag_escape.errors import GameError

    with pytest.raises(GameError, match="unknown policy"):
        simulate(fixture, 5, 1, "reckless", workers=1)
    with pytest.raises(GameError, match="no profile"):
        simulate(fixture, 5, 1, "bold", workers=1, profile="general")


# --- balance bands ----------------------------------------------------------------------------


def test_bands_compare_kind_shares_for_the_policy(fixture: LoadedScenario) -> None:
    report = simulate(fixture, 40, 1, "cautious", workers=1)
    checks = report.check_bands()
    assert [(c.policy, c.kind) for c in checks] == [("cautious", "freedom"),
                                                   ("cautious", "captured")]
    for check in checks:
        assert check.share == round(report.kinds.get(check.kind, 0) / report.runs, 4)
        assert check.ok

    skewed = replace(report, kinds={"captured": 40}, bands=(("captured", 0.0, 0.5),
                                                             ("freedom", 0.1, 1.0)))
    assert [(c.kind, c.share, c.ok) for c in skewed.check_bands()] == [
        ("captured", 1.0, False), ("freedom", 0.0, False)]


def test_bands_of_other_policies_are_left_out(fixture: LoadedScenario) -> None:
    report = simulate(fixture, 20, 1, "random", workers=1)
    assert [(c.kind, c.max) for c in report.check_bands()] == [("freedom", 0.0)]


# --- the command ------------------------------------------------------------------------------


@pytest.mark.slow
def test_json_through_the_real_command() -> None:
    result = run_cli(str(DATA / "sim-fixture.yaml"), "--runs", "25", "--seed", "3",
                     "--policy", "bold", "--workers", "2", "--json")
    assert result.returncode == 0, result.stderr
    whole = json.loads(result.stdout)  # exactly one JSON object, nothing else
    assert set(whole) == {"reports", "compared", "bands_hold"}
    assert whole["compared"] == [] and whole["bands_hold"] is True
    [data] = whole["reports"]
    assert {"scenario", "runs", "seed", "policy", "endings", "kinds", "causes", "deaths",
            "days", "days_free", "km", "never_reached", "turn_capped", "dead_ends",
            "bands", "distributions"} <= set(data)
    assert (data["scenario"], data["runs"], data["seed"], data["policy"]) == (
        "sim-fixture", 25, 3, "bold")
    assert sum(data["endings"].values()) + len(data["turn_capped"]) == 25
    assert set(data["days"]) == {"median", "p10", "p90", "min", "max"}
    assert data["bands"] == [{"policy": "bold", "profile": data["profile"], "kind": "freedom",
                              "min": 0.0, "max": 1.0,
                              "share": data["kinds"].get("freedom", 0) / 25, "ok": True}]
    assert sum(data["distributions"]["days"].values()) == 25


def invoke(*args: str) -> Result:
    """The command in this process: quicker than a subprocess for what the shell adds nothing to."""
    return CliRunner().invoke(main, ["simulate", *args])


def test_tables_for_people() -> None:
    result = invoke(str(DATA / "sim-fixture.yaml"), "--runs", "10", "--workers", "1")
    assert result.exit_code == 0, result.output
    for heading in ("Endings", "By kind", "Per game", "Storylets never reached: treasure"):
        assert heading in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("args", [
    ("--policy", "reckless"),
    ("--runs", "0"),
    ("--profile", "general"),
    ("--content", "gory"),
    ("--workers", "0"),
])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = invoke(str(DATA / "sim-fixture.yaml"), *args)
    assert result.exit_code == 2, result.output


def test_a_missing_scenario_is_a_friendly_error(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 1
    assert "Scenario error" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_simulate_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "from gulag_escape.cli import main\n"
        "try:\n"
        f"    main(['simulate', {str(DATA / 'minimal.yaml')!r}, '--runs', '3', '--workers', '1'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "print('checked')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("checked")


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_a_game_played_in_place_ends_in_the_state_game_reaches(fixture: LoadedScenario,
                                                               policy: str) -> None:
    """The simulator plays in place (HeadlessGame): the same choices through Game, which
    copies the state on each turn, must end in the same state, byte for byte."""
    reading = ScenarioReading(fixture)
    spec = GameSpec(1, policy, "prisoner", "standard", 2000)
    for seed in range(30, 36):
        seen: list[HeadlessGame] = []
        play_game(fixture, reading, spec, seed,
                  lambda game, _situation, _choice, into=seen: into.append(game))
        state = seen[-1].state
        again = Game.replay(fixture, seed, state.profile, state.content, state.log).state
        assert json.dumps(again.to_dict(), sort_keys=True) == json.dumps(state.to_dict(),
                                                                         sort_keys=True)
