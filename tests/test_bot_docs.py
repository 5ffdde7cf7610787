"""docs/authoring.md's "How the bots play" says what the policies' numbers are."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from gulag_escape.simulation.policies import POLICIES


def section() -> str:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = text.index("### How the bots play")
    return text[start:text.index("\n## ", start)]


def shown(value: object) -> str:
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    return f"{value:g}"


def constants(policy: str) -> dict[str, object]:
    """The numbers a policy sets itself (those it inherits are its parent's rows)."""
    return {name: value for name, value in vars(POLICIES[policy]).items()
            if not name.startswith("_") and isinstance(value, int | float | frozenset)}


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_every_policy_and_its_numbers_are_in_the_guide(policy: str) -> None:
    text = section()
    assert f"**`{policy}`**" in text
    for name, value in constants(policy).items():
        assert f"| {policy} | `{name}` | {shown(value)} |" in text, name


def test_the_table_has_no_number_the_policies_lack() -> None:
    rows = re.findall(r"^\| (\w+) \| `(\w+)` \| ([^|]+) \|", section(), re.MULTILINE)
    assert rows
    for policy, name, value in rows:
        assert shown(constants(policy)[name]) == value.strip()
