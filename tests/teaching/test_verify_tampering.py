"""Verification replays a record and names the first point where an edited one diverges."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA as SCENARIO_DATA
from teaching_helpers import CLASS, PER_STUDENT, edit_record, hand_in, load_class, prefer

from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.handin import RECORD_FILE
from gulag_escape.teaching.record import RunRecord, read_record
from gulag_escape.teaching.verify import ScenarioLibrary, Verdict, verify_file

ENGINE = SCENARIO_DATA / "engine.yaml"
STUDENT = "Student 7"
"""Trusts the old hand, hides bread several times: answers at three decisions and the end."""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunRecord]:
    folder = tmp_path_factory.mktemp("reports") / "student-7"
    record = hand_in(folder, load_class(), STUDENT)
    assert {a.question for a in record.answers} == {"plan-shown", "after-trust", "after-keep",
                                                   "lesson"}
    return folder, record


@pytest.fixture
def report(made: tuple[Path, RunRecord], tmp_path: Path) -> Path:
    """A fresh copy of the report folder, free to edit."""
    copy = tmp_path / "report"
    copy.mkdir()
    for file in made[0].iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    return copy


def verify(path: Path, **library: Any) -> Verdict:
    return verify_file(path, ScenarioLibrary(paths=[ENGINE], **library))


def test_an_untouched_report_verifies(report: Path, made: tuple[Path, RunRecord]) -> None:
    verdict = verify(report)
    record = made[1]
    assert verdict.ok, verdict.message
    assert verdict.message == (
        f"{STUDENT}: {record.outcome.kind} ('{record.outcome.ending}') on day "
        f"{record.outcome.days}, {record.outcome.km:.0f} km, {len(record.choices)} choices, "
        "4 answers")


def test_a_changed_ending_is_named_with_the_replays(report: Path,
                                                     made: tuple[Path, RunRecord]) -> None:
    real = made[1].outcome
    fake = "free" if real.ending != "free" else "caught"
    edit_record(report, lambda d: d["outcome"].update(ending=fake, kind="freedom"))
    verdict = verify(report)
    assert not verdict.ok
    assert verdict.message == (f"recorded ending '{fake}', but the replay ends in "
                               f"'{real.ending}' on day {real.days}")


def test_changed_statistics_are_caught_even_with_a_recomputed_chain(report: Path) -> None:
    record = read_record(report / RECORD_FILE)
    forged = record.model_copy(update={"outcome": record.outcome.model_copy(
        update={"km": 412.0})}).sealed()
    (report / RECORD_FILE).write_text(forged.to_json(), encoding="utf-8")
    verdict = verify(report)
    assert not verdict.ok
    assert verdict.message == (f"the recorded km (412.0) does not follow from the choices: the "
                               f"replay gives {record.outcome.km}")


def test_a_removed_choice_is_named(report: Path) -> None:
    edit_record(report, lambda d: d["choices"].pop(3))
    assert verify(report).message == ("choice 4 is missing from the log: the entry after "
                                      "choice 3 is numbered 5")


def test_a_removed_and_renumbered_choice_is_not_available(report: Path,
                                                          made: tuple[Path, RunRecord]) -> None:
    def drop_first(data: dict[str, Any]) -> None:
        del data["choices"][0]
        for n, choice in enumerate(data["choices"], 1):
            choice["n"] = n

    edit_record(report, drop_first)
    second = made[1].choices[1].id
    assert verify(report).message == (f"choice 1 ('{second}') is not available at that point: "
                                      "it is not one of the choices there")


def _keep_answer(record: RunRecord) -> tuple[int, int]:
    answer = next(a for a in record.answers if a.question == "after-keep")
    assert answer.choice is not None
    return answer.n, answer.choice


def test_a_moved_answer_is_traced_to_its_own_choice(report: Path,
                                                    made: tuple[Path, RunRecord]) -> None:
    number, home = _keep_answer(made[1])
    target = home + 4

    def move(data: dict[str, Any]) -> None:
        data["answers"][number - 1]["choice"] = target

    edit_record(report, move)
    assert verify(report).message == (f"answer {number} is attached to choice {target} but its "
                                      f"hash belongs to choice {home}")


def test_a_moved_answer_with_a_recomputed_chain_is_out_of_place(
        report: Path, made: tuple[Path, RunRecord]) -> None:
    record = made[1]
    number, _ = _keep_answer(record)
    target = next(c.n for c in record.choices if c.id != "keep")
    answers = [a.model_copy(update={"choice": target}) if a.n == number else a
               for a in record.answers]
    forged = record.model_copy(update={"answers": answers}).sealed()
    (report / RECORD_FILE).write_text(forged.to_json(), encoding="utf-8")
    message = verify(report).message
    assert message.startswith(f"answer {number} is attached to choice {target} ('")
    assert message.endswith("but its question 'after-keep' is about 'keep'")


def test_an_answer_moved_to_the_end(report: Path, made: tuple[Path, RunRecord]) -> None:
    number, home = _keep_answer(made[1])
    edit_record(report, lambda d: d["answers"][number - 1].update(choice=None))
    assert verify(report).message == (f"answer {number} is attached to the questions at the end "
                                      f"but its hash belongs to choice {home}")


def test_a_rewritten_answer_is_named(report: Path, made: tuple[Path, RunRecord]) -> None:
    number, _ = _keep_answer(made[1])
    edit_record(report, lambda d: d["answers"][number - 1].update(text="A better answer."))
    assert verify(report).message == (f"answer {number} (to 'after-keep') was changed after "
                                      "the report was written (its hash does not match)")


def test_a_changed_student_name_breaks_the_header(report: Path) -> None:
    edit_record(report, lambda d: d["header"].update(student="Someone Else"))
    assert verify(report).message == ("the header (student, seed, scenario, rules) was changed "
                                      "after the report was written (its hash does not match)")


def test_a_changed_seed_diverges_in_the_replay(report: Path) -> None:
    edit_record(report, lambda d: d["header"].update(seed=8))
    verdict = verify(report)
    assert not verdict.ok
    assert verdict.message.startswith(("choice ", "recorded ", "the recorded ", "the header"))


def test_a_per_student_seed_must_be_the_students_own(tmp_path: Path) -> None:
    assignment = load_assignment(PER_STUDENT)
    folder = tmp_path / "anna"
    hand_in(folder, assignment, "Anna", profile="criminal")
    assert verify(folder).ok
    edit_record(folder, lambda d: d["header"].update(student="Boris"))
    assert "is not the one drawn for 'Boris' in 'Test class 9C'" in verify(folder).message


def test_a_report_for_another_assignment(report: Path) -> None:
    other = load_assignment(PER_STUDENT)
    verdict = verify(report, assignment=other)
    assert verdict.message == ("the report was made for another assignment ('The fence: a test "
                               "assignment'), not 'Worlds apart'")
    assert verify(report, assignment=load_assignment(CLASS)).ok


def test_a_changed_scenario_is_named(report: Path, tmp_path: Path) -> None:
    changed = tmp_path / "engine.yaml"
    changed.write_text(ENGINE.read_text(encoding="utf-8").replace("The fence is low",
                                                                   "The fence is lower"),
                       encoding="utf-8")
    verdict = verify_file(report, ScenarioLibrary(paths=[changed]))
    assert verdict.message.startswith("the report was made with 'engine-fixture' 1.0 (digest ")
    assert verdict.message.endswith("give that version's files with --scenario")
    missing = verify_file(report, ScenarioLibrary())
    assert missing.message == ("no scenario 'engine-fixture' is installed here; give its file "
                               "or folder with --scenario PATH")


def test_an_unfinished_run_verifies_as_unfinished(tmp_path: Path) -> None:
    folder = tmp_path / "stopped"
    record = hand_in(folder, load_class(), "Student 7", stop_after=3)
    assert not record.outcome.finished
    verdict = verify(folder)
    assert verdict.ok and "unfinished, on day" in verdict.message
    edit_record(folder, lambda d: d["outcome"].update(finished=True, ending="free"))
    assert verify(folder).message.startswith("recorded ending 'free', but the replay has not "
                                             "ended")


def run_verify(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gulag_escape", "verify", *args],
                          capture_output=True, text=True, check=False, cwd=cwd, timeout=120)


def test_the_command_prints_one_line_per_report_and_exits_1_on_any_failure(
        report: Path, made: tuple[Path, RunRecord], tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_bytes((made[0] / RECORD_FILE).read_bytes())
    (tmp_path / "notes.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    edit_record(report, lambda d: d["answers"][0].update(text="edited"))
    args = ["good.json", "report", "notes.json", "broken.json", "absent.json",
            "--scenario", str(ENGINE)]
    result = run_verify(*args, cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len(lines) == 5
    assert lines[0].startswith("good.json: ok — Student 7: ")
    assert lines[1].startswith("report: FAILED — answer 1 (to 'plan-shown') was changed")
    assert lines[2] == "notes.json: FAILED — notes.json is not a Gulag Escape run record"
    assert lines[3].startswith("broken.json: FAILED — broken.json is not a run record: it is "
                               "not JSON text")
    assert lines[4].startswith("absent.json: FAILED — cannot read absent.json")
    assert "Traceback" not in result.stdout + result.stderr
    assert run_verify("good.json", "--scenario", str(ENGINE), cwd=tmp_path).returncode == 0


def test_a_record_verifies_on_another_machine(made: tuple[Path, RunRecord],
                                             tmp_path: Path) -> None:
    """No paths, clock or locale in a record: another folder, locale and time zone agree."""
    text = (made[0] / RECORD_FILE).read_text(encoding="utf-8")
    assert str(made[0].parent) not in text and str(Path.home()) not in text
    data = json.loads(text)
    assert not any(key in json.dumps(data) for key in ("saved_at", "time", "date\""))
    elsewhere = tmp_path / "another machine"
    elsewhere.mkdir()
    (elsewhere / "anna.json").write_text(text, encoding="utf-8")
    (elsewhere / "engine.yaml").write_bytes(ENGINE.read_bytes())
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8",
           "TZ": "Pacific/Kiritimati", "HOME": str(elsewhere),
           "GULAG_ESCAPE_CACHE": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "gulag_escape", "verify", "anna.json",
                             "--scenario", "engine.yaml"], capture_output=True, text=True,
                            check=False, cwd=elsewhere, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("anna.json: ok — Student 7: ")


def test_the_chain_links_every_entry_in_order(made: tuple[Path, RunRecord]) -> None:
    record = made[1]
    previous = ""
    for entry in record.chain():
        assert entry.hash == entry.hashed_after(previous)
        previous = entry.hash
    assert previous == record.outcome.hash
    kinds = [type(entry).__name__ for entry in record.chain()]
    assert kinds[0] == "Header" and kinds[-1] == "Outcome"
    assert kinds[-2] == "AnswerEntry"  # the question at the end comes after the last choice
    keep = next(a for a in record.answers if a.question == "after-keep")
    chain = list(record.chain())
    assert chain[chain.index(keep) - 1] is record.choices[keep.choice - 1]  # type: ignore[operator]


def test_prefer_helper_plays_the_named_choices() -> None:
    """The helper other tests rely on: a scripted student takes the choices named."""
    from teaching_helpers import play_headless

    _, game = play_headless(load_class(), "Scripted", prefer("alone", "surrender", "wait"))
    assert game.state.log[0] == "alone"
    assert game.ended
