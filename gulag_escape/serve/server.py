"""The classroom server: an aiohttp application around textual-serve's ``Server``.

textual-serve gives the terminal (its script, its fonts), the process behind each websocket
(:class:`~textual_serve.app_service.AppService`) and the message loop between them; this
module adds the routes of a class:

- ``/``: the free game, or with an assignment the page asking the student's name;
- ``/join`` (POST): the name checked as ``play --assignment`` checks it, then ``/play/NAME``;
- ``/play/NAME`` and its websocket: that student's run, continued on every reload;
- ``/teacher?token=…``: the dashboard, refused without the token printed for the teacher.

Students' pages never carry the token, and no route serves a report file.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import uuid
from dataclasses import dataclass

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from gulag_escape.errors import GulagEscapeError
from gulag_escape.pages.terminal_page import terminal_page
from gulag_escape.serve.children import (
    CLOSE_WAIT,
    Classroom,
    LiveTab,
    Tabs,
    child_environment,
    play_command,
)
from gulag_escape.serve.dashboard import REFRESH_SECONDS, Dashboard, has_finished
from gulag_escape.serve.pages import (
    STATIC,
    finished_page,
    name_page,
    not_allowed_page,
    play_path,
)
from gulag_escape.teaching.assignment_file import LoadedAssignment
from gulag_escape.teaching.students import check_name
from gulag_escape.teaching.verify import ScenarioLibrary

log = logging.getLogger("gulag-escape-serve")


class TabService(AppService):
    """textual-serve's process for one tab, with the tab's own variables added."""

    def __init__(self, command: str, extra: dict[str, str], **kwargs: object) -> None:
        # textual-serve's own keywords (writers, close, download manager), passed through
        # untouched: naming each here would copy its signature.
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.extra = extra

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra}

    async def close(self) -> None:
        """After :meth:`stop`: close the app's input and reap the process, so no pipe is
        left for the garbage collector to close after the event loop has gone."""
        process = self._process
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()
            await process.wait()


@dataclass(frozen=True)
class Lesson:
    """What the classroom serves: the game, or an assignment loaded once at the start."""

    classroom: Classroom
    assignment: LoadedAssignment | None
    token: str

    @property
    def title(self) -> str:
        if self.assignment is None:
            return "Gulag Escape"
        return self.assignment.model.title


class ClassroomServer(Server):
    """textual-serve's server with a classroom's routes (see the module's docstring)."""

    def __init__(self, lesson: Lesson, host: str, port: int) -> None:
        super().__init__(play_command(lesson.classroom), host=host, port=port,
                         title=lesson.title)
        self.lesson = lesson
        self.tabs = Tabs()
        library = ScenarioLibrary(assignment=lesson.assignment)
        self.dashboard = Dashboard(lesson.classroom.reports, library)
        self._dashboard_lock = asyncio.Lock()

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (aiohttp's own signal handling); quiet but for errors."""
        logging.basicConfig(level="WARNING", format="%(levelname)s %(name)s: %(message)s")
        web.run_app(self.make_app(), host=self.host, port=self.port, print=None,
                    access_log=None, shutdown_timeout=CLOSE_WAIT)

    def make_app(self) -> web.Application:
        """The aiohttp application (the tests run it with aiohttp's test client)."""
        app = web.Application()
        app.add_routes([
            web.get("/", self.handle_home),
            web.post("/join", self.handle_join),
            web.get("/play/{student}", self.handle_play),
            web.get("/play/{student}/ws", self.handle_student_socket),
            web.get("/ws", self.handle_free_socket),
            web.get("/teacher", self.handle_teacher),
            web.static("/static", self.statics_path),
        ])
        app.on_shutdown.append(self._close_tabs)
        return app

    async def _close_tabs(self, app: web.Application) -> None:
        try:
            await self.tabs.close_all()
        except TimeoutError:
            log.warning("some tabs did not close in time; their runs are kept as of the "
                        "last choice")

    # --- students ---------------------------------------------------------------------------

    async def handle_home(self, request: web.Request) -> web.Response:
        assignment = self.lesson.assignment
        if assignment is None:
            return _html(terminal_page(self.lesson.title, "/ws", STATIC))
        return _html(name_page(assignment.model.title, assignment.model.class_name))

    async def handle_join(self, request: web.Request) -> web.Response:
        assignment = self.lesson.assignment
        if assignment is None:
            raise web.HTTPNotFound()
        typed = str((await request.post()).get("name", ""))
        try:
            student = check_name(typed)
        except GulagEscapeError as error:  # the empty name's message speaks of --student
            problem = error.message if typed.strip() else "Type your name first."
            return _html(name_page(assignment.model.title, assignment.model.class_name,
                                   problem), status=400)
        raise web.HTTPSeeOther(play_path(student))

    async def handle_play(self, request: web.Request) -> web.Response:
        student = self._student(request)
        assignment = self.lesson.assignment
        assert assignment is not None
        if "again" not in request.query and await asyncio.to_thread(
                has_finished, self.lesson.classroom.reports, assignment, student):
            return _html(finished_page(self.lesson.title, student))
        return _html(terminal_page(f"{self.lesson.title} · {student}",
                                   play_path(student) + "/ws", STATIC))

    def _student(self, request: web.Request) -> str:
        if self.lesson.assignment is None:
            raise web.HTTPNotFound()
        try:
            student = check_name(request.match_info["student"])
        except GulagEscapeError:
            raise web.HTTPFound("/") from None
        if student != request.match_info["student"]:
            raise web.HTTPFound(play_path(student))  # one address per student
        return student

    async def handle_student_socket(self, request: web.Request) -> web.WebSocketResponse:
        if self.lesson.assignment is None:
            raise web.HTTPNotFound()
        try:
            student = check_name(request.match_info["student"])
        except GulagEscapeError:
            raise web.HTTPBadRequest() from None
        return await self._run_tab(request, student)

    async def handle_free_socket(self, request: web.Request) -> web.WebSocketResponse:
        if self.lesson.assignment is not None:
            raise web.HTTPNotFound()
        return await self._run_tab(request, None)

    async def _run_tab(self, request: web.Request, student: str | None) -> web.WebSocketResponse:
        """textual-serve's websocket handler, with one live tab per student and the tab's
        own environment; the tab leaves the list once its process has written the run."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        tab = LiveTab(student, websocket.close)
        try:
            await self.tabs.open(tab)
        except GulagEscapeError as error:
            await websocket.close(message=error.message.encode()[:120])
            return websocket
        environment = child_environment(self.lesson.classroom, student, uuid.uuid4().hex)
        service = TabService(self.command, environment, write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close,
                             download_manager=self.download_manager)
        try:
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken tab must not take the class's server down
            log.exception(error)
        finally:
            await service.stop()
            await service.close()
            self.tabs.closed(tab)
        return websocket

    # --- the teacher ------------------------------------------------------------------------

    async def handle_teacher(self, request: web.Request) -> web.Response:
        given = request.query.get("token", "")
        if not hmac.compare_digest(given.encode(), self.lesson.token.encode()):
            return _html(not_allowed_page(), status=403)
        playing = [tab.student for tab in self.tabs.students() if tab.student is not None]
        async with self._dashboard_lock:  # one replay at a time, off the students' loop
            text = await asyncio.to_thread(self.dashboard.html, self.lesson.title, playing)
        response = _html(text)
        response.headers["Refresh"] = str(REFRESH_SECONDS)
        response.headers["Referrer-Policy"] = "no-referrer"  # the token stays in the address
        return response


def _html(text: str, status: int = 200) -> web.Response:
    response = web.Response(text=text, status=status, content_type="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    return response
