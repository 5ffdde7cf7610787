"""Issue 16's mechanics: documents with validity, a party with bodies, a planning phase.

``tests/data/features/party-documents.yaml`` exercises all three: a ten-day work assignment
valid at Kem and the pier, a border-zone permit valid at the pier, a plain old pass; a free
wife and a son with their own bodies; two planning stages with their own waits.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, line_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gulag_escape.engine.companions import strain
from gulag_escape.engine.effects import apply_effects
from gulag_escape.engine.game import Game, tables_for
from gulag_escape.engine.narration import Narrator
from gulag_escape.engine.party import group_pace
from gulag_escape.engine.state import GameState
from gulag_escape.engine.travel import day_distance
from gulag_escape.engine.view import ChoiceView
from gulag_escape.engine.world import World
from gulag_escape.errors import ScenarioError
from gulag_escape.saves import SaveStore
from gulag_escape.scenario.loader import LoadedScenario, load_scenario
from gulag_escape.scenario.models import JoinEffect, MemberEffect
from gulag_escape.teaching.model_summary import model_summary

FIXTURE = DATA / "features" / "party-documents.yaml"
PARTY = load_scenario(FIXTURE, cache=False)
TO_THE_RUN = ["wait", "wait", "wait", "wait", "earn", "wait", "wait", "wait", "earn", "wait",
              "ask", "wait", "go", "bind"]
"""Seed 3's choices from the first day in camp to the escape with the family, whose first
scene on the run is Andrei's foot: bound, it halves his pace."""


def at(state: GameState, **changes: object) -> World:
    """A world over a copy of ``state`` with some fields changed."""
    changed = state.copy()
    for name, value in changes.items():
        setattr(changed, name, value)
    return World(tables_for(PARTY), changed)


def escaped() -> Game:
    """The family on the run, documents just issued, Andrei's foot bound, at the camp."""
    game = Game.replay(PARTY, 3, "specialist", "standard", TO_THE_RUN)
    state = game.state
    assert state.phase == "run" and set(state.companions) == {"tatiana", "andrei"}
    assert state.items["komandirovka"] == 1 and state.items["permit"] == 1
    return game


# --- documents -------------------------------------------------------------------------------


def test_a_document_is_valid_from_the_day_it_is_issued_for_its_days_and_places() -> None:
    state = escaped().state
    issued = state.issued["komandirovka"]
    assert issued == state.day  # issued when the escape storylet handed it over
    in_kem = at(state, place="kem", leg=None)
    assert in_kem.env["valid.komandirovka"] is True
    assert in_kem.env["days_left.komandirovka"] == 10
    assert at(state, place="kem", day=issued + 9).env["valid.komandirovka"] is True
    assert at(state, place="kem", day=issued + 10).env["valid.komandirovka"] is False
    assert at(state, place="kem", day=issued + 10).env["days_left.komandirovka"] == 0
    # Not valid in the camp, but valid on the way to Kem (either end of the leg counts).
    assert at(state, place="camp", leg=None).env["valid.komandirovka"] is False
    assert at(state, place="camp", leg="to-kem").env["valid.komandirovka"] is True
    # The permit never expires: it is valid only at the pier.
    assert at(state, place="pier").env["days_left.permit"] == 999
    assert at(state, place="kem").env["valid.permit"] is False


def test_papers_count_only_documents_valid_here_and_now() -> None:
    state = escaped().state
    items = {**state.items, "old_pass": 1}
    assert at(state, items=items, place="pier").papers == 55
    expired = at(state, items=items, place="pier", day=state.issued["komandirovka"] + 10)
    assert expired.papers == 40  # the permit, still valid at the pier
    assert at(state, items=items, place="camp").papers == 30  # only the plain pass counts here


def test_losing_a_document_and_getting_it_again_issues_it_anew() -> None:
    world = at(escaped().state)
    world.add_item("komandirovka", -1)
    world.s.day += 20
    world.add_item("komandirovka", 1)
    assert world.s.issued["komandirovka"] == world.s.day


def checkpoint_choice(world: World) -> ChoiceView:
    """The papers option of the pier post, shown with the world's state."""
    world.s.place, world.s.leg, world.s.scene = "pier", None, ("checkpoint", "pier")
    game = Game.resume(PARTY, world.s)
    return next(c for c in game.view().choices if c.id == "papers")


def test_a_post_refuses_papers_naming_the_document_that_is_not_valid() -> None:
    state = escaped().state
    expired = at(state, day=state.issued["komandirovka"] + 10)
    papers = checkpoint_choice(expired)
    assert not papers.enabled
    assert papers.reason is not None
    assert papers.reason.startswith("Ten-day work assignment: expired on ")
    missing = at(state, items={**state.items, "permit": 0})
    assert checkpoint_choice(missing).reason == "Border-zone permit: you do not carry it."


def test_a_refusal_names_where_a_document_is_not_valid() -> None:
    narrator = Narrator(tables_for(PARTY))
    assert narrator.render(("document", "permit", "place", None, "kem")) == (
        "Border-zone permit: not valid at Kem.")
    assert narrator.render(("document", "permit", "place", None, "to-kem")) == (
        "Border-zone permit: not valid on the path to Kem.")


def test_a_post_that_names_its_documents_uses_the_lowest_papers_among_them() -> None:
    state = escaped().state
    world = at(state, items={**state.items, "old_pass": 1})
    papers = checkpoint_choice(world)
    assert papers.enabled
    alert = world.s.stats["alert"]
    assert papers.odds == pytest.approx(max(0.02, min(0.98, 0.5 + (40 - 40 - alert * 0.4) / 100)))
    assert papers.values["Papers"] == 40


# --- the party -------------------------------------------------------------------------------


def test_the_group_walks_at_its_slowest_members_pace() -> None:
    state = escaped().state
    terrain = PARTY.model.terrains["taiga"]
    alone = at(state, companions={})
    family = at(state, bodies={})  # as they set out: Andrei walks at 0.9
    injured = at(state)  # his foot bound
    assert group_pace(alone) == 1.0 and group_pace(family) == 0.9 and group_pace(injured) == 0.5
    full = day_distance(alone, terrain, forced=False)
    assert day_distance(family, terrain, forced=False) == round(full * 0.9, 1)
    assert day_distance(injured, terrain, forced=False) == round(full * 0.5, 1)


def test_a_member_effect_changes_one_body_within_its_bounds() -> None:
    world = at(escaped().state)
    apply_effects(world, [MemberEffect(member={"andrei": {"pace": -5, "fatigue": 30}})])
    assert world.env["pace.andrei"] == 0.2  # the slowest a body can be
    assert world.env["fatigue.andrei"] == 40
    assert world.env["health.tatiana"] == 100  # the others are untouched


def test_members_live_the_same_days_as_you_by_their_own_bodies() -> None:
    game = escaped()
    before = game.state
    game.choose("march:to-kem")
    after = game.state
    assert after.day == before.day + 1
    # Both marched as you did: their fatigue rose by the day's exertion, as yours did.
    assert before.bodies["andrei"]["fatigue"] == 10 and "tatiana" not in before.bodies
    rise = PARTY.model.body.fatigue_per_march
    assert after.bodies["andrei"]["fatigue"] == 10 + rise
    assert after.bodies["tatiana"]["fatigue"] == rise
    # The same night, each in their own clothing.
    assert after.bodies["andrei"]["warmth"] != after.bodies["tatiana"]["warmth"]


def test_a_member_whose_health_reaches_zero_dies_and_leaves_the_party() -> None:
    world = at(escaped().state)
    apply_effects(world, [MemberEffect(member={"andrei": {"health": -200}})])
    assert "andrei" not in world.s.companions and "andrei" in world.s.departed
    assert ("msg", "died", "andrei") in world.s.narration
    assert world.env["health.andrei"] == 0
    world.end("caught", "pursuit")
    ending = Game.resume(PARTY, world.finish()).view().ending
    assert ending is not None
    assert ("Andrei", "died on the way") in ending.party


def test_a_member_who_died_cannot_join_again() -> None:
    """A ``join:`` after a member's death must not raise the dead: no "joins you", no party
    member at health 0, and the ending still tells that he died on the way."""
    world = at(escaped().state)
    apply_effects(world, [MemberEffect(member={"andrei": {"health": -200}})])
    said = len(world.s.narration)
    apply_effects(world, [JoinEffect(join="andrei"), JoinEffect(join="tatiana")])
    assert "andrei" not in world.s.companions
    assert world.s.narration[said:] == []  # Tatiana is with you already; Andrei is dead
    assert world.s.departed == ["andrei"]
    world.end("caught", "pursuit")
    game = Game.resume(PARTY, world.finish())
    assert [m.name for m in game.view().status.party] == ["Tatiana"]
    ending = game.view().ending
    assert ending is not None
    assert ending.party == [
        ("Andrei", "died on the way"),
        ("Tatiana", "Arrested as an accomplice and sentenced to a camp of her own.")]


def test_free_people_caught_with_you_are_not_sent_back_to_a_camp() -> None:
    world = at(escaped().state)
    world.end("caught", "pursuit")
    ending = Game.resume(PARTY, world.finish()).view().ending
    assert ending is not None
    assert ending.party == [
        ("Tatiana", "Arrested as an accomplice and sentenced to a camp of her own.")]
    free = at(escaped().state)
    free.end("free", "arrived")
    view = Game.resume(PARTY, free.finish()).view().ending
    assert view is not None and view.party == []


def _nights_of_strain(loaded: LoadedScenario) -> World:
    """Thirty hungry nights on the run, Tatiana's loyalty down to nothing, Andrei's whole."""
    world = World(tables_for(loaded), escaped().state)
    world.s.companions["tatiana"] = 0.0
    world.s.stats["hunger"] = 100.0
    for _ in range(30):
        strain(world)
    return world


def test_strain_wears_down_fellow_prisoners_not_a_free_family() -> None:
    """A free wife is not a fellow prisoner who may buy his life by reporting you: hunger and
    fear do not make her desert or inform, whatever her loyalty (the scenario said 100 to
    hold the rule off)."""
    world = _nights_of_strain(PARTY)
    assert world.s.companions == {"tatiana": 0.0, "andrei": 100.0} and world.s.departed == []


def test_a_scenario_can_put_free_companions_under_strain_too() -> None:
    company = PARTY.model.company.model_copy(update={"free_under_strain": True})
    loaded = LoadedScenario(PARTY.model.model_copy(update={"company": company}),
                            PARTY.expressions, PARTY.digest + "strain", PARTY.source)
    world = _nights_of_strain(loaded)
    assert world.s.companions == {"andrei": 40.0}  # worn down by 2 a night
    assert world.s.departed == ["tatiana"]


def test_the_status_shows_documents_members_and_their_bodies() -> None:
    status = escaped().view().status
    assert [(m.name, m.pace, m.free) for m in status.party] == [
        ("Tatiana", 1.0, True), ("Andrei", 0.5, True)]  # the foot was bound on the first day
    assert {d.label: d.validity for d in status.documents} == {
        "Ten-day work assignment": "not valid here", "Border-zone permit": "not valid here"}


# --- planning ------------------------------------------------------------------------------


def test_planning_stages_set_the_length_of_a_wait_and_the_stage_name() -> None:
    game = Game.start(PARTY, 3)
    first = game.view()
    assert first.text.startswith("Stage: Earning the bosses' trust.")
    assert first.status.stage == "Earning the bosses' trust"
    assert World(game.tables, game.state).env["stage"] == "trust"
    assert [c.label for c in first.choices] == ["Bide your time (14 days)"]
    day = game.state.day
    game.choose("wait")
    assert game.state.day == day + 14
    game = Game.replay(PARTY, 3, "specialist", "standard", TO_THE_RUN[:9])
    view = game.view()
    assert "Stage: Waiting for the visit." in view.text
    assert World(game.tables, game.state).env["stage"] == "visit"
    assert [c.label for c in view.choices] == ["Bide your time (3 days)"]
    # All stages done: the calendar's own step, and no stage.
    game = Game.replay(PARTY, 3, "specialist", "standard", TO_THE_RUN[:11])
    assert game.view().choices[0].label == "Bide your time (7 days)"
    assert World(game.tables, game.state).env["stage"] == ""
    assert game.view().status.stage is None


def test_a_wait_ends_on_the_day_a_new_stage_begins(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace('until: "trust >= 60"', 'until: "day >= 20"')
    (tmp_path / "dated.yaml").write_text(text, encoding="utf-8")
    game = Game.start(load_scenario(tmp_path / "dated.yaml", cache=False), 3)
    game.choose("wait")
    game.choose("wait")  # day 14 → 20: the trust stage is over after six days
    assert game.state.day == 20
    assert "6 days pass in the camp." in game.view().text


# --- saves and old scenarios --------------------------------------------------------------


def test_a_save_round_trips_documents_bodies_and_the_stage(tmp_path: Path) -> None:
    game = escaped()
    game.choose("march:to-kem")
    store = SaveStore(tmp_path)
    store.save("family", game)
    loaded = store.load("family", PARTY)
    assert loaded.warnings == []
    assert loaded.game.state.to_dict() == game.state.to_dict()
    saved = json.loads((tmp_path / "family.json").read_text(encoding="utf-8"))["state"]
    assert saved["bodies"]["andrei"]["pace"] == 0.5
    assert saved["issued"]["komandirovka"] == game.state.issued["komandirovka"]


def test_a_state_saved_before_these_fields_existed_still_loads() -> None:
    data = escaped().state.to_dict()
    for name in ("issued", "bodies", "stage"):
        del data[name]
    state = GameState.from_dict(data)
    assert state.issued == {} and state.bodies == {} and state.stage == ""


SHIPPED = {name: load_scenario(ROOT / "scenarios" / name) for name in ("kolyma", "kem-1925")}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SHIPPED)), st.integers(0, 2**32), st.integers(0, 10_000))
def test_scenarios_without_them_never_touch_documents_bodies_or_stages(
    name: str, seed: int, picks: int
) -> None:
    scenario: LoadedScenario = SHIPPED[name]
    game = Game.start(scenario, seed)
    player = random.Random(picks)
    for _ in range(150):
        if game.ended:
            break
        world = World(game.tables, game.state)
        assert group_pace(world) == 1.0 and world.env["stage"] == ""
        game.choose(player.choice([c.id for c in game.view().choices if c.enabled]))
    state = game.state
    assert state.bodies == {} and state.stage == ""
    assert not any(item in state.issued for item in game.tables.documents)
    assert "Stage:" not in game.view().text


# --- lint ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "words"), [
    ("documents: [komandirovka, permit]", "documents: [komandirovka, pernit]",
     "unknown document 'pernit'"),
    ("member: {andrei: {pace", "member: {andrej: {pace", "unknown member 'andrej'"),
    ("places: [kem, pier]", "places: [kem, peir]", "unknown place 'peir'"),
    ("until: \"trust >= 60\"", "until: \"trusty >= 60\"", "trusty"),
])
def test_unknown_documents_members_places_and_names_are_reported_at_their_line(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "party.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(broken, cache=False)
    found = [str(p) for p in raised.value.problems if words in str(p)]
    assert found, str(raised.value)
    assert f"party.yaml:{line_of(text, old)}:" in found[0]


def test_plain_mode_status_shows_the_stage_the_party_and_the_documents() -> None:
    answers = "status\n" + "1\n" * 10 + "2\n1\n2\n1\nstatus\n"
    result = subprocess.run(
        [sys.executable, "-m", "gulag_escape", "play", str(FIXTURE), "--plain", "--seed", "3"],
        input=answers, capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Your plans: Earning the bosses' trust." in result.stdout
    assert "Andrei: health 85, hunger 20, warmth 55, fatigue 10, pace 50 %." in result.stdout
    assert ("Ten-day work assignment (Survey of the fisheries on the Kem river): not valid "
            "here.") in result.stdout


def test_the_teachers_model_summary_tells_the_stages_documents_and_party() -> None:
    summary = model_summary(PARTY)
    assert ("*Waiting for the visit*, 3 days a wait, until “the family has come to the camp”"
            in summary)
    assert ("Ten-day work assignment (Survey of the fisheries on the Kem river): valid for 10 "
            "days from the day you get it and only at Kem and the pier post.") in summary
    assert "The pier post inspects Ten-day work assignment and Border-zone permit" in summary
    assert ("a free person, not a prisoner, whose loyalty no hunger or fear wears down (if "
            "caught: Arrested as an accomplice and sentenced to a camp of her own)") in summary
