"""The safe expression language: what it computes, what it refuses, and that it never runs code.

Hand-written cases pin each operator and each refusal; Hypothesis then checks that no input
text escapes as anything but :class:`ExpressionError`, and that generated well-typed
expressions compute exactly what a small reference interpreter over the same tree computes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gulag_escape.scenario.expressions import (
    MAX_LENGTH,
    ExpressionError,
    Kind,
    NameInfo,
    compile_expression,
)

NUM, BOOL, STR = Kind.NUM, Kind.BOOL, Kind.STR
SEASONS = frozenset({"winter", "spring", "summer", "autumn"})
NAMES = {
    "hunger": NameInfo(NUM),
    "alert": NameInfo(NUM),
    "food": NameInfo(NUM),
    "skill.woodcraft": NameInfo(NUM),
    "skill.forgery": NameInfo(NUM),
    "belt": NameInfo(BOOL),
    "flag.told": NameInfo(BOOL),
    "season": NameInfo(STR, SEASONS),
    "place": NameInfo(STR, frozenset({"camp", "village"})),
}
ENV = {
    "hunger": 10.0, "alert": 40.0, "food": 0.0, "skill.woodcraft": 2.0, "skill.forgery": 0.0,
    "belt": True, "flag.told": False, "season": "summer", "place": "camp",
}


def run(text: str, kind: Kind = NUM, env: dict[str, Any] | None = None) -> Any:
    """Compile ``text`` for ``kind`` and evaluate it in ``env`` (the fixed ENV by default)."""
    return compile_expression(text, NAMES, kind)(ENV if env is None else env)


def refused(text: str, kind: Kind = BOOL) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, NAMES, kind)
    return caught.value


# --- what it computes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hunger + 2", 12.0),
        ("hunger - 2.5", 7.5),
        ("hunger * 3", 30.0),
        ("hunger / 4", 2.5),
        ("-hunger", -10.0),
        ("+hunger", 10.0),
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("skill.woodcraft * 10", 20.0),
    ],
)
def test_arithmetic_follows_the_usual_rules(text: str, expected: float) -> None:
    assert run(text) == expected


@pytest.mark.parametrize("text", ["hunger / 0", "hunger / food", "1 / (alert - 40)"])
def test_division_by_zero_gives_zero(text: str) -> None:
    assert run(text) == 0.0


def test_numbers_are_floats_even_when_written_as_integers() -> None:
    assert isinstance(run("3"), float)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hunger == 10", True),
        ("hunger != 10", False),
        ("hunger < 10", False),
        ("hunger <= 10", True),
        ("hunger > 9.5", True),
        ("hunger >= 11", False),
        ('season == "summer"', True),
        ('"winter" != season', True),
        ("belt == true", True),
        ("flag.told != False", False),
    ],
)
def test_each_comparison_operator(text: str, expected: bool) -> None:
    assert run(text, BOOL) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 < hunger < 20", True),
        ("0 < hunger < 5", False),
        ("20 > alert > hunger", False),
        ("5 <= hunger <= 10 < alert", True),
        ('"summer" == season != "winter"', True),
    ],
)
def test_chained_comparisons_hold_only_when_every_link_holds(text: str, expected: bool) -> None:
    assert run(text, BOOL) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('season in ["summer", "autumn"]', True),
        ('season not in ["summer", "autumn"]', False),
        ('place in ("village",)', False),
        ("hunger in [5, 10, 15]", True),
        ("hunger not in [1, 2]", True),
        ("-hunger in [-10, 10]", True),
        ("alert in []", False),
    ],
)
def test_in_and_not_in_a_list_of_literals(text: str, expected: bool) -> None:
    assert run(text, BOOL) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("belt and hunger > 5", True),
        ("flag.told and belt", False),
        ("flag.told or belt", True),
        ("flag.told or false", False),
        ("not flag.told", True),
        ("not belt or true", True),
        ("belt and not flag.told and hunger == 10", True),
    ],
)
def test_and_or_not(text: str, expected: bool) -> None:
    assert run(text, BOOL) is expected


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("1 if belt else 2", NUM, 1.0),
        ("1 if flag.told else 2", NUM, 2.0),
        ('"a" if hunger > 50 else "b"', STR, "b"),
        ("belt if hunger > 50 else flag.told", BOOL, False),
    ],
)
def test_if_else_picks_a_branch_of_any_kind(text: str, kind: Kind, expected: Any) -> None:
    assert run(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("min(hunger, alert)", 10.0),
        ("max(hunger, alert, 99)", 99.0),
        ("min(1, 2, 3, 4, 5, 6, 7, 0)", 0.0),
        ("abs(hunger - alert)", 30.0),
        ("round(2.4)", 2.0),
        ("round(2.6)", 3.0),
        ("round(-hunger / 4)", -2.0),
        ("clamp(alert, 0, 20)", 20.0),
        ("clamp(-alert, 0, 20)", 0.0),
        ("clamp(hunger, 0, 20)", 10.0),
        ("clamp(hunger, 30, 0)", 30.0),
    ],
)
def test_functions(text: str, expected: float) -> None:
    assert run(text) == expected


def test_round_of_infinity_is_infinity_not_a_crash() -> None:
    assert run("round(1e400)") == math.inf


def test_the_compiled_expression_records_the_names_it_reads() -> None:
    expression = compile_expression("hunger > alert and belt or hunger < 3", NAMES, BOOL)
    assert expression.names == {"hunger", "alert", "belt"}
    assert expression.kind is BOOL


def test_surrounding_spaces_and_a_trailing_line_break_are_ignored() -> None:
    """``when: >`` in YAML leaves a line break at the end of the text."""
    assert run("  hunger > 5\n", BOOL) is True


def test_a_tab_counts_as_a_space() -> None:
    assert run("hunger\t> 5", BOOL) is True


# --- what it refuses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("hunger and belt", "and/or needs true/false"),
        ("not hunger", "not needs true/false"),
        ("-belt", "a sign needs number"),
        ('season + 1', "arithmetic needs number"),
        ('hunger == "ten"', "cannot compare number with text"),
        ("hunger == belt", "cannot compare number with true/false"),
        ('season < "winter"', "< and > compare numbers"),
        ("belt > flag.told", "< and > compare numbers"),
        ("1 if hunger else 2", "the condition of if/else needs true/false"),
        ('1 if belt else "two"', "both branches of if/else needs number"),
        ("min(hunger, belt)", "min needs number"),
        ('hunger in ["a"]', "this list holds text, not number"),
        ("hunger in [belt]", "a list may hold only numbers or quoted text"),
        ("belt in [true]", "a list may hold only numbers or quoted text"),
    ],
)
def test_type_errors_are_refused_with_what_was_expected(text: str, words: str) -> None:
    assert words in refused(text).message


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("hunger + 1", BOOL, "expression gives number, but true/false is needed"),
        ("belt", NUM, "expression gives true/false, but number is needed"),
        ('"summer"', BOOL, "expression gives text"),
    ],
)
def test_the_whole_expression_must_have_the_kind_the_field_needs(
    text: str, kind: Kind, words: str
) -> None:
    error = refused(text, kind)
    assert words in error.message
    assert error.hint


@pytest.mark.parametrize(
    ("text", "unknown", "hint"),
    [
        ("hungr > 5", "hungr", "did you mean hunger?"),
        ("flag.toldd", "flag.toldd", "did you mean flag.told?"),
        ("skill.qq > 0", "skill.qq", "known: skill.forgery, skill.woodcraft"),
        ("xyzzy > 1", "xyzzy", "declare it under stats:, flags:, items: or skills:"),
    ],
)
def test_unknown_names_are_refused_with_a_suggestion(text: str, unknown: str, hint: str) -> None:
    error = refused(text)
    assert error.message == f"unknown name '{unknown}'"
    assert hint in error.hint


@pytest.mark.parametrize(
    "text",
    [
        'season == "sumer"',
        '"sumer" == season',
        'season != "Summer"',
        'season in ["summer", "sumer"]',
        'place not in ["gulag"]',
    ],
)
def test_a_text_name_is_only_compared_with_one_of_its_values(text: str) -> None:
    error = refused(text)
    assert "is never" in error.message
    assert "it is one of:" in error.hint


def test_the_domain_hint_lists_every_value() -> None:
    assert refused('season == "sumer"').hint == "it is one of: autumn, spring, summer, winter"


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "lambda: 1",
        "(lambda: belt)()",
        "hunger.real",
        "skill.woodcraft.real",
        "().__class__.__bases__[0].__subclasses__()",
        "hunger[0]",
        "[1, 2][0]",
        'f"{hunger}" == "10"',
        "(x := 1) > 0",
        "hunger ** 2 > 1",
        "hunger % 2 == 0",
        "hunger // 2 == 5",
        "hunger << 1 > 0",
        "hunger & 1 == 0",
        "~hunger > 0",
        "hunger is 10",
        "belt is not None",
        "print(1)",
        "open('x')",
        "eval('1')",
        "min(1, key=2) > 0",
        "min(*[1, 2]) > 0",
        "min(x for x in [1, 2]) > 0",
        "[x for x in [1]] == [1]",
        "{1: 2} == {}",
        "{1} == {1}",
        "None",
        "...",
        "b'x' == b'x'",
        "1j == 1j",
        "abs(hunger)(1) > 0",
        "await hunger",
        "yield 1",
        "hunger if belt",
        "1 +",
        "1 = 1",
        "import os",
    ],
)
def test_disallowed_syntax_is_refused_without_running_anything(text: str) -> None:
    refused(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("min(1)", "min takes 2 to 8 arguments"),
        ("max(1, 2, 3, 4, 5, 6, 7, 8, 9)", "max takes 2 to 8 arguments"),
        ("abs(1, 2)", "abs takes 1 to 1 arguments"),
        ("clamp(1, 2)", "clamp takes 3 to 3 arguments"),
        ("sum(1, 2)", "only min, max, abs, round and clamp can be called"),
    ],
)
def test_function_calls_are_checked(text: str, words: str) -> None:
    assert words in refused(text, NUM).message


def test_the_length_limit_is_enforced_before_parsing() -> None:
    longest = "1" + " + 1" * ((MAX_LENGTH - 1) // 4)
    assert len(longest) <= MAX_LENGTH
    assert run(longest) == float(1 + (MAX_LENGTH - 1) // 4)
    error = refused(longest + " + 1", NUM)
    assert f"the limit is {MAX_LENGTH}" in error.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("hunger > 1\x00", "U+0000"),
        ("hunger > 1\x1f", "U+001F"),
        ("\x0bhunger > 1", "U+000B"),
        ('season == "\x1b[31msummer"', "U+001B"),
        ("hunger\x7f > 1", "U+007F"),
        ("hunger > 1 \x9b", "U+009B"),
        ('place == "camp\u202e"', "U+202E"),
    ],
)
def test_control_characters_are_refused(text: str, code: str) -> None:
    assert code in refused(text).message


def test_a_line_break_inside_an_expression_is_refused() -> None:
    assert "one line" in refused("hunger > 1 and\nbelt").message


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_expression_is_refused(text: str) -> None:
    assert "empty" in refused(text).message


def test_a_number_too_large_for_a_float_is_refused() -> None:
    assert "too large" in refused("1" * 320 + " > 0").message


def test_something_that_is_not_text_is_refused() -> None:
    with pytest.raises(ExpressionError):
        compile_expression(42, NAMES, NUM)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "culprit"),
    [
        ("hunger > 1 and hungr > 2", "hungr"),
        ('place == "camp" and hungr > 2', "hungr"),
        ('"ёж" != "зима" or hungr > 2', "hungr"),
        ('  hunger > 1 and hungr > 2', "hungr"),
        ("hunger > 1 and 1 +* 2", "*"),
    ],
)
def test_the_error_column_counts_characters_of_the_text_as_written(
    text: str, culprit: str
) -> None:
    assert refused(text).column == text.index(culprit)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 190 + "1" + ")" * 190,
        "-" * 399 + "1",
        "not " * 99 + "belt",
        "[" * 190 + "]" * 190,
        "1" + " if belt else 1" * 26,
    ],
)
def test_deep_nesting_within_the_length_limit_never_crashes(text: str) -> None:
    for kind in Kind:
        try:
            expression = compile_expression(text, NAMES, kind)
        except ExpressionError:
            continue
        expression(ENV)


# --- fuzzing -------------------------------------------------------------------------------

TOKENS = [
    "hunger", "alert", "belt", "flag.told", "season", "skill.woodcraft", "x", "__import__",
    "1", "0", "2.5", "1e400", '"summer"', '"sumer"', "'os'", "true", "None", "lambda", ":",
    "+", "-", "*", "/", "**", "%", "==", "!=", "<", "<=", ">", ">=", "in", "not", "and", "or",
    "is", "if", "else", "(", ")", "[", "]", "{", "}", ",", ".", "min", "max", "abs", "round",
    "clamp", "f'", "{", ":=", "@", "\\", "\n", "\x00", "\t", "#", "yield", "await",
]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=120) | st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join),
       kind=st.sampled_from(list(Kind)))
def test_any_text_either_compiles_or_raises_expression_error(text: str, kind: Kind) -> None:
    try:
        expression = compile_expression(text, NAMES, kind)
    except ExpressionError as error:
        assert isinstance(error.message, str) and error.message
        return
    result = expression(ENV)
    expected_type = {NUM: float, BOOL: bool, STR: str}[kind]
    assert isinstance(result, expected_type)


@dataclass(frozen=True)
class Node:
    """A generated expression tree: ``op`` names the construct, ``parts`` its children."""

    op: str
    parts: tuple[Any, ...] = ()

    def render(self) -> str:
        """The tree as an author would write it, with every sub-expression in parentheses."""
        p = [part.render() if isinstance(part, Node) else part for part in self.parts]
        match self.op:
            case "num":
                return repr(p[0])
            case "bool":
                return p[0]
            case "str" | "name":
                return p[0] if self.op == "name" else f'"{p[0]}"'
            case "neg":
                return f"-({p[0]})"
            case "not":
                return f"not ({p[0]})"
            case "+" | "-" | "*" | "/":
                return f"({p[0]}) {self.op} ({p[1]})"
            case "and" | "or":
                return f" {self.op} ".join(f"({part})" for part in p)
            case "compare":
                text = f"({p[0]})"
                for op, right in zip(p[1::2], p[2::2], strict=True):
                    text += f" {op} ({right})"
                return text
            case "in" | "not in":
                values = ", ".join(repr(v) if isinstance(v, float) else f'"{v}"' for v in p[1])
                return f"({p[0]}) {self.op} [{values}]"
            case "ifelse":
                return f"({p[1]}) if ({p[0]}) else ({p[2]})"
            case _:
                return f"{self.op}({', '.join(p)})"


def reference(node: Node, env: dict[str, Any]) -> Any:
    """What the language documents each construct to mean, written independently."""
    p = node.parts

    def ev(part: Node) -> Any:
        return reference(part, env)

    match node.op:
        case "num":
            return float(p[0])
        case "bool":
            return p[0] in ("True", "true")
        case "str":
            return p[0]
        case "name":
            return env[p[0]]
        case "neg":
            return -ev(p[0])
        case "not":
            return not ev(p[0])
        case "+":
            return ev(p[0]) + ev(p[1])
        case "-":
            return ev(p[0]) - ev(p[1])
        case "*":
            return ev(p[0]) * ev(p[1])
        case "/":
            divisor = ev(p[1])
            return 0.0 if divisor == 0 else ev(p[0]) / divisor
        case "and":
            return all(ev(part) for part in p)
        case "or":
            return any(ev(part) for part in p)
        case "compare":
            values = [ev(part) for part in p[0::2]]
            compare = {
                "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
                "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
                ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
            }
            return all(compare[op](values[i], values[i + 1]) for i, op in enumerate(p[1::2]))
        case "in":
            return ev(p[0]) in p[1]
        case "not in":
            return ev(p[0]) not in p[1]
        case "ifelse":
            return ev(p[1]) if ev(p[0]) else ev(p[2])
        case "min":
            return min(ev(part) for part in p)
        case "max":
            return max(ev(part) for part in p)
        case "abs":
            return abs(ev(p[0]))
        case "round":
            value = ev(p[0])
            return float(round(value)) if math.isfinite(value) else value
        case "clamp":
            value, low, high = (ev(part) for part in p)
            if low > high:  # bounds that cross: the floor wins
                return low
            return low if value < low else high if value > high else value
    raise AssertionError(node.op)


NUM_NAMES = sorted(n for n, info in NAMES.items() if info.kind is NUM)
BOOL_NAMES = sorted(n for n, info in NAMES.items() if info.kind is BOOL)
STR_NAMES = sorted(n for n, info in NAMES.items() if info.kind is STR)
small = st.integers(-8000, 8000).map(lambda i: i / 8)
"""Exact binary fractions: no generated tree can reach infinity, so no NaN blurs a result."""


def _leaf(kind: Kind) -> st.SearchStrategy[Node]:
    if kind is NUM:
        return st.builds(lambda v: Node("num", (v,)), small) | st.sampled_from(
            [Node("name", (n,)) for n in NUM_NAMES])
    if kind is BOOL:
        return st.sampled_from([Node("bool", (b,)) for b in ("True", "False", "true", "false")]
                               + [Node("name", (n,)) for n in BOOL_NAMES])
    return st.sampled_from([Node("str", (s,)) for s in sorted(SEASONS)]
                           + [Node("name", ("season",))])


def _extend(kind: Kind, child: Any) -> st.SearchStrategy[Node]:
    """One construct of ``kind`` over ``child(kind)`` sub-trees."""
    num, boolean, text = child(NUM), child(BOOL), child(STR)
    ifelse = st.builds(lambda c, a, b: Node("ifelse", (c, a, b)), boolean, child(kind), child(kind))
    if kind is NUM:
        return ifelse | st.one_of(
            st.builds(lambda op, a, b: Node(op, (a, b)), st.sampled_from("+-*/"), num, num),
            st.builds(lambda a: Node("neg", (a,)), num),
            st.builds(lambda f, a: Node(f, tuple(a)), st.sampled_from(["min", "max"]),
                      st.lists(num, min_size=2, max_size=4)),
            st.builds(lambda f, a: Node(f, (a,)), st.sampled_from(["abs", "round"]), num),
            st.builds(lambda a, b, c: Node("clamp", (a, b, c)), num, num, num),
        )
    if kind is BOOL:
        ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
        chain = st.builds(
            lambda first, rest: Node("compare", (first, *[x for pair in rest for x in pair])),
            num, st.lists(st.tuples(ops, num), min_size=1, max_size=3))
        text_compare = st.builds(lambda a, op, b: Node("compare", (a, op, b)),
                                 text, st.sampled_from(["==", "!="]), text)
        membership = st.builds(lambda op, a, vs: Node(op, (a, tuple(vs))),
                               st.sampled_from(["in", "not in"]), num,
                               st.lists(st.integers(-3, 3).map(float), max_size=4))
        seasons = st.builds(lambda op, vs: Node(op, (Node("name", ("season",)), tuple(vs))),
                            st.sampled_from(["in", "not in"]),
                            st.lists(st.sampled_from(sorted(SEASONS)), max_size=3))
        return ifelse | st.one_of(
            chain, text_compare, membership, seasons,
            st.builds(lambda a: Node("not", (a,)), boolean),
            st.builds(lambda op, a: Node(op, tuple(a)), st.sampled_from(["and", "or"]),
                      st.lists(boolean, min_size=2, max_size=3)),
        )
    return ifelse


def _trees() -> dict[Kind, st.SearchStrategy[Node]]:
    """Well-typed trees of each kind, built once: building strategies is slow."""
    def child(k: Kind) -> st.SearchStrategy[Node]:
        return st.deferred(lambda: trees[k])

    trees = {k: st.one_of(_leaf(k), _extend(k, child)) for k in Kind}
    return trees


TREES = _trees()
environments = st.fixed_dictionaries({
    **dict.fromkeys(NUM_NAMES, small),
    **dict.fromkeys(BOOL_NAMES, st.booleans()),
    "season": st.sampled_from(sorted(SEASONS)),
    "place": st.sampled_from(["camp", "village"]),
})


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), kind=st.sampled_from(list(Kind)), env=environments)
def test_compiled_evaluation_equals_the_reference_interpreter(
    data: st.DataObject, kind: Kind, env: dict[str, Any]
) -> None:
    tree = data.draw(TREES[kind])
    text = tree.render()
    assume(len(text) <= MAX_LENGTH)
    expression = compile_expression(text, NAMES, kind)
    assert expression.kind is kind
    assert _same(expression(env), reference(tree, env)), text
