"""What screens tell their app: messages up, each handled by the app that owns the games.

A screen draws what it is given and hears the player's keys; what outlives the screen
(starting a game, saves, the archive of notes, an assignment's record and questions) is the
app's. A screen posts what happened; :class:`~gulag_escape.tui.app.GulagEscapeApp` decides
what it means, and the assignment's app (:mod:`gulag_escape.tui.assignment`) handles the same
messages its own way (keeping the run, asking the questions due) instead of overriding the
game app's methods. A handler that replaces the game app's calls ``prevent_default()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from gulag_escape.engine.game import Game
    from gulag_escape.tui.catalogue import ScenarioEntry
    from gulag_escape.tui.screens.play import PlayScreen
    from gulag_escape.tui.settings import Settings


class StartGame(Message):
    """Start a new game of ``entry`` (the briefing's Begin, the ending's "again")."""

    def __init__(self, entry: ScenarioEntry, seed: int, profile: str, content: str) -> None:
        super().__init__()
        self.entry = entry
        self.seed = seed
        self.profile = profile
        self.content = content


class NewGameWanted(Message):
    """The player asked for a new game from the title screen."""


class ContinueWanted(Message):
    """The player asked to go on with the last game from the title screen."""


class SetupWanted(Message):
    """The player picked a scenario: set up a game of it."""

    def __init__(self, entry: ScenarioEntry) -> None:
        super().__init__()
        self.entry = entry


class TurnTaken(Message):
    """A choice was taken and its page painted; ``elapsed_ms`` from the key to the page.

    The app sets ``screen.autosaved_day`` when it saved the day (attributes down)."""

    def __init__(self, screen: PlayScreen, game: Game, day_passed: bool,
                 elapsed_ms: float) -> None:
        super().__init__()
        self.screen = screen
        self.game = game
        self.day_passed = day_passed
        self.elapsed_ms = elapsed_ms


class GameOver(Message):
    """The player asked to see how the game ended."""

    def __init__(self, entry: ScenarioEntry, game: Game) -> None:
        super().__init__()
        self.entry = entry
        self.game = game


class GameLoaded(Message):
    """A save was read: play its game (the app posts it to itself when a load finishes,
    so an app with rules about loading, the assignment's, handles it its own way)."""

    def __init__(self, entry: ScenarioEntry, game: Game) -> None:
        super().__init__()
        self.entry = entry
        self.game = game


class EndingShown(Message):
    """The ending is on screen: the notes it opened go to the archive."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game


class SaveWanted(Message):
    """The player asked to save the game in a slot of their choosing."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game


class LinkOpened(Message):
    """A link in the story text was followed: a glossary term or a historical note."""

    def __init__(self, kind: str, target: str) -> None:
        super().__init__()
        self.kind = kind
        self.target = target


class LeaveGame(Message):
    """Back to the title screen, leaving the game (it was saved, or the player said so)."""


class SettingsChanged(Message):
    """The player changed a setting: apply it now and keep it."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class AssignmentBegun(Message):
    """The student pressed Begin on an assignment's briefing (``profile`` when it was theirs
    to choose)."""

    def __init__(self, profile: str | None) -> None:
        super().__init__()
        self.profile = profile


class EndQuestionsWanted(Message):
    """The student asked to answer the teacher's questions about the run (w on the ending),
    or is ``leaving`` it: then the app closes once they are answered (or if none are left)."""

    def __init__(self, *, leaving: bool) -> None:
        super().__init__()
        self.leaving = leaving
