"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser builds the node tree (each node knows its line); we then build plain
Python values from the nodes ourselves instead of using PyYAML's constructor, so that we
can refuse duplicate keys, unknown tags, deep nesting and alias bombs with a located
message, and keep the node tree to turn a validation error's path into a file:line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gulag_escape.errors import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, still safe
    _Loader = yaml.SafeLoader

MAX_BYTES = 8 * 1024 * 1024
"""Larger files are refused unread: a scenario is prose, not a data dump."""
MAX_DEPTH = 64
MAX_NODES = 2_000_000
"""Values built, counting every repetition through aliases: stops alias bombs early."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YamlProblem(Exception):
    """A problem found while reading; carries one located :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Document:
    """A parsed YAML file: its plain value and its node tree for locating errors."""

    path: str
    value: Any
    root: yaml.Node


@dataclass
class _Builder:
    path: str
    constructor: Any
    count: int = 0
    seen: set[int] = field(default_factory=set)

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> YamlProblem:
        mark = node.start_mark
        return YamlProblem(Problem(self.path, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.problem(
                node,
                "the file expands to too many values (an alias bomb?)",
                "use anchors and aliases sparingly",
            )
        if depth > MAX_DEPTH:
            raise self.problem(node, f"values are nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self._tag(node)
            return [self.build(child, depth + 1) for child in node.value]
        if node.tag not in _SCALAR_TAGS:
            raise self._tag(node)
        value = self.constructor.construct_object(node, deep=True)
        if isinstance(value, dt.datetime):
            return value.date()
        return value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _MAP_TAG:
            raise self._tag(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.problem(key_node, "merge keys (<<) are not supported")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.problem(key_node, "a key must be plain text")
            key = key_node.value
            if key in result:
                raise self.problem(
                    key_node, f"the key '{key}' appears twice in this mapping", "keep one of them"
                )
            result[key] = self.build(value_node, depth + 1)
        return result

    def _tag(self, node: yaml.Node) -> YamlProblem:
        return self.problem(
            node,
            f"the tag {node.tag} is not allowed",
            "scenario files hold plain text, numbers, lists and mappings only",
        )


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read one YAML file safely; raise :class:`YamlProblem` with a location on any problem."""
    shown = display or str(path)

    def fail(message: str, hint: str = "", line: int = 0, column: int = 0) -> YamlProblem:
        return YamlProblem(Problem(shown, line, column, message, hint))

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(
                f"the file is {size / 1e6:.1f} MB; scenario files are limited to "
                f"{MAX_BYTES // (1024 * 1024)} MB",
                "split it into parts listed under include:",
            )
        data = path.read_bytes()
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}") from None
    if b"\0" in data:
        raise fail("this is a binary file, not YAML text", "scenario files are UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise fail("the file is not valid UTF-8", "save it as UTF-8", line, 1) from None
    if not text.strip():
        raise fail("the file is empty", "start from `gulag-escape new NAME` or docs/authoring.md")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise fail("the file holds no YAML document")
        value = _Builder(shown, loader).build(root, 0)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = error.problem or str(error)
        hint = ""
        if "\t" in message or "tab" in message.lower():
            hint = "YAML indents with spaces, never tabs"
        elif error.context:
            hint = error.context
        raise fail(f"YAML syntax: {message}", hint, line, column) from None
    except yaml.YAMLError as error:
        raise fail(f"YAML syntax: {error}") from None
    except RecursionError:
        raise fail(f"values are nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()
    return Document(shown, value, root)


def locate(root: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """The (line, column) of the deepest node along ``loc``; parts that are not keys are skipped.

    Pydantic's error locations include union tags and aliases that are not in the file, so a
    part that does not lead anywhere is skipped rather than ending the walk.
    """
    node = root
    for part in loc:
        child = _child(node, part)
        if child is not None:
            node = child
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and (
        0 <= part < len(node.value)
    ):
        return node.value[part]
    return None


def key_node(root: yaml.Node, loc: tuple[Any, ...]) -> Iterator[yaml.Node]:
    """The key nodes of the mapping at ``loc``, to point at an unknown key itself."""
    node = root
    for part in loc:
        child = _child(node, part)
        if child is None:
            return
        node = child
    if isinstance(node, yaml.MappingNode):
        yield from (key for key, _ in node.value)
