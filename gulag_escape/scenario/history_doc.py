"""``docs/history.md``: the history behind the game, written from the scenarios so it cannot drift.

A teacher, a reviewer or a curious player should be able to read every historical claim the
game makes without playing it: each note of each shipped scenario with its evidence level and
sources, then every story of the archive, then one bibliography. All of it already lives in
the scenario files and ``scenarios/archive.yaml``, so the page is written from them and a test
fails when the committed page is stale. Regenerate with::

    python -m gulag_escape.scenario.history_doc -o docs/history.md

Notes and stories marked ``content_level: standard`` are included (this page is for readers
who chose to read it) and say that the game shows them only at the standard level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gulag_escape.markup import to_rich_text
from gulag_escape.scenario.archive import Archive, Story, load_archive
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, shipped_scenarios
from gulag_escape.scenario.models import Note, Scenario, Source
from gulag_escape.textkit import escape_markdown as _escape
from gulag_escape.textkit import markdown_table
from gulag_escape.textout import generator_main
from gulag_escape.words import EVIDENCE_MEANING

COMMAND = "python -m gulag_escape.scenario.history_doc -o docs/history.md"

STANDARD_ONLY = "Shown in the game only at the standard content level."


def history_markdown(scenarios: Sequence[LoadedScenario] | None = None,
                     archive: Archive | None = None) -> str:
    """The whole page, identical on every run for the same scenario files."""
    if scenarios is None:
        scenarios = [load_scenario(path) for path in shipped_scenarios()]
    if archive is None:
        archive = load_archive()
    bibliography = Bibliography()
    lines = [
        f"<!-- Generated from the shipped scenarios and scenarios/archive.yaml by `{COMMAND}`;",
        "     do not edit by hand: edit the notes and stories and regenerate. -->",
        "",
        "# The history behind the game",
        "",
        "Every historical note the game can show, scenario by scenario, with its evidence",
        "level and its sources; then the archive of escape stories, each as it is popularly",
        "told and as far as the sources bear it out; then every work cited. The people you",
        "meet in play are invented; these notes are where the game says what really happened",
        "and how sure anyone can be.",
        "",
        "## Evidence levels",
        "",
        markdown_table(["Level", "Meaning"], [[_escape(level), _escape(meaning)]
                                              for level, meaning in EVIDENCE_MEANING.items()]),
        "",
        "## Contents",
        "",
        *(f"- [{_escape(s.model.meta.title)}](#{_anchor(s.model.meta.title)})" for s in scenarios),
        "- [Archive of escape stories](#archive-of-escape-stories)",
        "- [Bibliography](#bibliography)",
        "",
    ]
    for scenario in scenarios:
        lines += _scenario_section(scenario.model, bibliography)
    lines += _archive_section(archive.stories, bibliography)
    lines += ["## Bibliography", "",
              "Every work cited above, once, by author. A work cited for several chapters or",
              "volumes lists them after it.", ""]
    lines += [f"- {entry}" for entry in bibliography.entries()]
    return "\n".join(lines) + "\n"


def _scenario_section(model: Scenario, bibliography: Bibliography) -> list[str]:
    meta = model.meta
    terms = {term.id: term.term for term in model.glossary}
    shown_after: dict[str, list[str]] = {}
    for ending in model.endings:
        for note_id in ending.notes:
            shown_after.setdefault(note_id, []).append(ending.title)
    lines = [
        f"## {_escape(meta.title)}",
        "",
        f"**When:** {_escape(meta.era)}. **Where:** {_escape(meta.place)}. "
        f"**Basis** ({meta.basis.evidence}): {_markdown(meta.basis.summary, terms)}",
        "",
    ]
    for note in model.notes:
        lines += _note(note, terms, shown_after.get(note.id, []),
                       in_basis=note.id in meta.basis.notes)
        bibliography.add(note.sources)
    bibliography.add(meta.sources)
    return lines


def _note(note: Note, terms: dict[str, str], endings: list[str], in_basis: bool) -> list[str]:
    where = [f"after the ending{'s' if len(endings) > 1 else ''} "
             + ", ".join(f"“{_escape(title)}”" for title in endings)] if endings else []
    if in_basis:
        where.append("with the scenario's basis")
    facts = [f"Evidence: **{note.evidence}**."]
    if where:
        facts.append(f"Shown {' and '.join(where)}.")
    if note.content_level == "standard":
        facts.append(STANDARD_ONLY)
    return [f"### {_escape(note.title)}", "", " ".join(facts), "",
            *_paragraphs(note.body, terms), "Sources:", "",
            *(f"- {_source(source)}" for source in note.sources), ""]


def _archive_section(stories: Sequence[Story], bibliography: Bibliography) -> list[str]:
    lines = ["## Archive of escape stories", "",
             "Escape stories as they are popularly told, most of them in the online article",
             '"Escape from the Gulag" (gulag-witnesses.com), each checked against the sources',
             "cited with it.", ""]
    for story in stories:
        facts = [f"Evidence of the story as told: **{story.evidence}**."]
        if story.content_level == "standard":
            facts.append(STANDARD_ONLY)
        lines += [f"### {_escape(story.title)} ({_escape(story.years)})", "", " ".join(facts), "",
                  f"**As it is told.** {_markdown(story.claim)}", "",
                  f"**What the sources say.** {_markdown(story.sources_say)}", ""]
        if story.in_game:
            lines += [f"**In the game.** {_escape(story.in_game)}", ""]
        lines += ["Sources:", "", *(f"- {_source(source)}" for source in story.sources), ""]
        bibliography.add(story.sources)
    return lines


@dataclass
class _Work:
    source: Source
    pages: list[str] = field(default_factory=list)


class Bibliography:
    """Sources gathered once per work (author, title, year), sorted by author then title.

    The same book is cited for different chapters or volumes; the bibliography lists the
    work once and the parts after it, and keeps the first publisher and address it met.
    """

    def __init__(self) -> None:
        self._works: dict[tuple[str, str, int], _Work] = {}

    def add(self, sources: Iterable[Source]) -> None:
        for source in sources:
            key = (source.author.casefold(), source.title.casefold(), source.year or 0)
            work = self._works.setdefault(key, _Work(source))
            if not work.source.publisher and source.publisher:
                work.source = work.source.model_copy(update={"publisher": source.publisher})
            if not work.source.url and source.url:
                work.source = work.source.model_copy(update={"url": source.url})
            if source.pages and source.pages not in work.pages:
                work.pages.append(source.pages)

    def entries(self) -> list[str]:
        ordered = sorted(self._works.items(), key=lambda item: item[0])
        return [_source(work.source.model_copy(update={"pages": "; ".join(work.pages) or None}))
                for _, work in ordered]


def _source(source: Source) -> str:
    """Author. *Title*. Publisher. Year. Pages. (kind) <url>: each part ending in one full stop."""
    parts = [_escape(source.author), f"*{_escape(source.title.rstrip('.'))}*"]
    parts += [_escape(p) for p in (source.publisher, str(source.year) if source.year else None,
                                   source.pages) if p]
    text = " ".join(part if part.endswith(".") else f"{part}." for part in parts)
    text += f" ({source.kind})"
    return f"{text} <{source.url}>" if source.url else text


def _paragraphs(text: str, terms: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n")):
        if paragraph:
            lines += [_markdown(paragraph, terms), ""]
    return lines


def _markdown(text: str, terms: dict[str, str] | None = None) -> str:
    """Story markup as Markdown: links become their words, emphasis stays emphasis."""
    rich = to_rich_text(text, terms)
    plain = rich.plain
    out: list[str] = []
    position = 0
    for span in sorted(rich.spans, key=lambda span: span.start):
        if span.style != "italic":
            continue
        out += [_escape(plain[position:span.start]), f"*{_escape(plain[span.start:span.end])}*"]
        position = span.end
    out.append(_escape(plain[position:]))
    return " ".join("".join(out).split())


def _anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", title.lower())
    return kept.replace(" ", "-")


main = generator_main(
    "python -m gulag_escape.scenario.history_doc",
    "Write docs/history.md from the shipped scenarios and the archive.",
    history_markdown,
)


if __name__ == "__main__":
    raise SystemExit(main())
