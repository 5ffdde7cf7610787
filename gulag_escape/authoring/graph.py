"""``gulag-escape graph``: a scenario's route, storylets and endings as a diagram or an outline.

One :class:`ScenarioGraph` is built from the scenario and drawn three ways: Mermaid and
Graphviz DOT for diagrams, and an indented outline for a terminal. The graph shows what the
file says can lead where — a choice's ``next:``, ``end:`` and ``move:``, the escape, the
legs and crossings, checkpoints, and the endings the systems use — not what is likely; the
simulator answers that.

Scenario text is a stranger's text: in diagrams every label is escaped for its language and
every node id is made of ``[A-Za-z0-9_]`` only, so no title can break or inject syntax; the
outline is plain text with the story markup stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gulag_escape.markup import to_plain
from gulag_escape.scenario.models import (
    Choice,
    EndEffect,
    EndingsFor,
    EscapeEffect,
    MoveEffect,
    Outcome,
    Scenario,
    Storylet,
)
from gulag_escape.words import plural

RUN = "run"
"""The key of the node standing for the run itself, where the systems' endings start."""
LABEL_LIMIT = 36
"""Conditions and odds longer than this are cut with an ellipsis on edges."""
PHASES = {"camp": "In camp", "run": "On the run", "any": "In camp or on the run"}
CAUSES = tuple(EndingsFor.model_fields)
"""The ways the systems end a game (captured, cold, hunger...), in the format's order."""


@dataclass(frozen=True)
class Node:
    """A place, storylet, encounter, ending or the run; ``key`` is ``kind:id``."""

    key: str
    label: str
    kind: str
    """place, checkpoint, storylet, encounter, ending or run: decides the shape."""
    group: str
    """The cluster it is drawn in."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    system: bool = False
    """Drawn dashed: the engine's rules (a failed check at a post, a crossing, the hunt)."""


@dataclass
class ScenarioGraph:
    """Nodes in file order and labelled edges; parallel edges are merged into one."""

    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, bool], list[str]] = field(default_factory=dict)

    def add(self, node: Node) -> None:
        self.nodes[node.key] = node

    def link(self, source: str, target: str, label: str, *, system: bool = False) -> None:
        labels = self.edges.setdefault((source, target, system), [])
        if label not in labels:
            labels.append(label)

    def edge_list(self) -> list[Edge]:
        return [Edge(s, t, "; ".join(labels), system) for (s, t, system), labels
                in self.edges.items()]

    def sources_of(self, key: str) -> list[str]:
        """The nodes with an edge to ``key``, each once, in the order they were linked."""
        return list(dict.fromkeys(source for source, target, _ in self.edges if target == key))


# --- building the graph ---------------------------------------------------------------------


def short(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line of plain text, cut with an ellipsis: labels must stay readable on an edge."""
    flat = " ".join(to_plain(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def odds_text(odds: float | str) -> str:
    return f"{odds:.0%}" if isinstance(odds, int | float) else short(odds)


def outcome_targets(outcome: Outcome | Choice) -> list[str]:
    """Where an outcome leads, as node keys: the storylet next, an ending, a place, the run."""
    found = []
    for effect in outcome.effects:
        match effect:
            case EndEffect(end=ending):
                found.append(f"ending:{ending}")
            case MoveEffect(move=place):
                found.append(f"place:{place}")
            case EscapeEffect():
                found.append(RUN)
    if outcome.next:
        found.append(f"storylet:{outcome.next}")
    return found


def choice_branches(choice: Choice) -> list[tuple[str, Outcome | Choice]]:
    """A choice's outcomes with the edge label of each: one, or a check's two."""
    label = choice.id + (f" if {short(choice.when)}" if choice.when else "")
    if choice.check is None:
        return [(label, choice)]
    odds = odds_text(choice.check.odds)
    return [(f"{label}, odds {odds}: success", choice.check.success),
            (f"{label}: failure", choice.check.failure)]


def storylet_group(storylet: Storylet) -> str:
    """The outline's heading for a storylet: its phase, then where it can fire."""
    where = []
    if storylet.places:
        where.append("at " + ", ".join(storylet.places))
    if storylet.terrains:
        where.append("on " + ", ".join(storylet.terrains))
    return PHASES[storylet.phase] + (", " + "; ".join(where) if where else "")


def build_graph(scenario: Scenario) -> ScenarioGraph:
    """Every node and edge of the scenario, in the order of the file."""
    graph = ScenarioGraph(to_plain(scenario.meta.title))
    _add_route(graph, scenario)
    _add_systems(graph, scenario)
    for storylet in scenario.storylets:
        key = f"storylet:{storylet.id}"
        graph.add(Node(key, to_plain(storylet.title), "storylet", PHASES[storylet.phase]))
        for place in storylet.places:
            graph.link(f"place:{place}", key, "fires here", system=True)
        for choice in storylet.choices:
            for label, outcome in choice_branches(choice):
                for target in outcome_targets(outcome):
                    graph.link(key, target, label)
    for encounter in scenario.encounters:
        key = f"encounter:{encounter.id}"
        graph.add(Node(key, to_plain(encounter.name), "encounter", "Encounters"))
        for place in encounter.places:
            graph.link(f"place:{place}", key, "met here", system=True)
        branches = [(f"approach, {who}", outcome) for who, outcome in encounter.approach.items()]
        for label, outcome in [*branches, ("avoid", encounter.avoid)]:
            for target in outcome_targets(outcome):
                graph.link(key, target, label)
    for ending in scenario.endings:
        graph.add(Node(f"ending:{ending.id}", f"{to_plain(ending.title)} ({ending.kind})",
                       "ending", "Endings"))
    return graph


def _add_route(graph: ScenarioGraph, scenario: Scenario) -> None:
    for place in scenario.places:
        kind = "checkpoint" if place.checkpoint else "place"
        start = ", start" if place.id == scenario.start else ""
        graph.add(Node(f"place:{place.id}", f"{to_plain(place.name)} ({place.kind}{start})",
                       kind, "Route"))
        if place.ending:
            graph.link(f"place:{place.id}", f"ending:{place.ending}", "arriving")
        if place.checkpoint:
            graph.link(f"place:{place.id}", f"ending:{scenario.endings_for.captured}",
                       "caught at the post", system=True)
    for leg in scenario.legs:
        label = f"{leg.km:g} km, {leg.terrain}"
        if leg.crossing:
            label += f", crossing {short(leg.crossing.name)}"
            graph.link(f"place:{leg.from_}", f"ending:{leg.crossing.ending}",
                       f"{short(leg.crossing.name)} fails: {odds_text(leg.crossing.difficulty)}",
                       system=True)
        graph.link(f"place:{leg.from_}", f"place:{leg.to}", label)


def _add_systems(graph: ScenarioGraph, scenario: Scenario) -> None:
    graph.add(Node(RUN, "On the run", "run", "Route"))
    graph.link(RUN, f"place:{scenario.start}", "sets out", system=True)
    for cause in CAUSES:
        ending = getattr(scenario.endings_for, cause)
        if ending:
            graph.link(RUN, f"ending:{ending}", cause, system=True)


# --- Mermaid -------------------------------------------------------------------------------

_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;",
                     "`": "#96;", "|": "#124;", ";": "#59;", "\\": "#92;"}
_MERMAID_SHAPES = {"place": '["{}"]', "checkpoint": '{{{{"{}"}}}}', "storylet": '("{}")',
                   "encounter": '[/"{}"/]', "ending": '(["{}"])', "run": '(("{}"))'}


def mermaid_text(text: str) -> str:
    """A label for a quoted Mermaid string: its special characters as entity codes."""
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in " ".join(text.split()))


class NodeIds:
    """Safe, unique node ids (``[A-Za-z0-9_]+``) for node keys, kept stable within a graph."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._taken: set[str] = set()

    def __getitem__(self, key: str) -> str:
        if key not in self._ids:
            base = "n_" + re.sub(r"[^A-Za-z0-9]", "_", key)
            candidate, number = base, 1
            while candidate in self._taken:
                number += 1
                candidate = f"{base}_{number}"
            self._taken.add(candidate)
            self._ids[key] = candidate
        return self._ids[key]


def _groups(graph: ScenarioGraph) -> dict[str, list[Node]]:
    groups: dict[str, list[Node]] = {}
    for node in graph.nodes.values():
        groups.setdefault(node.group, []).append(node)
    return groups


def to_mermaid(graph: ScenarioGraph) -> str:
    ids = NodeIds()
    lines = ["flowchart LR", f"  %% {mermaid_text(graph.title)}"]
    for number, (group, nodes) in enumerate(_groups(graph).items(), 1):
        lines.append(f'  subgraph group_{number}["{mermaid_text(group)}"]')
        for node in nodes:
            shape = _MERMAID_SHAPES[node.kind].format(mermaid_text(node.label))
            lines.append(f"    {ids[node.key]}{shape}")
        lines.append("  end")
    for edge in _drawn_edges(graph):
        arrow = "-.->" if edge.system else "-->"
        lines.append(f'  {ids[edge.source]} {arrow}|"{mermaid_text(edge.label)}"| '
                     f"{ids[edge.target]}")
    checkpoints = [ids[n.key] for n in graph.nodes.values() if n.kind == "checkpoint"]
    if checkpoints:
        lines.append("  classDef checkpoint stroke-width:3px,stroke-dasharray:4 2")
        lines.append(f"  class {','.join(checkpoints)} checkpoint")
    return "\n".join(lines) + "\n"


def _drawn_edges(graph: ScenarioGraph) -> Iterator[Edge]:
    """Edges between declared nodes: a loaded scenario has no others, but a diagram must
    never name an undeclared node, whatever it is given."""
    for edge in graph.edge_list():
        if edge.source in graph.nodes and edge.target in graph.nodes:
            yield edge


# --- Graphviz DOT --------------------------------------------------------------------------

_DOT_SHAPES = {"place": "box", "checkpoint": "hexagon", "storylet": "box", "encounter":
               "parallelogram", "ending": "doubleoctagon", "run": "circle"}
_DOT_STYLES = {"storylet": "rounded", "checkpoint": "bold"}


def dot_text(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, on one line."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: ScenarioGraph) -> str:
    ids = NodeIds()
    lines = [f"digraph {dot_text(graph.title)} {{", "  rankdir=LR;",
             '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']
    for number, (group, nodes) in enumerate(_groups(graph).items(), 1):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={dot_text(group)};")
        for node in nodes:
            style = _DOT_STYLES.get(node.kind)
            extra = f", style={style}" if style else ""
            lines.append(f"    {ids[node.key]} [label={dot_text(node.label)}, "
                         f"shape={_DOT_SHAPES[node.kind]}{extra}];")
        lines.append("  }")
    for edge in _drawn_edges(graph):
        style = ", style=dashed" if edge.system else ""
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]} "
                     f"[label={dot_text(edge.label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- the outline ---------------------------------------------------------------------------


def _target_words(key: str, scenario: Scenario) -> str:
    kind, _, ident = key.partition(":")
    if key == RUN:
        return "the run"
    if kind == "ending":
        ending = next((e for e in scenario.endings if e.id == ident), None)
        return f"ending {ident}" + (f" ({ending.kind})" if ending else "")
    return f"{kind} {ident}"


def _leads_to(outcome: Outcome | Choice, scenario: Scenario) -> str:
    targets = outcome_targets(outcome)
    if not targets:
        return "back to the day"
    return ", ".join(_target_words(key, scenario) for key in targets)


def to_outline(scenario: Scenario, graph: ScenarioGraph) -> str:
    """The scenario as an indented outline: route, the systems' endings, storylets,
    encounters, then each ending with what leads to it."""
    lines = [f"{graph.title} ({scenario.meta.id})", ""]
    lines += _route_outline(scenario)
    lines += ["", "On the run, the systems end the game"]
    by_ending: dict[str, list[str]] = {}
    for cause in CAUSES:
        ending = getattr(scenario.endings_for, cause)
        if ending:
            by_ending.setdefault(ending, []).append(cause)
    for ending, causes in by_ending.items():
        lines.append(f"  {', '.join(causes)} → {_target_words('ending:' + ending, scenario)}")
    lines += ["", "Storylets"]
    groups: dict[str, list[Storylet]] = {}
    for storylet in scenario.storylets:
        groups.setdefault(storylet_group(storylet), []).append(storylet)
    for heading, storylets in groups.items():
        lines.append(f"  {heading}")
        for storylet in storylets:
            lines += _storylet_outline(storylet, scenario)
    if scenario.encounters:
        lines += ["", "Encounters"]
    for encounter in scenario.encounters:
        where = f" (at {', '.join(encounter.places)})" if encounter.places else ""
        lines.append(f"  {encounter.id} — {to_plain(encounter.name)}{where}")
        for who, outcome in encounter.approach.items():
            lines.append(f"    approach, {who} → {_leads_to(outcome, scenario)}")
        lines.append(f"    avoid → {_leads_to(encounter.avoid, scenario)}")
    lines += ["", "Endings"]
    for ending in scenario.endings:
        key = f"ending:{ending.id}"
        reached = [_source_words(source) for source in graph.sources_of(key)]
        lines.append(f"  {ending.id} ({ending.kind}): {to_plain(ending.title)}")
        lines.append("    reached from: " + (", ".join(reached) if reached else "nothing"))
    return "\n".join(lines) + "\n"


def _source_words(key: str) -> str:
    return "the run" if key == RUN else key.replace(":", " ", 1)


def _route_outline(scenario: Scenario) -> list[str]:
    lines = [f"Route (start: {scenario.start})"]
    vehicles = plural(to_plain(scenario.checkpoints.vehicle_name))
    for place in scenario.places:
        marks = [place.kind] + (["belt"] if place.belt else [])
        lines.append(f"  {place.id} — {to_plain(place.name)} [{', '.join(marks)}]")
        if place.checkpoint:
            post = place.checkpoint
            ways = [f"strength {post.strength:g}",
                    f"around: {post.bypass_km:g} km of {post.bypass_terrain}"]
            ways += [vehicles] * post.vehicles + ["bribes"] * post.bribable
            lines.append(f"    checkpoint: {'; '.join(ways)}; failing → "
                         + _target_words(f"ending:{scenario.endings_for.captured}", scenario))
        for leg in scenario.legs:
            if leg.from_ != place.id:
                continue
            text = f"    → {leg.to} by {leg.id}: {leg.km:g} km, {leg.terrain}"
            if leg.crossing:
                crossing = leg.crossing
                text += (f"; crossing {to_plain(crossing.name)} (fails "
                         f"{odds_text(crossing.difficulty)} → "
                         f"{_target_words('ending:' + crossing.ending, scenario)})")
            lines.append(text)
        if place.ending:
            lines.append(f"    arriving → {_target_words('ending:' + place.ending, scenario)}")
    return lines


def _storylet_outline(storylet: Storylet, scenario: Scenario) -> list[str]:
    details = []
    if storylet.when:
        details.append(f"when {' '.join(storylet.when.split())}")
    if storylet.priority:
        details.append(f"priority {storylet.priority}")
    if not storylet.once:
        details.append("repeats")
    suffix = f" ({'; '.join(details)})" if details else ""
    lines = [f"    {storylet.id} — {to_plain(storylet.title)}{suffix}"]
    for choice in storylet.choices:
        head = f"      {choice.id}: {to_plain(choice.label)}"
        if choice.when:
            head += f" [when {' '.join(choice.when.split())}]"
        if choice.check is None:
            lines.append(f"{head} → {_leads_to(choice, scenario)}")
            continue
        lines.append(f"{head} — check, odds {' '.join(str(choice.check.odds).split())}")
        lines.append(f"        success → {_leads_to(choice.check.success, scenario)}")
        lines.append(f"        failure → {_leads_to(choice.check.failure, scenario)}")
    return lines


# --- the command ---------------------------------------------------------------------------

FORMATS = ("mermaid", "dot", "text")


def render(scenario: Scenario, form: str) -> str:
    """The scenario's graph in one of :data:`FORMATS`."""
    graph = build_graph(scenario)
    if form == "mermaid":
        return to_mermaid(graph)
    if form == "dot":
        return to_dot(graph)
    return to_outline(scenario, graph)
