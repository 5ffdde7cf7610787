"""``gulag-escape serve``: check everything, tell the teacher where to point the class, serve.

The teacher's terminal shows the students' address (and a QR code of it for phones and
tablets), the dashboard's address with its token, and where the reports go. Nothing is
started before the assignment has loaded and the reports folder is known to be writable.
"""

from __future__ import annotations

import io
import secrets
import shutil
import socket
import tempfile
from pathlib import Path

from gulag_escape.errors import UsageError
from gulag_escape.serve.children import Classroom

ALL_ADDRESSES = ("0.0.0.0", "::", "")


def lan_address() -> str:
    """The laptop's address on the school network, found without sending anything: the
    addresses its own name resolves to, the first that is not the loopback."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return socket.gethostname()
    found = [str(info[4][0]) for info in infos if not str(info[4][0]).startswith("127.")]
    return found[0] if found else socket.gethostname()


def student_url(host: str, port: int) -> str:
    """The address students type: the laptop's own when the server listens everywhere."""
    shown = lan_address() if host in ALL_ADDRESSES else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def qr_text(url: str) -> str:
    """A QR code of ``url`` drawn with block characters, two rows of modules per line."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def announcement(url: str, token: str, classroom: Classroom, title: str) -> str:
    """What the teacher reads in the terminal when the server starts."""
    return (f"{title}\n\nStudents open:  {url}\n\n{qr_text(url)}\n"
            f"Your dashboard (keep this address to yourself):\n  {url}teacher?token={token}\n\n"
            f"Reports go to {classroom.reports.resolve()}\n"
            "Press Ctrl+C to stop; unfinished runs are kept and continue next time.\n")


def run_serve(assignment_path: Path | None, host: str, port: int, reports: Path) -> int:
    """The ``serve`` command: load and check, print the addresses, serve until Ctrl+C."""
    from gulag_escape.serve.server import ClassroomServer, Lesson
    from gulag_escape.teaching.assignment_file import load_assignment
    from gulag_escape.teaching.handin import check_writable

    if not 0 < port < 65536:
        raise UsageError(f"--port {port} is not a port; give one from 1 to 65535, e.g. 8000")
    assignment = load_assignment(assignment_path) if assignment_path is not None else None
    check_writable(reports)
    work = Path(tempfile.mkdtemp(prefix="gulag-escape-serve-"))
    classroom = Classroom(reports=reports, work=work, assignment=assignment_path)
    lesson = Lesson(classroom, assignment, secrets.token_urlsafe(18))
    server = ClassroomServer(lesson, host, port)
    print(announcement(student_url(host, port), lesson.token, classroom, lesson.title),
          flush=True)
    try:
        server.serve()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0
