"""A scenario's expressions read aloud: ``hunger > 70`` → "hunger is above 70".

The pursuit's daily odds, a river's danger and the conditions under which people are met
are written in the scenario's safe expression language. Neither a teacher nor a player
should have to read that language, so this module says an expression in words, using the
scenario's own names for places, items, skills and flags: the teachers' model summary says
the rules with it, and the engine says why a choice is refused with it (it lives in the
scenario layer so that both can import it). Expressions were parsed and checked when the scenario
loaded; this walks the same kind of tree again (:func:`ast.parse` only builds it, it runs
nothing) and never evaluates anything but the compiled expressions themselves.

The words are data-driven but not clever: an author's odd expression reads oddly, which is
honest. Every scenario string passes through the ``text`` function given by the caller:
the teachers' pages strip the story markup and escape Markdown, the engine keeps the markup
its front ends draw.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from typing import Any

from gulag_escape.scenario.expressions import Kind, name_of
from gulag_escape.scenario.loader import LoadedScenario
from gulag_escape.scenario.vocabulary import MEMBER_VALUES, vocabulary
from gulag_escape.textkit import MONTHS
from gulag_escape.words import in_sentence, percent

SNOW = {"none": "no snow", "patchy": "patchy snow", "cover": "snow cover", "deep": "deep snow"}
ICE = {"open": "open", "breakup": "breaking up", "freezing": "freezing", "frozen": "frozen"}
_ICE_PHRASE = {"open": "the rivers are open", "breakup": "the ice is breaking up",
               "freezing": "the rivers are freezing", "frozen": "the rivers are frozen"}
_COMPARISONS = {ast.Gt: "is above", ast.GtE: "is at least", ast.Lt: "is below",
                ast.LtE: "is at most", ast.Eq: "is", ast.NotEq: "is not"}
_MONTH_COMPARISONS = {ast.Gt: "after", ast.GtE: "from", ast.Lt: "before", ast.LtE: "until",
                      ast.Eq: "in", ast.NotEq: "not in"}
_FLIPPED = {ast.Gt: ast.Lt, ast.Lt: ast.Gt, ast.GtE: ast.LtE, ast.LtE: ast.GtE}
_ARITHMETIC = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
_BUILT_IN_NAMES = {
    "alert": "the alert", "hunger": "hunger", "health": "health", "warmth": "warmth",
    "fatigue": "fatigue", "food": "the food carried (days)", "papers": "the papers' quality",
    "day": "days since the start", "days_free": "days since the escape",
    "temp": "the temperature", "daylight": "hours of daylight", "forage": "the month's forage",
    "km": "km walked", "km_from_camp": "km from the camp", "group": "the group's size",
    "exposure": "exposure (how visible you are)", "month": "the month",
    "stage": "the stage of the plans",
}
_MONTH_RANGE = re.compile(r"from (\w+) and until (\w+)")


def format_number(value: float) -> str:
    """1100, 0.5, −3: no trailing zeros, a true minus sign."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    text = "0" if text in {"-0", ""} else text
    return text.replace("-", "−")


def join_words(words: list[str], last: str = "and") -> str:
    """"a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def typical_step(name: str) -> float:
    """How far to move a name's value to see which way it pushes an expression."""
    if name.startswith("pace."):
        return 0.5
    return 1.0 if name.startswith(("item.", "skill.", "companion.", "days_left.")) else 50.0


class ExpressionWords:
    """Says one scenario's expressions in words, and evaluates them for worked examples."""

    def __init__(self, loaded: LoadedScenario, text: Callable[[str], str]) -> None:
        self.loaded = loaded
        self.s = loaded.model
        self.text = text
        self.names = vocabulary(self.s)
        self._places = {place.id: place.name for place in self.s.places}

    # --- values -------------------------------------------------------------------------

    def evaluate(self, value: float | str, env: Mapping[str, Any]) -> float:
        """A plain number, or the compiled expression evaluated in ``env``."""
        if isinstance(value, int | float):
            return float(value)
        return float(self.loaded.expr(value)(env))

    def names_in(self, value: float | str) -> frozenset[str]:
        return frozenset() if isinstance(value, int | float) else self.loaded.expr(value).names

    def bumped(self, name: str, env: Mapping[str, Any]) -> Any:
        """``name``'s value in ``env`` made true, or larger by a telling step."""
        if self.names[name].kind is Kind.BOOL:
            return True
        return env[name] + typical_step(name)

    # --- scenario names -----------------------------------------------------------------

    def place(self, place_id: str) -> str:
        said: str = in_sentence(self.text(self._places[place_id]))
        return said

    def terrain(self, terrain_id: str) -> str:
        if terrain_id == "place":
            return "a place"
        return self.text(self.s.terrains[terrain_id].label)

    def item(self, item_id: str) -> str:
        return self.text(self.s.items[item_id].label)

    def skill(self, skill_id: str) -> str:
        return self.text(self.s.skills[skill_id].label)

    def season(self, season: str) -> str:
        """A season as players read it: its label from ``calendar.seasons``, or its name."""
        return self.text(self.s.calendar.seasons.get(season, season.replace("_", " ")))

    def companion(self, key: str) -> str:
        """A companion's name, from the key expressions use (``-`` in ids reads ``_``)."""
        return self.text(next(c.name for c in self.s.companions
                              if c.id.replace("-", "_") == key))

    def flag(self, flag_id: str) -> str:
        return f"“{in_sentence(self.text(self.s.flags[flag_id]).rstrip('.'), subject=True)}”"

    def name(self, name: str) -> str:
        """What a name stands for: "woodcraft", "the alert", "Kostya's loyalty"."""
        family, _, key = name.partition(".")
        if family == "flag":
            return self.flag(key)
        if family == "item":
            return f"the number of {self.item(key)} carried"
        if family == "skill":
            return self.skill(key)
        if family == "valid":
            return f"{self.item(key)} is valid here"
        if family == "days_left":
            return f"the days left on {self.item(key)}"
        if key and family in {"companion", "loyalty", *MEMBER_VALUES}:
            who = self.companion(key)
            return f"{who} is with you" if family == "companion" else f"{who}'s {family}"
        if name == "belt":
            return "inside the belt"
        if name == "at_place":
            return "stopped at a place"
        if name in self.s.stats:
            return self.text(self.s.stats[name].label).lower()
        return _BUILT_IN_NAMES.get(name, name.replace("_", " "))

    def when_true(self, name: str) -> str:
        """A phrase for "when this is true, or larger": "with woodcraft", "once ..."."""
        family, _, key = name.partition(".")
        if family == "flag":
            return f"once {self.flag(key)}"
        if family == "item":
            return f"when carrying {self.item(key)}"
        if family == "skill":
            return f"with {self.skill(key)}"
        if name == "belt":
            return "inside the belt"
        return f"with more {self.name(name)}"

    # --- whole expressions --------------------------------------------------------------

    def condition(self, text: str) -> str:
        """A condition in words: "in summer or in autumn"."""
        return self._truth(_tree(text))

    def refusal(self, text: str) -> str:
        """Why a choice whose condition fails is refused: "only with woodcraft 2 or better".

        The player reads this instead of the condition, so it must never show the language.
        """
        return f"only {self._when(_tree(text))}"

    def product_steps(self, value: float | str) -> list[str]:
        """A chance built as a product, one step per factor: "multiply by 1.3 when ..."."""
        if isinstance(value, int | float):
            return [f"it is {percent(value)}, whatever you do"]
        factors: list[tuple[type | None, ast.expr]] = []
        node = _tree(value)
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult | ast.Div):
            factors.append((type(node.op), node.right))
            node = node.left
        factors.append((None, node))
        steps = []
        for op, factor in reversed(factors):
            if op is None:
                steps.append(f"start from {self.say(factor)}")
            elif op is ast.Div:
                steps.append(f"divide by {self.say(factor, inner=True)}")
            else:
                steps.append(self._multiply(factor))
        return steps

    def influences(self, value: float | str, env: Mapping[str, Any], skip: set[str]) -> str:
        """Which other names push a chance up or down: "less with woodcraft"."""
        before = self.evaluate(value, env)
        found = []
        for name in sorted(self.names_in(value) - skip):
            after = self.evaluate(value, {**env, name: self.bumped(name, env)})
            if after != before:
                found.append(f"{'more' if after > before else 'less'} {self.when_true(name)}")
        return ", ".join(found)

    def say(self, node: ast.expr, inner: bool = False) -> str:
        """Words for ``node``; ``inner`` brackets sums and choices that sit inside a product."""
        handlers: dict[type, Callable[[Any], str]] = {
            ast.Constant: self._constant, ast.Name: self._name, ast.Attribute: self._name,
            ast.BinOp: self._binop, ast.UnaryOp: self._unary, ast.BoolOp: self._boolop,
            ast.Compare: self._compare, ast.IfExp: self._ifexp, ast.Call: self._call,
        }
        words = handlers[type(node)](node)
        wrap = isinstance(node, ast.IfExp) or (
            isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub))
        return f"({words})" if inner and wrap else words

    # --- the parts of an expression -----------------------------------------------------

    def _multiply(self, factor: ast.expr) -> str:
        if isinstance(factor, ast.IfExp) and _is_number(factor.orelse, 1):
            if _is_number(factor.body, 0):
                return f"it is zero {self._when(factor.test)}"
            return f"multiply by {self.say(factor.body, inner=True)} {self._when(factor.test)}"
        if isinstance(factor, ast.IfExp) and _is_number(factor.body, 1):
            return (f"multiply by {self.say(factor.orelse, inner=True)} unless "
                    f"{self._truth(factor.test)}")
        return f"multiply by {self.say(factor, inner=True)}"

    def _when(self, test: ast.expr) -> str:
        """"when ..." — or nothing but the phrase when it already says where or when."""
        words = self._truth(test)
        return words if words.startswith(("at ", "in ", "on ", "inside ", "outside ",
                                          "once ", "from ", "until ", "with ", "without ")
                                         ) else f"when {words}"

    def _truth(self, node: ast.expr, negated: bool = False) -> str:
        """A condition's words where a bare name stands for "it is true", said as such:
        ``item.knife`` is "carrying knife", not "the number of knife carried"."""
        name = name_of(node) if isinstance(node, ast.Name | ast.Attribute) else None
        family, _, key = (name or "").partition(".")
        phrases: dict[str, Callable[[], tuple[str, str]]] = {
            "item": lambda: (f"carrying {self.item(key)}", f"not carrying {self.item(key)}"),
            "skill": lambda: (f"with {self.skill(key)}", f"without {self.skill(key)}"),
            "companion": lambda: (f"{in_sentence(self.companion(key))} is with you",
                                  f"{in_sentence(self.companion(key))} is not with you"),
        }
        if key and family in phrases:
            return phrases[family]()[negated]
        words = self.say(node)
        return f"not {words}" if negated else words

    def _constant(self, node: ast.Constant) -> str:
        if isinstance(node.value, bool):
            return "true" if node.value else "false"
        if isinstance(node.value, int | float):
            return format_number(node.value)
        return self.text(str(node.value))

    def _name(self, node: ast.Name | ast.Attribute) -> str:
        dotted = name_of(node) or ""
        if dotted in {"true", "True", "false", "False"}:
            return dotted.lower()
        return self.name(dotted)

    def _binop(self, node: ast.BinOp) -> str:
        tight = isinstance(node.op, ast.Mult | ast.Div)
        return (f"{self.say(node.left, inner=tight)} {_ARITHMETIC[type(node.op)]} "
                f"{self.say(node.right, inner=True)}")

    def _unary(self, node: ast.UnaryOp) -> str:
        if isinstance(node.op, ast.USub):
            return f"−{self.say(node.operand, inner=True)}"
        if isinstance(node.op, ast.UAdd):
            return self.say(node.operand)
        negated = {"belt": "outside the belt", "at_place": "on the way"}
        name = name_of(node.operand)
        if name in negated:
            return negated[name]
        return self._truth(node.operand, negated=True)

    def _boolop(self, node: ast.BoolOp) -> str:
        joiner = " and " if isinstance(node.op, ast.And) else " or "
        parts = [f"({self.say(v)})" if isinstance(v, ast.BoolOp) else self._truth(v)
                 for v in node.values]
        return _MONTH_RANGE.sub(r"from \1 to \2", joiner.join(parts))

    def _compare(self, node: ast.Compare) -> str:
        parts, left = [], node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            parts.append(self._comparison(left, op, right))
            left = right
        return " and ".join(parts)

    def _comparison(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> str:
        name, value = name_of(left), right
        if isinstance(op, ast.In | ast.NotIn):
            if name is not None and isinstance(value, ast.List | ast.Tuple):
                values = [e.value for e in value.elts if isinstance(e, ast.Constant)]
                phrase = self._one_of(name, values)
                return phrase if isinstance(op, ast.In) else f"not {phrase}"
        elif name is None and (right_name := name_of(right)) is not None:
            name, value, op = right_name, left, _FLIPPED.get(type(op), type(op))()
        if name is not None and isinstance(value, ast.Constant):
            said = self._against_literal(name, value.value, op)
            if said:
                return said
        return f"{self.say(left)} {_COMPARISONS.get(type(op), 'compared with')} {self.say(right)}"

    def _one_of(self, name: str, values: list[Any]) -> str:
        if name == "place":
            return "at " + join_words([self.place(v) for v in values], "or")
        if name == "terrain":
            return "on " + join_words([self.terrain(v) for v in values], "or")
        shown = [self._against_literal(name, v, ast.Eq()) or self.text(str(v)) for v in values]
        return join_words(shown, "or")

    def _against_literal(self, name: str, value: Any, op: ast.cmpop) -> str | None:
        """A name compared with a literal, said naturally ("at the den", "in summer")."""
        negative = isinstance(op, ast.NotEq)
        no = "not " if negative else ""
        if isinstance(value, str):
            places: dict[str, Callable[[str], str]] = {
                "place": lambda v: f"{no}at {self.place(v)}",
                "terrain": lambda v: f"{no}on {self.terrain(v)}",
                "season": lambda v: f"{no}in {self.season(v)}",
                "ice": lambda v: f"{no}when {_ICE_PHRASE[v]}" if negative
                else _ICE_PHRASE[v],
                "snow": lambda v: f"{no}{SNOW[v]} on the ground",
                "phase": lambda v: no + ("in camp" if v == "camp" else "on the run"),
                "profile": lambda v: f"{no}playing " + in_sentence(self.text(
                    next(p.label for p in self.s.profiles if p.id == v)))}
            if name in places:
                return places[name](value)
            return f"{self.name(name)} {'is not' if negative else 'is'} {self.text(value)}"
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        if name == "month" and 1 <= value <= 12:
            return f"{_MONTH_COMPARISONS[type(op)]} {MONTHS[int(value) - 1]}"
        if name == "food" and isinstance(op, ast.GtE) and value > 0:
            return f"with food for {format_number(value)} days or more"
        family, _, key = name.partition(".")
        # Items and skills are whole numbers: "more than 1" is "at least 2".
        at_least = value + 1 if isinstance(op, ast.Gt) and value == int(value) else (
            value if isinstance(op, ast.GtE) else None)
        if family == "item" and at_least == 1:
            return f"carrying {self.item(key)}"
        if family == "item" and ((isinstance(op, ast.Lt) and value == 1)
                                 or (isinstance(op, ast.LtE | ast.Eq) and value == 0)):
            return f"not carrying {self.item(key)}"
        if family == "item" and at_least is not None and at_least > 1:
            return f"carrying {self.item(key)} (at least {format_number(at_least)})"
        if family == "skill" and key and at_least is not None and at_least > 0:
            return f"with {self.skill(key)} {format_number(at_least)} or better"
        return None

    def _ifexp(self, node: ast.IfExp) -> str:
        branches = []
        current: ast.expr = node
        while isinstance(current, ast.IfExp):
            branches.append(f"{self.say(current.body)} {self._when(current.test)}")
            current = current.orelse
        return f"{', '.join(branches)}, otherwise {self.say(current)}"

    def _call(self, node: ast.Call) -> str:
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        args = [self.say(arg, inner=True) for arg in node.args]
        if name == "clamp":
            return f"{self.say(node.args[0])}, kept between {args[1]} and {args[2]}"
        if name in {"max", "min"}:
            size = {("max", True): "larger", ("min", True): "smaller",
                    ("max", False): "largest", ("min", False): "smallest"}
            return f"the {size[name, len(args) == 2]} of {join_words(args)}"
        if name == "abs":
            return f"the size of {args[0]}"
        return f"{args[0]}, rounded"


def _tree(text: str) -> ast.expr:
    return ast.parse(text.strip(), mode="eval").body


def _is_number(node: ast.expr, value: float) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
            and not isinstance(node.value, bool) and node.value == value)
