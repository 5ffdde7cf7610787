"""docs/history-audit.md keeps one row for every storylet of The White Sea to Finland, 1932.

The audit of that scenario goes storylet by storylet, so a storylet added later without being
checked against the research brief would silently fall outside it; and a row left behind by a
removed storylet would claim a check of text that no longer exists. The Kolyma and Kem 1925
storylets are audited by file, in prose lists, so they have no rows to match.
"""

from __future__ import annotations

import re

from conftest import ROOT

from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path

AUDIT = ROOT / "docs" / "history-audit.md"
SECTION = "## The White Sea to Finland, 1932: storylets, part by part"
ROW = re.compile(r"^\| `([a-z0-9-]+)` \|", re.MULTILINE)


def audited_storylets() -> list[str]:
    """The ids opening the table rows of the section (prose lines never start with '| `')."""
    text = AUDIT.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    end = section.find("\n## ", len(SECTION))
    return ROW.findall(section if end < 0 else section[:end])


def test_every_tchernavin_storylet_has_exactly_one_audit_row() -> None:
    scenario = load_scenario(resolve_scenario_path("tchernavin-1932"), cache=False)
    storylets = {storylet.id for storylet in scenario.model.storylets}
    rows = audited_storylets()
    repeated = sorted({row for row in rows if rows.count(row) > 1})
    assert not repeated, f"docs/history-audit.md audits these storylets twice: {repeated}"
    missing = sorted(storylets - set(rows))
    assert not missing, (
        f"docs/history-audit.md has no row for these tchernavin-1932 storylets: {missing}; "
        f"add one to the section {SECTION!r}"
    )
    stale = sorted(set(rows) - storylets)
    assert not stale, f"docs/history-audit.md audits storylets that no longer exist: {stale}"
