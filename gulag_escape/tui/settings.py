"""The player's settings: theme, animations and text width, persisted as JSON.

No Textual import; the app applies these (see :meth:`GulagEscapeApp.apply_settings`).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from gulag_escape.tui.config import config_dir, read_json, write_json

AnimationLevel = Literal["none", "basic", "full"]

THEMES = {"gulag-ink": "Ink (dark)", "gulag-paper": "Paper (light)",
          "gulag-contrast": "High contrast"}
TEXT_WIDTHS = {"narrow": "Narrow (64 columns)", "medium": "Medium (76 columns)",
               "full": "The whole width"}


def animations_allowed_by_environment() -> bool:
    """``TEXTUAL_ANIMATIONS=none`` asks for no motion; the game honours it above its setting."""
    return os.environ.get("TEXTUAL_ANIMATIONS", "full").lower() != "none"


@dataclass
class Settings:
    """What the player chose in the settings screen."""

    theme: str = "gulag-ink"
    animations: bool = True
    text_width: str = "medium"

    @property
    def animation_level(self) -> AnimationLevel:
        """Textual's animation level for these settings and the environment."""
        if not self.animations or not animations_allowed_by_environment():
            return "none"
        return "basic" if os.environ.get("TEXTUAL_ANIMATIONS", "").lower() == "basic" else "full"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Saved settings; unknown or invalid values fall back to the defaults one by one."""
    data = read_json(path or settings_path())
    defaults = Settings(animations=animations_allowed_by_environment())
    theme = data.get("theme")
    width = data.get("text_width")
    animations = data.get("animations")
    return Settings(
        theme=theme if theme in THEMES else defaults.theme,
        animations=animations if isinstance(animations, bool) else defaults.animations,
        text_width=width if width in TEXT_WIDTHS else defaults.text_width,
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    write_json(path or settings_path(), asdict(settings))

