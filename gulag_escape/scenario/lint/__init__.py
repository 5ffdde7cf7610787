"""Lint: meaning checks on a scenario that already loads, in the manner of Ren'Py's lint.

Loading refuses what is wrong (an unknown key, a bad reference); lint warns about what is
legal but almost certainly a mistake: a storylet that can never fire, a flag nobody reads,
a note nobody sees. Each rule is a small ``check_*`` function in :mod:`.rules`; the rules
and their hints are described for authors in docs/lint.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gulag_escape.scenario.lint import (
    party_rules,  # noqa: F401  (registers its rules)
    text_rules,  # noqa: F401  (registers its rules)
    traps,  # noqa: F401  (registers its rules)
)
from gulag_escape.scenario.lint.facts import Facts, Loc
from gulag_escape.scenario.lint.rules import RULES, Rule
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.sources import SourceMap

__all__ = ["RULES", "LintWarning", "Rule", "WarningPrinter", "lint"]
_HINTS = {rule.id: rule.hint for rule in RULES}


@dataclass(frozen=True, slots=True)
class LintWarning:
    """One warning: the rule's id, a path into the scenario's value, and one sentence."""

    rule: str
    loc: Loc
    message: str


def lint(loaded: LoadedScenario) -> list[LintWarning]:
    """Every warning about ``loaded``, rule by rule in the order of :data:`RULES`."""
    facts = Facts(loaded)
    return [LintWarning(rule.id, loc, message)
            for rule in RULES for loc, message in rule.check(facts)]


@dataclass
class WarningPrinter:
    """Formats warnings like a compiler, ``path:line:col: warning: sentence [rule]``, with
    each rule's hint once per run, after its first warning."""

    hinted: set[str] = field(default_factory=set)
    count: int = 0
    """Warnings printed so far."""

    def lines(self, warnings: list[LintWarning], source_map: SourceMap) -> list[str]:
        """The lines for one scenario's warnings: rule by rule, in file order within a rule.

        A value written once and used twice (a YAML alias) is reported once."""
        order = {rule.id: i for i, rule in enumerate(RULES)}
        located = sorted({(order[w.rule], *source_map.locate(w.loc, key=True), w.message, w.rule)
                          for w in warnings})
        lines = []
        for _, path, line, column, message, rule in located:
            lines.append(f"{path}:{line}:{column}: warning: {message} [{rule}]")
            self.count += 1
            if rule not in self.hinted:
                self.hinted.add(rule)
                lines.append(f"  hint: {_HINTS[rule]}")
        return lines
