"""What the journal store changes while it takes many entries at once (an import)."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

INSERT_TRIGGER = "journal_entries_ai"
"""The trigger that indexes each new entry (store/migrations.py, m002_journal)."""
FTS_WHILE_FILLING = {"hashsize": 64 * 2**20, "automerge": 0}
"""FTS5 settings while the index takes an import's rows: the rows of one transaction are
gathered in memory (not written out every MiB) and become one segment, not merged with the
others as they come; the import leaves a segment per COMMIT_EVERY entries, as the trigger
did, and the next writes merge them a little at a time (automerge). crisismerge still
merges any 16 segments of a level at once."""
FTS_DEFAULTS = {"hashsize": 2**20, "automerge": 4}
"""SQLite's own values of the settings above, for an index that never had them set."""
CACHE_KIB = 32 * 2**10
"""The page cache of an import's connection (SQLite's default is 2 MiB): the fingerprints'
index is updated all over, and with a small cache its pages are written out and read back.
A transaction of 20,000 entries of 700 bytes writes about 24 MB; a cache much larger than
that only costs its memory (64 MiB measured ~2% more CPU than 32, from the pages it touches)."""


@contextmanager
def indexed_at_the_end(conn: sqlite3.Connection) -> Iterator[None]:
    """Rows inserted inside are put in the full-text index in one statement as it ends.

    The insert trigger fires row by row, most of an import's time: it is set aside inside
    the caller's transaction (nobody else sees it gone) and put back as it was.
    """
    trigger = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).fetchone()
    top = conn.execute("SELECT coalesce(max(id), 0) FROM journal_entries").fetchone()[0]
    conn.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield
    were = _fts_settings(conn, FTS_WHILE_FILLING)
    conn.execute(
        "INSERT INTO journal_fts (rowid, title, body) "
        "SELECT id, title, body FROM journal_entries WHERE id > ? ORDER BY id",
        (top,),
    )
    _fts_settings(conn, were)
    conn.execute(trigger[0])


def _fts_settings(conn: sqlite3.Connection, settings: dict[str, int]) -> dict[str, int]:
    """Set the full-text index's `settings`; the values they had."""
    marks = ",".join("?" * len(settings))
    stored = conn.execute(
        f"SELECT k, v FROM journal_fts_config WHERE k IN ({marks})", list(settings)
    ).fetchall()
    were = {**FTS_DEFAULTS, **dict(stored)}
    for name, value in settings.items():
        conn.execute("INSERT INTO journal_fts (journal_fts, rank) VALUES (?, ?)", (name, value))
    return {name: were[name] for name in settings}


@contextmanager
def larger_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """`conn` keeps CACHE_KIB of pages in memory inside, its own size again after."""
    was = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(was)}")


@contextmanager
def tags_unchecked(conn: sqlite3.Connection) -> Iterator[None]:
    """`conn` does not look up each tag's entry inside (foreign keys off), as before after.

    An import's tags name the entries it has just inserted in the same transaction, so the
    lookup per tag finds them every time. Outside any transaction only: SQLite ignores the
    setting inside one.
    """
    was = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(was)}")


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: an import makes a few objects per entry and
    frees none, so each full collection walks them all again for nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
