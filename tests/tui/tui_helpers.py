"""Helpers for the TUI tests: the app as the CLI builds it, and ways to read the screen."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from gulag_escape.session import PlayOptions
from gulag_escape.tui.app import GulagEscapeApp, build_app
from gulag_escape.tui.screens.play import PlayScreen

TESTS = Path(__file__).resolve().parent.parent
MINIMAL = TESTS / "data" / "minimal.yaml"
LINKED = Path(__file__).resolve().parent / "data" / "linked.yaml"
"""The minimal scenario with a glossary term and a note linked from its story text."""
SCENARIOS = TESTS.parent / "scenarios"


def make_app(scenario: Path | str | None = MINIMAL, *, seed: int | None = 1,
             shipped: Sequence[Path] | None = (), **options: object) -> GulagEscapeApp:
    """The app with only the scenarios a test names, so new shipped ones change nothing."""
    return build_app(PlayOptions(scenario=str(scenario) if scenario else None, seed=seed,
                                 **options), shipped=shipped)  # type: ignore[arg-type]


async def settle(pilot: Pilot[object]) -> None:
    """Wait for the app's workers (scenario loading, screen fills) and the next refresh."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def texts(app: GulagEscapeApp) -> str:
    """The text of every Static and option on the current screen, scrolled out of view or not."""
    parts = []
    for widget in app.screen.query(Static):
        content = widget.content
        parts.append(getattr(content, "plain", None) or str(content))
    for option_list in app.screen.query(OptionList):
        for option in option_list.options:
            prompt = option.prompt
            parts.append(getattr(prompt, "plain", None) or str(prompt))
    return "\n".join(parts)


def visible_text(app: GulagEscapeApp) -> str:
    """What the terminal shows now, from a screenshot's text."""
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace(
        "\xa0", " ")


def first_enabled_key(app: GulagEscapeApp) -> str:
    """The number key of the first choice that can be taken, read from the play screen."""
    screen = app.screen
    assert isinstance(screen, PlayScreen)
    if screen.game.ended:
        return "1"
    index = next(i for i, choice in enumerate(screen.view.choices) if choice.enabled)
    return str(index + 1)


async def play_to_ending(pilot: Pilot[object], limit: int = 400) -> int:
    """Press the first enabled choice's number until the game ends; the number of turns."""
    app = pilot.app
    assert isinstance(app, GulagEscapeApp)
    turns = 0
    while isinstance(app.screen, PlayScreen):
        assert turns < limit, "the game did not end"
        await pilot.press(first_enabled_key(app))
        await pilot.pause()
        turns += 1
    await settle(pilot)
    return turns


def shipped_scenario(name: str) -> Path:
    """A shipped scenario's path. A shipped scenario that is missing or does not load fails
    the test, with the reason: skipping it would hide exactly the regression looked for."""
    from gulag_escape.errors import ScenarioError
    from gulag_escape.scenario.loader import load_scenario

    path = SCENARIOS / name
    assert path.exists(), f"scenarios/{name} is shipped but missing"
    try:
        load_scenario(path)
    except ScenarioError as error:
        pytest.fail(f"scenarios/{name} does not load: {error.problems[0]}")
    return path
