"""The exceptions lp-coach raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

FULL_BELOW = 256 * 1024
"""Free bytes under which a database that cannot be written is put down to a full disk."""

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""What a shell reports for a command stopped by Ctrl-C (128 + SIGINT)."""


class CoachError(Exception):
    """Root of every error that is the user's to fix, not a bug in lp-coach."""

    exit_code = EXIT_FAILURE


class UsageError(CoachError):
    """A command was given an argument or option it cannot use."""

    exit_code = EXIT_USAGE


class NotFound(UsageError):
    """A principle, session or entry named by the user does not exist."""


class StoreError(CoachError):
    """The data directory or a file in it cannot be read or written."""


class Interrupted(CoachError):
    """The user pressed Ctrl-C; the message says what was kept and how to go on."""

    exit_code = EXIT_INTERRUPTED


class Problem(NamedTuple):
    """One thing wrong with a content file, at a line when the line is known."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class ContentError(CoachError):
    """A principle pack has problems; every problem found is listed, not just the first."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def describe_os_error(exc: OSError, verb: str = "write", path: object = None) -> str:
    """An OSError in plain words, naming the path: 'cannot write /x/notes: it is a file, ...'.

    `verb` is what was being done to `path` (default: the path the error names).
    """
    target = os.fspath(path) if isinstance(path, (str, os.PathLike)) else exc.filename
    target = os.fsdecode(target) if target is not None else ""
    code = exc.errno
    if code in (errno.ENOTDIR, errno.EEXIST):
        blocker = _file_in_the_way(target)
        if blocker is not None:
            return f"cannot {verb} {blocker}: it is a file, not a folder"
    where = f" {target}" if target else ""
    if code == errno.ENOSPC:
        return f"disk full writing{where}"
    if code == errno.EDQUOT:
        return f"disk quota exceeded writing{where}"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied: cannot {verb}{where}"
    if code == errno.EROFS:
        return f"cannot {verb}{where}: the file system is read-only"
    if code == errno.EISDIR:
        return f"cannot {verb}{where}: it is a folder, not a file"
    if code == errno.ENOENT:
        return f"cannot {verb}{where}: no such file or folder"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot {verb}{where}: {reason[:1].lower()}{reason[1:]}"


def describe_db_error(exc: sqlite3.Error, path: Path, *, hint: str | None = None) -> str:
    """A database error in plain words, naming the file, with what the user can do
    (`hint`, when given, for a damaged file: which backup restores it)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    where = f"the database {path}"
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) and _nearly_full(path.parent):
        name = "SQLITE_FULL"  # SQLite says "disk I/O error" when it cannot grow its index file
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        hint = hint or "restore it from a backup, or move it aside and lp-coach starts a new one"
        return f"{where} is damaged: {exc} ({hint})"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{where} is locked: {exc} (another lp-coach is using it; try again when it is done)"
    if name.startswith("SQLITE_READONLY") and _nearly_full(path.parent):
        # a full disk's database is opened read-only for reading (store/db.py:_reader)
        return f"disk full writing {where} (free some space and try again)"
    if name.startswith("SQLITE_READONLY"):
        return f"{where} is read-only: {exc} (make it and its folder writable, then try again)"
    if name.startswith("SQLITE_FULL"):
        return f"disk full writing {where} (free some space and try again)"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"{where} cannot be opened: {exc} (check that its folder exists and is yours)"
    if name.startswith("SQLITE_IOERR"):
        return f"{where} cannot be read or written: {exc} (is the disk full or gone?)"
    return f"{where}: {exc}"


def _nearly_full(folder: Path) -> bool:
    """True when the disk holding `folder` has no room left to speak of."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def _file_in_the_way(path: str) -> str | None:
    """The file standing where `path` or one of its folders should be, if there is one."""
    while path:
        if os.path.exists(path):
            return None if os.path.isdir(path) else path
        parent = os.path.dirname(path)
        if parent == path:
            return None
        path = parent
    return None
