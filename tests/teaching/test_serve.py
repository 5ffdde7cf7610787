"""The classroom server without a browser: aiohttp's test client on 127.0.0.1.

The dashboard needs the token and nothing a student can reach gives it away; names are
checked as ``play --assignment`` checks them; the dashboard reads the reports folder; one
live tab per student; the app runs its full screen under textual-serve."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from teaching_helpers import CLASS, hand_in, play_headless, prefer
from yarl import URL

from gulag_escape.errors import UsageError
from gulag_escape.interactive import WEB_DRIVER, can_run_app
from gulag_escape.serve.children import (
    STUDENT_ENV,
    Classroom,
    LiveTab,
    Tabs,
    child_environment,
    play_command,
)
from gulag_escape.serve.server import ClassroomServer, Lesson
from gulag_escape.serve.start import qr_text, student_url
from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.handin import find_folder, keep_record

TOKEN = "the-teachers-own-token"


def classroom_server(tmp_path: Path, assignment: Path | None = CLASS) -> ClassroomServer:
    classroom = Classroom(tmp_path / "reports", tmp_path / "work", assignment)
    loaded = load_assignment(assignment) if assignment else None
    return ClassroomServer(Lesson(classroom, loaded, TOKEN), "127.0.0.1", 0)


def client_of(server: ClassroomServer) -> TestClient:
    return TestClient(TestServer(server.make_app(), host="127.0.0.1"))


async def test_the_dashboard_needs_the_token(tmp_path: Path) -> None:
    async with client_of(classroom_server(tmp_path)) as client:
        for query in ("", "?token=", "?token=wrong", f"?token={TOKEN[:-1]}", f"?tok={TOKEN}"):
            response = await client.get("/teacher" + query)
            assert response.status == 403, query
            assert "The class now" not in await response.text()
        response = await client.get(f"/teacher?token={TOKEN}")
        assert response.status == 200
        assert "The class now" in await response.text()
        assert response.headers["Refresh"] and response.headers["Cache-Control"] == "no-store"


async def test_no_student_address_reaches_the_dashboard_or_a_report(tmp_path: Path) -> None:
    server = classroom_server(tmp_path)
    assignment = load_assignment(CLASS)
    folder = find_folder(server.lesson.classroom.reports, assignment, "Boris").folder
    hand_in(folder, assignment, "Boris", answer=lambda q: "a secret answer")
    async with client_of(server) as client:
        pages = [await client.get("/"), await client.post("/join", data={"name": "Anna"}),
                 await client.get("/play/Anna")]
        for path in ("/play/..%2Fteacher", "/play/Anna/..%2F..%2Fteacher", "/static/..%2Fteacher",
                     "/teacher/", "/TEACHER", "/static/..%2F..%2Freports",
                     f"/play/{folder.name}", "/reports/" + folder.name + "/run.json"):
            pages.append(await client.get(URL(path, encoded=True), allow_redirects=False))
        for response in pages:
            text = await response.text()
            assert TOKEN not in text and "The class now" not in text, response.url
            assert "a secret answer" not in text and "Boris" not in text, response.url
    assert pages[1].url.path == "/play/Anna" and pages[1].status == 200


async def test_names_are_checked_as_play_assignment_checks_them(tmp_path: Path) -> None:
    async with client_of(classroom_server(tmp_path)) as client:
        response = await client.post("/join", data={"name": "  Anna   Petrova "},
                                     allow_redirects=False)
        assert response.status == 303
        assert response.headers["Location"] == "/play/Anna%20Petrova"
        for name, problem in (("", "Type your name"), ("   ", "Type your name"),
                              ("\x1b[2JAnna", "control character"), ("x" * 81, "at most 80")):
            response = await client.post("/join", data={"name": name})
            assert response.status == 400
            assert problem in await response.text()
        response = await client.get(URL("/play/%20Anna%20%20Petrova", encoded=True),
                                    allow_redirects=False)
        assert response.headers["Location"] == "/play/Anna%20Petrova"  # one address a name
        response = await client.get(URL("/play/%1B%5B2J", encoded=True), allow_redirects=False)
        assert response.headers["Location"] == "/"
        assert (await client.get(URL("/play/%1B/ws", encoded=True))).status == 400


async def test_the_dashboard_shows_who_plays_where_and_how_runs_ended(tmp_path: Path) -> None:
    server = classroom_server(tmp_path)
    reports = server.lesson.classroom.reports
    assignment = load_assignment(CLASS)
    hand_in(find_folder(reports, assignment, "Boris").folder, assignment, "Boris",
            prefer("trust", "wait", "climb"))
    run, game = play_headless(assignment, "Vera", prefer("trust"), stop_after=2)
    keep_record(find_folder(reports, assignment, "Vera").folder, run.record(game))
    galina = LiveTab("Galina", close=lambda: _ended(server.tabs, galina))
    await server.tabs.open(galina)
    async with client_of(server) as client:
        text = await (await client.get(f"/teacher?token={TOKEN}")).text()
    rows = {cells[0]: cells for cells in _rows(text)}
    assert rows["Boris"][1] == "finished" and rows["Boris"][6]
    assert rows["Vera"][1] == "left unfinished" and rows["Vera"][4] == "2"
    assert rows["Vera"][2] == str(game.state.day) and rows["Vera"][3]
    assert rows["Galina"][1:4] == ["playing", "", "(not started yet)"]
    assert "Outcomes" in text and "Decisions that divided the class" in text


async def _ended(tabs: Tabs, tab: LiveTab) -> None:
    """What a tab's process does once its websocket closes: write the run, leave the list."""
    tabs.closed(tab)


def _rows(html: str) -> list[list[str]]:
    """The cells of the dashboard's first table, as text."""
    import re

    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[re.sub("<[^>]+>", "", cell) for cell in re.findall("<td[^>]*>(.*?)</td>", row)]
            for row in re.findall("<tr>(.*?)</tr>", table)]


async def test_a_student_who_finished_is_not_started_again_by_a_reload(tmp_path: Path) -> None:
    server = classroom_server(tmp_path)
    assignment = load_assignment(CLASS)
    hand_in(find_folder(server.lesson.classroom.reports, assignment, "Boris").folder,
            assignment, "Boris", prefer("trust", "wait", "climb"))
    async with client_of(server) as client:
        finished = await (await client.get("/play/boris")).text()
        assert "you have finished this assignment" in finished and "textual.js" not in finished
        assert "textual.js" in await (await client.get("/play/boris?again=1")).text()
        assert "textual.js" in await (await client.get("/play/Vera")).text()


async def test_the_free_game_has_no_name_page(tmp_path: Path) -> None:
    async with client_of(classroom_server(tmp_path, None)) as client:
        home = await (await client.get("/")).text()
        assert '"/ws"' in home and 'name="name"' not in home
        assert (await client.post("/join", data={"name": "Anna"})).status == 404
        assert (await client.get("/play/Anna")).status == 404
        assert (await client.get(f"/teacher?token={TOKEN}")).status == 200


async def test_a_student_has_one_live_tab(tmp_path: Path) -> None:
    tabs = Tabs(limit=2)
    closed: list[str] = []

    def tab(name: str | None) -> LiveTab:
        async def close() -> None:
            closed.append(str(name))
            tabs.closed(live)  # the process ends and writes the run down

        live = LiveTab(name, close)
        return live

    first = tab("Anna Petrova")
    await tabs.open(first)
    await tabs.open(tab("anna  PETROVA"))  # a reload, or a second tab: the first one closes
    assert closed == ["Anna Petrova"] and first.done.is_set() and len(tabs) == 1
    await tabs.open(tab(None))
    with pytest.raises(UsageError, match="already has 2 players"):
        await tabs.open(tab("Boris"))


def test_the_name_reaches_the_game_in_its_environment_only(tmp_path: Path) -> None:
    classroom = Classroom(tmp_path / "reports", tmp_path / "work", CLASS)
    anna = child_environment(classroom, "Anna; rm -rf ~", "tab1")
    assert anna[STUDENT_ENV] == "Anna; rm -rf ~" and "Anna" not in play_command(classroom)
    assert anna["GULAG_ESCAPE_REPORTS"] == str((tmp_path / "reports").resolve())
    saves = {child_environment(classroom, name, tab)["GULAG_ESCAPE_SAVES"]
             for name, tab in (("Anna", "a"), ("anna", "b"), ("Boris", "c"))}
    assert len(saves) == 2, "a student's saves are their own, however the name is typed"
    free = Classroom(tmp_path / "reports", tmp_path / "work")
    assert STUDENT_ENV not in child_environment(free, None, "t")
    assert child_environment(free, None, "t") != child_environment(free, None, "u")


def test_under_textual_serve_the_full_screen_app_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not can_run_app()  # pytest's standard input is not a terminal
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    assert can_run_app()


def test_the_teacher_is_shown_an_address_students_can_reach() -> None:
    assert student_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert "0.0.0.0" not in student_url("0.0.0.0", 8000)
    code = qr_text("http://192.168.1.20:8000/")
    assert "▀" in code and len(code.splitlines()) > 10
