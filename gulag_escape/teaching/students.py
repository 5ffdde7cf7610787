"""Students' names: checked, normalised, turned into per-student seeds and folder names.

A per-student seed must come out the same on every machine and however the name is typed
("Anna  Petrova", "anna petrova"), so names are normalised (Unicode NFKC, case-folded,
spaces collapsed) before they are hashed; nothing here depends on the locale or the clock.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from gulag_escape.errors import UsageError
from gulag_escape.teaching.assignment import MAX_SEED, Assignment
from gulag_escape.untrusted import find_control

MAX_NAME = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def check_name(name: str | None) -> str:
    """The name as the student typed it, trimmed; refused when empty, too long or unsafe."""
    shown = " ".join((name or "").split())
    if not shown:
        raise UsageError("give your name with --student NAME, e.g. --student \"Anna Petrova\"")
    if len(shown) > MAX_NAME:
        raise UsageError(f"a name is at most {MAX_NAME} characters; shorten it")
    if find_control(shown, allow=""):
        raise UsageError("the name holds a control character; type it with letters only")
    return shown


def normalised(name: str) -> str:
    """The form of a name that seeds and comparisons use: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def student_seed(assignment: Assignment, student: str) -> int:
    """The seed a student plays with: the shared one, or one drawn from class and name."""
    policy = assignment.seed
    if policy.mode == "shared":
        assert policy.value is not None  # the model refuses a shared seed without a value
        return policy.value
    return derived_seed(assignment.class_name, student, policy.value or 0)


def derived_seed(class_name: str, student: str, salt: int) -> int:
    """SHA-256 of salt, class and name, normalised: the same on every machine."""
    text = f"gulag-escape/{salt}/{normalised(class_name)}/{normalised(student)}"
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % (MAX_SEED + 1)


def slug(text: str, fallback: str) -> str:
    """A folder-name form of any text: ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(result) > 40:  # cut at a word's end
        result = result[:41].rsplit("-", 1)[0] if "-" in result[:41] else result[:40]
    return result or fallback
