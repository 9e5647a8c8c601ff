"""Write the whole store anew under another key (or none), checked, then renamed over the old one.

The old file is never changed in place: a kill at any point leaves either the old store whole
or the new one whole (and at worst a `.converting` file beside it, removed the next time).
"""

from __future__ import annotations

import os
from pathlib import Path

from lp_coach.atomic import fsync_path
from lp_coach.errors import StoreError
from lp_coach.store import engine

SUFFIX = ".converting"
META = "store_meta"
"""Not compared row for row: a conversion may add or remove the age identity there."""


def convert(
    store: Path,
    old_key: bytes | None,
    new_key: bytes | None,
    *,
    meta: dict[str, str | None] | None = None,
) -> dict[str, int]:
    """Rewrite `store` (opened with `old_key`) under `new_key`; the rows of each table copied.

    `meta`: store_meta rows the new copy gets (None: removed), such as the age identity.
    Refuses while another lp-coach has the store open.
    """
    module = engine.cipher()
    partial = store.with_name(store.name + SUFFIX)
    discard(store)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    source = module.connect(str(store), timeout=1, isolation_level=None)
    try:
        source.execute("PRAGMA cipher_log_level = NONE")
        if old_key is not None:
            source.execute(f"PRAGMA key = \"x'{old_key.hex()}'\"")
        _quiet(source, store)
        counts = table_rows(source)
        version = source.execute("PRAGMA user_version").fetchone()[0]
        target_key = f"x'{new_key.hex()}'" if new_key is not None else ""
        source.execute("ATTACH DATABASE ? AS target KEY ?", (str(partial), target_key))
        source.execute("BEGIN EXCLUSIVE")
        source.execute("SELECT sqlcipher_export('target')")
        source.execute(f"PRAGMA target.user_version = {int(version)}")
        for name, value in (meta or {}).items():
            source.execute("DELETE FROM target.store_meta WHERE name = ?", (name,))
            if value is not None:
                source.execute(
                    "INSERT INTO target.store_meta (name, value) VALUES (?, ?)", (name, value)
                )
        source.execute("COMMIT")
        source.execute("DETACH DATABASE target")
        check(partial, new_key, counts)
        fsync_path(partial)
        os.replace(partial, store)  # the old store's lock goes with its old file
        fsync_path(store.parent)
    except BaseException:
        source.close()
        partial.unlink(missing_ok=True)
        raise
    source.close()
    return counts


def discard(store: Path) -> None:
    """Remove what a conversion killed half-way left beside `store`."""
    for leftover in (SUFFIX, SUFFIX + "-journal"):
        store.with_name(store.name + leftover).unlink(missing_ok=True)


def check(path: Path, key: bytes | None, counts: dict[str, int]) -> None:
    """Raise StoreError unless `path` passes SQLite's integrity check and holds `counts` rows."""
    conn = engine.open_file(path, key, timeout=1)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StoreError(f"the new copy of the store failed its check: {problems[0]}")
        copied = table_rows(conn)
    finally:
        conn.close()
    if {**copied, META: 0} != {**counts, META: 0}:
        raise StoreError("the new copy of the store does not hold every row; nothing changed")


def _quiet(source: object, store: Path) -> None:
    """Take the store for this connection alone: its WAL folded in, nobody else reading."""
    try:
        mode = source.execute("PRAGMA journal_mode=DELETE").fetchone()[0]  # type: ignore[attr-defined]
    except engine.Error:
        mode = "wal"
    if str(mode).lower() != "delete":
        raise StoreError(
            f"the store {store} is in use by another lp-coach (a study session or room?): "
            "close it and try again"
        )
    source.execute("PRAGMA locking_mode=EXCLUSIVE")  # type: ignore[attr-defined]


def table_rows(conn: object) -> dict[str, int]:
    """Rows in each table (FTS shadow tables included), by name."""
    names = [
        row[0]
        for row in conn.execute(  # type: ignore[attr-defined]
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {
        name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[attr-defined]
        for name in names
    }
