"""What the archive screen lists: notes the player has opened, the glossary, and stories.

Plain data, no Textual. The stories are those of the article the project began from, each
with its evidence level and what the sources say (``scenarios/archive.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from gulag_escape.engine.view import NoteView, format_source, note_view
from gulag_escape.scenario.archive import Story
from gulag_escape.tui.archive_record import ArchiveRecord
from gulag_escape.tui.catalogue import Catalogue, ScenarioEntry


@dataclass(frozen=True)
class ArchiveItem:
    """One entry of a section; ``note`` is set for notes and stories, ``definition`` for terms."""

    key: str
    title: str
    group: str
    """The heading it is listed under (its scenario's title)."""
    note: NoteView | None = None
    definition: str = ""
    terms: tuple[tuple[str, str], ...] = ()
    """Glossary ids to words of its scenario, for rendering links in its text."""


@dataclass(frozen=True)
class ArchiveSections:
    notes: tuple[ArchiveItem, ...]
    glossary: tuple[ArchiveItem, ...]
    stories: tuple[ArchiveItem, ...]
    locked: int
    """How many notes are still to be opened by playing."""


STORIES_GROUP = "The article's stories, checked"


def archive_sections(catalogue: Catalogue, record: ArchiveRecord) -> ArchiveSections:
    notes: list[ArchiveItem] = []
    glossary: list[ArchiveItem] = []
    locked = 0
    for entry in catalogue.entries:
        if entry.loaded is None:
            continue
        shown, hidden = _notes_of(entry, record)
        notes += shown
        locked += hidden
        terms = tuple(entry.terms.items())
        glossary += [ArchiveItem(f"{entry.id}:{t.id}", t.term, entry.title,
                                 definition=t.definition, terms=terms)
                     for t in sorted(entry.model.glossary, key=lambda t: t.term.lower())]
    standard = any(r.standard for r in record.scenarios.values())
    stories = tuple(_story(story) for story in catalogue.stories
                    if story.content_level == "mild" or standard)
    return ArchiveSections(tuple(notes), tuple(glossary), stories, locked)


def _story(story: Story) -> ArchiveItem:
    """A story as a note: the claim, what the sources say, and where the game tells it."""
    parts = [f"_As told ({story.years}):_ {story.claim}",
             f"_What the sources say:_ {story.sources_say}"]
    if story.in_game:
        parts.append(f"_In the game:_ {story.in_game}")
    note = NoteView(story.id, story.title, "\n\n".join(parts), story.evidence,
                    [format_source(source) for source in story.sources])
    return ArchiveItem(f"story:{story.id}", story.title, STORIES_GROUP, note=note)


def _notes_of(entry: ScenarioEntry, record: ArchiveRecord) -> tuple[list[ArchiveItem], int]:
    """A scenario's opened notes: all of them (at the content level played) after an ending."""
    seen = record.get(entry.id)
    terms = tuple(entry.terms.items())
    shown = []
    for note in entry.model.notes:
        allowed = note.content_level == "mild" or seen.standard
        if note.id in seen.notes or (seen.ended and allowed):
            shown.append(ArchiveItem(f"{entry.id}:{note.id}", note.title, entry.title,
                                     note=note_view(note), terms=terms))
    return shown, len(entry.model.notes) - len(shown)
