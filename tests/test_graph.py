"""``gulag-escape graph``: valid Mermaid and DOT whatever the scenario's text, and an outline.

Mermaid has no parser in Python, so each line of the output is matched against the few
forms the exporter writes; a label that breaks out of its quotes fails that match. DOT is
tokenised the way Graphviz reads it, and handed to ``dot`` itself when it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from gulag_escape.authoring.graph import RUN, build_graph, render
from gulag_escape.cli import main
from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path

SHIPPED = sorted(p.name for p in (ROOT / "scenarios").iterdir() if (p / "scenario.yaml").exists())
SCENARIOS = [str(DATA / "engine.yaml"), *SHIPPED]
NASTY = (r'''"He said \"run\" | [now] {x} (y) #1 <b>&amp; \\n end; `tick`'''
         r''' %% --> [bold red]x[/] \\\""''')
"""A title that would break Mermaid, DOT or Rich if any of them took it as syntax."""

_ID = r"[A-Za-z0-9_]+"
_QUOTED = r'"[^"]*"'
_MERMAID_LINES = [
    re.compile(r"flowchart LR"),
    re.compile(r"  %% [^\n]*"),
    re.compile(rf"  subgraph {_ID}\[{_QUOTED}\]"),
    re.compile(r"  end"),
    re.compile(rf"    (?P<node>{_ID})(\[{_QUOTED}\]|\{{\{{{_QUOTED}\}}\}}|\({_QUOTED}\)"
               rf"|\[/{_QUOTED}/\]|\(\[{_QUOTED}\]\)|\(\({_QUOTED}\)\))"),
    re.compile(rf"  (?P<source>{_ID}) (-->|-\.->)\|{_QUOTED}\| (?P<target>{_ID})"),
    re.compile(r"  classDef checkpoint [^\n]+"),
    re.compile(rf"  class {_ID}(,{_ID})* checkpoint"),
]
_DOT_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(->)|([{}\[\];,=])|([A-Za-z0-9_.]+))')


def graph(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["graph", *args])
    return result.exit_code, result.output


def nasty_scenario(folder: Path) -> Path:
    """The engine fixture with hostile text in titles, names and ids that are keywords."""
    text = (DATA / "engine.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Engine fixture", f"title: {NASTY}")
    text = text.replace("title: The plan", f"title: {NASTY}")
    text = text.replace("name: the road post,", f"name: {NASTY},")
    text = text.replace("crossing: {name: river,", f"crossing: {{name: {NASTY},")
    text = text.replace("id: plan\n", "id: end\n")  # `end` closes a subgraph in Mermaid
    text = text.replace("title: A stash", "title: _Hidden_ [[note:n1|food]]")
    path = folder / "nasty.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check_mermaid(text: str) -> None:
    """Every line is one of the exporter's forms; every edge joins declared nodes."""
    assert text.startswith("flowchart")
    declared, ends = set(), []
    for line in text.splitlines():
        match = next((m for form in _MERMAID_LINES if (m := form.fullmatch(line))), None)
        assert match is not None, f"not a line the exporter writes: {line!r}"
        groups = match.groupdict()
        if groups.get("node"):
            declared.add(groups["node"])
        if groups.get("source"):
            ends += [groups["source"], groups["target"]]
    assert ends, "no edges"
    assert set(ends) <= declared, sorted(set(ends) - declared)


def dot_tokens(text: str) -> list[str]:
    """DOT's tokens: quoted strings (with \\" escapes), ids, ->, punctuation."""
    tokens, position = [], 0
    while text[position:].strip():
        match = _DOT_TOKEN.match(text, position)
        assert match is not None, f"DOT does not tokenise at: {text[position:position + 40]!r}"
        tokens.append(next(group for group in match.groups() if group is not None))
        position = match.end()
    return tokens


def check_dot(text: str) -> None:
    """Balanced braces and brackets, and every edge's ends declared as nodes."""
    tokens = dot_tokens(text)
    assert tokens[:1] == ["digraph"]
    depth = {"{": 0, "[": 0}
    for token in tokens:
        if token in "{[":
            depth[token] += 1
        elif token in "}]":
            depth["{" if token == "}" else "["] -= 1
            assert min(depth.values()) >= 0
    assert depth == {"{": 0, "[": 0}
    declared = {tokens[i] for i in range(len(tokens) - 1)
                if tokens[i + 1] == "[" and tokens[i - 1] in {";", "{"}}
    ends = {tokens[i + d] for i, token in enumerate(tokens) if token == "->" for d in (-1, 1)}
    assert ends, "no edges"
    assert ends <= declared, sorted(ends - declared)
    if shutil.which("dot"):
        result = subprocess.run(["dot", "-Tcanon"], input=text, capture_output=True,
                                text=True, check=False, timeout=60)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_mermaid_is_valid_with_safe_ids(scenario: str) -> None:
    code, text = graph(scenario, "--format", "mermaid")
    assert code == 0, text
    check_mermaid(text)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_dot_is_valid(scenario: str) -> None:
    code, text = graph(scenario, "--format", "dot")
    assert code == 0, text
    check_dot(text)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_outline_starts_with_the_route_and_lists_every_storylet_and_ending(scenario: str) -> None:
    code, text = graph(scenario)
    model = load_scenario(resolve_scenario_path(scenario)).model
    assert code == 0, text
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headings[1].startswith("Route (start:")
    assert headings[2:4] == ["On the run, the systems end the game", "Storylets"]
    for storylet in model.storylets:
        assert f"    {storylet.id} — " in text
    for ending in model.endings:
        assert f"  {ending.id} ({ending.kind}): " in text


def test_the_outline_follows_choices_checks_crossings_and_the_systems() -> None:
    code, text = graph(str(DATA / "engine.yaml"), "--format", "text")
    assert code == 0
    assert ("      climb: Climb it tonight — check, odds 0.6 - alert / 200 + skill.woodcraft "
            "* 0.05\n        success → the run\n        failure → ending shot (killed)") in text
    assert "      leave: Leave it [when item.compass > 0] → back to the day" in text
    assert "crossing river (fails 0.25 if ice == 'open' else 0.1 → ending drowned (died))" in text
    assert "  hunger, exhaustion → ending starved (died)" in text
    assert "  surrender → ending gave-up (surrendered)" in text
    assert "    checkpoint: strength 40; around: 25 km of taiga; trucks; bribes" in text
    assert "  gave-up (surrendered): Gave up\n    reached from: the run" in text


def test_the_outline_names_the_scenarios_vehicle(tmp_path: Path) -> None:
    """Posts are passed hidden on whatever the scenario says passes them, not on trucks."""
    text = (DATA / "engine.yaml").read_text(encoding="utf-8")
    assert "\nstart:" in text
    path = tmp_path / "sledges.yaml"
    sledges = text.replace("\nstart:", "\ncheckpoints: {vehicle_name: ore sledge}\nstart:", 1)
    path.write_text(sledges, encoding="utf-8")
    code, outline = graph(str(path), "--format", "text")
    assert code == 0, outline
    assert "    checkpoint: strength 40; around: 25 km of taiga; ore sledges; bribes" in outline
    assert "trucks" not in outline


@pytest.mark.parametrize("name", SHIPPED)
def test_every_next_end_and_move_of_a_shipped_scenario_is_an_edge(name: str) -> None:
    model = load_scenario(resolve_scenario_path(name)).model
    edges = set(build_graph(model).edges)
    expected = set()
    for storylet in model.storylets:
        for choice in storylet.choices:
            outcomes = [choice.check.success, choice.check.failure] if choice.check else [choice]
            for outcome in outcomes:
                source = f"storylet:{storylet.id}"
                if outcome.next:
                    expected.add((source, f"storylet:{outcome.next}", False))
                for effect in outcome.effects:
                    for key, kind in (("end", "ending"), ("move", "place")):
                        if hasattr(effect, key):
                            expected.add((source, f"{kind}:{getattr(effect, key)}", False))
    assert any(target.startswith("storylet:") for _, target, _ in expected)
    assert expected <= edges, sorted(expected - edges)
    for cause in ("captured", "cold", "hunger", "exhaustion", "timeout"):
        assert (RUN, f"ending:{getattr(model.endings_for, cause)}", True) in edges


def test_hostile_text_stays_text_in_every_format(tmp_path: Path) -> None:
    model = load_scenario(nasty_scenario(tmp_path)).model
    mermaid, dot, outline = (render(model, form) for form in ("mermaid", "dot", "text"))
    check_mermaid(mermaid)
    assert "n_storylet_end(" in mermaid
    check_dot(dot)
    assert '\\"run\\"' in dot
    assert '[bold red]x[/]' in outline, "Rich markup is printed as it is written"
    assert "    stash — Hidden food" in outline, "the story markup is stripped"


def test_output_file_and_errors(tmp_path: Path) -> None:
    target = tmp_path / "engine.mmd"
    code, text = graph(str(DATA / "engine.yaml"), "--format", "mermaid", "-o", str(target))
    assert code == 0
    assert f"to {target}" in text
    check_mermaid(target.read_text(encoding="utf-8"))
    code, text = graph(str(tmp_path / "missing.yaml"))
    assert code == 1
    assert "no such file or folder" in text
    code, text = graph(str(DATA / "engine.yaml"), "--format", "svg")
    assert code == 2
    assert "'svg' is not one of" in text
