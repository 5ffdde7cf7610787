"""The authors' commands: ``graph``, ``index``, ``new``, ``record`` and ``replay``."""

from __future__ import annotations

from pathlib import Path

import click

from gulag_escape.authoring.graph import FORMATS
from gulag_escape.commands.common import CONTENT, SEED, friendly, output_option


@click.command("graph")
@click.argument("scenario")
@click.option("--format", "form", type=click.Choice(FORMATS), default="text",
              show_default=True,
              help="mermaid or dot for a diagram, text for an outline in the terminal.")
@output_option()
@friendly
def graph_command(scenario: str, form: str, output: Path | None) -> int:
    """Draw SCENARIO (a shipped id or a path): the route, storylets, endings and the links.

    Edges follow what the file says: a choice's next:, end: and move: effects, the escape,
    legs and crossings, checkpoints and the endings the systems use (dashed).
    """
    from gulag_escape.authoring.graph import render
    from gulag_escape.scenario.loader import load_scenario, resolve_scenario_path
    from gulag_escape.textout import emit

    text = render(load_scenario(resolve_scenario_path(scenario)).model, form)
    emit(text, output)
    if output is None:
        return 0
    click.echo(f"Wrote the {form} graph of {scenario} to {output}.", err=True)
    return 0


@click.command("new")
@click.argument("name")
@click.option("--dir", "parent", type=click.Path(path_type=Path, file_okay=False),
              default=Path(), show_default=".",
              help="Where to make the scenario's folder.")
@friendly
def new_command(name: str, parent: Path) -> int:
    """Make a small, playable scenario folder NAME to start writing from.

    NAME is the new scenario's id: lower-case letters, digits, - and _. The folder holds
    scenario.yaml, commented section by section, and a copy of the JSON Schema for editors.
    """
    from gulag_escape.authoring.scaffold import create_scenario
    from gulag_escape.scenario.sources import MAIN_FILE

    folder = create_scenario(name, parent)
    main = (folder / MAIN_FILE).as_posix()
    click.echo(f"Made {main}. Try it:")
    for command in (f"validate {folder.as_posix()}",
                    f"play {folder.as_posix()} --plain --seed 1",
                    f"graph {folder.as_posix()} --format text"):
        click.echo(f"  gulag-escape {command}")
    click.echo("Then make it yours, step by step: docs/authoring.md.")
    return 0


@click.command("record")
@click.argument("scenario")
@click.option("--seed", type=SEED, required=True, help="World seed of the recorded game.")
@click.option("--profile", help="Who the player is (without it the input must answer).")
@click.option("--content", type=CONTENT, default="standard",
              show_default=True, help="Content level of the game.")
@click.option("--input", "input_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Input, one line per answer; a transcript's own input is read from it.")
@click.option("--choices", help='Input as one comma-separated list, e.g. "1,2,status,1".')
@click.option("--then", "then", metavar="ANSWER",
              help='After the input, answer this (e.g. "1") until the game ends (default: '
                   "the then of a transcript given with --input).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              required=True, help="The transcript file to write.")
@friendly
def record_command(
    *,
    scenario: str,
    seed: int,
    profile: str | None,
    content: str,
    input_file: Path | None,
    choices: str | None,
    then: str | None,
    output: Path,
) -> int:
    """Play SCENARIO in plain mode with scripted input; write the input and the output.

    SCENARIO is a shipped scenario's id or a path. Replay the transcript later with
    `gulag-escape replay`: it fails, with a diff, when the game's output has changed.
    """
    from gulag_escape.authoring.transcripts import (
        outcome,
        play_recording,
        recording_from,
        write_transcript,
    )

    recording = recording_from(scenario, seed, profile, content, input_file=input_file,
                               choices=choices, then=then)
    played = play_recording(recording)
    write_transcript(output, recording, played)
    click.echo(f"{output}: {played.consumed} inputs, {played.output.count(chr(10))} lines; "
               f"{outcome(played)}.")
    return 0


@click.command("replay")
@click.argument("transcript", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("scenario", required=False)
@friendly
def replay_command(transcript: Path, scenario: str | None) -> int:
    """Play a transcript's input again; exit 1 with a diff when the output has changed.

    SCENARIO (a shipped id or a path) replaces the one named in the transcript's header.
    A changed scenario digest alone is only noted: what counts is the output.
    """
    from gulag_escape.authoring.transcripts import replay_transcript
    from gulag_escape.untrusted import clean

    result = replay_transcript(transcript, scenario)
    click.echo(clean(result.report()))  # the transcript's text came from a file
    return 0 if result.identical else 1


@click.command("index")
@click.argument("scenario")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@output_option()
@friendly
def index_command(scenario: str, as_json: bool, output: Path | None) -> int:
    """Where each stat, flag, item, skill and companion of SCENARIO is set, read and shown."""
    from gulag_escape.authoring.index import index_output
    from gulag_escape.textout import emit

    emit(index_output(scenario, as_json=as_json), output)
    return 0
