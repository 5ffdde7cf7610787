"""Written simulation reports, several policies, calibration and comparison, through the CLI."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from chromium import CHROMIUM, chromium, page_text
from click.testing import CliRunner, Result
from conftest import DATA

from gulag_escape.cli import main
from gulag_escape.engine.options import GO_ON
from gulag_escape.pages.charts import nice_step
from gulag_escape.pages.markdown_page import bar, escape, sparkline
from gulag_escape.scenario.loader import LoadedScenario, load_scenario
from gulag_escape.simulation import simulate
from gulag_escape.simulation.contents import bin_edges
from gulag_escape.simulation.runner import GameSpec, play_game
from gulag_escape.simulation.situation import ScenarioReading

FIXTURE = DATA / "sim-fixture.yaml"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & *bold* | [link](x) #"
"""A title that would run, format or break a table if it were not escaped."""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["simulate", *args])


def svgs(html: str) -> list[ET.Element]:
    """Every chart of a page, parsed: a chart that is not well-formed XML fails here."""
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.DOTALL)]


def title_of(svg: ET.Element) -> str:
    element = svg.find(f"{SVG}title")
    assert element is not None and element.text
    return element.text


def variant(tmp_path: Path, name: str, *changes: tuple[str, str]) -> Path:
    """The fixture with each ``(old, new)`` text replaced once; every old text must be there."""
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PROFILES = ("prisoner", "clerk")
"""The fixture's profiles, in order."""
BANDS = """  balance:
    - {policy: cautious, kind: freedom, min: 0.0, max: 1.0}
    - {policy: cautious, kind: captured, min: 0.0, max: 1.0}
    - {policy: bold, kind: freedom, min: 0.0, max: 1.0}
    - {policy: random, kind: freedom, min: 0.0, max: 0.0}
"""


# --- the HTML page ------------------------------------------------------------------------------


@pytest.mark.slow
def test_html_report_through_the_real_command(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "gulag_escape", "simulate", str(FIXTURE), "--runs", "40",
         "--policies", "random,cautious,bold", "--workers", "2", "--report", str(page)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"Report written to {page}" in result.stderr
    html = page.read_text(encoding="utf-8")
    for heading in ("Run", "Balance bands", "Outcomes", "Days survived and distance",
                    "Body on the run", "Where on the route games end",
                    "Outcome by month of escape", "Coverage"):
        assert f"<h2>{heading}</h2>" in html
    # Self-contained: nothing to fetch, nothing to run.
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["'](?!#)""", html)
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}

    charts = [title_of(svg) for svg in svgs(html)]
    assert charts[0] == "Outcome shares by policy"
    for policy in ("random", "cautious", "bold"):
        for chart in ("Days survived", "Distance", "Body on the run",
                      "Games by where they ended", "Games by month of escape"):
            assert f"{chart}: {policy}" in charts
    assert len(charts) == 1 + 5 * 3


def test_outcome_bars_add_up_to_the_whole_scale(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = invoke(str(FIXTURE), "--runs", "30", "--policies", "cautious,bold", "--workers",
                    "1", "--report", str(page))
    assert result.exit_code == 0, result.output
    outcome = svgs(page.read_text(encoding="utf-8"))[0]
    rows: dict[str, float] = {}
    for rect in outcome.iter(f"{SVG}rect"):
        tooltip = rect.find(f"{SVG}title")
        if tooltip is not None:  # a bar's part, not a legend swatch
            label = tooltip.text.partition(":")[0]
            rows[label] = rows.get(label, 0.0) + float(rect.get("width", 0))
    assert set(rows) == {"cautious", "bold"}
    first = next(iter(rows.values()))
    assert all(abs(width - first) < 1 for width in rows.values())  # each row fills the scale


def test_histograms_hold_every_game(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    invoke(str(FIXTURE), "--runs", "25", "--policy", "bold", "--workers", "1", "--report",
           str(page))
    for svg in svgs(page.read_text(encoding="utf-8")):
        if title_of(svg).startswith(("Days survived", "Distance")):
            games = [int(re.search(r": (\d+) games$", rect.find(f"{SVG}title").text).group(1))
                     for rect in svg.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
            assert sum(games) == 25


def test_scenario_text_is_escaped(tmp_path: Path) -> None:
    path = variant(tmp_path, "hostile.yaml",
                   ("title: A thicket", f"title: '{HOSTILE}'"),
                   ("name: Into the taiga}", "name: 'The <b>fork</b> & \"co\"'}"),
                   ("label: Go round", "label: '</td></tr><tr><td>'"))
    page, notes = tmp_path / "r.html", tmp_path / "r.md"
    for report in (page, notes):
        result = invoke(str(path), "--runs", "20", "--policy", "bold", "--workers", "1",
                        "--report", str(report))
        assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>fork" not in html and "</td></tr><tr><td>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*" in html
    assert any("The <b>fork</b> & \"co\"" in "".join(svg.itertext()) for svg in svgs(html))
    markdown = notes.read_text(encoding="utf-8")
    assert r"\<script\>alert(1)\</script\> \& \*bold\* \| \[link\](x) \#" in markdown
    assert not re.search(r"(?<!\\)[<>]", markdown)  # no tag a Markdown viewer would render


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_report_of_the_engine_fixture(tmp_path: Path) -> None:
    notes = tmp_path / "report.md"
    result = invoke(str(DATA / "engine.yaml"), "--runs", "30", "--policies", "cautious,bold",
                    "--workers", "1", "--report", str(notes))
    assert result.exit_code == 0, result.output
    text = notes.read_text(encoding="utf-8")
    assert text.startswith("# Simulation report: ")
    for heading in ("## Run", "## Outcomes", "## Days survived and distance",
                    "## Body on the run", "## Where on the route games end",
                    "## Outcome by month of escape", "## Coverage"):
        assert heading in text
    assert "## Balance bands" not in text  # the engine fixture declares none
    assert "| Ending kind | cautious | bold |" in text
    assert re.search(r"- hunger \(median, day 0–\d+\): `[▁▂▃▄▅▆▇█]+`", text)
    assert "█" in text  # histogram bars
    # Every table row has as many cells as its header.
    for table in re.findall(r"((?:^\|.*\|\n)+)", text, re.MULTILINE):
        widths = {len(re.split(r"(?<!\\)\|", line)) for line in table.splitlines()}
        assert len(widths) == 1, table


def test_the_same_seeds_give_the_same_report(tmp_path: Path) -> None:
    texts = []
    for name, seed in (("a", "4"), ("b", "4"), ("c", "5")):
        for suffix in (".html", ".md"):
            path = tmp_path / f"{name}{suffix}"
            result = invoke(str(FIXTURE), "--runs", "20", "--seed", seed, "--policies",
                            "random,cautious", "--workers", "1", "--report", str(path))
            assert result.exit_code == 0, result.output
            texts.append(path.read_bytes())
    html_a, md_a, html_b, md_b, html_c, md_c = texts
    assert (html_a, md_a) == (html_b, md_b)
    assert html_c != html_a and md_c != md_a


def test_a_report_that_cannot_be_written_is_a_friendly_error(tmp_path: Path) -> None:
    result = invoke(str(FIXTURE), "--runs", "3", "--workers", "1", "--report",
                    str(tmp_path / "missing" / "report.html"))
    assert result.exit_code == 1
    assert "Usage error: cannot write the report" in result.stderr
    assert not (tmp_path / "missing").exists()


# --- what the report is made of -----------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture() -> LoadedScenario:
    return load_scenario(FIXTURE, cache=False)


def test_coverage_and_breakdowns_add_up(fixture: LoadedScenario) -> None:
    report = simulate(fixture, 60, 2, "cautious", workers=1, details=True)
    for storylet, times in report.storylet_times.items():
        taken = sum(count for key, count in report.storylet_choices.items()
                    if key.startswith(f"{storylet}/"))
        assert taken + report.choices.get(f"{storylet}/{GO_ON}", 0) == times
        assert report.storylets[storylet] <= times
    assert list(report.storylet_choices) == [
        "hoard/save", "hoard/eat", "breakout/climb", "breakout/walk-out", "breakout/stay",
        "thicket/push", "thicket/skirt", "treasure/take"]
    assert report.storylet_times["treasure"] == report.storylet_choices["treasure/take"] == 0
    assert sum(sum(kinds.values()) for kinds in report.ended_at.values()) == 60
    assert sum(sum(kinds.values()) for kinds in report.by_escape_month.values()) == 60
    assert report.ended_at["place:coast"] == {"freedom": report.kinds["freedom"]}
    assert list(report.by_escape_month)[-1] == "never" or report.escaped == 60
    assert all(month[:4] == "1938" for month in report.by_escape_month if month != "never")
    distributions = report.distributions
    assert distributions is not None
    assert sum(distributions.days.values()) == sum(distributions.km.values()) == 60
    assert set(distributions.body) == {"hunger", "warmth", "health"}
    for bands in distributions.body.values():
        assert bands[0].day == 0 and bands[0].games <= report.escaped
        assert all(0 <= b.p10 <= b.median <= b.p90 <= 100 for b in bands)


def test_details_change_nothing_but_the_distributions(fixture: LoadedScenario) -> None:
    plain = simulate(fixture, 30, 1, "bold", workers=1)
    detailed = simulate(fixture, 30, 1, "bold", workers=1, details=True)
    assert plain.distributions is None
    assert replace(detailed, distributions=None) == plain


def test_a_traced_game_records_each_day_of_its_run(fixture: LoadedScenario) -> None:
    reading = ScenarioReading(fixture)
    spec = GameSpec(seed=9, policy="cautious", profile="prisoner", content="standard",
                    turn_cap=2000)
    for seed in range(9, 15):
        untraced = play_game(fixture, reading, spec, seed)
        traced = play_game(fixture, reading, replace(spec, trace=True), seed)
        assert untraced.trace == ()
        assert replace(traced, trace=()) == untraced
        if traced.escaped:
            days = [day for day, _ in traced.trace]
            assert days == sorted(set(days)) and days[-1] == traced.days_free
            assert all(len(values) == 3 for _, values in traced.trace)


# --- several policies, calibration, comparison --------------------------------------------------


def test_several_policies_side_by_side() -> None:
    result = invoke(str(FIXTURE), "--runs", "15", "--policies", "bold,random", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "┃ Ending kind ┃   bold ┃ random ┃" in result.stdout
    as_json = json.loads(invoke(str(FIXTURE), "--runs", "15", "--policies", "bold,random",
                                "--workers", "1", "--json").stdout)
    assert [report["policy"] for report in as_json["reports"]] == ["bold", "random"]
    assert as_json["compared"] == []
    one = json.loads(invoke(str(FIXTURE), "--runs", "15", "--policy", "bold", "--workers", "1",
                            "--json").stdout)
    # One policy or two: the same shape, each report whole, its distributions included.
    assert set(one) == set(as_json) == {"reports", "compared", "bands_hold"}
    assert set(one["reports"][0]) == set(as_json["reports"][0])
    assert all(report["distributions"]["days"] for report in as_json["reports"])


def test_calibrate_passes_with_bands_that_hold(tmp_path: Path) -> None:
    path = variant(tmp_path, "holds.yaml", (BANDS, """  balance:
    - {policy: cautious, kind: freedom, min: 0.0, max: 1.0}
    - {policy: bold, kind: killed, min: 0.0, max: 1.0}
"""))
    result = invoke(str(path), "--calibrate", "--runs", "20", "--workers", "1")
    assert result.exit_code == 0, result.output
    rows = re.findall(r"│ (\w+) +│ (\w+) +│ (\w+) +│ +([\d.]+ %) │ .* │ (OK|FAIL) +│",
                      result.stdout)
    # Every profile is played, and a band without a profile holds for each.
    assert [(policy, profile, kind, verdict) for policy, profile, kind, _, verdict in rows] == [
        ("cautious", profile, "freedom", "OK") for profile in PROFILES] + [
        ("bold", profile, "killed", "OK") for profile in PROFILES]
    assert "every band holds" in result.stdout


def test_calibrate_exits_1_when_a_band_fails(tmp_path: Path) -> None:
    path = variant(tmp_path, "fails.yaml", (BANDS, """  balance:
    - {policy: cautious, kind: freedom, min: 0.0, max: 1.0}
    - {policy: bold, kind: freedom, min: 0.99, max: 1.0}
"""))
    result = invoke(str(path), "--calibrate", "--runs", "20", "--workers", "1", "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["bands_hold"] is False
    verdicts = [(b["policy"], b["kind"], b["ok"]) for r in data["reports"] for b in r["bands"]]
    assert verdicts == [("cautious", "freedom", True)] * 2 + [("bold", "freedom", False)] * 2
    assert "FAIL" in invoke(str(path), "--calibrate", "--runs", "20", "--workers", "1").stdout


@pytest.mark.parametrize(("bands", "message"), [
    ("", "declares no balance bands"),
    ("  balance:\n    - {policy: reckless, kind: freedom}\n", "the simulator does not have"),
])
def test_calibrate_without_usable_bands_is_a_friendly_error(tmp_path: Path, bands: str,
                                                            message: str) -> None:
    result = invoke(str(variant(tmp_path, "bands.yaml", (BANDS, bands))), "--calibrate",
                    "--runs", "5", "--workers", "1")
    assert result.exit_code == 1
    assert message in result.stderr


def test_compare_shows_both_versions_with_the_same_seeds(tmp_path: Path) -> None:
    other = variant(tmp_path, "v2.yaml", ('version: "1.0"', 'version: "1.1"'),
                    ("odds: 0.8", "odds: 0.2"))
    args = (str(FIXTURE), "--runs", "30", "--policies", "bold,cautious", "--workers", "1",
            "--compare", str(other))
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "sim-fixture 1.0 (A) against sim-fixture 1.1 (B)" in result.stdout
    data = json.loads(invoke(*args, "--json").stdout)
    first, second = data["reports"][0], data["compared"][0]
    assert (first["policy"], second["policy"], first["seed"]) == ("bold", "bold", second["seed"])
    # The bold bot climbs the fence: a fence four times as deadly kills more.
    killed_a, killed_b = (r["kinds"].get("killed", 0) for r in (first, second))
    assert killed_b > killed_a
    difference = f"{100 * (killed_b - killed_a) / 30:+.1f} pp"
    assert re.search(rf"│ killed +│ +[\d.]+ % │ +[\d.]+ % │ +{re.escape(difference)} │",
                     result.stdout)

    notes = tmp_path / "compare.md"
    assert invoke(*args, "--report", str(notes)).exit_code == 0
    text = notes.read_text(encoding="utf-8")
    assert "| Compared with (B) | Simulator fixture (sim-fixture 1.1, v2.yaml) |" in text
    assert "| bold A | bold B | Δ bold | cautious A | cautious B | Δ cautious |" in text
    assert "Games by where they ended: bold · sim-fixture 1.1" in text


def test_a_version_compared_with_itself_differs_nowhere(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(FIXTURE, copy)
    notes = tmp_path / "same.md"
    result = invoke(str(FIXTURE), "--runs", "20", "--workers", "1", "--compare", str(copy),
                    "--report", str(notes))
    assert result.exit_code == 0, result.output
    assert "(sim-fixture.yaml) (A) against sim-fixture 1.0 (copy.yaml) (B)" in " ".join(
        result.stdout.split())
    deltas = re.findall(r"[+-]\d+(?:\.\d+)?(?: pp)?(?= \|)", notes.read_text(encoding="utf-8"))
    assert deltas == []


@pytest.mark.parametrize("args", [
    ("--policies", "random,reckless"),
    ("--policies", ","),
    ("--policy", "bold", "--policies", "random"),
    ("--calibrate", "--policy", "bold"),
    ("--calibrate", "--policies", "bold"),
    ("--report", "report.pdf"),
])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = invoke(str(FIXTURE), "--runs", "2", *args)
    assert result.exit_code == 2, result.output


# --- small parts --------------------------------------------------------------------------------


def test_round_scales() -> None:
    assert [nice_step(span) for span in (7, 40, 230, 0.9)] == [2, 10, 50, 0.2]
    edges = bin_edges([3, 57, 212])
    assert edges[0] <= 3 and edges[-1] > 212 and len(edges) - 1 <= 25
    assert len({b - a for a, b in itertools.pairwise(edges)}) == 1
    assert bin_edges([5, 5]) == (5, 6)


def test_text_bars_and_sparklines() -> None:
    assert bar(10, 10) == "█" * 20
    assert bar(1, 16) == "█▎"
    assert bar(0, 10) == ""
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert len(sparkline(list(range(100)))) == 40
    assert escape("a|b\n*c*") == r"a\|b \*c\*"


# --- seen by a browser --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium")
def test_a_browser_draws_the_page(tmp_path: Path) -> None:
    page, shot = tmp_path / "report.html", tmp_path / "shot.png"
    assert invoke(str(FIXTURE), "--runs", "20", "--policies", "random,bold", "--workers", "1",
                  "--report", str(page)).exit_code == 0
    shown = page_text(tmp_path, page)
    for words in ("Simulator fixture", "Run", "Outcomes", "Days survived and distance",
                  "Coverage", "random", "bold"):
        assert words in shown, f"the browser's page lacks {words!r}; it shows:\n{shown[:2000]}"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1100,1600")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page is a few kilobytes


def test_a_band_naming_a_profile_is_checked_against_that_profile_only(tmp_path: Path) -> None:
    path = variant(tmp_path, "profiles.yaml", (BANDS, """  balance:
    - {policy: bold, kind: freedom, min: 0.99, max: 1.0, profile: clerk}
    - {policy: bold, kind: killed, min: 0.0, max: 1.0}
"""))
    data = json.loads(invoke(str(path), "--calibrate", "--runs", "20", "--workers", "1",
                             "--json").stdout)
    checks = [(b["profile"], b["kind"], b["ok"]) for r in data["reports"] for b in r["bands"]]
    assert checks == [("prisoner", "killed", True), ("clerk", "freedom", False),
                      ("clerk", "killed", True)]
    assert [(r["policy"], r["profile"]) for r in data["reports"]] == [
        ("bold", profile) for profile in PROFILES]
    # --profile narrows a calibration to one profile, and its bands.
    prisoner = json.loads(invoke(str(path), "--calibrate", "--profile", "prisoner", "--runs",
                                 "20", "--workers", "1", "--json").stdout)
    assert [r["profile"] for r in prisoner["reports"]] == ["prisoner"]
    assert prisoner["bands_hold"] is True


def test_a_band_naming_an_unknown_profile_does_not_load(tmp_path: Path) -> None:
    path = variant(tmp_path, "unknown.yaml", (BANDS, """  balance:
    - {policy: bold, kind: freedom, profile: general}
"""))
    result = invoke(str(path), "--runs", "5", "--workers", "1")
    assert result.exit_code == 1
    assert "unknown profile 'general'" in result.stderr
    assert "known profiles: prisoner, clerk" in result.stderr
