"""The safe condition language for scenario files.

Authors write small expressions such as ``hunger >= 60 and season == "summer"`` for
conditions, weights and odds. A file from a stranger must never run code, so an expression
is parsed by :func:`ast.parse` (which only builds a tree), every node is checked against a
short whitelist, names and types are checked against the scenario's vocabulary, and the
tree is compiled once, at load, into plain closures. Nothing is ever passed to ``eval``.

The language: numbers, strings, ``True``/``False``; names (``hunger``, ``skill.woodcraft``);
``+ - * /`` (division by zero gives 0); comparisons, chained or not; ``in`` / ``not in`` a
list of literals; ``and``, ``or``, ``not``; ``A if COND else B``; and the functions
``min``, ``max``, ``abs``, ``round`` and ``clamp(x, low, high)``.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from gulag_escape.untrusted import find_control

MAX_LENGTH = 400
"""Longer expressions are refused before parsing: they bound parse time and nesting depth."""

Value = float | bool | str
Env = Mapping[str, Any]
"""What a compiled expression reads its names from, unless it was compiled with ``read``."""
Evaluator = Callable[[Any], Any]
"""A compiled expression or part of one: called with an :data:`Env`, or with whatever the
``read`` functions given to :func:`compile_expression` take (the engine's ``World``)."""


class Kind(Enum):
    """The three types a value can have."""

    NUM = "number"
    BOOL = "true/false"
    STR = "text"


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What a name means: its type and, for text, the values it can take."""

    kind: Kind
    domain: frozenset[str] = frozenset()
    doc: str = ""


class ExpressionError(ValueError):
    """A bad expression; ``column`` is 0-based within the expression text."""

    def __init__(self, message: str, column: int = 0, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


@dataclass(frozen=True)
class Expression:
    """A compiled expression: call it with an environment mapping names to values."""

    text: str
    kind: Kind
    names: frozenset[str]
    run: Evaluator = field(repr=False, compare=False)

    def __call__(self, env: Env) -> Any:
        return self.run(env)


_ARITHMETIC: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else 0.0,
}
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_FUNCTIONS: dict[str, tuple[int, int, Callable[..., float]]] = {
    # name: (fewest arguments, most arguments, implementation)
    "min": (2, 8, min),
    "max": (2, 8, max),
    "abs": (1, 1, abs),
    "round": (1, 1, lambda x: float(round(x)) if math.isfinite(x) else x),
    "clamp": (3, 3, lambda x, low, high: max(low, min(high, x))),
}
_ALIASES = {"true": True, "false": False, "True": True, "False": False}
_BLANK = " \t\r\n"


def compile_expression(text: str, names: Mapping[str, NameInfo], expect: Kind, *,
                       read: Callable[[str], Evaluator] | None = None) -> Expression:
    """Parse, check and compile ``text``; raise :class:`ExpressionError` on any problem.

    By default the compiled expression reads each name from the mapping it is called with
    (``env[name]``). ``read`` instead gives, for a name, the function that reads it from
    whatever the expression is called with: the engine passes its getters, so that a name
    costs one call rather than a look-up through a mapping (the simulator reads millions).
    """
    if not isinstance(text, str):
        raise ExpressionError("an expression must be text")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}",
            hint="split the condition into flags set by effects",
        )
    # Only plain spaces and line breaks are trimmed: str.strip() would also drop control
    # characters such as U+001F, which must be refused. A YAML block scalar (``when: >``)
    # leaves a trailing line break.
    stripped = text.strip(_BLANK)
    indent = len(text) - len(text.lstrip(_BLANK))
    bad = find_control(stripped, allow="\t")  # tab is the only one allowed
    if bad:
        if bad in "\r\n":
            raise ExpressionError("an expression must be on one line",
                                  indent + stripped.index(bad),
                                  "write it as plain text after the key, or use >- in YAML")
        raise ExpressionError(
            f"expression contains the control character U+{ord(bad):04X}",
            indent + stripped.index(bad),
        )
    if not stripped:
        raise ExpressionError("expression is empty")
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as error:
        column = indent + max(0, (error.offset or 1) - 1)
        raise ExpressionError(f"cannot read this expression: {error.msg}", column) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("expression is nested too deeply") from None
    compiler = _Compiler(names, stripped, indent, read)
    try:
        kind, run = compiler.compile(tree.body)
    except RecursionError:
        raise ExpressionError("expression is nested too deeply") from None
    if kind is not expect:
        raise ExpressionError(
            f"expression gives {kind.value}, but {expect.value} is needed here",
            hint=_kind_hint(expect),
        )
    return Expression(stripped, kind, frozenset(compiler.used), run)


def _kind_hint(expect: Kind) -> str:
    if expect is Kind.BOOL:
        return 'compare something, e.g. "hunger >= 60"'
    if expect is Kind.NUM:
        return 'write a number or arithmetic, e.g. "0.5 - alert / 200"'
    return "write a quoted text value"


class _Compiler:
    """Walks a checked tree once and returns (kind, closure) for each node."""

    def __init__(self, names: Mapping[str, NameInfo], source: str, indent: int,
                 read: Callable[[str], Evaluator] | None = None) -> None:
        self.names = names
        self.read = read
        self.constants: dict[Evaluator, Any] = {}
        """The value of each evaluator that always gives the same one: folded into the
        operations that use it, so that evaluating ``0.5 * x`` is one call, not three."""
        self.source = source.encode()
        self.indent = indent
        self.used: set[str] = set()

    def fail(self, node: ast.AST, message: str, hint: str = "") -> ExpressionError:
        """An error at ``node``; the parser counts columns in UTF-8 bytes, authors in letters."""
        offset = getattr(node, "col_offset", 0)
        column = len(self.source[:offset].decode("utf-8", errors="ignore"))
        return ExpressionError(message, self.indent + column, hint)

    def compile(self, node: ast.AST) -> tuple[Kind, Evaluator]:
        method: Callable[[Any], tuple[Kind, Evaluator]] | None = getattr(
            self, f"_{type(node).__name__}", None
        )
        if method is None:
            raise self.fail(
                node,
                f"'{_describe(node)}' is not allowed in scenario expressions",
                "use names, numbers, quoted text, comparisons, and/or/not, + - * /, "
                "if/else and min/max/abs/round/clamp",
            )
        return method(node)

    def constant(self, kind: Kind, value: Any) -> tuple[Kind, Evaluator]:
        def run(env: Env) -> Any:
            return value

        self.constants[run] = value
        return kind, run

    def folded(self, kind: Kind, run: Evaluator, *parts: Evaluator) -> tuple[Kind, Evaluator]:
        """``run``, or its value as a constant when every part it reads is one."""
        if all(part in self.constants for part in parts):
            return self.constant(kind, run({}))
        return kind, run

    def _Constant(self, node: ast.Constant) -> tuple[Kind, Evaluator]:
        value = node.value
        if isinstance(value, bool):
            return self.constant(Kind.BOOL, value)
        if isinstance(value, int | float):
            try:
                number = float(value)
            except OverflowError:  # an integer of 309 digits or more
                raise self.fail(node, "this number is too large") from None
            return self.constant(Kind.NUM, number)
        if isinstance(value, str):
            return self.constant(Kind.STR, value)
        raise self.fail(node, f"the value {value!r} is not allowed")

    def _Name(self, node: ast.Name) -> tuple[Kind, Evaluator]:
        if node.id in _ALIASES:
            return self.constant(Kind.BOOL, _ALIASES[node.id])
        return self._lookup(node, node.id)

    def _Attribute(self, node: ast.Attribute) -> tuple[Kind, Evaluator]:
        if not isinstance(node.value, ast.Name):
            raise self.fail(node, "only one dot is allowed in a name, e.g. skill.woodcraft")
        return self._lookup(node, f"{node.value.id}.{node.attr}")

    def _lookup(self, node: ast.AST, name: str) -> tuple[Kind, Evaluator]:
        info = self.names.get(name)
        if info is None:
            raise self.fail(node, f"unknown name '{name}'", _suggest(name, self.names))
        self.used.add(name)
        if self.read is not None:
            return info.kind, self.read(name)
        return info.kind, operator.itemgetter(name)  # env[name], without a Python frame

    def _BoolOp(self, node: ast.BoolOp) -> tuple[Kind, Evaluator]:
        parts = [self._expect(value, Kind.BOOL, "and/or") for value in node.values]
        # Folded into nested pairs: a closure call per operand, no generator per evaluation.
        run = parts[-1]
        for part in reversed(parts[:-1]):
            run = _both(part, run) if isinstance(node.op, ast.And) else _either(part, run)
        return Kind.BOOL, run

    def _UnaryOp(self, node: ast.UnaryOp) -> tuple[Kind, Evaluator]:
        if isinstance(node.op, ast.Not):
            inner = self._expect(node.operand, Kind.BOOL, "not")
            return self.folded(Kind.BOOL, lambda env: not inner(env), inner)
        if isinstance(node.op, ast.USub | ast.UAdd):
            inner = self._expect(node.operand, Kind.NUM, "a sign")
            if isinstance(node.op, ast.UAdd):
                return Kind.NUM, inner
            return self.folded(Kind.NUM, lambda env: -inner(env), inner)
        raise self.fail(node, "this operator is not allowed")

    def _BinOp(self, node: ast.BinOp) -> tuple[Kind, Evaluator]:
        function = _ARITHMETIC.get(type(node.op))
        if function is None:
            raise self.fail(node, "only + - * / are allowed for arithmetic")
        left = self._expect(node.left, Kind.NUM, "arithmetic")
        right = self._expect(node.right, Kind.NUM, "arithmetic")
        if right in self.constants and left not in self.constants:
            b = self.constants[right]
            return Kind.NUM, lambda env: function(left(env), b)
        if left in self.constants and right not in self.constants:
            a = self.constants[left]
            return Kind.NUM, lambda env: function(a, right(env))
        return self.folded(Kind.NUM, lambda env: function(left(env), right(env)), left, right)

    def _IfExp(self, node: ast.IfExp) -> tuple[Kind, Evaluator]:
        test = self._expect(node.test, Kind.BOOL, "the condition of if/else")
        kind, then = self.compile(node.body)
        otherwise = self._expect(node.orelse, kind, "both branches of if/else")
        if then in self.constants and otherwise in self.constants:
            a, b = self.constants[then], self.constants[otherwise]
            return self.folded(kind, lambda env: a if test(env) else b, test)
        return self.folded(kind, lambda env: then(env) if test(env) else otherwise(env),
                           test, then, otherwise)

    def _Call(self, node: ast.Call) -> tuple[Kind, Evaluator]:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in _FUNCTIONS or node.keywords:
            raise self.fail(node, "only min, max, abs, round and clamp can be called")
        fewest, most, function = _FUNCTIONS[name]
        if not fewest <= len(node.args) <= most:
            raise self.fail(node, f"{name} takes {fewest} to {most} arguments")
        args = [self._expect(arg, Kind.NUM, name) for arg in node.args]
        run: Evaluator
        if len(args) == 1:
            (a,) = args
            run = lambda env: function(a(env))  # noqa: E731
        elif len(args) == 2:
            a, b = args
            run = lambda env: function(a(env), b(env))  # noqa: E731
        else:
            run = lambda env: function(*[arg(env) for arg in args])  # noqa: E731
        return self.folded(Kind.NUM, run, *args)

    def _Compare(self, node: ast.Compare) -> tuple[Kind, Evaluator]:
        steps: list[Evaluator] = []
        left_node = node.left
        left_kind: Kind | None
        left: Evaluator | None
        left_kind, left = self.compile(left_node)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                steps.append(self._membership(op, left_node, left_kind, left, right_node))
                left_node, left_kind, left = right_node, None, None
                continue
            if left is None or left_kind is None:
                raise self.fail(right_node, "a list can only stand on the right of 'in'")
            function = _COMPARE.get(type(op))
            if function is None:
                raise self.fail(node, "use == != < <= > >= in or not in to compare")
            right_kind, right = self.compile(right_node)
            if right_kind is not left_kind:
                raise self.fail(
                    right_node,
                    f"cannot compare {left_kind.value} with {right_kind.value}",
                )
            if isinstance(op, _ORDERING) and left_kind is not Kind.NUM:
                raise self.fail(node, f"< and > compare numbers, not {left_kind.value}")
            self._check_domain(left_node, right_node)
            self._check_domain(right_node, left_node)
            if isinstance(right_node, ast.Constant):
                # The common case, `hunger >= 60`: the constant is read once, at compile time.
                steps.append(_against_constant(type(op), left, right({})))
            else:
                steps.append(_apply(function, left, right))
            left_node, left_kind, left = right_node, right_kind, right
        if len(steps) == 1:
            return Kind.BOOL, steps[0]
        return Kind.BOOL, lambda env: all(step(env) for step in steps)

    def _membership(
        self,
        op: ast.cmpop,
        left_node: ast.AST,
        left_kind: Kind | None,
        left: Evaluator | None,
        right_node: ast.AST,
    ) -> Evaluator:
        if left is None or left_kind is None:
            raise self.fail(right_node, "a list can only stand on the right of 'in'")
        if not isinstance(right_node, ast.List | ast.Tuple):
            raise self.fail(right_node, "'in' needs a list of values, e.g. [\"june\", \"july\"]")
        values = []
        for element in right_node.elts:
            literal = _signed_number(element) or element
            if not isinstance(literal, ast.Constant) or isinstance(literal.value, bool):
                raise self.fail(element, "a list may hold only numbers or quoted text")
            kind, run = self._Constant(literal)
            if kind is not left_kind:
                raise self.fail(element, f"this list holds {kind.value}, not {left_kind.value}")
            self._check_domain(left_node, element)
            values.append(run({}))
        members = frozenset(values)
        if isinstance(op, ast.In):
            return lambda env: left(env) in members
        return lambda env: left(env) not in members

    def _check_domain(self, name_node: ast.AST, value_node: ast.AST) -> None:
        """A text name compared with a literal must be compared with one of its values."""
        name = name_of(name_node)
        if name is None or not isinstance(value_node, ast.Constant):
            return
        info = self.names.get(name)
        if info and info.domain and value_node.value not in info.domain:
            known = ", ".join(sorted(info.domain))
            raise self.fail(
                value_node, f"'{name}' is never {value_node.value!r}", f"it is one of: {known}"
            )

    def _expect(self, node: ast.AST, kind: Kind, where: str) -> Evaluator:
        got, run = self.compile(node)
        if got is not kind:
            raise self.fail(node, f"{where} needs {kind.value}, but this is {got.value}")
        return run


def _both(a: Evaluator, b: Evaluator) -> Evaluator:
    """``a and b`` as one closure: no generator per evaluation."""
    return lambda env: bool(a(env)) and bool(b(env))


def _either(a: Evaluator, b: Evaluator) -> Evaluator:
    """``a or b`` as one closure."""
    return lambda env: bool(a(env)) or bool(b(env))


def _apply(function: Callable[[Any, Any], Any], a: Evaluator, b: Evaluator) -> Evaluator:
    """``function(a, b)`` for a comparison whose right side is not a constant."""
    return lambda env: function(a(env), b(env))


def _against_constant(op: type, left: Evaluator, c: Any) -> Evaluator:
    """``left OP c`` written out: an operator in the closure, not a call of ``operator.ge``
    (conditions are most of what the engine evaluates)."""
    if op is ast.Eq:
        return lambda env: left(env) == c
    if op is ast.NotEq:
        return lambda env: left(env) != c
    if op is ast.Lt:
        return lambda env: left(env) < c
    if op is ast.LtE:
        return lambda env: left(env) <= c
    if op is ast.Gt:
        return lambda env: left(env) > c
    return lambda env: left(env) >= c


def _signed_number(node: ast.AST) -> ast.Constant | None:
    """``-1`` in a list is a number to the author, a minus applied to 1 to the parser."""
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub | ast.UAdd)
        and isinstance(node.operand, ast.Constant)
        and isinstance(node.operand.value, int | float)
        and not isinstance(node.operand.value, bool)
    ):
        value = node.operand.value
        return ast.Constant(-value if isinstance(node.op, ast.USub) else value,
                            col_offset=node.col_offset)
    return None


def name_of(node: ast.AST) -> str | None:
    """The dotted name a node reads (``hunger``, ``skill.woodcraft``), or None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _describe(node: ast.AST) -> str:
    try:
        return ast.unparse(node)[:40]
    except (ValueError, RecursionError, AttributeError):
        return type(node).__name__


def _suggest(name: str, names: Mapping[str, NameInfo]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(close) + "?"
    prefix = name.split(".", 1)[0] + "."
    family = sorted(known for known in names if known.startswith(prefix))
    if family:
        return "known: " + ", ".join(family[:8])
    return "declare it under stats:, flags:, items: or skills:, or see docs/scenario-format.md"
