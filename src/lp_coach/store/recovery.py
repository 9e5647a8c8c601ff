"""Checking a store (SQLite's integrity check, the FTS indexes') and restoring one from a backup."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from lp_coach import clock
from lp_coach.errors import NotFound, StoreError
from lp_coach.store import backups, engine, sidecar

BEFORE = ".before-restore"


def problems(conn: sqlite3.Connection) -> list[str]:
    """What SQLite's integrity check, each full-text index's own check and the one-time-format
    migration (stored times it could not read) found; [] when fine."""
    found = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    indexes = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        )
    ]
    for name in indexes:
        try:
            conn.execute(f'INSERT INTO "{name}"("{name}", rank) VALUES (\'integrity-check\', 1)')
        except engine.Error as exc:
            found.append(
                f"the search index {name}: {exc} (lp-coach data check --repair rebuilds it)"
            )
    return found + unread_times(conn)


def unread_times(conn: sqlite3.Connection) -> list[str]:
    """The stored times the one-format migration (m011) could not read, kept as they were."""
    from lp_coach.store.migrations.schema_2026_12 import UNREAD

    row = conn.execute("SELECT value FROM store_meta WHERE name = ?", (UNREAD,)).fetchone()
    try:
        listed = json.loads(row[0]) if row else []
        return [
            f"{item['table']}.{item['column']} of row {item['row']} is not a time, "
            f"kept as it was: {item['value']!r}"
            for item in listed
        ]
    except (ValueError, TypeError, KeyError):
        return [f"the list of stored times that are not times cannot be read: {row[0]!r}"]


def rebuild_indexes(conn: sqlite3.Connection) -> list[str]:
    """Rebuild every full-text index from its table; the names rebuilt."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        )
    ]
    for name in names:
        conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
    return names


def newest_good(store: Path) -> backups.Backup | None:
    """The newest backup that passes a quick check (an encrypted one, when it cannot be opened
    without asking, is taken as good)."""
    for backup in backups.listed(store):
        try:
            conn = _open_quietly(backup.path, store)
            if conn is None:
                return backup
            try:
                if [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]:
                    return backup
            finally:
                conn.close()
        except (OSError, StoreError) + engine.Error:
            continue
    return None


def open_backup(path: Path, store: Path) -> sqlite3.Connection:
    """Open a backup read for restoring: with the store's key when it fits, else asking."""
    if not path.is_file():
        raise NotFound(f"no backup file {path}")
    conn = _open_quietly(path, store)
    if conn is not None:
        return conn
    from lp_coach.store import keys

    typed = keys.ask(f"Passphrase for the backup {path}: ", path)
    key = keys.derive(typed, engine.salt_of(path))
    conn = engine.open_file(path, key)
    if not engine.check_key(conn):
        conn.close()
        raise keys.WrongPassphrase(f"wrong passphrase for the backup {path}")
    return conn


def restore(store: Path, candidate: Path) -> Path:
    """Replace `store` by a checked copy of the backup `candidate`; where the old store was kept.

    The old store stays whole under `<name>.before-restore` (hard-linked before the copy is
    renamed over it), so a kill at any point leaves one of the two in place.
    """
    conn = open_backup(candidate, store)
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if found != ["ok"]:
            raise StoreError(f"the backup {candidate} is damaged too: {found[0]}")
        encrypted = engine.key_of(conn) is not None
        partial = store.with_name(store.name + ".restoring")
        backups.backup(conn, partial)
    finally:
        conn.close()
    _fold_wal(store)
    before = _free_name(store.with_name(store.name + BEFORE))
    if store.exists():
        os.link(store, before)
    for suffix in ("-wal", "-shm"):
        side = store.with_name(store.name + suffix)
        if side.exists():
            if suffix == "-wal":
                os.link(side, before.with_name(before.name + suffix))
            side.unlink()
    os.replace(partial, store)
    if not encrypted:
        sidecar.remove(store)
    return before


def _fold_wal(store: Path) -> None:
    """Fold the store's WAL into it when the store still opens (a damaged one may not)."""
    if not store.exists():
        return
    try:
        conn = _open_quietly(store, store)
        if conn is not None:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
    except (OSError, StoreError) + engine.Error:
        pass


def _open_quietly(path: Path, store: Path) -> sqlite3.Connection | None:
    """`path` opened without asking anyone: plain, or with a key that fits; None otherwise."""
    if not engine.is_encrypted(path):
        return engine.open_file(path, None)
    from lp_coach.store import keys

    candidates = []
    passphrase = os.environ.get(keys.PASSPHRASE_ENV)
    if passphrase:
        candidates.append(keys.derive(passphrase, engine.salt_of(path)))
    kept = keys.kept_key(store)
    if kept is not None:
        candidates.append(kept)
    for key in candidates:
        conn = engine.open_file(path, key)
        if engine.check_key(conn):
            return conn
        conn.close()
    return None


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    return path.with_name(f"{path.name}-{clock.local_now():%Y-%m-%dT%H%M%S}")
