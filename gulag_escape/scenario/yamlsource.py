"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser builds the node tree (each node knows its line); we then build plain
Python values from the nodes ourselves instead of using PyYAML's constructor, so that we
can refuse duplicate keys, unknown tags, deep nesting, alias bombs and terminal control
characters with a located message, and keep the node tree to turn a validation error's
path into a file:line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from gulag_escape.errors import Problem
from gulag_escape.files import MAX_BYTES, FileRefused, read_bytes
from gulag_escape.untrusted import find_control

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: slower, still safe
    # The pure-Python loader has the C one's interface; the stubs type them as two classes.
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_NODES = 2_000_000
"""Values one value may expand to, counting every repetition through aliases: stops alias
bombs at the first value that grows too large, before it is expanded."""

_OPENERS = {
    "while scanning a quoted scalar": "quoted text",
    "while parsing a flow sequence": "[ list",
    "while parsing a flow mapping": "{ mapping",
}

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

_Resolvers = tuple[tuple[str, re.Pattern[str]], ...]
"""(tag, pattern) pairs, tried in order: PyYAML's stubs leave them untyped."""

_IMPLICIT: dict[str, _Resolvers] = {
    first: tuple(resolvers + _SafeLoader.yaml_implicit_resolvers.get(None, []))
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    if first is not None
}
"""The safe loader's implicit resolvers (bool, int, float, null, timestamp...) by the first
character of a plain scalar, each list already joined with the wildcard ones."""
_ANY_FIRST: _Resolvers = tuple(_SafeLoader.yaml_implicit_resolvers.get(None, []))


class _Loader(_SafeLoader):
    """The safe loader with a cheaper tag resolver; tags come out exactly the same.

    The C parser calls back into Python to resolve the tag of every node, and PyYAML's
    resolver builds a list of candidates each time and consults path resolvers that are
    never registered here. Resolving from a table built once makes composing the node tree
    about 15 % faster.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT.get(value[:1], _ANY_FIRST):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""


class YamlProblem(Exception):
    """A problem found while reading; carries one located :class:`Problem`."""

    def __init__(self, problem: Problem, alias: str | None = None) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.alias = alias
        """For an alias that names no anchor in its file: the name, so that the reader of a
        scenario folder can look for the anchor in the other files."""


class _Mark(Protocol):
    """A place in the text, as both PyYAML's Python and C parsers report it."""

    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


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
    built: dict[int, tuple[Any, int]] = field(default_factory=dict)
    """Each collection node built so far, with its expanded size: an alias is built once."""

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> YamlProblem:
        mark = node.start_mark
        return YamlProblem(Problem(self.path, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        """The plain value of ``node`` and the number of values it expands to."""
        if depth >= MAX_DEPTH:  # depth counts from 0: MAX_DEPTH levels in all
            raise self.problem(node, f"values are nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node), 1
        known = self.built.get(id(node))
        if known is not None:
            return known
        value: dict[str, Any] | list[Any]
        if isinstance(node, yaml.MappingNode):
            value, size = self._mapping(node, depth)
        else:
            value, size = self._sequence(node, depth)
        if size > MAX_NODES:
            raise self.problem(
                node,
                f"this value expands to {size:,} values through aliases (an alias bomb?)",
                "use anchors and aliases sparingly",
            )
        self.built[id(node)] = value, size
        return value, size

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG:
            # Most scalars are text; PyYAML's constructor would return node.value too, after
            # bookkeeping (recursion guards, a cache entry) that costs more than the rest.
            self._check_text(node, node.value)
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise self._tag(node)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            # PyYAML's constructors trust the resolver: "2023-02-30", a 5,000-digit number or
            # "!!bool maybe" raise plain Python errors that must not become a traceback.
            raise self.problem(
                node, f"cannot read {node.value[:40]!r} as {node.tag.rsplit(':', 1)[-1]}",
                "quote it to make it text",
            ) from None
        if isinstance(value, str):
            self._check_text(node, value)
        elif isinstance(value, dt.datetime):
            return value.date()
        return value

    def _check_text(self, node: yaml.Node, text: str) -> None:
        bad = find_control(text)
        if bad:
            raise self.problem(
                node,
                f"the text holds the control character U+{ord(bad):04X}",
                "remove it: terminal escape sequences and bidi overrides are not allowed",
            )

    def _sequence(self, node: yaml.Node, depth: int) -> tuple[list[Any], int]:
        if node.tag != _SEQ_TAG:
            raise self._tag(node)
        items, size = [], 1
        for child in node.value:
            item, item_size = self.build(child, depth + 1)
            items.append(item)
            size += item_size
        return items, size

    def _mapping(self, node: yaml.MappingNode, depth: int) -> tuple[dict[str, Any], int]:
        if node.tag != _MAP_TAG:
            raise self._tag(node)
        result: dict[str, Any] = {}
        size = 1
        previous: yaml.Node | None = None
        for key_node, value_node in node.value:
            if node.flow_style and _split_by_comma(previous, key_node, value_node):
                raise self._comma(previous, key_node)
            previous = value_node
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.problem(key_node, "merge keys (<<) are not supported")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.problem(key_node, "a key must be plain text")
            if key_node.tag not in _SCALAR_TAGS:
                raise self._tag(key_node)
            key = key_node.value
            self._check_text(key_node, key)
            if key in result:
                raise self.problem(
                    key_node, f"the key '{key}' appears twice in this mapping", "keep one of them"
                )
            result[key], value_size = self.build(value_node, depth + 1)
            size += value_size
        return result, size

    def _comma(self, text: Any, key_node: yaml.Node) -> YamlProblem:
        key = key_node.value
        return self.problem(
            key_node,
            f"YAML syntax: '{key}' stands alone in a {{ }} mapping, with no ': value' after it: "
            f"a comma in the unquoted text before it ('{text.value}, {key}') ended that text "
            "there, because a comma separates the entries of a { } mapping",
            f'quote the whole text: "{text.value}, {key}" (or write the mapping one key per '
            "line, where commas need no quotes)",
        )

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

    data = _read_bounded(path, fail)
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        raise fail("this is a binary file, not YAML text", "scenario files are UTF-8 text",
                   line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise fail("the file is not valid UTF-8", "save it as UTF-8", line, column) from None
    if not text.strip():
        raise fail("the file is empty", "start from `gulag-escape new NAME` or docs/authoring.md",
                   1, 1)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise fail("the file holds no YAML document, only comments", "", 1, 1)
        value, _ = _Builder(shown, loader).build(root, 0)
    except yaml.MarkedYAMLError as error:
        alias = _undefined_alias(text, error)
        if alias is not None:
            raise YamlProblem(_alias_problem(shown, error, alias), alias) from None
        raise YamlProblem(_syntax_problem(shown, text, error)) from None
    except yaml.YAMLError as error:
        raise fail(f"YAML syntax: {error}") from None
    except RecursionError:
        raise fail(f"values are nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()
    return Document(shown, value, root)


def _split_by_comma(previous: yaml.Node | None, key_node: yaml.Node,
                    value_node: yaml.Node) -> bool:
    """Whether a flow mapping's entry is a word cut off by a comma in the text before it:
    a key written without any colon (its empty value starts where the key ends) after an
    unquoted text, as ``{label: Run, fast, next: x}`` reads."""
    return (isinstance(previous, yaml.ScalarNode) and previous.tag == _STR_TAG
            and not previous.style and isinstance(value_node, yaml.ScalarNode)
            and value_node.value == "" and value_node.start_mark.index == key_node.end_mark.index
            and key_node.start_mark.line == previous.end_mark.line)


_ALIAS_NAME = re.compile(r"\*([^\s,\[\]{}]+)")


def _undefined_alias(text: str, error: yaml.MarkedYAMLError) -> str | None:
    """The alias's name when the error is an alias without an anchor (libyaml does not say)."""
    mark = error.problem_mark
    if mark is None or "undefined alias" not in (error.problem or ""):
        return None
    found = _ALIAS_NAME.match(text, mark.index)
    return found.group(1) if found else None


def _alias_problem(path: str, error: yaml.MarkedYAMLError, alias: str) -> Problem:
    mark = error.problem_mark
    assert mark is not None
    return Problem(
        path, mark.line + 1, mark.column + 1,
        f"YAML syntax: the alias '*{alias}' names no anchor: no value marked '&{alias}' comes "
        "before it in this file",
        f"mark the value it stands for with '&{alias}' above this line in the same file (an "
        "alias repeats a value written earlier), or write the value out here",
    )


def find_anchor(path: Path, name: str) -> tuple[int, int] | None:
    """The (line, column) where ``path`` marks a value with the anchor ``&name``, if it does.

    Used only when an alias in another file names no anchor: the events are read up to
    the anchor or to the first error, and a file that cannot be read has no anchor."""
    try:
        text = read_bytes(path, MAX_BYTES).decode("utf-8")
    except (FileRefused, UnicodeDecodeError):
        return None
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            if (mark is not None and getattr(event, "anchor", None) == name
                    and not isinstance(event, yaml.AliasEvent)):
                return mark.line + 1, mark.column + 1
    return None


def _read_bounded(path: Path, fail: Any) -> bytes:
    """The file's bytes through the one bounded reader, its refusals worded for authors."""
    try:
        return read_bytes(path, MAX_BYTES)
    except FileRefused as refused:
        if refused.kind in {"special", "folder"}:
            raise fail("this is not a regular file", "give a .yaml file or a folder") from None
        if refused.kind == "large":
            raise fail(_too_large(refused.size), _SPLIT, 1, 1) from None
        raise fail(f"cannot read the file: {refused.reason}") from None


_SPLIT = "split it into parts listed under include:"


def _too_large(size: int) -> str:
    return (f"the file is {size / 1e6:.1f} MB; scenario files are limited to "
            f"{MAX_BYTES // (1024 * 1024)} MB")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """Locate a syntax error where the author can fix it.

    A quote or bracket left open is noticed only where the file ends; the opening is then
    the useful place, so the problem is put there. Any other error inside a quote or
    bracket stays where YAML noticed it, and the hint names where the quote or bracket began.
    """
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = error.problem or str(error)
    opened: _Mark | None = error.context_mark
    opener = _OPENERS.get(error.context or "")
    at_end = mark is not None and not text[mark.index:].strip()
    if at_end and opener is None:
        opener, opened = _unclosed_flow(text)
    colon = _unquoted_colon(text, mark, in_flow=opener == "{ mapping")
    if colon is not None:
        return Problem(path, line, column, *colon)
    if opener and opened is not None:
        if at_end:
            return Problem(
                path, opened.line + 1, opened.column + 1,
                f"YAML syntax: the {opener} that starts here is never closed "
                f"(the file ends at line {line})",
                "close every quote, [ and { where its value ends",
            )
        return Problem(
            path, line, column, f"YAML syntax: {problem}",
            f"inside the {opener} that starts at line {opened.line + 1}, column "
            f"{opened.column + 1}: close it, and quote text that holds [ ] {{ }} , or :",
        )
    if "nesting depth" in problem:  # libyaml's own limit, far above ours
        return Problem(path, line, column, f"values are nested more than {MAX_DEPTH} levels deep",
                       "flatten the structure")
    if _is_tab(text, mark) or "tab" in problem:
        return Problem(path, line, column, "YAML syntax: a tab is used for indentation",
                       "YAML indents with spaces, never tabs")
    return Problem(path, line, column, f"YAML syntax: {problem}", error.context or "")


_KEYED_TEXT = re.compile(r"([A-Za-z_][\w-]*):[ \t]+([^:,{}\[\]\"'#]+)$")


def _unquoted_colon(text: str, mark: _Mark | None, *, in_flow: bool) -> tuple[str, str] | None:
    """(message, hint) when YAML stopped at a ': ' inside an unquoted text, as in
    ``label: Run: now`` (a key, then a text that holds a colon)."""
    if mark is None or not text.startswith(":", mark.index):
        return None
    start = text.rfind("\n", 0, mark.index) + 1
    found = _KEYED_TEXT.search(text[start:mark.index])
    if found is None:
        return None
    end = text.find("\n", mark.index)
    rest = text[mark.index:end if end >= 0 else len(text)]
    if in_flow:
        rest = re.split(r"[,}\]]", rest, maxsplit=1)[0]
    key, words = found.group(1), (found.group(2) + rest).strip()
    where = "in a { } mapping " if in_flow else ""
    return (f"YAML syntax: the text of '{key}' holds an unquoted ': ' {where}('{words}'), and "
            "YAML reads ': ' as the start of another key and value",
            f'quote the text: {key}: "{words}"')


def _unclosed_flow(text: str) -> tuple[str | None, _Mark | None]:
    """The innermost [ or { still open when the parser failed at the end of the file."""
    open_marks: list[tuple[str, _Mark | None]] = []
    # The parse fails where the error being reported is: what is open at that point is
    # what we want, so the error itself is expected here.
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                kind = "[ list" if isinstance(event, yaml.SequenceStartEvent) else "{ mapping"
                open_marks.append((kind, event.start_mark if event.flow_style else None))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                open_marks.pop()
    flows = [entry for entry in open_marks if entry[1] is not None]
    return flows[-1] if flows else (None, None)


def _is_tab(text: str, mark: _Mark | None) -> bool:
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t"


def locate(root: yaml.Node, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
    """The (line, column) of the deepest node along ``loc``; parts that are not keys are skipped.

    Pydantic's error locations include union tags and aliases that are not in the file, so a
    part that does not lead anywhere is skipped rather than ending the walk. ``key=True``
    points at the key itself rather than its value: an unknown key is on its own line, and
    a value that is missing keys is best found by the key that names it.
    """
    node, mark = root, root.start_mark
    for part in loc:
        found = _child(node, part)
        if found is not None:
            key_node, node = found
            mark = key_node.start_mark if key and key_node is not None else node.start_mark
    return mark.line + 1, mark.column + 1


_KEY_INDEX: weakref.WeakKeyDictionary[yaml.Node, dict[str, tuple[yaml.Node, yaml.Node]]] = (
    weakref.WeakKeyDictionary())
"""Each mapping node's keys, indexed on first use: locating every one of n problems in a
mapping of n keys must not take n × n steps (200,000 unknown keys once took minutes)."""


def _keys(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    index = _KEY_INDEX.get(node)
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            index.setdefault(key_node.value, (key_node, value_node))
        _KEY_INDEX[node] = index
    return index


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key, value) nodes ``part`` leads to; a sequence's items have no key node."""
    if isinstance(node, yaml.MappingNode):
        return _keys(node).get(part) if isinstance(part, str) else None
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and (
        0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None
