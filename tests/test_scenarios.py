"""The shipped scenarios against what they promise: balance, reach, content levels, history.

Each scenario declares in ``meta.balance`` how its games should end for each simulator policy;
the simulator checks those bands here, for every profile. Thousands of games per scenario
(``REACH_GAMES``), split over the policies and profiles, must between them meet every
storylet: a storylet no game meets is dead content or a broken condition. The graphic
details named in section 5 of the research brief (bounties for body parts, displayed
bodies, the "walking supply") may appear only in historical notes shown at the standard
content level, and every game must end at every content level. Every note has an evidence
level and a source, and no source is an unofficial copy. ``docs/history.md`` is generated
from all of it and must not drift.

The reach test adds the simulator's ``explorer`` policy to the three the scenarios declare
bands for, because those three cannot between them reach content that needs both a long
survival and a gamble at the end of it (see its docstring in gulag_escape/simulation/
policies.py). The games are played in shares, one test each, so the suite's workers share
them; ``bench/README.md`` records the suite's figures.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from pydantic import BaseModel

from gulag_escape.cli import main as cli
from gulag_escape.scenario.archive import Archive, load_archive
from gulag_escape.scenario.history_doc import COMMAND as HISTORY_COMMAND
from gulag_escape.scenario.history_doc import history_markdown
from gulag_escape.scenario.lint.rules import UNOFFICIAL_HOSTS
from gulag_escape.scenario.loader import LoadedScenario, load_scenario, resolve_scenario_path
from gulag_escape.scenario.models import ContentLevel, Evidence, Source, overstated
from gulag_escape.simulation import SimulationReport, simulate

SCENARIOS = ("kem-1925", "kolyma", "tchernavin-1932")
SIMULATOR_POLICIES = ("random", "cautious", "bold")
REACH_GAMES = {"kem-1925": 10_000, "kolyma": 10_000, "tchernavin-1932": 4_000}
"""Games per scenario in the reach test, split evenly over policies and profiles: 834 for
each pair in Kem 1925 and Kolyma (three profiles), 1,000 for each policy in the White Sea
scenario (one profile). Kolyma needs all of its ten thousand: in 4,000 of them two of its
storylets (``lev-news``, ``magadan-post-brigade``) are never met. The White Sea's rarest
storylet, ``oper-final``, is met in 14 of its 4,000 games, and every band there holds its
share at least six standard errors inside its limits; 10,000 games (2,500 a policy) cost
the suite 20 s of CPU and tested nothing more. Measured with the seeds below, 2026-12-06."""
REACH_CONTENT: ContentLevel = "standard"
"""The content level of the reach games."""
LEVEL_GAMES = 60
"""Games per policy and profile at each other content level."""
WORKERS = 1
"""The simulator's own processes per test: one, because the suite's workers (pytest-xdist)
already keep the cores busy; a pool inside a worker only made the machine thrash."""

HISTORY = ROOT / "docs" / "history.md"


REACH_POLICIES = (*SIMULATOR_POLICIES, "explorer")


@functools.cache
def load(name: str) -> LoadedScenario:
    """A shipped scenario read from its YAML, once per process: the loaded scenario is frozen,
    and this module asks for each one dozens of times (its collection alone a dozen)."""
    return load_scenario(resolve_scenario_path(name), cache=False)


def profiles(scenario: LoadedScenario) -> list[str]:
    return [profile.id for profile in scenario.model.profiles]


def reach_chunks() -> list[tuple[str, int, str, str]]:
    """(scenario, seed, policy, profile) of each share of a scenario's reach games.

    Each share is its own test, so pytest-xdist spreads them over the suite's workers; the
    seeds are fixed by the share's place in the list, so the games are the same however
    they are spread.
    """
    chunks = []
    for name in SCENARIOS:
        combos = [(p, pr) for p in REACH_POLICIES for pr in profiles(load(name))]
        chunks += [(name, 1_000 * index + 1, policy, profile)
                   for index, (policy, profile) in enumerate(combos)]
    return chunks


REACH_CHUNKS = reach_chunks()


def chunk_games(name: str) -> int:
    return -(-REACH_GAMES[name] // sum(chunk[0] == name for chunk in REACH_CHUNKS))


def chunk_id(chunk: tuple[str, int, str, str]) -> str:
    return "-".join(map(str, chunk))


@pytest.fixture(scope="session")
def reach_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder all the suite's workers share, where each share of games leaves what it met.

    Under pytest-xdist each worker's temporary folder sits in the session's one folder.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    store = shared / "reach"
    store.mkdir(exist_ok=True)
    return store


def play_chunk(chunk: tuple[str, int, str, str], store: Path) -> SimulationReport:
    """Play one share of games and leave its storylet counts in ``store``."""
    name, seed, policy, profile = chunk
    report = simulate(load(name), chunk_games(name), seed, policy, workers=WORKERS,
                      profile=profile, content=REACH_CONTENT)
    met = {"runs": report.runs, "storylets": report.storylets}
    partial = store / f"{chunk_id(chunk)}.partial"
    partial.write_text(json.dumps(met), encoding="utf-8")
    partial.replace(store / f"{chunk_id(chunk)}.json")
    return report


# --- reach and balance ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("chunk", REACH_CHUNKS, ids=chunk_id)
def test_each_share_of_games_ends_well_and_keeps_its_bands(
    chunk: tuple[str, int, str, str], reach_store: Path
) -> None:
    """Every game ends (no dead end, no turn cap); the declared bands hold for the policy and
    profile; nobody reaches the Kolyma mainland often, the explorer included (the scenarios
    declare no band for it)."""
    name, _, policy, profile = chunk
    report = play_chunk(chunk, reach_store)
    assert report.runs == chunk_games(name)
    assert report.turn_capped == [], f"{name} {policy} {profile}: games never ended"
    assert report.dead_ends == {}, f"{name} {policy} {profile}: {report.dead_ends}"
    failures = [f"{check.kind} {check.share:.1%} not in [{check.min:.0%}, {check.max:.0%}]"
                for check in report.check_bands() if not check.ok]
    assert not failures, f"{name} {policy} {profile}: " + "; ".join(failures)
    if name == "kolyma":
        assert report.kinds.get("freedom", 0) / report.runs < 0.08, (policy, profile)


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_every_storylet_is_met_in_the_reach_games(name: str, reach_store: Path) -> None:
    """The union of the shares. A share another worker has played is read back from the
    store; one not played yet (the workers run in no fixed order) is played here."""
    met: Counter[str] = Counter()
    runs = 0
    for chunk in (chunk for chunk in REACH_CHUNKS if chunk[0] == name):
        stored = reach_store / f"{chunk_id(chunk)}.json"
        if stored.exists():
            share = json.loads(stored.read_text(encoding="utf-8"))
        else:
            report = play_chunk(chunk, reach_store)
            share = {"runs": report.runs, "storylets": report.storylets}
        runs += share["runs"]
        met.update(share["storylets"])
    assert runs >= REACH_GAMES[name]
    assert met, "no storylet was counted at all"
    never = [storylet for storylet, games in met.items() if games == 0]
    assert not never, f"{name}: no game met {never}; fix their requirements or remove them"


@pytest.mark.parametrize("name", SCENARIOS)
def test_balance_is_declared_for_every_simulator_policy(name: str) -> None:
    declared = {band.policy for band in load(name).model.meta.balance}
    assert declared == set(SIMULATOR_POLICIES)


def _band(name: str, policy: str, kind: str) -> tuple[float, float]:
    bands = [b for b in load(name).model.meta.balance if (b.policy, b.kind) == (policy, kind)]
    assert len(bands) == 1, f"{name} declares {len(bands)} {kind} bands for {policy}"
    return bands[0].min, bands[0].max


def test_the_bands_keep_the_promises_of_the_issue() -> None:
    """Kolyma: freedom very rare; Kem 1925: reachable but hard for a careful player; the
    Tchernavin family: a careful player reaches Finland in about 20–40 % of games, a careless
    one rarely."""
    assert _band("kolyma", "random", "freedom")[1] < 0.02
    assert all(_band("kolyma", policy, "freedom")[1] < 0.08 for policy in SIMULATOR_POLICIES)
    low, high = _band("kem-1925", "cautious", "freedom")
    assert low >= 0.15 and high <= 0.40
    low, high = _band("tchernavin-1932", "cautious", "freedom")
    assert low >= 0.20 and high <= 0.40
    assert _band("tchernavin-1932", "random", "freedom")[1] <= 0.05


# --- content levels ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("content", [level for level in get_args(ContentLevel)
                                     if level != REACH_CONTENT])
@pytest.mark.parametrize("name", SCENARIOS)
def test_every_game_ends_at_every_content_level(name: str, content: str) -> None:
    """The reach shares play ``REACH_CONTENT`` with these checks in thousands of games
    (a game that is not capped has ended); here 60 games a policy and profile play each
    other level."""
    scenario = load(name)
    for policy in SIMULATOR_POLICIES:
        for profile in profiles(scenario):
            report = simulate(scenario, LEVEL_GAMES, 7, policy, workers=WORKERS,
                              profile=profile, content=content)
            assert report.turn_capped == [], (policy, profile)
            assert report.dead_ends == {}, (policy, profile, report.dead_ends)
            assert sum(report.kinds.values()) == LEVEL_GAMES


GRAPHIC_DETAILS = {
    "bounty for a body part": re.compile(
        r"\bright hand\b|\b(paid|reward|bounty|bounties|premiums?)\b[^.;]{0,60}\b(hand|head)s?\b|"
        r"\broubles for (a|the|his) (right )?(hand|head)\b", re.IGNORECASE),
    "displayed bodies": re.compile(
        r"\bcorpses?\b|\bbod(y|ies)\b[^.;]{0,80}\b(display|displayed|gatepost|warning)\b|"
        r"\b(display|displayed)\b[^.;]{0,80}\bbod(y|ies)\b", re.IGNORECASE),
    "the walking supply": re.compile(r"walking supply|cannibal|killed and eaten",
                                     re.IGNORECASE),
}
"""The details of section 5 of the research brief, as they are worded in English."""
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_-]*")


def _texts(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in a model, with its path (field names and list indexes)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            yield from _texts(getattr(value, key), (*path, key))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _graphic(document: BaseModel, allowed: list[str], container: str
             ) -> tuple[list[str], set[str]]:
    """(details found where they may not be, detail kinds found where they may be)."""
    misplaced, found = [], set()
    for path, text in _texts(document):
        if _IDENTIFIER.fullmatch(text):
            continue  # an id such as a note's is a name, never shown as text
        for kind, pattern in GRAPHIC_DETAILS.items():
            if not pattern.search(text):
                continue
            if path[:1] == (container,) and getattr(document, container)[path[1]].id in allowed:
                found.add(kind)
            elif path[:2] == ("meta", "content_notes"):
                continue  # the warning before play names what the notes hold
            else:
                misplaced.append(f"{kind} at {'/'.join(map(str, path))}")
    return misplaced, found


def test_graphic_details_appear_only_in_standard_notes() -> None:
    found: set[str] = set()
    for name in SCENARIOS:
        model = load(name).model
        standard = [note.id for note in model.notes if note.content_level == "standard"]
        misplaced, in_notes = _graphic(model, standard, "notes")
        assert not misplaced, f"{name}: " + "; ".join(misplaced)
        found |= in_notes
    archive = load_archive()
    standard = [story.id for story in archive.stories if story.content_level == "standard"]
    misplaced, in_stories = _graphic(archive, standard, "stories")
    assert not misplaced, "archive: " + "; ".join(misplaced)
    # The record is told, once and at the standard level: the patterns do find it there.
    assert found | in_stories == set(GRAPHIC_DETAILS)


# --- notes and sources -------------------------------------------------------------------------

VETTED_HOSTS = frozenset({
    "gutenberg.org",            # public-domain edition of Malsagov's book
    "sakharov-center.ru",       # Sakharov Center's library of camp memoirs (Rozanov)
    "gulaghistory.org",         # George Mason University's Gulag exhibit
    "ehistory.kz",              # Qazaqstan Tarihy, Kazakhstan's national history portal
    "gml.noaa.gov",             # NOAA's solar calculator (daylight)
    "karta.psmb.ru",            # the biography of Oleg Volkov the research brief relied on
    "memuarist.com",            # the one account of the Kolyma highway checks (author unknown)
    "russian7.ru",              # a popular article, cited as press for the legend it retells
})
"""Sites a source may point at: institutions and public-domain editions, each checked by
hand. A new address means reading the page and adding it here on purpose."""


def _sources() -> Iterator[tuple[str, Source]]:
    for name in SCENARIOS:
        model = load(name).model
        yield from ((f"{name} meta", source) for source in model.meta.sources)
        for note in model.notes:
            yield from ((f"{name} note {note.id}", source) for source in note.sources)
    for story in load_archive().stories:
        yield from ((f"archive story {story.id}", source) for source in story.sources)


def test_no_source_is_an_unofficial_copy() -> None:
    wrong = []
    for where, source in _sources():
        words = " ".join(filter(None, (source.title, source.publisher, source.pages,
                                       source.url))).lower()
        if "excerpt" in words:
            wrong.append(f"{where}: '{source.title}' was read from an excerpt")
        if source.url:
            parts = urlsplit(source.url)
            host = (parts.hostname or "").removeprefix("www.")
            if parts.scheme != "https":
                wrong.append(f"{where}: {source.url} is not https")
            if any(host == h or host.endswith(f".{h}") for h in UNOFFICIAL_HOSTS):
                wrong.append(f"{where}: {host} is a copy, not the institution or the edition")
            elif host not in VETTED_HOSTS:
                wrong.append(f"{where}: {host} is not among the vetted sites")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_ending_has_a_note_every_player_can_read(name: str) -> None:
    model = load(name).model
    notes = {note.id: note for note in model.notes}
    for ending in model.endings:
        assert ending.notes, ending.id
        assert any(notes[n].content_level == "mild" for n in ending.notes), ending.id


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_note_has_an_evidence_level_and_a_source(name: str) -> None:
    for note in load(name).model.notes:
        assert note.evidence in get_args(Evidence), note.id
        assert note.sources and all(s.author and s.title for s in note.sources), note.id


def test_every_archive_story_has_an_evidence_level_and_a_source() -> None:
    archive: Archive = load_archive()
    for story in archive.stories:
        assert story.evidence in get_args(Evidence), story.id
        assert story.sources, story.id


def _complete(source: Source) -> bool:
    """Author, title, year, and where in the work: a chapter or page, an address, the journal or
    collection an article appeared in, or (for the press) the item itself."""
    located = bool(source.pages or source.url or source.kind == "press"
                   or (source.publisher or "").startswith("in "))
    return bool(source.author and source.title and source.year and located)


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_note_has_a_source_a_reader_can_find(name: str) -> None:
    missing = [note.id for note in load(name).model.notes
               if not any(_complete(source) for source in note.sources)]
    assert not missing, f"{name}: notes without a source giving author, title, year and " \
        f"chapter or page: {missing}"


def test_no_archive_story_claims_more_than_its_sources() -> None:
    """The archive is not a scenario, so lint's evidence-above-sources rule cannot see it."""
    wrong = []
    for story in load_archive().stories:
        ceiling = overstated(story.evidence, [source.kind for source in story.sources])
        if ceiling:
            wrong.append(f"{story.id} is {story.evidence}, its sources allow {ceiling}")
    assert not wrong, "; ".join(wrong)


def test_the_evidence_ceiling_follows_the_strongest_source() -> None:
    assert overstated("documented", ["literary"]) == "literary"
    assert overstated("documented", ["memoir", "literary"]) == "memoir"
    assert overstated("memoir", ["literary"]) == "literary"
    assert overstated("documented", ["literary", "archive"]) is None
    assert overstated("legend", ["literary"]) is None
    assert overstated("disputed", ["memoir"]) is None


BACKSTAGE = re.compile(r"\bthe project\b|\bresearch brief\b|\bthe brief\b|"
                       r"research (behind|for) this game", re.IGNORECASE)
"""How the game's own making leaks into what players read."""
ARTICLE = re.compile(r"\b(popular|online) articles?\b", re.IGNORECASE)
"""An article argued with: the entry must cite it, as a source of kind press."""


def _shipped_texts() -> Iterator[tuple[str, str, str, bool]]:
    """(file, id of the nearest entry, text, whether that entry cites the press) for every
    string a shipped scenario file or the archive holds."""
    paths = [*sorted((ROOT / "scenarios").glob("*/*.yaml")), ROOT / "scenarios" / "archive.yaml"]
    for path in paths:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _walk(str(path.relative_to(ROOT)), value, "(top)", False)


def _walk(file: str, value: Any, owner: str, press: bool) -> Iterator[tuple[str, str, str, bool]]:
    if isinstance(value, dict):
        owner = str(value.get("id", owner))
        cited = value.get("sources")
        if isinstance(cited, list):
            press = any(isinstance(s, dict) and s.get("kind") == "press" for s in cited)
        for key, item in value.items():
            if key != "sources":
                yield from _walk(file, item, owner, press)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(file, item, owner, press)
    elif isinstance(value, str):
        yield file, owner, value, press


def test_player_text_names_no_backstage_and_no_uncited_article() -> None:
    found = []
    for file, owner, text, press in _shipped_texts():
        if match := BACKSTAGE.search(text):
            found.append(f"{file} '{owner}': \"{match.group(0)}\"")
        if (match := ARTICLE.search(text)) and not press:
            found.append(f"{file} '{owner}': \"{match.group(0)}\" without a press source")
    assert not found, "\n".join(found)


def test_no_two_endings_close_with_the_same_words() -> None:
    """Each ending tells its own end: no run of eight words is shared by two epilogues."""
    seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name in SCENARIOS:
        for ending in load(name).model.endings:
            words = re.findall(r"[\w']+", re.sub(r"\[\[[^|\]]*\|?", "", ending.epilogue).lower())
            for i in range(len(words) - 7):
                seen[tuple(words[i:i + 8])].add(f"{name}/{ending.id}")
    shared = {" ".join(run): owners for run, owners in seen.items() if len(owners) > 1}
    assert not shared, shared


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_scenarios_pass_the_strict_lint(name: str) -> None:
    result = CliRunner().invoke(cli, ["validate", "--strict", "--quiet",
                                      str(resolve_scenario_path(name))])
    assert result.exit_code == 0, result.output


# --- the history page ----------------------------------------------------------------------------


def test_history_page_matches_the_scenarios() -> None:
    assert HISTORY.read_text(encoding="utf-8") == history_markdown(), (
        f"docs/history.md is stale; regenerate it with: {HISTORY_COMMAND}"
    )


def test_history_page_holds_every_note_story_and_work() -> None:
    page = history_markdown()
    sections = page.split("\n## ")
    for name in SCENARIOS:
        model = load(name).model
        section = next(s for s in sections if s.startswith(model.meta.title))
        for note in model.notes:
            heading = f"### {note.title}"
            assert heading in section, f"{name}: {note.id} missing"
            after = section.split(heading, 1)[1]
            assert after.lstrip().startswith(f"Evidence: **{note.evidence}**."), note.id
    for story in load_archive().stories:
        assert f"### {story.title} ({story.years})" in page, story.id
    bibliography = page.split("\n## Bibliography\n", 1)[1]
    entries = [line[2:] for line in bibliography.splitlines() if line.startswith("- ")]
    authors = [entry.split(" *", 1)[0].rstrip(".").casefold() for entry in entries]
    assert authors == sorted(authors)
    assert len(entries) == len(set(entries))
    assert {source.author.rstrip(".").casefold() for _, source in _sources()} <= set(authors)
