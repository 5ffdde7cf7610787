"""Teacher guides: the generated model summary stays in step with the scenarios and the engine.

Each shipped scenario has a guide in docs/teachers/ whose "how the game's model simplifies
history" section is written by :mod:`gulag_escape.teaching.model_summary`; these tests fail
when a committed block is stale (and name the command that regenerates it), when the
summary leaves out a checkpoint or a kind of ending, and when a scenario's words could leak
into the Markdown as markup.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT

from gulag_escape.engine.game import Game
from gulag_escape.markup import to_plain
from gulag_escape.scenario.expression_words import ExpressionWords
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, shipped_scenarios
from gulag_escape.teaching.model_summary import (
    END_MARKER,
    KIND_LABELS,
    START_MARKER,
    embedded_block,
    main,
    model_summary,
    regenerate_command,
)

GUIDES = ROOT / "docs" / "teachers"
SHIPPED = shipped_scenarios()


@functools.cache
def _loaded(path: Path) -> LoadedScenario:
    return load_scenario(path, cache=False)


def _hostile_scenario(tmp_path: Path) -> Path:
    """The minimal scenario with names full of story markup, Markdown and HTML."""
    document = yaml.safe_load((DATA / "minimal.yaml").read_text(encoding="utf-8"))
    document["places"][0]["name"] = "The _old_ camp | <script>alert(1)</script>"
    document["terrains"]["taiga"]["label"] = "[a link](https://example.org) *taiga*"
    document["endings"][1]["title"] = "Caught `twice`"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


# --- the committed guides -------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_guide_block_matches_the_scenario(path: Path) -> None:
    loaded = _loaded(path)
    guide = GUIDES / f"{loaded.id}.md"
    command = regenerate_command(loaded.id)
    assert guide.is_file(), f"{loaded.id} has no teacher guide; write {guide.relative_to(ROOT)}"
    block = embedded_block(guide.read_text(encoding="utf-8"))
    assert block is not None, (
        f"{guide.relative_to(ROOT)} has no {START_MARKER} ... {END_MARKER} block; add the "
        f"two lines and run: {command}"
    )
    assert block == model_summary(loaded), (
        f"the model summary in {guide.relative_to(ROOT)} is stale; regenerate it with: "
        f"{command}"
    )


def test_teachers_page_links_every_guide_and_the_assignments() -> None:
    page = (GUIDES / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"\]\(([^)#]+\.md)\)", page))
    assert "assignments.md" in targets and "serving.md" in targets
    for target in targets:
        assert (GUIDES / target).is_file(), f"README.md links a missing {target}"
    for path in SHIPPED:
        assert f"{_loaded(path).id}.md" in targets, f"README.md does not link {path.stem}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_guide_links_point_at_files(path: Path) -> None:
    guide = GUIDES / f"{_loaded(path).id}.md"
    for target in re.findall(r"\]\(([^)#:]+)\)", guide.read_text(encoding="utf-8")):
        assert (guide.parent / target).exists(), f"{guide.name} links a missing {target}"


# --- what the summary says ------------------------------------------------------------------


@pytest.mark.parametrize("path", [*SHIPPED, DATA / "engine.yaml"], ids=lambda p: p.stem)
def test_summary_names_every_checkpoint_ending_kind_and_ending(path: Path) -> None:
    loaded = _loaded(path)
    summary = model_summary(loaded)
    checkpoints = [place for place in loaded.model.places if place.checkpoint]
    assert checkpoints, "the scenario should exercise the checkpoint section"
    for place in checkpoints:
        assert f"| {place.name} |" in summary, f"checkpoint {place.id} is missing"
    for ending in loaded.model.endings:
        assert f"**{KIND_LABELS[ending.kind]}**" in summary
        assert f"“{ending.title}”" in summary


@pytest.mark.parametrize("path", [*SHIPPED, *sorted(DATA.glob("*.yaml"))],
                         ids=lambda p: p.stem)
def test_summary_has_no_scenario_markup(path: Path) -> None:
    summary = model_summary(_loaded(path))
    assert to_plain(summary) == summary
    assert "[[" not in summary


def test_scenario_words_cannot_become_markdown(tmp_path: Path) -> None:
    summary = model_summary(load_scenario(_hostile_scenario(tmp_path), cache=False))
    assert "The old camp \\| \\<script\\>alert(1)\\</script\\>" in summary
    assert "<script>" not in summary
    assert "\\[a link\\](https://example.org) \\*taiga\\*" in summary
    assert "“Caught \\`twice\\`”" in summary
    assert to_plain(summary) == summary


def test_checkpoint_odds_are_the_games_own() -> None:
    """The papers odds in the table are what the engine offers a fugitive at that post."""
    loaded = _loaded(DATA / "engine.yaml")
    post = next(place for place in loaded.model.places if place.checkpoint)
    papers = next(item_id for item_id, item in loaded.model.items.items() if item.papers)
    state = Game.start(loaded, seed=3).state
    state.phase, state.escaped_day, state.place = "run", 0, post.id
    state.scene, state.items, state.stats["alert"] = ("checkpoint", post.id), {papers: 1}, 0.0
    odds = next(o.odds for o in Game.resume(loaded, state).options() if o.id == "papers")
    section = model_summary(loaded).split("### Checkpoints", 1)[1]
    row = next(line for line in section.splitlines() if line.startswith(f"| {post.name} |"))
    assert f"| {round(odds * 100)}\u00a0% (" in row


def test_expressions_read_in_words(tmp_path: Path) -> None:
    document = yaml.safe_load((DATA / "minimal.yaml").read_text(encoding="utf-8"))
    document["flags"] = {"armed": "You took a rifle from the escort."}
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    words = ExpressionWords(load_scenario(path, cache=False), lambda text: text)
    assert words.condition("month >= 6 and month <= 10") == "from June to October"
    assert words.condition("season == 'summer' or season == 'autumn'") == (
        "in summer or in autumn")
    assert words.condition("not belt and hunger > 70") == (
        "outside the belt and hunger is above 70")
    assert words.condition("place in ['camp', 'border']") == "at the camp or the border"
    assert words.product_steps("max(alert, 10 if belt else 3) / 300 * "
                               "(1.5 if flag.armed else 1)") == [
        "start from the larger of the alert and (10 inside the belt, otherwise 3)",
        "divide by 300",
        "multiply by 1.5 when “you took a rifle from the escort”",
    ]


# --- the command ----------------------------------------------------------------------------


def test_command_prints_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "minimal.yaml"
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == model_summary(_loaded(path))


def test_write_replaces_only_the_marked_block(tmp_path: Path) -> None:
    path = DATA / "minimal.yaml"
    guide = tmp_path / "guide.md"
    before, after = "# Guide\n\nHand-written text.\n\n", "\n\n## After\n\nMore text.\n"
    guide.write_text(f"{before}{START_MARKER}\nold summary\n{END_MARKER}{after}",
                     encoding="utf-8")
    assert main([str(path), "--write", str(guide)]) == 0
    text = guide.read_text(encoding="utf-8")
    assert text.startswith(f"{before}{START_MARKER}\n")
    assert text.endswith(f"{END_MARKER}{after}")
    assert embedded_block(text) == model_summary(_loaded(path))
    assert main([str(path), "--write", str(guide)]) == 0
    assert guide.read_text(encoding="utf-8") == text


def test_write_refuses_a_guide_without_markers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text("# A guide with no markers\n", encoding="utf-8")
    assert main([str(DATA / "minimal.yaml"), "--write", str(guide)]) == 1
    assert guide.read_text(encoding="utf-8") == "# A guide with no markers\n"
    error = capsys.readouterr().err
    assert START_MARKER in error
    assert "Traceback" not in error
    assert not list(tmp_path.glob(".*.tmp"))


def test_command_reports_a_missing_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-scenario.yaml"]) == 1
    error = capsys.readouterr().err
    assert "no-such-scenario.yaml" in error
    assert "Traceback" not in error
