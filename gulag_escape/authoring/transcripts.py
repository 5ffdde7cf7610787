"""Golden transcripts: a seeded plain-mode game recorded with its input, replayed and diffed.

Inform's "blessed transcripts", adapted to the terminal. ``gulag-escape record`` plays a
seeded game in plain mode with scripted input and writes the input and the exact output;
``gulag-escape replay`` plays the same input against the scenario and engine as they are now
and shows a unified diff when the output changed. Authors keep transcripts in their own CI;
the project keeps golden ones for its shipped scenarios in ``tests/golden/``.

A transcript is a text file: a header of ``key: value`` lines (how to play the game again,
and which scenario digest it was recorded with), a separator line, then the output as it
was printed. Only the input the game read is kept; ``then`` (e.g. "1") answers after it
until the game ends, so a recording that reached an ending still does after a change of
balance. ``python -m gulag_escape.authoring.transcripts --refresh FOLDER`` records every
transcript in a folder again from its own header, after a deliberate change of content.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

from gulag_escape.errors import GulagEscapeError, UsageError
from gulag_escape.files import SHARED, FileRefused, read_text, write_atomically
from gulag_escape.session import SEED_LIMIT

MAGIC = "gulag-escape transcript 1"
"""The first line of every transcript; the number is the format's version."""
SEPARATOR = "--- output ---"
SUFFIX = ".transcript"
MAX_THEN = 2000
_SEED = re.compile(r"-?[0-9]{1,19}")
"""A seed in a header: ASCII digits only (``int`` would also take "²" or "٣")."""
"""At most this many ``then`` answers: a game that never ends must not record forever."""


@dataclass(frozen=True)
class Recording:
    """How a game is played again: the scenario as it was named, the options, the input."""

    scenario: str
    """A shipped scenario's id or a path, as given to ``record`` (read back from a file, a
    path as this process can open it: see :func:`scenario_in_header`)."""
    seed: int
    profile: str | None
    """None: the game asked, and the input answered."""
    content: str
    input: tuple[str, ...]
    then: str | None = None
    """Answered after the input, until the game ends: a recording that ends in an ending
    still does after a change of balance makes the game longer."""


@dataclass(frozen=True)
class Played:
    """A recording played: what it printed and what it was played against."""

    output: str
    scenario_id: str
    version: str
    digest: str
    consumed: int
    """How many lines of the input the game read before it stopped (``then`` not counted)."""
    ending: str | None
    """The ending's title, or None when the input ran out first."""
    day: int


@dataclass(frozen=True)
class Transcript:
    """A transcript file read back."""

    path: Path
    recording: Recording
    scenario_id: str
    version: str
    digest: str
    refresh: str
    """The exact command that records this transcript again."""
    output: str
    header: list[str]
    """The file's lines before the output, kept to number the diff by the file's lines."""


# --- playing ------------------------------------------------------------------------------


def play_recording(recording: Recording, scenario: str | None = None) -> Played:
    """Play ``recording`` in plain mode (against ``scenario`` if given); capture everything."""
    # Imported here: `gulag-escape record --help` should not load the engine.
    from gulag_escape.plain import PlainSession, Terminal
    from gulag_escape.session import PlayOptions

    then = repeat(recording.then, MAX_THEN) if recording.then is not None else ()
    lines = chain(recording.input, then)
    read_count = 0

    def read() -> str | None:
        nonlocal read_count
        line = next(lines, None)
        read_count += line is not None
        return line

    out = io.StringIO()
    # A temporary save folder: the game autosaves when it stops, and a recording must
    # neither touch the player's saves nor depend on what is in them.
    with tempfile.TemporaryDirectory(prefix="gulag-escape-transcript-") as saves:
        options = PlayOptions(scenario=scenario or recording.scenario, seed=recording.seed,
                              profile=recording.profile, content=recording.content,
                              saves_dir=Path(saves))
        session = PlainSession(Terminal(read, out), options)
        session.run()
    loaded, game = session.scenario, session.game
    assert loaded is not None, "the scenario is named, so the session always opens it"
    view = game.view() if game is not None else None
    return Played(
        output=out.getvalue(),
        scenario_id=loaded.id,
        version=loaded.model.meta.version,
        digest=loaded.digest,
        consumed=min(read_count, len(recording.input)),
        ending=view.ending.title if view is not None and view.ending is not None else None,
        day=view.status.day if view is not None else 0,
    )


# --- the file -----------------------------------------------------------------------------


def refresh_command(recording: Recording, path: Path) -> str:
    """The command that records ``path`` again from its own header."""
    words = ["gulag-escape", "record", recording.scenario, "--seed", str(recording.seed)]
    if recording.profile is not None:
        words += ["--profile", recording.profile]
    words += ["--content", recording.content, "--input", str(path)]
    if recording.then is not None:
        words += ["--then", recording.then]
    words += ["-o", str(path)]
    return shlex.join(words)


def format_transcript(recording: Recording, played: Played, path: Path) -> str:
    header = [
        MAGIC,
        f"scenario: {scenario_in_header(recording.scenario, path)}",
        f"seed: {recording.seed}",
        *([f"profile: {recording.profile}"] if recording.profile is not None else []),
        f"content: {recording.content}",
        f"scenario-id: {played.scenario_id}",
        f"version: {played.version}",
        f"digest: {played.digest}",
        f"refresh: {refresh_command(recording, path)}",
        *(f"input: {line}" for line in recording.input[: played.consumed]),
        *([f"then: {recording.then}"] if recording.then is not None else []),
        SEPARATOR,
    ]
    return "\n".join(header) + "\n" + played.output


def scenario_in_header(scenario: str, transcript: Path) -> str:
    """How a header names the scenario: a shipped id as it is, a path relative to the
    transcript's own folder, so that the transcript replays from any working folder."""
    from gulag_escape.scenario.loader import resolve_scenario_path

    if resolve_scenario_path(scenario) != Path(scenario) or not Path(scenario).exists():
        return scenario
    try:
        relative = os.path.relpath(Path(scenario).resolve(), transcript.parent.resolve())
    except ValueError:  # another drive: only the absolute path names it
        return Path(scenario).resolve().as_posix()
    return Path(relative).as_posix()


def scenario_from_header(named: str, transcript: Path) -> str:
    """The header's scenario as this process can open it: a path is relative to the
    transcript's folder; older transcripts named it relative to the folder they were
    recorded in, and are read that way when nothing lies beside the transcript."""
    from gulag_escape.scenario.loader import resolve_scenario_path

    if resolve_scenario_path(named) != Path(named):
        return named  # a shipped scenario
    beside = transcript.parent / named
    return str(beside) if beside.exists() else named


def write_transcript(path: Path, recording: Recording, played: Played) -> None:
    """Write the transcript; a folder or file that cannot be written is a :class:`UsageError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, format_transcript(recording, played, path), SHARED)
    except OSError as error:
        raise UsageError(f"could not write {path}: {error.strerror or error}; choose another "
                         "file with -o") from None


def read_transcript(path: Path) -> Transcript:
    """A transcript file; a :class:`UsageError` naming the line when it is not one."""
    try:
        text = read_text(path)
    except FileRefused as refused:
        raise UsageError(f"cannot read the transcript {path}: {refused.reason}") from None
    lines = text.split("\n")
    if lines[0] != MAGIC:
        raise UsageError(f"{path}:1: not a transcript (it should start with '{MAGIC}'); "
                         "make one with `gulag-escape record`")
    try:
        end = lines.index(SEPARATOR)
    except ValueError:
        raise UsageError(f"{path}: the line '{SEPARATOR}' that ends the header is missing; "
                         "record the transcript again") from None
    fields: dict[str, str] = {}
    inputs: list[str] = []
    for number, line in enumerate(lines[1:end], 2):
        key, colon, value = line.partition(":")
        if not colon:
            raise UsageError(f"{path}:{number}: expected 'key: value' in the header, found "
                             f"{line!r}")
        value = value.removeprefix(" ")
        if key == "input":
            inputs.append(value)
        else:
            fields[key] = value
    missing = [k for k in ("scenario", "seed", "content", "digest", "refresh")
               if k not in fields]
    if missing or not _SEED.fullmatch(fields.get("seed", "")) or (
            abs(int(fields["seed"])) > SEED_LIMIT):
        raise UsageError(f"{path}: the header lacks a valid {', '.join(missing) or 'seed'}; "
                         "record the transcript again")
    recording = Recording(scenario_from_header(fields["scenario"], path), int(fields["seed"]),
                          fields.get("profile"), fields["content"], tuple(inputs),
                          fields.get("then"))
    return Transcript(path, recording, fields.get("scenario-id", ""), fields.get("version", ""),
                      fields["digest"], fields["refresh"], "\n".join(lines[end + 1:]),
                      lines[: end + 1])


def read_input(path: Path) -> tuple[tuple[str, ...], str | None]:
    """Input lines from a file, one per line; or a transcript's recorded input and its
    ``then`` answer (None for a plain file)."""
    try:
        text = read_text(path)
    except FileRefused as refused:
        raise UsageError(f"cannot read the input file {path}: {refused.reason}") from None
    if text.startswith(MAGIC + "\n"):
        recording = read_transcript(path).recording
        return recording.input, recording.then
    return tuple(text.splitlines()), None


# --- comparing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Replay:
    """A transcript played again: the same output, or where it differs."""

    transcript: Transcript
    played: Played

    @property
    def identical(self) -> bool:
        return self.played.output == self.transcript.output

    @property
    def digest_changed(self) -> bool:
        return self.played.digest != self.transcript.digest

    def digest_note(self) -> str:
        old, new = self.transcript, self.played
        return (f"Note: the scenario changed since the recording (version {old.version}, "
                f"digest {old.digest[:12]} → version {new.version}, digest {new.digest[:12]}).")

    def first_difference(self) -> str:
        """Where the output first differs, by the transcript file's line numbers."""
        recorded = self.transcript.output.split("\n")
        now = self.played.output.split("\n")
        index = next((i for i, (a, b) in enumerate(zip(recorded, now, strict=False)) if a != b),
                     min(len(recorded), len(now)))
        line = len(self.transcript.header) + index + 1
        shown = [f"{self.transcript.path}:{line}: the output differs from the recording "
                 f"(output line {index + 1})"]
        shown.append("  recorded: " + (repr(recorded[index]) if index < len(recorded)
                                       else "(the recording ends here)"))
        shown.append("  now:      " + (repr(now[index]) if index < len(now)
                                       else "(the output ends here)"))
        return "\n".join(shown)

    def diff(self) -> Iterator[str]:
        """A unified diff of the whole file, so its line numbers are the file's own."""
        header = self.transcript.header
        recorded = header + self.transcript.output.split("\n")
        now = header + self.played.output.split("\n")
        name = str(self.transcript.path)
        return difflib.unified_diff(recorded, now, f"{name} (recorded)", f"{name} (now)",
                                    lineterm="")

    def report(self) -> str:
        """What ``replay`` prints: a note on the digest, then "same" or the difference."""
        lines = [self.digest_note()] if self.digest_changed else []
        if self.identical:
            count = self.played.output.count("\n")
            lines.append(f"{self.transcript.path}: the same output ({count} lines).")
        else:
            lines += [self.first_difference(), *self.diff(),
                      f"If the change is intended, record it again: {self.transcript.refresh}"]
        return "\n".join(lines)


def replay_transcript(path: Path, scenario: str | None = None) -> Replay:
    """Play a transcript's input again (against ``scenario`` if given) and compare."""
    from gulag_escape.session import open_scenario

    transcript = read_transcript(path)
    if scenario is not None:
        # Checked first: another scenario's game would fail on a profile, not say why.
        named = open_scenario(scenario).id
        if transcript.scenario_id and named != transcript.scenario_id:
            raise UsageError(f"{path} was recorded with the scenario "
                             f"'{transcript.scenario_id}', not '{named}'; name the scenario it "
                             "was recorded with")
    return Replay(transcript, play_recording(transcript.recording, scenario))


def rerecord(path: Path) -> tuple[Transcript, Played]:
    """Record a transcript again from its own header, into the same file."""
    transcript = read_transcript(path)
    played = play_recording(transcript.recording)
    write_transcript(path, transcript.recording, played)
    return transcript, played


def transcripts_in(paths: Sequence[Path]) -> list[Path]:
    """Transcript files: the files given, and every ``*.transcript`` in the folders given."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob(f"*{SUFFIX}")) if path.is_dir() else [path]
    return found


def outcome(played: Played) -> str:
    """How a played recording stopped, as ``record`` and ``--refresh`` report it."""
    if played.ending is not None:
        return f"the game ends: {played.ending}"
    return f"the input ran out on day {played.day}, before an ending"


def recording_from(scenario: str, seed: int, profile: str | None, content: str, *,
                   input_file: Path | None, choices: str | None, then: str | None) -> Recording:
    """What ``record`` plays: the input from a file, a comma-separated list, or ``then``."""
    if input_file is not None and choices is not None:
        raise UsageError("give the input with --input FILE or with --choices, not both")
    if input_file is None and choices is None and then is None:
        raise UsageError('give the input with --input FILE, --choices "1,2,..." or --then 1')
    inputs: tuple[str, ...] = ()
    if input_file is not None:
        inputs, recorded_then = read_input(input_file)
        # A transcript's input goes on as it did when recorded, unless --then says otherwise.
        then = recorded_then if then is None else then
    elif choices is not None:
        inputs = tuple(part.strip() for part in choices.split(","))
    return Recording(scenario, seed, profile, content, inputs, then)


def refresh(paths: Sequence[Path]) -> Iterator[str]:
    """Record every transcript in ``paths`` again from its own header; a line about each."""
    files = transcripts_in(paths)
    if not files:
        raise UsageError(f"no *{SUFFIX} files in {', '.join(map(str, paths))}")
    for path in files:
        before, played = rerecord(path)
        change = "unchanged" if played.output == before.output else "changed"
        yield f"{path}: {change}; {outcome(played)}."


def main(argv: list[str] | None = None) -> int:
    """``python -m gulag_escape.authoring.transcripts --refresh FOLDER``, after an intended
    change of content: no click here, this module sits below the command layer."""
    prog = "python -m gulag_escape.authoring.transcripts"
    parser = argparse.ArgumentParser(
        prog=prog, description="Record transcripts again from their own headers.")
    parser.add_argument("--refresh", dest="paths", type=Path, action="append", required=True,
                        help="a transcript or a folder of them to record again")
    arguments = parser.parse_args(argv)
    try:
        for line in refresh(arguments.paths):
            print(line, flush=True)
    except GulagEscapeError as error:
        print(f"{prog}: {error.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
