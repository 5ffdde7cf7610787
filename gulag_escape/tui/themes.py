"""The game's three themes: ink (dark, the default), paper (light) and high contrast.

A restrained palette: ink and paper, a slate blue for focus, a muted red kept for danger.
"""

from __future__ import annotations

from textual.theme import Theme

INK = Theme(
    name="gulag-ink",
    primary="#8fa3b5",
    secondary="#6f7f8c",
    accent="#c8b27e",
    warning="#c49a4c",
    error="#b85a50",
    success="#87a07a",
    foreground="#ddd6c6",
    background="#15171a",
    surface="#1b1e22",
    panel="#262a2f",
    dark=True,
    variables={
        "footer-key-foreground": "#c8b27e",
        "block-cursor-text-style": "none",
        "input-selection-background": "#8fa3b5 30%",
    },
)

PAPER = Theme(
    name="gulag-paper",
    primary="#3d5366",
    secondary="#5c6b77",
    accent="#7c5a24",
    warning="#8a6417",
    error="#9b362c",
    success="#4c6a3c",
    foreground="#24211c",
    background="#efe9dc",
    surface="#f6f2e8",
    panel="#e2dac8",
    dark=False,
    variables={
        "footer-key-foreground": "#7c5a24",
        "block-cursor-text-style": "none",
    },
)

CONTRAST = Theme(
    name="gulag-contrast",
    primary="#ffffff",
    secondary="#d0d0d0",
    accent="#ffd700",
    warning="#ffd700",
    error="#ff6b6b",
    success="#7CFC00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    dark=True,
    luminosity_spread=0.3,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#ffd700",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffd700",
        "block-cursor-text-style": "bold",
        "foreground-muted": "#e6e6e6",
        "text-muted": "#e6e6e6",
    },
)

THEMES = (INK, PAPER, CONTRAST)
