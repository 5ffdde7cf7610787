"""The boundary for untrusted files: cleaning text, bounded reading, limited JSON, the last wall."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from gulag_escape import cli
from gulag_escape.crash import CRASH_ENV
from gulag_escape.files import FileRefused, read_bytes, read_text
from gulag_escape.scenario.loader import MAX_PROBLEMS
from gulag_escape.untrusted import (
    MAX_NUMBER_DIGITS,
    JsonRefused,
    clean,
    find_control,
    load_json,
    markup_safe,
)

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m \x9b1m[/bold] [@click=app.quit]q[/]\x00\r"


@given(st.text())
def test_cleaned_text_has_no_control_character_left(text: str) -> None:
    cleaned = clean(text)
    assert find_control(cleaned) is None
    assert "\x1b" not in cleaned


def test_escape_sequences_go_whole_and_layout_stays() -> None:
    assert clean(HOSTILE) == "red [/bold] [@click=app.quit]q[/]"
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean("a\tb\nc", allow="") == "abc"


def test_markup_is_escaped_for_markup_sinks() -> None:
    from textual.content import Content

    shown = Content.from_markup(markup_safe("[/bold]x [@click=app.quit]q [sic]"))
    assert shown.plain == "[/bold]x [@click=app.quit]q [sic]"
    assert not shown.spans


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("{\"ключ\": 1}", encoding="utf-8")
    assert read_text(path) == "{\"ключ\": 1}"


@pytest.mark.parametrize(("make", "kind"), [
    (lambda p: None, "missing"),
    (lambda p: p.mkdir(), "folder"),
    (lambda p: p.symlink_to("/dev/zero"), "special"),
    (os.mkfifo, "special"),
    (lambda p: p.write_bytes(b"x" * 101), "large"),
    (lambda p: p.write_bytes(b"\xff\xfe"), "binary"),
])
def test_what_is_not_a_small_regular_text_file_is_refused(tmp_path: Path, make, kind) -> None:
    path = tmp_path / "target"
    make(path)
    with pytest.raises(FileRefused) as refused:
        read_text(path, limit=100)
    assert refused.value.kind == kind


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    """The size seen before reading is not trusted: the read itself stops at the limit."""
    path = tmp_path / "growing"
    path.write_bytes(b"x" * 10)
    with path.open("ab") as file:
        file.write(b"y" * 200)
        file.flush()
        with pytest.raises(FileRefused, match="more than the 100 bytes"):
            read_bytes(path, limit=100)


@pytest.mark.parametrize(("text", "words"), [
    ("[" * 65 + "]" * 65, "nested more than 64"),
    ("{\"a\": " * 70 + "1" + "}" * 70, "nested more than 64"),
    ("9" * 5000, f"more than {MAX_NUMBER_DIGITS} digits"),
    ("[1e99999999999999999999999999999999999999999]", "digits"),
    ("NaN", "not a number JSON allows"),
    ("{\"a\": ", "not JSON text"),
    (b"\xff", "not UTF-8"),
])
def test_hostile_json_is_refused_with_a_reason(text: str | bytes, words: str) -> None:
    with pytest.raises(JsonRefused, match=words):
        load_json(text)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    assert load_json('{"a": "' + "[" * 100 + '"}') == {"a": "[" * 100}


def test_an_unexpected_exception_becomes_one_line_and_a_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CRASH_ENV, str(tmp_path))

    def broken() -> None:
        raise RuntimeError("a bug \x1b[2J")

    monkeypatch.setattr("gulag_escape.scenario.loader.shipped_scenarios", broken)
    result = CliRunner().invoke(cli.main, ["list"])
    assert result.exit_code == 1
    logs = list(tmp_path.glob("crash-*.log"))
    assert len(logs) == 1
    assert result.output.strip().splitlines() == [
        f"gulag-escape stopped on an internal error (RuntimeError: a bug ); the details are "
        f"in {logs[0]}; please send that file with a bug report."]
    assert "Traceback" in logs[0].read_text(encoding="utf-8")
    assert "raise RuntimeError" in logs[0].read_text(encoding="utf-8")


def test_a_crash_log_that_cannot_be_written_is_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv(CRASH_ENV, str(tmp_path / "file" / "below"))
    monkeypatch.setattr("gulag_escape.scenario.loader.shipped_scenarios", dict.popitem)
    result = CliRunner().invoke(cli.main, ["list"])
    assert result.exit_code == 1
    assert "no log file could be written" in result.output


@pytest.mark.parametrize("args", [
    ["simulate", "kolyma", "--runs", "10000000000"],
    ["simulate", "kolyma", "--workers", "100000"],
    ["simulate", "kolyma", "--seed", "1" + "0" * 30],
    ["play", "kolyma", "--plain", "--seed", "-" + "9" * 25],
    ["record", "kolyma", "--seed", "9" * 25, "--choices", "1", "-o", "x.transcript"],
])
def test_numbers_out_of_range_are_usage_errors(args: list[str]) -> None:
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 2
    assert "is not in the range" in result.output


def test_a_flood_of_problems_is_listed_up_to_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text("".join(f"k{i}: 1\n" for i in range(MAX_PROBLEMS + 500)), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["validate", str(path)])
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1].startswith(f"{path}: 5") and "more problems are not listed" in lines[-1]
