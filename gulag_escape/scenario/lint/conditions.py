"""Whether a condition can ever hold: a cheap interval analysis of the expression language.

Each name gets a *domain*, the values it can possibly take in some game: an interval of
numbers (with the finite set of values when there are few, like the months a game sees)
or a set of texts or truth values. A condition is walked once: ``and`` narrows the domains
one comparison after another, ``or`` keeps whatever any branch allows, ``not`` is pushed
inward. When a domain becomes empty no game can satisfy the condition. The analysis only
ever widens what it does not understand (arithmetic of two names, a comparison of two
names), so it can miss a dead condition but never calls a live one dead.

The expression text was checked and compiled at load; here it is parsed again with
:func:`ast.parse` only to read its shape. Nothing is evaluated.
"""

from __future__ import annotations

import ast
import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from gulag_escape.scenario.expressions import name_of

INF = math.inf


@dataclass(frozen=True, slots=True)
class Numbers:
    """The numbers a name can take: an interval, and the exact values when there are few."""

    lo: float = -INF
    hi: float = INF
    lo_open: bool = False
    hi_open: bool = False
    values: frozenset[float] | None = None

    @classmethod
    def of(cls, values: Iterable[float]) -> Numbers:
        found = frozenset(float(v) for v in values)
        return cls(min(found), max(found), values=found) if found else EMPTY

    @classmethod
    def between(cls, lo: float, hi: float) -> Numbers:
        return cls(float(lo), float(hi))

    @property
    def empty(self) -> bool:
        if self.values is not None and not self.values:
            return True
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def _bounded(self, lo: float, hi: float, lo_open: bool, hi_open: bool) -> Numbers:
        if lo > self.lo or (lo == self.lo and lo_open):
            low, low_open = lo, lo_open
        else:
            low, low_open = self.lo, self.lo_open
        if hi < self.hi or (hi == self.hi and hi_open):
            high, high_open = hi, hi_open
        else:
            high, high_open = self.hi, self.hi_open
        values = self.values
        if values is not None:
            values = frozenset(
                v for v in values
                if (v > low or (v == low and not low_open))
                and (v < high or (v == high and not high_open))
            )
        return Numbers(low, high, low_open, high_open, values)

    def compared(self, op: str, other: Numbers) -> Numbers:
        """The part of this domain for which ``self op x`` holds for some ``x`` in ``other``."""
        if other.empty:
            return EMPTY
        if op == "<":
            return self._bounded(-INF, other.hi, False, True)
        if op == "<=":
            return self._bounded(-INF, other.hi, False, other.hi_open)
        if op == ">":
            return self._bounded(other.lo, INF, True, False)
        if op == ">=":
            return self._bounded(other.lo, INF, other.lo_open, False)
        if op == "==":
            met = self._bounded(other.lo, other.hi, other.lo_open, other.hi_open)
            if other.values is not None:
                kept = other.values if met.values is None else met.values & other.values
                met = replace(met, values=frozenset(v for v in kept if met.lo <= v <= met.hi))
            return met
        if op == "!=" and other.point is not None:
            return self.without(other.point)
        return self

    @property
    def point(self) -> float | None:
        if self.values is not None and len(self.values) == 1:
            return next(iter(self.values))
        if self.lo == self.hi and not self.empty:
            return self.lo
        return None

    def without(self, value: float) -> Numbers:
        if self.point == value:
            return EMPTY
        if self.values is not None:
            return replace(self, values=self.values - {value})
        return self

    def among(self, values: frozenset[float], inside: bool) -> Numbers:
        if inside:
            return self.compared("==", Numbers.of(values)) if values else EMPTY
        result = self
        for value in values:
            result = result.without(value)
        return result

    def join(self, other: Numbers) -> Numbers:
        if self.empty:
            return other
        if other.empty:
            return self
        lo_open = (self.lo_open if self.lo < other.lo else other.lo_open if other.lo < self.lo
                   else self.lo_open and other.lo_open)
        hi_open = (self.hi_open if self.hi > other.hi else other.hi_open if other.hi > self.hi
                   else self.hi_open and other.hi_open)
        values = (self.values | other.values
                  if self.values is not None and other.values is not None else None)
        return Numbers(min(self.lo, other.lo), max(self.hi, other.hi), lo_open, hi_open, values)

    def describe(self) -> str:
        if self.empty:
            return "nothing"
        if self.values is not None and len(self.values) <= 6:
            return ", ".join(_number(v) for v in sorted(self.values))
        if self.lo == -INF and self.hi == INF:
            return "any number"
        if self.hi == INF:
            return f"{'above' if self.lo_open else 'at least'} {_number(self.lo)}"
        if self.lo == -INF:
            return f"{'below' if self.hi_open else 'at most'} {_number(self.hi)}"
        return f"between {_number(self.lo)} and {_number(self.hi)}"


@dataclass(frozen=True, slots=True)
class Choices:
    """The texts (or truth values) a name can take."""

    values: frozenset[str | bool]

    @property
    def empty(self) -> bool:
        return not self.values

    def join(self, other: Choices) -> Choices:
        return Choices(self.values | other.values)

    def describe(self) -> str:
        if not self.values:
            return "nothing"
        shown = sorted(_word(v) for v in self.values)
        return " or ".join(shown) if len(shown) <= 8 else ", ".join(shown[:8]) + "..."


Domain = Numbers | Choices
EMPTY = Numbers(INF, -INF)
TOP = Numbers()
Env = Mapping[str, Domain]
"""The domain of each name; a name missing from the mapping can take any value."""

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


def parse(text: str) -> ast.expr:
    """The tree of an expression already checked at load (never evaluated)."""
    return ast.parse(text.strip(" \t\r\n"), mode="eval").body


class Analysis:
    """Narrows domains along one condition; remembers which names ran dry."""

    def __init__(self) -> None:
        self.dry: set[str] = set()
        """Names whose domain became empty somewhere in the condition."""

    def holds(self, node: ast.expr, env: Env, positive: bool = True) -> dict[str, Domain] | None:
        """The domains under which ``node`` may be ``positive``; None when it never is."""
        if isinstance(node, ast.BoolOp):
            both = isinstance(node.op, ast.And) == positive
            if both:
                current: dict[str, Domain] | None = dict(env)
                for value in node.values:
                    current = self.holds(value, current, positive) if current is not None else None
                return current
            return _join_all(self.holds(value, env, positive) for value in node.values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.holds(node.operand, env, not positive)
        if isinstance(node, ast.IfExp):
            then = self.holds(node.test, env, True)
            otherwise = self.holds(node.test, env, False)
            return _join_all([
                self.holds(node.body, then, positive) if then is not None else None,
                self.holds(node.orelse, otherwise, positive) if otherwise is not None else None,
            ])
        if isinstance(node, ast.Compare):
            return self._compare(node, env, positive)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return dict(env) if node.value == positive else None
        name = name_of(node)
        if name in ("true", "True", "false", "False"):
            return dict(env) if (name.lower() == "true") == positive else None
        if name is not None:
            return self._narrow(env, name, Choices(frozenset({positive})))
        return dict(env)

    def _compare(self, node: ast.Compare, env: Env, positive: bool) -> dict[str, Domain] | None:
        lefts = [node.left, *node.comparators[:-1]]
        pairs = list(zip(lefts, node.ops, node.comparators, strict=True))
        if not positive and len(pairs) > 1:  # not (a < b < c): a >= b or b >= c
            return _join_all(self._pair(left, op, right, env, False) for left, op, right in pairs)
        current: dict[str, Domain] | None = dict(env)
        for left, op, right in pairs:
            if current is None:
                return None
            current = self._pair(left, op, right, current, positive)
        return current

    def _pair(self, left: ast.expr, op: ast.cmpop, right: ast.expr, env: Env,
              positive: bool) -> dict[str, Domain] | None:
        if isinstance(op, ast.In | ast.NotIn):
            inside = isinstance(op, ast.In) == positive
            return self._membership(left, right, env, inside)
        symbol = _OPS.get(type(op))
        if symbol is None:
            return dict(env)
        if not positive:
            symbol = _NEGATE[symbol]
        unchanged = dict(env)
        left_name, right_name = name_of(left), name_of(right)
        left_word, right_word = _word_literal(left), _word_literal(right)
        if left_name and right_word is not None:
            return self._narrow_word(unchanged, left_name, symbol, right_word)
        if right_name and left_word is not None:
            return self._narrow_word(unchanged, right_name, symbol, left_word)
        left_value, right_value = value(left, env), value(right, env)
        if left_value is None or right_value is None:
            return unchanged
        result: dict[str, Domain] | None = unchanged
        if left_name:
            result = self._narrow(unchanged, left_name, left_value.compared(symbol, right_value))
        if result is not None and right_name:
            result = self._narrow(result, right_name,
                                  right_value.compared(_FLIP[symbol], left_value))
        if (result is not None and not (left_name or right_name)
                and left_value.compared(symbol, right_value).empty):
            self.dry.update(_names_in(left) | _names_in(right))
            return None
        return result

    def _membership(self, left: ast.expr, right: ast.expr, env: Env,
                    inside: bool) -> dict[str, Domain] | None:
        name = name_of(left)
        if name is None or not isinstance(right, ast.List | ast.Tuple):
            return dict(env)
        items = [_literal(element) for element in right.elts]
        if any(item is None for item in items):
            return dict(env)
        if not items:  # "in []" never holds, "not in []" always does
            return self._narrow(env, name, EMPTY) if inside else dict(env)
        # The loader's type check made the list all numbers or all words, as its name is.
        words = frozenset(item for item in items if isinstance(item, str | bool))
        current = env.get(name)
        if isinstance(current, Choices):
            kept = current.values & words if inside else current.values - words
            return self._narrow(env, name, Choices(kept))
        if not words:
            numbers = frozenset(item for item in items if isinstance(item, float))
            base = current if isinstance(current, Numbers) else TOP
            return self._narrow(env, name, base.among(numbers, inside))
        return self._narrow(env, name, Choices(words)) if inside else dict(env)

    def _narrow_word(self, env: dict[str, Domain], name: str, symbol: str,
                     word: str | bool) -> dict[str, Domain] | None:
        if symbol == "==":
            return self._narrow(env, name, Choices(frozenset({word})))
        current = env.get(name)
        if symbol == "!=" and isinstance(current, Choices):
            return self._narrow(env, name, Choices(current.values - {word}))
        return env

    def _narrow(self, env: Env, name: str, domain: Domain) -> dict[str, Domain] | None:
        current = env.get(name)
        if isinstance(domain, Choices) and isinstance(current, Choices):
            domain = Choices(current.values & domain.values)
        elif isinstance(domain, Numbers) and isinstance(current, Numbers):
            domain = current.compared("==", domain)
        if domain.empty:
            self.dry.add(name)
            return None
        return {**env, name: domain}


def value(node: ast.expr, env: Env) -> Numbers | None:
    """The numbers an arithmetic expression can give; None when it is not a number."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return Numbers.of([node.value])
        return None
    name = name_of(node)
    if name is not None:
        found = env.get(name, TOP)
        return found if isinstance(found, Numbers) else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = value(node.operand, env)
        if inner is None or isinstance(node.op, ast.UAdd):
            return inner
        return _interval(-inner.hi, -inner.lo)
    if isinstance(node, ast.BinOp):
        return _arithmetic(node, env)
    if isinstance(node, ast.IfExp):
        # each branch where its side of the test can hold: "3 if belt else 2" is 3 in the belt
        sides = [(branch, Analysis().holds(node.test, env, positive))
                 for branch, positive in ((node.body, True), (node.orelse, False))]
        branches = [value(branch, where) for branch, where in sides if where is not None]
        if not branches:
            branches = [value(node.body, env), value(node.orelse, env)]
        numbers = [branch for branch in branches if branch is not None]
        if len(numbers) < len(branches):
            return None
        return functools.reduce(Numbers.join, numbers)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _call(node.func.id, [value(arg, env) or TOP for arg in node.args])
    return None


def _arithmetic(node: ast.BinOp, env: Env) -> Numbers:
    left, right = value(node.left, env) or TOP, value(node.right, env) or TOP
    if left.empty or right.empty:
        return EMPTY
    if isinstance(node.op, ast.Add):
        return _interval(left.lo + right.lo, left.hi + right.hi)
    if isinstance(node.op, ast.Sub):
        return _interval(left.lo - right.hi, left.hi - right.lo)
    if isinstance(node.op, ast.Mult):
        return _interval(*_span(_times(a, b) for a in (left.lo, left.hi)
                                for b in (right.lo, right.hi)))
    if isinstance(node.op, ast.Div) and (right.lo > 0 or right.hi < 0):
        return _interval(*_span(a / b for a in (left.lo, left.hi) for b in (right.lo, right.hi)))
    return TOP  # division by a range holding 0: the language gives 0 there, and anything near


def _call(function: str, args: list[Numbers]) -> Numbers:
    if any(arg.empty for arg in args):
        return EMPTY
    if function == "min":
        return _interval(min(a.lo for a in args), min(a.hi for a in args))
    if function == "max":
        return _interval(max(a.lo for a in args), max(a.hi for a in args))
    if function == "clamp" and len(args) == 3:
        x, low, high = args
        inner = _interval(min(high.lo, x.lo), min(high.hi, x.hi))
        return _interval(max(low.lo, inner.lo), max(low.hi, inner.hi))
    if function == "abs" and args:
        x = args[0]
        if x.lo >= 0:
            return _interval(x.lo, x.hi)
        if x.hi <= 0:
            return _interval(-x.hi, -x.lo)
        return _interval(0, max(-x.lo, x.hi))
    if function == "round" and args:
        x = args[0]
        return _interval(math.floor(x.lo) if math.isfinite(x.lo) else x.lo,
                         math.ceil(x.hi) if math.isfinite(x.hi) else x.hi)
    return TOP


def _times(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b


def _span(found: Iterable[float]) -> tuple[float, float]:
    values = list(found)
    if any(math.isnan(v) for v in values):
        return -INF, INF
    return min(values), max(values)


def _interval(lo: float, hi: float) -> Numbers:
    if math.isnan(lo) or math.isnan(hi):
        return TOP
    return Numbers(lo, hi)


def _join_all(envs: Iterable[dict[str, Domain] | None]) -> dict[str, Domain] | None:
    """What any of the branches allows: a name keeps a domain only if every branch has one."""
    live = [env for env in envs if env is not None]
    if not live:
        return None
    joined = dict(live[0])
    for env in live[1:]:
        for name in list(joined):
            both = _join(joined[name], env.get(name))
            if both is None:
                del joined[name]
            else:
                joined[name] = both
    return joined


def _join(mine: Domain, other: Domain | None) -> Domain | None:
    """The values either domain allows; None when the other branch has none or another kind."""
    if isinstance(mine, Numbers):
        return mine.join(other) if isinstance(other, Numbers) else None
    return mine.join(other) if isinstance(other, Choices) else None


def _names_in(node: ast.expr) -> set[str]:
    return {name for inner in ast.walk(node) if (name := name_of(inner)) is not None
            and name not in ("true", "True", "false", "False")}


def _literal(node: ast.expr) -> str | bool | float | None:
    """A quoted text, true/false or a signed number written in the expression."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool | str):
            return node.value
        if isinstance(node.value, int | float):
            return float(node.value)
    if isinstance(node, ast.Name) and node.id in ("true", "True", "false", "False"):
        return node.id.lower() == "true"
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, int | float)
            and not isinstance(node.operand.value, bool)):
        return -float(node.operand.value)
    return None


def _word_literal(node: ast.expr) -> str | bool | None:
    found = _literal(node)
    return found if isinstance(found, str | bool) else None


def _number(value: float) -> str:
    return f"{value:g}"


def _word(value: str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"'
