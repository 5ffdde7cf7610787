"""Loading scenarios: the feature fixtures, folder scenarios with parts, the reader and the cache.

``tests/data/features/everything/`` is a folder scenario that writes every field of every
model at least once; the tests here prove it loads, that the loaded model holds each
feature, that errors in its parts are located in the right file, and that the cache is
used, invalidated and rebuilt as it should be.
"""

from __future__ import annotations

import datetime as dt
import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA
from pydantic import BaseModel

from gulag_escape.errors import ScenarioError
from gulag_escape.scenario import loader, models
from gulag_escape.scenario.loader import LoadedScenario, cache_dir, load_scenario
from gulag_escape.scenario.sources import read_scenario_source
from gulag_escape.scenario.yamlsource import YamlProblem, read_yaml

EVERYTHING = DATA / "features" / "everything"
MINIMAL = DATA / "minimal.yaml"


pytestmark = pytest.mark.usefixtures("fresh_scenario_cache")
"""Each test here starts with an empty cache: the cache tests count its files and reads."""


@pytest.fixture(scope="module")
def everything() -> LoadedScenario:
    """The feature fixture, loaded from its YAML (not the cache: fields_set must be real)."""
    return load_scenario(EVERYTHING, cache=False)


def instances(value: Any) -> Iterator[BaseModel]:
    """Every model instance inside ``value``, ``value`` included."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from instances(getattr(value, name))
    elif isinstance(value, dict):
        for inner in value.values():
            yield from instances(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from instances(inner)


def model_classes(annotation: Any, found: set[type[BaseModel]] | None = None) -> set[type]:
    """Every model class an annotation can lead to, through unions, lists and mappings."""
    found = set() if found is None else found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and (
        annotation not in found
    ):
        found.add(annotation)
        for field in annotation.model_fields.values():
            model_classes(field.annotation, found)
    for arg in typing.get_args(annotation):
        model_classes(arg, found)
    return found


# --- the feature fixture -----------------------------------------------------------------


def test_the_feature_fixture_loads_without_problems(everything: LoadedScenario) -> None:
    assert everything.id == "everything"
    assert everything.source.endswith("everything/scenario.yaml")


def test_the_feature_fixture_writes_every_field_of_every_model(
    everything: LoadedScenario,
) -> None:
    """A field no fixture writes is a feature no test loads: add it to the fixture."""
    written: dict[type, set[str]] = {}
    for instance in instances(everything.model):
        written.setdefault(type(instance), set()).update(instance.model_fields_set)
    missing = sorted(
        f"{cls.__name__}.{name}"
        for cls in model_classes(models.Scenario)
        for name in cls.model_fields
        if name not in written.get(cls, set())
    )
    assert not missing, f"not written in {EVERYTHING}: {', '.join(missing)}"


def test_every_effect_kind_is_used(everything: LoadedScenario) -> None:
    union = typing.get_args(models.Effect)[0]
    kinds = {typing.get_args(member)[0] for member in typing.get_args(union)}
    used = {type(i) for i in instances(everything.model) if type(i) in kinds}
    assert used == kinds
    assert len(kinds) == 12


def test_checks_have_odds_and_both_outcomes(everything: LoadedScenario) -> None:
    choice = next(c for s in everything.model.storylets for c in s.choices if c.check)
    assert choice.check is not None
    assert isinstance(choice.check.odds, str)
    assert everything.expr(choice.check.odds)({"skill.woodcraft": 3}) == pytest.approx(0.7)
    assert choice.check.success.next == "first-night"
    assert [type(e) for e in choice.check.failure.effects] == [models.EndEffect]


def test_encounters_cover_every_disposition(everything: LoadedScenario) -> None:
    encounter = everything.model.encounters[0]
    every = set(typing.get_args(models.Disposition))
    assert set(encounter.dispositions) == set(encounter.approach) == set(encounter.cues) == every
    weight = everything.expr(encounter.dispositions["helper"])
    assert weight({"belt": True}) == 0.5
    assert encounter.avoid.effects


def test_checkpoints_and_crossings(everything: LoadedScenario) -> None:
    post = next(p for p in everything.model.places if p.checkpoint)
    assert post.kind == "checkpoint"
    assert post.checkpoint is not None
    assert post.checkpoint.vehicles and post.checkpoint.bribable
    leg = next(leg for leg in everything.model.legs if leg.crossing)
    assert leg.crossing is not None
    difficulty = everything.expr(leg.crossing.difficulty)
    assert difficulty({"ice": "frozen", "skill.boating": 0}) == 0.1
    assert difficulty({"ice": "open", "skill.boating": 2}) == pytest.approx(0.2)


def test_every_place_kind_is_on_the_route(everything: LoadedScenario) -> None:
    kinds = {place.kind for place in everything.model.places}
    assert kinds == set(typing.get_args(models.PlaceKind))


def test_companions_join_or_wait_and_are_named_in_expressions(
    everything: LoadedScenario,
) -> None:
    joins = {c.id: c.joins for c in everything.model.companions}
    assert joins == {"sazonov": False, "old-petrov": True, "nadia": False}
    confide = everything.model.storylets[0].choices[1]
    assert confide.when is not None
    assert "companion.old_petrov" in everything.expr(confide.when).names


def test_profiles_bring_stats_items_and_skills(everything: LoadedScenario) -> None:
    political = everything.model.profiles[0]
    assert political.stats == {"morale": 40, "hunger": 20}
    assert political.items == {"boots": 1, "travel_order": 1}
    assert political.skills == {"forgery": 2}


def test_endings_notes_and_content_levels_cover_every_value(everything: LoadedScenario) -> None:
    model = everything.model
    assert {e.kind for e in model.endings} == set(typing.get_args(models.EndingKind))
    assert {n.evidence for n in model.notes} == set(typing.get_args(models.Evidence))
    levels = {n.content_level for n in model.notes} | {s.content_level for s in model.storylets}
    assert levels == set(typing.get_args(models.ContentLevel))
    assert {s.phase for s in model.storylets} == set(typing.get_args(models.Phase))


def test_texts_link_to_glossary_terms_and_notes(everything: LoadedScenario) -> None:
    texts = [everything.model.meta.summary, *(n.body for n in everything.model.notes),
             *(t.definition for t in everything.model.glossary)]
    joined = " ".join(texts)
    assert "[[gulag]]" in joined
    assert "[[gulag|camps]]" in joined
    assert "[[note:sentences|their sentences]]" in joined


def test_every_expression_is_compiled_at_load(everything: LoadedScenario) -> None:
    model = everything.model
    written = [model.pursuit.catch_odds, *(leg.crossing.difficulty for leg in model.legs
                                           if leg.crossing)]
    for storylet in model.storylets:
        written += [storylet.when, storylet.weight]
        written += [text for c in storylet.choices for text in (c.when, c.show_if)]
        written += [c.check.odds for c in storylet.choices if c.check]
    encounter = model.encounters[0]
    written += [encounter.when, encounter.weight, *encounter.dispositions.values()]
    texts = {text for text in written if isinstance(text, str)}
    assert texts <= set(everything.expressions)
    functions = " ".join(texts)
    for construct in ("min(", "max(", "abs(", "round(", "clamp(", " if ", " in [", " not ",
                      "item.", "skill.", "flag.", "companion."):
        assert construct in functions


def test_parts_add_to_list_sections_after_the_main_files_entries(
    everything: LoadedScenario,
) -> None:
    places = [p.id for p in everything.model.places]
    assert places[0] == "camp"  # from scenario.yaml
    assert places[1:3] == ["mine", "forest"]  # from route.yaml
    assert [s.id for s in everything.model.storylets] == ["fence", "first-night", "anywhere"]


def test_parts_add_to_mapping_sections_the_main_file_has_or_lacks(
    everything: LoadedScenario,
) -> None:
    assert list(everything.model.terrains) == ["taiga", "tundra"]
    assert set(everything.model.stats) == {"morale", "suspicion"}
    assert set(everything.model.items) == {"boots", "travel_order", "compass", "matches",
                                           "tobacco", "permit"}


# --- locating values in a folder scenario ------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "file", "line"),
    [
        (("meta", "title"), "scenario.yaml", 10),
        (("storylets", 0, "choices", 2, "check", "odds"), "scenario.yaml", 136),
        (("storylets", 1, "when"), "story.yaml", 9),
        (("storylets", 2, "choices", 0, "id"), "story.yaml", 35),
        (("places", 0, "belt"), "scenario.yaml", 108),
        (("places", 4, "checkpoint", "strength"), "route.yaml", 13),
        (("legs", 0, "to"), "route.yaml", 25),  # a list section only a part has
        (("terrains", "taiga"), "scenario.yaml", 56),
        (("terrains", "tundra"), "route.yaml", 3),
        (("stats", "suspicion", "shown"), "people.yaml", 13),  # a mapping only a part has
        (("stats",), "people.yaml", 3),
    ],
)
def test_a_location_in_the_merged_value_names_the_file_and_line_it_came_from(
    loc: tuple[Any, ...], file: str, line: int
) -> None:
    _, source_map, _ = read_scenario_source(EVERYTHING)
    path, found_line, _ = source_map.locate(loc)
    assert (Path(path).name, found_line) == (file, line)


def test_the_source_files_read_are_the_main_file_and_its_parts() -> None:
    _, _, files = read_scenario_source(EVERYTHING)
    assert [f.name for f in files] == ["scenario.yaml", "route.yaml", "people.yaml",
                                       "story.yaml", "history.yaml"]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "everything"
    shutil.copytree(EVERYTHING, folder)
    return folder


def _problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, cache=False)
    return [str(problem) for problem in caught.value.problems]


def test_a_key_a_part_defines_twice_is_refused_in_the_part(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "route.yaml").write_text(
        (folder / "route.yaml").read_text().replace("  tundra:", "  taiga:"))
    [problem] = _problems(folder)
    assert "route.yaml:3:3: 'terrains.taiga' is already defined" in problem


def test_a_part_cannot_merge_a_single_section(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "people.yaml").write_text("start: mine\n")
    [problem] = _problems(folder)
    assert "people.yaml:1:8: a part can add entries to list or mapping sections" in problem


def test_a_part_cannot_include_other_parts(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "history.yaml").open("a") as part:
        part.write("include: [route.yaml]\n")
    [problem] = _problems(folder)
    assert "history.yaml:42:1: a part cannot include other parts" in problem


@pytest.mark.parametrize("name", ["../minimal.yaml", "/etc/passwd", "notes.txt"])
def test_a_part_outside_the_folder_or_not_yaml_is_refused(tmp_path: Path, name: str) -> None:
    folder = _copy(tmp_path)
    main = folder / "scenario.yaml"
    main.write_text(main.read_text().replace("history.yaml]", f"history.yaml, {name}]"))
    [problem] = _problems(folder)
    assert f"scenario.yaml:7:62: cannot include '{name}'" in problem


def test_a_missing_part_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "story.yaml").unlink()
    [problem] = _problems(folder)
    assert "story.yaml: cannot read the file" in problem


def test_a_folder_without_a_scenario_file_is_refused(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path)
    assert "this folder has no scenario.yaml" in problem


def test_a_missing_path_is_refused() -> None:
    [problem] = _problems(DATA / "no-such-scenario.yaml")
    assert "no such file or folder" in problem


# --- the reader --------------------------------------------------------------------------


def _read(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path).value


def _read_problem(tmp_path: Path, text: str) -> str:
    with pytest.raises(YamlProblem) as caught:
        _read(tmp_path, text)
    return str(caught.value.problem)


def test_the_reader_builds_plain_values(tmp_path: Path) -> None:
    value = _read(tmp_path, "a: 1\nb: 1.5\nc: [x, true, null]\nd: 1938-06-01\ne: {f: g}\n")
    assert value == {"a": 1, "b": 1.5, "c": ["x", True, None], "d": dt.date(1938, 6, 1),
                     "e": {"f": "g"}}


def test_keys_are_always_text(tmp_path: Path) -> None:
    assert _read(tmp_path, "1: a\ntrue: b\n") == {"1": "a", "true": "b"}


def test_a_few_anchors_and_aliases_are_fine(tmp_path: Path) -> None:
    value = _read(tmp_path, "a: &src {x: 1}\nb: *src\nc: [*src, *src]\n")
    assert value["b"] == value["c"][1] == {"x": 1}


def test_standard_scalar_tags_are_allowed(tmp_path: Path) -> None:
    assert _read(tmp_path, "a: !!str 12\nb: !!float 1\n") == {"a": "12", "b": 1.0}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: 1\na: 2\n", "2:1: the key 'a' appears twice"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "3:3: merge keys (<<) are not supported"),
        ("? [a]\n: 1\n", "1:3: a key must be plain text"),
        ("a: !!set {x}\n", "1:4: the tag tag:yaml.org,2002:set is not allowed"),
        ("a: !custom x\n", "1:4: the tag !custom is not allowed"),
        ("a: !!binary aGk=\n", "the tag tag:yaml.org,2002:binary is not allowed"),
        ("a: 2023-02-30\n", "1:4: cannot read '2023-02-30' as timestamp"),
        ("a: !!int ten\n", "1:4: cannot read 'ten' as int"),
        ("a: !!bool maybe\n", "1:4: cannot read 'maybe' as bool"),
        ("a: 1\n---\nb: 2\n", "2:1: YAML syntax: but found another document"),
        ("# only a comment\n", "1:1: the file holds no YAML document"),
        ("a: &x [*x]\n", "values are nested more than 64 levels deep"),
        ("a: *nowhere\n", "1:4: YAML syntax: the alias '*nowhere' names no anchor"),
        ('a: "bell \\a"\n', "1:4: the text holds the control character U+0007"),
        ('"\\e[2J": 1\n', "1:1: the text holds the control character U+001B"),
        ('a: "\\u202e"\n', "the text holds the control character U+202E"),
    ],
)
def test_the_reader_refuses_with_a_location(tmp_path: Path, text: str, words: str) -> None:
    assert words in _read_problem(tmp_path, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a:\n  - {id: run, label: Run: now, next: x}\n",
         ("2:25: YAML syntax: the text of 'label' holds an unquoted ': ' in a { } mapping "
          "('Run: now')", 'quote the text: label: "Run: now"')),
        ("a:\n  text: He said: go\n",
         ("2:16: YAML syntax: the text of 'text' holds an unquoted ': ' ('He said: go')",
          'quote the text: text: "He said: go"')),
        ("a:\n  - {id: run, label: Run, fast, next: x}\n",
         ("2:27: YAML syntax: 'fast' stands alone in a { } mapping",
          "a comma in the unquoted text before it ('Run, fast')",
          'quote the whole text: "Run, fast"')),
        ("a: &x 1\nb: *y\n",
         ("2:4: YAML syntax: the alias '*y' names no anchor",
          "mark the value it stands for with '&y' above this line")),
    ],
)
def test_a_syntax_slip_is_named_with_its_fix(tmp_path: Path, text: str,
                                             words: tuple[str, ...]) -> None:
    problem = _read_problem(tmp_path, text)
    assert all(word in problem for word in words), problem


@pytest.mark.parametrize("text", ["a: {x: 1, y: 'Run, fast'}\n", "a: {x: Run, y: }\n",
                                  "a: {x: 1, 'y'}\n", "a: {x: [1, 2], y}\n"])
def test_a_comma_between_entries_is_not_taken_for_a_slip(tmp_path: Path, text: str) -> None:
    assert isinstance(_read(tmp_path, text), dict)


def test_an_anchor_in_another_part_is_named_with_the_rule(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    main = folder / "scenario.yaml"
    main.write_text(main.read_text().replace("title:", "title: &shared", 1))
    story = folder / "story.yaml"
    lines = story.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "title:" in line)
    lines[at] = lines[at][:lines[at].index("title:")] + "title: *shared\n"
    story.write_text("".join(lines))
    anchored = next(i for i, line in enumerate(main.read_text().splitlines(), 1)
                    if "&shared" in line)
    [problem] = _problems(folder)
    assert f"story.yaml:{at + 1}:" in problem
    assert (f"the anchor '&shared' is in {folder.name}/scenario.yaml:{anchored}" in problem
            or f"scenario.yaml:{anchored}, but anchors do not cross include: files" in problem)
    assert "write the value out here" in problem


@pytest.mark.parametrize(("value", "hint"), [
    ("1938-06-01", 'YAML reads 1938-06-01 as a date, not as text: quote it, "1938-06-01"'),
    ("1.0", "YAML reads 1.0 as a number, not as text: quote it as written"),
])
def test_a_date_or_number_where_text_belongs_says_to_quote_it(
        tmp_path: Path, value: str, hint: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.read_text().replace("title: Few escapes succeeded",
                                                f"title: {value}"))
    [problem] = _problems(path)
    assert "title: input should be a valid string" in problem and hint in problem, problem


def test_nesting_at_the_limit_is_read_and_one_deeper_is_refused(tmp_path: Path) -> None:
    from gulag_escape.scenario.yamlsource import MAX_DEPTH

    assert _read(tmp_path, "[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    deeper = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert f"1:{MAX_DEPTH + 1}: values are nested" in _read_problem(tmp_path, deeper)


def test_an_alias_bomb_is_refused_at_the_first_value_that_grows_too_large(
    tmp_path: Path,
) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    problem = _read_problem(tmp_path, "\n".join(lines) + "\n")
    # a6 expands to 10**7 values (more than MAX_NODES); a5, to 10**6, is still fine
    assert ":7:5: this value expands to 11,111,111 values through aliases" in problem


# --- the cache ---------------------------------------------------------------------------


def _cache_files() -> list[Path]:
    return sorted(cache_dir().glob("*.json"))


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    path = tmp_path / "minimal.yaml"
    shutil.copy(MINIMAL, path)
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths the loader hands to the YAML reader, recorded."""
    calls: list[Path] = []
    real = loader.read_scenario_source

    def recording(path: Path) -> Any:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(loader, "read_scenario_source", recording)
    return calls


def test_a_first_load_writes_the_cache(scenario_copy: Path) -> None:
    assert _cache_files() == []
    loaded = load_scenario(scenario_copy)
    [cached] = _cache_files()
    key = loader._cache_key(scenario_copy, [scenario_copy], loaded.digest)
    assert cached.name.startswith(key[:32])


def test_a_second_load_comes_from_the_cache_without_reading_yaml(
    scenario_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_scenario(scenario_copy)

    def no_reading(path: Path) -> Any:
        raise AssertionError(f"read {path} again")

    monkeypatch.setattr(loader, "read_scenario_source", no_reading)
    second = load_scenario(scenario_copy)
    assert second.model == first.model
    assert second.digest == first.digest
    assert second.source == first.source
    assert set(second.expressions) == set(first.expressions)


def test_a_folder_scenario_is_cached_too(tmp_path: Path, reads: list[Path]) -> None:
    folder = _copy(tmp_path)
    first = load_scenario(folder)
    second = load_scenario(folder)
    assert len(reads) == 1
    assert second.model == first.model
    assert second.source == first.source


def test_editing_the_file_changes_the_digest_and_reloads(
    scenario_copy: Path, reads: list[Path]
) -> None:
    first = load_scenario(scenario_copy)
    scenario_copy.write_text(scenario_copy.read_text().replace("The fence", "The wire"))
    second = load_scenario(scenario_copy)
    assert second.digest != first.digest
    assert second.model.storylets[0].title == "The wire"
    assert len(reads) == 2
    assert len(_cache_files()) == 2


def test_editing_a_part_changes_the_digest(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    first = load_scenario(folder)
    story = folder / "story.yaml"
    story.write_text(story.read_text().replace("The first night", "The first dawn"))
    second = load_scenario(folder)
    assert second.digest != first.digest
    assert second.model.storylets[1].title == "The first dawn"


def test_a_part_moved_out_of_reach_is_not_loaded_from_the_cache(tmp_path: Path) -> None:
    """Same names and bytes, so the same digest: the cache must still not answer for files
    the includes no longer find."""
    folder = _copy(tmp_path)
    first = load_scenario(folder)
    (folder / "sub").mkdir()
    (folder / "story.yaml").rename(folder / "sub" / "story.yaml")  # still the last file
    assert loader._digest(loader._scenario_files(folder)) == first.digest
    with pytest.raises(ScenarioError, match=r"story\.yaml"):
        load_scenario(folder)


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"format": 1}', b"\xff\xfe", b"[" * 100_000],
    ids=["empty", "broken-json", "wrong-content", "not-utf8", "deep"],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(
    scenario_copy: Path, reads: list[Path], damage: bytes
) -> None:
    first = load_scenario(scenario_copy)
    [cached] = _cache_files()
    good = cached.read_bytes()
    cached.write_bytes(damage)
    second = load_scenario(scenario_copy)
    assert second.model == first.model
    assert len(reads) == 2
    assert cached.read_bytes() == good


def test_without_the_cache_nothing_is_written(scenario_copy: Path) -> None:
    load_scenario(scenario_copy, cache=False)
    assert _cache_files() == []


def test_an_unwritable_cache_does_not_stop_loading(
    scenario_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GULAG_ESCAPE_CACHE", str(blocker / "cache"))
    assert load_scenario(scenario_copy).id == "minimal"


def test_a_bad_file_is_not_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text().replace("to: border", "to: nowhere"))
    with pytest.raises(ScenarioError):
        load_scenario(bad)
    assert _cache_files() == []
