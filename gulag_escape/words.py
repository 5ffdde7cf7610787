"""The words every front end and report uses for the engine's codes.

Evidence levels, ending kinds and causes are shown by the TUI, the plain mode and the
teachers' reports alike; one table here keeps them saying the same thing.
"""

from __future__ import annotations

EVIDENCE_MEANING = {
    "documented": "archives and scholarship",
    "memoir": "a survivor's own account",
    "literary": "fiction drawn from real events",
    "disputed": "challenged by someone with evidence",
    "legend": "told, but no source confirms it",
}
"""What each evidence level means, in a few words."""

ENDING_KINDS = {
    "freedom": "Reached freedom",
    "captured": "Captured",
    "killed": "Killed",
    "died": "Died",
    "surrendered": "Gave himself up",
    "hiding": "Lived in hiding",
}

CAUSES = {
    "pursuit": "the pursuit caught up",
    "cold": "the cold",
    "hunger": "hunger",
    "exhaustion": "exhaustion",
    "surrender": "gave himself up",
    "timeout": "the season ran out",
    "checkpoint": "stopped at a checkpoint",
    "crossing": "the crossing failed",
    "arrived": "reached the end of the route",
}
"""The engine's causes of an ending; a storylet's own ending ("story") needs none."""
