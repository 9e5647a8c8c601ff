"""Backups of the store with SQLite's online backup API: daily, before migrations, and on demand.

A backup is a whole database file in the data directory's `backups/` (an encrypted store's
backups are encrypted with the same key). The last 7 days' and 4 weeks' newest are kept.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from lp_coach import clock
from lp_coach.atomic import fsync_path
from lp_coach.errors import CoachError
from lp_coach.paths import ensure_private_dir
from lp_coach.store import engine

FOLDER = "backups"
PREFIX = "lp-coach-"
SUFFIX = ".db"
DAILY = 7
WEEKLY = 4
STAMP = "%Y-%m-%dT%H%M%S"
STAMP_LENGTH = len("2026-12-31T235959")

_TAKEN_TODAY: set[Path] = set()
"""Stores this process has already seen backed up today (the check is once a process)."""


class Backup(NamedTuple):
    """One backup file and when it was taken."""

    path: Path
    taken: datetime


def folder(store: Path) -> Path:
    """Where `store`'s backups are kept."""
    return store.parent / FOLDER


def listed(store: Path) -> list[Backup]:
    """`store`'s backups in `backups/`, newest first."""
    found = []
    try:
        names = os.listdir(folder(store))
    except OSError:
        return []
    for name in names:
        if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
            continue
        taken = _taken(name[len(PREFIX) : len(PREFIX) + STAMP_LENGTH])
        if taken is None:
            continue
        found.append(Backup(folder(store) / name, taken))
    return sorted(found, key=_age, reverse=True)


def _taken(stamp: str) -> datetime | None:
    """When a backup named with `stamp` (STAMP: 2026-12-31T235959) was taken, or None.

    Read as ISO 8601 (strptime would import its locale machinery, ~5 ms of every command
    that writes, for the day's backup check)."""
    if len(stamp) != STAMP_LENGTH or stamp[10] != "T" or not stamp[11:].isdigit():
        return None
    try:
        return datetime.fromisoformat(f"{stamp[:13]}:{stamp[13:15]}:{stamp[15:]}")
    except ValueError:
        return None


def _age(backup: Backup) -> tuple[datetime, int]:
    """When a backup was taken; its file's time orders two taken in the same second."""
    try:
        return backup.taken, backup.path.stat().st_mtime_ns
    except OSError:
        return backup.taken, 0


def backup(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the open store into `target` (whole or not at all), checked; `target`."""
    ensure_private_dir(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
    copy = engine.open_file(partial, engine.key_of(conn))
    try:
        conn.backup(copy)
        problems = [row[0] for row in copy.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise engine.cipher().DatabaseError(f"the copy failed its check: {problems[0]}")
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    fsync_path(partial)
    os.replace(partial, target)
    fsync_path(target.parent)
    return target


def take(conn: sqlite3.Connection, store: Path, reason: str = "") -> Path:
    """Back `store` up now into `backups/`, named by the time (and `reason`); prune old ones."""
    name = PREFIX + clock.local_now().strftime(STAMP) + (f"-before-{reason}" if reason else "")
    target, number = folder(store) / (name + SUFFIX), 1
    while target.exists():  # two in the same second
        number += 1
        target = folder(store) / f"{name}-{number}{SUFFIX}"
    path = backup(conn, target)
    prune(store)
    return path


def daily(conn: sqlite3.Connection) -> None:
    """Back the store up unless it already was today (checked once a process); never fails."""
    store = engine.path_of(conn)
    if store is None or store in _TAKEN_TODAY or not store.exists():
        return
    _TAKEN_TODAY.add(store)
    today = clock.today()
    if any(backup.taken.date() == today for backup in listed(store)):
        return
    try:
        take(conn, store)
    except (OSError, CoachError) + engine.Error:
        pass  # a backup that cannot be made must not stop the write it comes before


def prune(store: Path) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, and of each of the 4 weeks before
    them; remove the rest. The paths removed."""
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    older_weeks = 0
    removed = []
    for backup in listed(store):
        day = backup.taken.date()
        week = tuple(day.isocalendar())[:2]
        if day not in days:
            days.add(day)
            if len(days) <= DAILY:
                weeks.add(week)  # type: ignore[arg-type]
                continue
            if week not in weeks and older_weeks < WEEKLY:
                weeks.add(week)  # type: ignore[arg-type]
                older_weeks += 1
                continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed
