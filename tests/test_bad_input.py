"""Bad scenario files, through the ``gulag-escape validate`` command and by fuzzing.

Every bad input must give exit code 1 and a one-line message ``path:line:col: message
(hint: ...)`` naming the file and the line to fix, never a traceback, never running code,
never reading a huge file into memory. The cases run the command inside this process with
click's runner (starting an interpreter for each one cost most of this file's time); a few
run the real command in its own process, for the exit codes, stderr and the files a
process must never block on. Hypothesis then feeds the loader arbitrary text, random YAML
documents and mutations of the minimal fixture: nothing but :class:`ScenarioError` may
escape.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import DATA, line_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gulag_escape.cli import main
from gulag_escape.errors import ScenarioError
from gulag_escape.scenario.loader import load_scenario
from gulag_escape.scenario.yamlsource import MAX_BYTES

MINIMAL = DATA / "minimal.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
EVERYTHING = DATA / "features" / "everything"
MARKER = "pwned"
"""A file the malicious inputs try to create in the working folder; it must never appear."""


@dataclass(frozen=True)
class Outcome:
    """What the command did: its exit code and what it printed on each stream."""

    returncode: int
    stdout: str
    stderr: str


def validate(*paths: str | Path, cwd: Path) -> Outcome:
    """Run the command in this process from ``cwd``; relative paths come back as written.

    An exception that escapes the command is raised again, so the test fails with it: that
    is the traceback a person would have seen.
    """
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, ["validate", *map(str, paths)],
                                    env={"GULAG_ESCAPE_CACHE": str(cwd / ".cache")})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def validate_in_a_process(*paths: str | Path, cwd: Path) -> Outcome:
    """Run the real command, ``python -m gulag_escape validate``, in its own process."""
    result = subprocess.run(
        [sys.executable, "-m", "gulag_escape", "validate", *map(str, paths)],
        capture_output=True, text=True, check=False, cwd=cwd, timeout=60,
        env={**os.environ, "GULAG_ESCAPE_CACHE": str(cwd / ".cache")},
    )
    return Outcome(result.returncode, result.stdout, result.stderr)


def assert_reported(result: Outcome, path: str, line: int,
                    *words: str) -> None:
    """Exit 1, no traceback, and a ``path:line:col: message`` line holding ``words``."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    pattern = re.compile(rf"^{re.escape(path)}:{line}:\d+: \S.*$")
    located = [text for text in result.stdout.splitlines() if pattern.match(text)]
    assert located, f"no {path}:{line}: line in:\n{output}"
    assert any(all(word in text for word in words) for text in located), output


def minimal_with(old: str, new: str) -> str:
    assert old in MINIMAL_TEXT, old
    return MINIMAL_TEXT.replace(old, new, 1)


# --- valid input and usage ---------------------------------------------------------------


def test_valid_files_and_folders_exit_zero(tmp_path: Path) -> None:
    result = validate_in_a_process(MINIMAL, EVERYTHING, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": ok — ") == 2


def test_validate_without_paths_is_a_usage_error(tmp_path: Path) -> None:
    result = validate_in_a_process(cwd=tmp_path)
    assert result.returncode == 2
    assert "Missing argument" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    result = validate("nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere.yaml: no such file or folder" in result.stdout


# --- files that are not YAML text ----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A bad input: the files of its folder, the path given to ``validate``, and the file,
    line and words the message must name."""

    files: dict[str, bytes]
    line: int
    words: tuple[str, ...]
    target: str = "bad.yaml"
    shown: str = "bad.yaml"


def raw_case(content: bytes, line: int, *words: str) -> Case:
    return Case({"bad.yaml": content}, line, words)


def text_case(text: str, marker: str | None, *words: str) -> Case:
    """A one-file case whose line is where ``marker`` appears (line 1 without a marker)."""
    line = line_of(text, marker) if marker else 1
    return raw_case(text.encode("utf-8"), line, *words)


def folder_case(part: str, old: str, new: str, marker: str, *words: str) -> Case:
    """The feature folder with one edit in ``part``; the message must name the part."""
    files = {f"everything/{p.name}": p.read_bytes() for p in EVERYTHING.iterdir()}
    text = files[f"everything/{part}"].decode()
    assert old in text, old
    text = text.replace(old, new, 1)
    files[f"everything/{part}"] = text.encode()
    return Case(files, line_of(text, marker), words, "everything", f"everything/{part}")


BILLION_LAUGHS = "\n".join(
    [f'a: &a [{", ".join(["lol"] * 9)}]']
    + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi",
                                                                  strict=True)]
) + "\n"

CASES: dict[str, Case] = {
    "empty": raw_case(b"", 1, "the file is empty"),
    "only-comments": raw_case(b"# nothing here\n", 1, "holds no YAML document"),
    "binary": raw_case(b"meta:\n  id: x\0\0\x01", 2, "binary file"),
    "invalid-utf8": raw_case(b"meta:\n  title: caf\xe9\n", 2, "not valid UTF-8"),
    "list-at-top": raw_case(b"- meta\n- calendar\n", 1, "holds a list"),
    "scalar-at-top": raw_case(b"just some words\n", 1, "holds a single value"),
    "tab-indent": text_case(minimal_with("  id: minimal", "\tid: minimal"), "\tid",
                            "tab is used for indentation", "never tabs"),
    "unclosed-bracket-at-end": text_case(MINIMAL_TEXT + "extra: [1, 2,\n", "[1, 2",
                                         "[ list that starts here is never closed"),
    "unclosed-brace-mid-file": text_case(
        minimal_with("{death: Death is mentioned.}", "{death: Death is mentioned."),
        "  basis:", "expected ',' or '}'",
        f"starts at line {line_of(MINIMAL_TEXT, '{death')}"),
    "unclosed-quote": text_case(minimal_with("title: A minimal", "title: 'A minimal"),
                                "'A minimal", "quoted text that starts here is never closed"),
    "deep-lists": text_case(MINIMAL_TEXT + "extra: " + "[" * 20_000 + "]" * 20_000 + "\n",
                            "extra:", "nested more than"),
    "deep-mappings": text_case(MINIMAL_TEXT + "extra: " + "{a: " * 20_000 + "1"
                               + "}" * 20_000 + "\n", "extra:", "nested more than"),
    "alias-bomb": text_case(BILLION_LAUGHS, "g: &g", "alias bomb"),
    "duplicate-key": text_case(minimal_with("  era: Late 1930s\n",
                                            "  era: Late 1930s\n  era: Early 1940s\n"),
                               "  era: Early", "the key 'era' appears twice"),
    "unknown-key": text_case(minimal_with("    phase: camp", "    phaze: camp"), "phaze",
                             "unknown key 'phaze'", "did you mean 'phase'?"),
    "missing-key": text_case(minimal_with("  author: Gulag Escape tests\n", ""), "meta:",
                             "missing key 'author'"),
    "wrong-type-number": text_case(minimal_with("km: 30", "km: thirty"), "thirty",
                                   "km: input should be a valid number"),
    "wrong-type-mapping": text_case(minimal_with("years: {start: 1938, end: 1938}",
                                                 "years: 1938"), "years:",
                                    "years: input should be a valid dictionary"),
    "yes-as-text": text_case(minimal_with("{id: run, label: Run,", "{id: run, label: yes,"),
                             "label: yes", "label: input should be a valid string",
                             "quote the text"),
    "unknown-storylet": text_case(minimal_with("[{escape: true}]}",
                                               "[{escape: true}], next: nowhere}"),
                                  "next: nowhere", "unknown storylet 'nowhere'"),
    "unknown-place": text_case(minimal_with("to: border,", "to: bordr,"), "bordr",
                               "unknown place 'bordr'", "known places: border, camp"),
    "unknown-note": text_case(minimal_with("found you., notes: [n1]", "found you., notes: [n2]"),
                              "[n2]", "unknown note 'n2'"),
}


def storylet_with(field: str) -> str:
    """The minimal fixture with one more line in its storylet, e.g. a ``when:``."""
    return minimal_with("    phase: camp\n", f"    phase: camp\n    {field}\n")


EXPRESSION_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "unknown-flag": ("when: flag.ready", ("unknown name 'flag.ready'",)),
    "unknown-stat": ("when: morale > 3", ("unknown name 'morale'",)),
    "misspelt-name": ("when: hungr > 3", ("unknown name 'hungr'", "did you mean hunger?")),
    "type-error": ("when: hunger + 1", ("gives number, but true/false is needed",)),
    "type-error-inside": ("when: hunger and true", ("and/or needs true/false",)),
    "import": (f"when: \"__import__('os').system('touch {MARKER}') == 0\"",
               ("only min, max, abs, round and clamp can be called",)),
    "lambda": ("when: \"lambda: True\"", ("not allowed",)),
    "attribute-chain": ("when: skill.woodcraft.real > 1", ("only one dot",)),
    "dunder-chain": ("when: \"().__class__.__bases__ == 1\"", ("only one dot",)),
    "subscript": ("when: hunger[0] > 1", ("not allowed",)),
    "f-string": ("when: 'f\"{hunger}\" == \"1\"'", ("not allowed",)),
    "walrus": ("when: \"(x := 1) > 0\"", ("not allowed",)),
    "unknown-season": ("when: season == \"sumer\"",
                       ("'season' is never 'sumer'", "autumn, spring, summer, winter")),
    "weight-not-a-number": ("weight: belt", ("gives true/false, but number is needed",)),
}
for _name, (_field, _words) in EXPRESSION_CASES.items():
    CASES[f"expression-{_name}"] = text_case(storylet_with(_field), _field.split(":")[0] + ":",
                                             *_words)

TEXT_CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "broken-link": ("The [[fence is low.", ("a [[link]] is not closed",)),
    "unknown-term": ("The [[fence]] is low.", ("unknown term 'fence'",)),
    "unknown-note-link": ("See [[note:n9|the note]].", ("unknown note 'n9'",)),
    "ansi-escape": ('"The fence \\e[31mis\\e[0m low."', ("control character U+001B",)),
    "bell": ('"Ring \\a"', ("control character U+0007",)),
    "c1-control": ('"The fence \\x9b31m low."', ("control character U+009B",)),
    "bidi-override": ('"The fence \\u202e wol si"', ("control character U+202E",)),
}
for _name, (_text, _words) in TEXT_CASES.items():
    CASES[f"text-{_name}"] = text_case(
        minimal_with("text: The fence is low tonight.", f"text: {_text}"), "    text:", *_words)


PYTHON_TAGS = [
    f'!!python/object/apply:os.system ["touch {MARKER}"]',
    f'!!python/object/apply:subprocess.call [["touch", "{MARKER}"]]',
    f'!!python/object/new:os.system ["touch {MARKER}"]',
    '!!python/object:gulag_escape.errors.Problem {path: x, line: 1, column: 1, message: m}',
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!python/str x",
    f'!python/object/apply:os.system ["touch {MARKER}"]',
    f'!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {MARKER}"]',
]
for _tagged in PYTHON_TAGS:
    CASES["tag-" + re.sub(r"[^a-z0-9]+", "-", _tagged.split()[0]).strip("-")] = text_case(
        minimal_with("text: The fence is low tonight.", f"text: {_tagged}"), "    text:",
        "is not allowed")
CASES["tag-on-a-key"] = text_case(
    MINIMAL_TEXT + f'? !!python/object/apply:os.system ["touch {MARKER}"]\n: 1\n', "? !!python",
    "a key must be plain text")

PEOPLE = (EVERYTHING / "people.yaml").read_text(encoding="utf-8")
FOLDER_CASES = {
    "unknown-storylet": folder_case(
        "story.yaml", "effects: [{days: 2}], next: anywhere}",
        "effects: [{days: 2}], next: nowhere}", "next: nowhere", "unknown storylet 'nowhere'"),
    "unknown-key": folder_case("story.yaml", "    title: A clear morning",
                               "    titel: A clear morning", "titel",
                               "unknown key 'titel'", "did you mean 'title'?"),
    "unknown-value": folder_case("story.yaml", 'when: content == "standard"',
                                 'when: content == "standart"', "standart",
                                 "'content' is never 'standart'"),
    "unknown-place": folder_case("route.yaml", "{id: to-mine, from: camp, to: mine,",
                                 "{id: to-mine, from: camp, to: mien,", "mien",
                                 "unknown place 'mien'"),
    "wrong-type": folder_case("route.yaml", "      strength: 40", "      strength: strong",
                              "strong", "strength: input should be a valid number"),
    "unknown-stat-key": folder_case("people.yaml", "    shown: false",
                                    "    shown: false\n    colour: red", "colour",
                                    "unknown key 'colour'", "allowed keys: label, description"),
    "duplicate-key": folder_case("people.yaml", "  forgery: {label: forgery}",
                                 "  forgery: {label: forgery}\n  forgery: {}", "  forgery: {}",
                                 "the key 'forgery' appears twice"),
    "unknown-note": folder_case("history.yaml", "notes: [cold]}", "notes: [colt]}", "colt",
                                "unknown note 'colt'"),
    "tab": folder_case("history.yaml", "    evidence: legend", "\tevidence: legend",
                       "\tevidence", "tab is used for indentation"),
    "unknown-section": folder_case("history.yaml", "\nnotes:\n", "\nnotez:\n", "notez:",
                                   "unknown key 'notez'"),
    "unclosed-brace": folder_case("people.yaml", "insulation: 15}\n", "insulation: 15\n",
                                  "  travel_order", "YAML syntax",
                                  f"starts at line {line_of(PEOPLE, '  boots:')}"),
    "main-file": folder_case("scenario.yaml", "    priority: 10", "    priority: 1000",
                             "priority: 1000",
                             "priority: input should be less than or equal to 100"),
}
CASES.update({f"part-{name}": case for name, case in FOLDER_CASES.items()})


def run_case(name: str, folder: Path, run: Callable[..., Outcome] = validate) -> Outcome:
    """Write the case's files into ``folder`` and validate them from there."""
    for relative, content in CASES[name].files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(content)
    return run(CASES[name].target, cwd=folder)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_is_reported_with_its_file_and_line(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    result = run_case(name, tmp_path)
    assert_reported(result, case.shown, case.line, *case.words)
    assert not (tmp_path / MARKER).exists()


IN_A_PROCESS = ["tag-python-object-apply-os-system", "alias-bomb", "part-unknown-storylet"]
"""A few cases through the real command: code that must not run, memory that must not blow
up, and a folder part named in the message, as a person at a terminal sees them."""


@pytest.mark.parametrize("name", IN_A_PROCESS)
def test_the_real_command_reports_a_bad_input_on_its_own(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    result = run_case(name, tmp_path, validate_in_a_process)
    assert_reported(result, case.shown, case.line, *case.words)
    assert "1 problem found." in result.stderr
    assert not (tmp_path / MARKER).exists()


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:  # sparse: 50 MB on paper, nothing on disk
        file.truncate(50 * 1024 * 1024)
    result = validate("huge.yaml", cwd=tmp_path)
    assert_reported(result, "huge.yaml", 1, "52.4 MB", "limited to 8 MB")


def test_a_huge_file_never_enters_memory(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"a: " + b"x" * (6 * MAX_BYTES))
    tracemalloc.start()
    try:
        with pytest.raises(ScenarioError, match="MB; scenario files are limited"):
            load_scenario(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_BYTES / 8


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = validate_in_a_process("pipe.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "pipe.yaml: this is not a regular file" in result.stdout


def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    result = validate_in_a_process("/dev/zero", cwd=tmp_path)
    assert result.returncode == 1
    assert "/dev/zero: this is not a regular file" in result.stdout


# --- several problems, several files, folder parts -----------------------------------------


def test_all_bad_references_are_reported_at_once(tmp_path: Path) -> None:
    text = minimal_with("start: camp", "start: cmap")
    text = text.replace("from: camp, to: border,", "from: kamp, to: bordr,")
    (tmp_path / "three.yaml").write_text(text)
    result = validate("three.yaml", cwd=tmp_path)
    for wrong in ("cmap", "kamp", "bordr"):
        assert_reported(result, "three.yaml", line_of(text, wrong), f"unknown place '{wrong}'")
    assert len(result.stdout.splitlines()) == 3
    assert "3 problems found." in result.stderr


def test_all_unknown_keys_are_reported_at_once(tmp_path: Path) -> None:
    text = minimal_with("  era: Late", "  eraa: Late").replace("    phase:", "    phaze:")
    text = text.replace("km: 30,", "kms: 30,")
    (tmp_path / "keys.yaml").write_text(text)
    result = validate("keys.yaml", cwd=tmp_path)
    for wrong in ("eraa", "phaze", "kms"):
        assert_reported(result, "keys.yaml", line_of(text, wrong), f"unknown key '{wrong}'")


def test_every_file_given_is_checked(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(minimal_with("to: border,", "to: nowhere,"))
    (tmp_path / "b.yaml").write_bytes(b"")
    result = validate("a.yaml", MINIMAL, "b.yaml", cwd=tmp_path)
    assert_reported(result, "a.yaml", line_of(MINIMAL_TEXT, "to: border,"), "unknown place")
    assert_reported(result, "b.yaml", 1, "empty")
    assert ": ok — A minimal test scenario" in result.stdout


# --- fuzzing -------------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def load_quietly(folder: Path, content: bytes) -> None:
    """Load ``content`` as a scenario file; a ScenarioError is the only allowed failure."""
    path = folder / "fuzz.yaml"
    path.write_bytes(content)
    try:
        load_scenario(path, cache=False)
    except ScenarioError as error:
        assert error.problems
        assert all(problem.path and problem.message for problem in error.problems)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(content=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_arbitrary_bytes_and_text_never_escape_as_anything_but_scenario_error(
    fuzz_dir: Path, content: bytes
) -> None:
    load_quietly(fuzz_dir, content)


SECTION_KEYS = [
    "meta", "calendar", "climate", "terrains", "places", "legs", "profiles", "storylets",
    "endings", "notes", "include", "id", "when", "text", "choices", "effects", "next", "to",
    "from", "check", "odds", "add", "set", "weight", "kind",
]
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | st.dates() | st.sampled_from(["camp", "border", "hunger > 1", "[[x]]", "n1"]))
yamlish = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(SECTION_KEYS) | st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)


@FUZZ
@given(document=yamlish)
def test_random_yaml_documents_never_escape_as_anything_but_scenario_error(
    fuzz_dir: Path, document: Any
) -> None:
    load_quietly(fuzz_dir, yaml.safe_dump(document, allow_unicode=True).encode())


BASE = yaml.safe_load(MINIMAL_TEXT)


def _containers(value: Any) -> list[Any]:
    """Every dict and list inside ``value``, ``value`` included."""
    found = [value]
    children = value.values() if isinstance(value, dict) else value
    for child in children:
        if isinstance(child, dict | list):
            found += _containers(child)
    return found


@st.composite
def mutated_values(draw: Callable[..., Any]) -> Any:
    """The minimal fixture's value with a few entries replaced, removed or added."""
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        container = draw(st.sampled_from(_containers(document)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "add" or not keys:
            if isinstance(container, dict):
                container[draw(st.sampled_from(SECTION_KEYS))] = draw(yamlish)
            else:
                container.append(draw(yamlish))
        elif action == "replace":
            container[draw(st.sampled_from(keys))] = draw(yamlish)
        else:
            del container[draw(st.sampled_from(keys))]
    return document


@FUZZ
@given(document=mutated_values())
def test_mutated_values_of_the_minimal_fixture_never_escape(
    fuzz_dir: Path, document: Any
) -> None:
    load_quietly(fuzz_dir, yaml.safe_dump(document, allow_unicode=True).encode())


@st.composite
def mutated_texts(draw: Callable[..., Any], text: str = MINIMAL_TEXT) -> str:
    """``text`` (the minimal fixture's) with lines deleted, repeated, moved or edited."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "insert", "edit", "cut"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            lines.insert(index, draw(st.text(max_size=30)) + "\n")
        elif action == "edit" and lines[index]:
            at = draw(st.integers(0, len(lines[index]) - 1))
            piece = draw(st.text(max_size=3) | st.sampled_from(
                ["\t", ":", "[", "{", "'", '"', "&a ", "*a", "!!python/name:os.system ", "- "]))
            lines[index] = lines[index][:at] + piece + lines[index][at + 1:]
        elif action == "cut":
            lines = lines[:index]
    return "".join(lines)


@FUZZ
@given(text=mutated_texts())
def test_mutated_text_of_the_minimal_fixture_never_escapes(fuzz_dir: Path, text: str) -> None:
    load_quietly(fuzz_dir, text.encode("utf-8", errors="surrogatepass"))


PARTS = {path.name: path.read_text(encoding="utf-8") for path in EVERYTHING.glob("*.yaml")}


@FUZZ
@given(part=st.sampled_from(sorted(PARTS)).flatmap(
    lambda name: st.tuples(st.just(name), mutated_texts(PARTS[name])
                           | yamlish.map(yaml.safe_dump))))
def test_mutated_parts_of_a_folder_scenario_never_escape(
    fuzz_dir: Path, part: tuple[str, str]
) -> None:
    name, text = part
    folder = fuzz_dir / "folder"
    folder.mkdir(exist_ok=True)
    for other, content in PARTS.items():
        (folder / other).write_text(text if other == name else content, encoding="utf-8")
    try:
        load_scenario(folder, cache=False)
    except ScenarioError as error:
        assert all(problem.path and problem.message for problem in error.problems)
