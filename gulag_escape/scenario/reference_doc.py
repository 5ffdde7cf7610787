"""``docs/scenario-format.md``, generated from the scenario models so it cannot drift.

Authors need every key of a scenario file with its type, whether it is required, its
default and what it does. All of that is already in :mod:`.models` (annotations, ``Field``
constraints, attribute docstrings), so the page is written from them; a test fails when
the committed page is stale. Regenerate with::

    python -m gulag_escape.scenario.reference_doc -o docs/scenario-format.md

Types are read from the annotations as written (``typing.get_type_hints`` with extras), not
from Pydantic's processed fields, because Pydantic folds a named alias such as ``Line``
into plain ``str`` and the page should say "line", not "text of 1 to 200 characters" each
time. For the same reason descriptions come from the source's attribute docstrings:
Pydantic prefers an alias's own description over the field's docstring.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import itertools
import json
import re
import textwrap
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from gulag_escape.scenario import models
from gulag_escape.scenario.models import Scenario
from gulag_escape.scenario.sources import INCLUDE_DOC
from gulag_escape.textkit import markdown_cell, markdown_table
from gulag_escape.textout import generator_main

COMMAND = "python -m gulag_escape.scenario.reference_doc -o docs/scenario-format.md"

NAMED_TYPES: dict[Any, tuple[str, str]] = {
    models.Id: ("id", ""),
    models.NameId: ("name", ""),
    models.Line: ("line", "One line of text, without markup."),
    models.Text: ("text", ""),
    models.Expr: ("expression", ""),
}
"""The models' string aliases, each with the word the page uses for it and, when the alias
has no description of its own, what it is."""

_SCALARS: dict[Any, str] = {
    float: "number",
    int: "whole number",
    bool: "true/false",
    str: "text",
    dt.date: "date (YYYY-MM-DD)",
}


def reference_markdown() -> str:
    """The whole Markdown page, identical on every run for the same models."""
    walk = _walk_models(Scenario)
    module_docs = _docstrings(ast.parse(inspect.getsource(models)).body)
    lines = [
        f"<!-- Generated from gulag_escape/scenario/models.py by `{COMMAND}`;",
        "     do not edit by hand: edit the models' docstrings and regenerate. -->",
        "",
        "# Scenario format",
        "",
        "Every key a scenario file can hold: its type, whether it is required, its default and",
        "what it is for. What the engine does with these values, day by day, is in",
        "[How the game runs](how-the-game-runs.md).",
        "",
        "A scenario is one YAML file, or a folder whose `scenario.yaml` lists further files",
        "under `include:`; each of those parts adds entries to list and mapping sections",
        "(`storylets:`, `places:`, `items:`...). Unknown keys are errors, never ignored.",
        "Check a file with `gulag-escape validate FILE`.",
        "",
        "Editors that speak JSON Schema (VS Code with the YAML extension, for instance) check",
        "and complete scenario files as you type when the file's first line names the schema",
        "[`scenarios/scenario.schema.json`](../scenarios/scenario.schema.json):",
        "",
        "```yaml",
        "# yaml-language-server: $schema=../scenarios/scenario.schema.json",
        "```",
        "",
        "The path is relative to the scenario file.",
        "",
        "The format changes only by adding keys with defaults that play as before: a file",
        "that loads today keeps loading (see \"Your files keep working\" in",
        "[the authoring guide](authoring.md)). Every rule number of the engine is a key of",
        "`body`, `travel`, `pursuit`, `company`, `meetings` or `checkpoints`.",
        "",
        "## Contents",
        "",
        "- [Value types](#value-types)",
        *(f"- [{model.__name__}](#{model.__name__.lower()})" for model in walk),
        "- [Effects](#effects)",
        "",
        *_value_types(module_docs),
    ]
    for model, used_in in walk.items():
        lines += _model_section(model, used_in)
    lines += _effects_section(module_docs)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- walking the models ---------------------------------------------------------------------


def _walk_models(root: type[BaseModel]) -> dict[type[BaseModel], list[tuple[type, str]]]:
    """Each model reachable from ``root`` in file order (depth first), with where it is used.

    Effect models are left out: they get their own section, one line per kind.
    """
    effect_models = set(_effect_kinds())
    found: dict[type[BaseModel], list[tuple[type, str]]] = {root: []}

    def visit(model: type[BaseModel]) -> None:
        for name, hint in _hints(model).items():
            key = model.model_fields[name].alias or name
            for inner in _models_in(hint):
                if inner in effect_models:
                    continue
                first_time = inner not in found
                found.setdefault(inner, []).append((model, key))
                if first_time:
                    visit(inner)

    visit(root)
    return found


def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """The model's field annotations as written, aliases and ``Annotated`` kept."""
    hints = typing.get_type_hints(model, include_extras=True)
    return {name: hints[name] for name in model.model_fields}


def _models_in(hint: Any) -> Iterator[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        yield hint
        return
    for arg in get_args(hint):
        if not isinstance(arg, FieldInfo | str | int | bool):
            yield from _models_in(arg)


def _effect_kinds() -> dict[type[BaseModel], str]:
    """Each effect model with the key that names it, in the order the union declares them."""
    union = get_args(models.Effect)[0]
    kinds = {}
    for option in get_args(union):
        model, tag = get_args(option)
        kinds[model] = tag.tag
    return kinds


# --- sections -------------------------------------------------------------------------------


def _value_types(module_docs: dict[str, str]) -> list[str]:
    rows = []
    for alias, (word, fallback) in NAMED_TYPES.items():
        info = FieldInfo.from_annotation(alias)
        limits = ", ".join(_constraints(info.metadata, str))
        meaning = info.description or fallback
        rows.append((word, _join(meaning, f"{limits[:1].upper()}{limits[1:]}.")))
    rows.append(("number or expression", module_docs.get("Number", "")))
    rows.append(("date (YYYY-MM-DD)", "A calendar date, e.g. `1938-06-01`."))
    for name in ("Evidence", "ContentLevel"):
        values = _literal(getattr(models, name))
        rows.append((_words(name).lower(), _join(values[0].upper() + values[1:] + ".",
                                                 module_docs.get(name, ""))))
    return [
        "## Value types",
        "",
        "The words the tables below use for the kinds of value.",
        "",
        markdown_table(["Type", "Meaning"], [[markdown_cell(word), markdown_cell(_markdown(text))]
                                             for word, text in rows]),
        "",
    ]


def _model_section(model: type[BaseModel], used_in: list[tuple[type, str]]) -> list[str]:
    lines = [f"## {model.__name__}", ""]
    if model.__doc__:
        lines += [_markdown(inspect.cleandoc(model.__doc__)), ""]
    if used_in:
        keys: dict[type, list[str]] = {}
        for parent, key in used_in:
            keys.setdefault(parent, []).append(f"`{key}`")
        places = "; ".join(f"[{parent.__name__}](#{parent.__name__.lower()}) {', '.join(names)}"
                           for parent, names in keys.items())
        lines += [f"Used in: {places}.", ""]
    docs = _attribute_docs(model)
    rows = []
    for name, hint in _hints(model).items():
        info = model.model_fields[name]
        required = info.is_required()
        rows.append([
            f"`{info.alias or name}`",
            _field_type(hint, info),
            "yes" if required else "no",
            "" if required else _default(info.default),
            _markdown(docs.get(name) or _own_description(info) or _model_doc(hint)),
        ])
    if model is Scenario:  # read by the loader before validation: no field documents it
        rows.append(["`include`", "list of text", "no", "(none)", INCLUDE_DOC])
    columns = ["Key", "Type", "Required", "Default", "Description"]
    return [*lines, markdown_table(columns, [[markdown_cell(c) for c in row] for row in rows]),
            ""]


def _effects_section(module_docs: dict[str, str]) -> list[str]:
    lines = [
        "## Effects",
        "",
        _markdown(module_docs.get("Effect", "")),
        "A choice or an outcome lists its effects under `effects:`, e.g.",
        "`effects: [{add: {hunger: 10}}, {days: 1}]`.",
        "",
    ]
    rows = [[markdown_cell(part) for part in (
        f"`{key}`",
        _field_type(_hints(model)[key], model.model_fields[key]),
        _markdown(inspect.cleandoc(model.__doc__ or "")),
    )] for model, key in _effect_kinds().items()]
    return [*lines, markdown_table(["Key", "Value", "Description"], rows), ""]


# --- types, constraints, defaults -----------------------------------------------------------


def _field_type(hint: Any, info: FieldInfo) -> str:
    """The type in words, with the field's own limits (those of a named alias are implied)."""
    base = hint
    if get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        base = options[0] if len(options) == 1 else hint
    # Limits inside an Annotated type are folded into the field's metadata too: said once.
    inherited = FieldInfo.from_annotation(base).metadata if get_origin(base) is Annotated else []
    own = [item for item in info.metadata if item not in inherited]
    return _join(_type_words(hint), *_constraints(own, _container(base)), sep=", ")


def _type_words(hint: Any) -> str:
    if hint in NAMED_TYPES:
        return NAMED_TYPES[hint][0]
    if hint in _SCALARS:
        return _SCALARS[hint]
    if hint is models.Effect:
        return "[effect](#effects)"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return f"[{hint.__name__}](#{hint.__name__.lower()})"
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return _literal(hint)
    if origin is Annotated:
        info = FieldInfo.from_annotation(hint)
        return _join(_type_words(args[0]), *_constraints(info.metadata, args[0]), sep=", ")
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_words(arg) for arg in args if arg is not type(None))
    if origin is list:
        return f"list of {_type_words(args[0])}"
    if origin is dict:
        return f"mapping of {_type_words(args[0])} to {_type_words(args[1])}"
    raise TypeError(f"no words for the type {hint!r}: add it to reference_doc")


def _literal(hint: Any) -> str:
    values = [json.dumps(value) if isinstance(value, bool) else str(value)
              for value in get_args(hint)]
    if len(values) == 1:
        return f"`{values[0]}`"
    return "one of " + ", ".join(f"`{value}`" for value in values)


def _container(hint: Any) -> Any:
    origin = get_origin(hint)
    if origin is Annotated:
        return _container(get_args(hint)[0])
    return origin or hint


def _constraints(metadata: list[Any], kind: Any) -> list[str]:
    """Limits in words: "1 to 12", "more than 0", "1 to 9 entries", "matching `...`"."""
    bounds: dict[str, Any] = {}
    words = []
    for item in metadata:
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(item, name, None)
            if value is not None:
                bounds[name] = value
    unit = ("character", "characters") if kind is str else ("entry", "entries")
    if "ge" in bounds and "le" in bounds:
        words.append(f"{_number(bounds['ge'])} to {_number(bounds['le'])}")
    else:
        for name, phrase in (("ge", "at least"), ("gt", "more than"), ("le", "at most"),
                             ("lt", "less than")):
            if name in bounds:
                words.append(f"{phrase} {_number(bounds[name])}")
    shortest, longest = bounds.get("min_length"), bounds.get("max_length")
    if shortest is not None and shortest == longest:
        words.append(f"exactly {shortest} {unit[1]}")
    elif shortest is not None and longest is not None:
        words.append(f"{shortest} to {longest} {unit[1]}")
    elif shortest is not None:
        words.append(f"at least {shortest} {unit[shortest != 1]}")
    elif longest is not None:
        words.append(f"at most {longest} {unit[1]}")
    if "pattern" in bounds:
        words.append(f"matching `{bounds['pattern']}`")
    return words


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _default(value: Any) -> str:
    if value is PydanticUndefined:
        return ""
    if value is None:
        return "(none)"
    if isinstance(value, BaseModel):
        model = type(value)
        if all(not info.is_required() for info in model.model_fields.values()) and (
            value == model()
        ):
            return "the defaults of each key"
        value = value.model_dump(by_alias=True)
    return f"`{_flow(value)}`"


def _flow(value: Any) -> str:
    """``value`` as an author would write it in YAML's flow style."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float | int):
        return _number(value)
    if isinstance(value, str):
        return value if re.fullmatch(r"[a-z][a-z0-9_.-]*", value) else json.dumps(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(inner)}" for key, inner in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(inner) for inner in value) + "]"
    return str(value)


# --- descriptions ---------------------------------------------------------------------------


def _docstrings(body: list[ast.stmt]) -> dict[str, str]:
    """Attribute docstrings: a string statement right after an assignment to a name."""
    docs = {}
    for statement, following in itertools.pairwise(body):
        target = None
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            target = statement.target.id
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(
            statement.targets[0], ast.Name
        ):
            target = statement.targets[0].id
        if target and isinstance(following, ast.Expr) and isinstance(
            following.value, ast.Constant
        ) and isinstance(following.value.value, str):
            docs[target] = inspect.cleandoc(following.value.value)
    return docs


def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
            definition = tree.body[0]
            assert isinstance(definition, ast.ClassDef)
            docs.update(_docstrings(definition.body))
    return docs


def _own_description(info: FieldInfo) -> str:
    """The field's ``Field(description=...)``, unless it is only its alias's description."""
    for alias in NAMED_TYPES:
        if info.description == FieldInfo.from_annotation(alias).description:
            return ""
    return info.description or ""


def _model_doc(hint: Any) -> str:
    """For an undocumented field holding one kind of model: that model's docstring."""
    found = set(_models_in(hint))
    if len(found) == 1:
        return inspect.cleandoc(found.pop().__doc__ or "")
    return ""


def _markdown(text: str) -> str:
    """Docstrings use reStructuredText's double backticks; Markdown uses single ones."""
    return " ".join(text.replace("``", "`").split())


def _join(*parts: str, sep: str = " ") -> str:
    return sep.join(part for part in parts if part)


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


# --- command --------------------------------------------------------------------------------


main = generator_main(
    "python -m gulag_escape.scenario.reference_doc",
    "Write docs/scenario-format.md from the scenario models.",
    reference_markdown,
)


if __name__ == "__main__":
    raise SystemExit(main())
