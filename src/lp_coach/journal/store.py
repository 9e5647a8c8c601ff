"""Write and read single journal entries; every write is one transaction."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass

from lp_coach.errors import NotFound, UsageError
from lp_coach.journal import bulk
from lp_coach.journal.entries import (
    ENTRY_COLUMNS,
    Entry,
    NewEntry,
    content_fingerprint,
    from_row,
    normal_fingerprint,
    normalize,
    split_text,
)
from lp_coach.store.writes import now, transaction

COMMIT_EVERY = 20_000
"""Entries an import stores per transaction: between two, another command (a live session) can
write, instead of waiting for the whole file. 20,000 entries of 700 bytes hold the lock for
about half a second (measured: 0.45-0.52 s); 10,000 held it half as long, at 0.06 s more CPU
and 0.18 s more time for a 100,000-entry import (twice the pauses and checkpoints)."""
BETWEEN_COMMITS = 0.02
"""Seconds the write lock is left free between two transactions, so that a waiting writer gets
it."""


@dataclass(frozen=True)
class Added:
    """What an import stored: how many entries were new, and how many were there already."""

    added: int
    skipped: int


def add(conn: sqlite3.Connection, entry: NewEntry) -> int:
    """Store one typed entry and return its id (the same words twice are two entries)."""
    if not normalize(entry.text):
        raise UsageError("the entry is empty")
    with transaction(conn):
        fingerprint = entry.fingerprint or _free_fingerprint(conn, entry)
        entry_id = _insert(conn, entry, fingerprint)
    if entry_id is None:  # only a fingerprint given by the caller can be taken
        raise UsageError(f"an entry with fingerprint {fingerprint} is already in the journal")
    return entry_id


def add_many(
    conn: sqlite3.Connection, entries: Iterable[NewEntry], *, normalized: bool = False
) -> Added:
    """Store imported entries, skipping those already stored.

    An entry is known by its fingerprint: the one it carries (our own exports), or one
    made from its day, time and words, counted so that the second identical entry of a
    file is kept as a second entry, once. Entries go in BATCH at a time: which are stored
    already is asked once a batch, and the rest are inserted in one statement.

    Every entry is read (and so checked) before the first is stored: a broken file stores
    nothing. They are stored COMMIT_EVERY to a transaction, so a long import never holds
    the write lock for long; one cut off keeps what it committed, and importing the file
    again adds only the rest.
    """
    seen: dict[str, int] = {}
    stamp = now()  # one import, one moment: when it was stored
    with bulk.collector_paused():
        rows = [_import_row(entry, stamp, seen, normalized) for entry in entries]
        total, added = len(rows), 0
        with bulk.larger_cache(conn), bulk.tags_unchecked(conn):
            for start in range(0, len(rows), COMMIT_EVERY):
                if start:
                    time.sleep(BETWEEN_COMMITS)
                end = min(start + COMMIT_EVERY, len(rows))
                with transaction(conn), bulk.indexed_at_the_end(conn):
                    for at in range(start, end, BATCH):
                        added += _insert_batch(conn, rows[at : min(at + BATCH, end)])
        del rows  # before the collector is back: its first pass would walk every row (~50 ms)
    return Added(added, total - added)


BATCH = 500
"""Entries an import inserts at a time (SQLite's host parameters allow 32,766 a statement)."""

_Row = tuple[tuple[object, ...], tuple[str, ...]]
"""An entry to import: its journal_entries values (the fingerprint last), its principles."""


def _import_row(entry: NewEntry, stamp: str, seen: dict[str, int], normalized: bool) -> _Row:
    """The values `entry` is stored with, its text normalized once for the row and the
    fingerprint (`normalized`: the importer did, as every importer's `entry_text` does);
    `seen` counts the fingerprints made so far (the same words twice are two)."""
    text = entry.text if normalized else normalize(entry.text)
    day = entry.day.isoformat()
    fingerprint = entry.fingerprint
    if fingerprint is None:
        base = normal_fingerprint(day, entry.time, text)
        seen[base] = count = seen.get(base, 0) + 1
        fingerprint = base if count == 1 else f"{base}#{count}"
    return _row(entry, text, fingerprint, stamp, day), entry.principles


def _insert_batch(conn: sqlite3.Connection, batch: list[_Row]) -> int:
    """Insert the entries of `batch` whose fingerprints are new; how many were inserted."""
    if not batch:
        return 0
    top = conn.execute("SELECT coalesce(max(id), 0) FROM journal_entries").fetchone()[0]
    conn.executemany(  # the fingerprint's unique index skips what is stored, or given twice
        "INSERT INTO journal_entries "
        "(day, time, title, body, starred, created, updated, source, fingerprint) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
        [values for values, _ in batch],
    )
    added, first = conn.execute(  # first: not top + 1, a deleted entry's number is not reused
        "SELECT count(*), min(id) FROM journal_entries WHERE id > ?", (top,)
    ).fetchone()
    if added and any(principles for _, principles in batch):
        if added == len(batch):  # none skipped: the batch's ids, one after another
            pairs = [(first + n, p) for n, (_, principles) in enumerate(batch) for p in principles]
        else:
            tags: dict[object, tuple[str, ...]] = {}
            for values, principles in batch:
                tags.setdefault(values[-1], principles)  # the first of a fingerprint is stored
            ids = conn.execute(
                "SELECT id, fingerprint FROM journal_entries WHERE id > ?", (top,)
            ).fetchall()
            pairs = [(entry_id, p) for entry_id, fingerprint in ids for p in tags[fingerprint]]
        conn.executemany(
            "INSERT OR IGNORE INTO journal_tags (entry_id, principle_id) VALUES (?, ?)", pairs
        )
    return int(added)


def get(conn: sqlite3.Connection, entry_id: int) -> Entry:
    """The entry `entry_id`, or NotFound."""
    row = conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM journal_entries e WHERE e.id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no journal entry {entry_id} (see `lp-coach journal list`)")
    return from_row(row)


def update_text(
    conn: sqlite3.Connection, entry_id: int, text: str, principles: Iterable[str]
) -> Entry:
    """Replace an entry's words and principle tags (its fingerprint, its identity, stays)."""
    title, body = split_text(text)
    if not title:
        raise UsageError(
            f"entry {entry_id} cannot be empty; to remove it: lp-coach journal delete {entry_id}"
        )
    with transaction(conn):
        _exists(conn, entry_id)
        conn.execute(
            "UPDATE journal_entries SET title = ?, body = ?, updated = ? WHERE id = ?",
            (title, body, now(), entry_id),
        )
        conn.execute("DELETE FROM journal_tags WHERE entry_id = ?", (entry_id,))
        _tag(conn, entry_id, principles)
    return get(conn, entry_id)


def move(conn: sqlite3.Connection, entry_id: int, day: str, time: str | None) -> Entry:
    """Give an entry another day (and time)."""
    with transaction(conn):
        _exists(conn, entry_id)
        conn.execute(
            "UPDATE journal_entries SET day = ?, time = ?, updated = ? WHERE id = ?",
            (day, time, now(), entry_id),
        )
    return get(conn, entry_id)


def star(conn: sqlite3.Connection, entry_id: int, starred: bool = True) -> Entry:
    """Star (or unstar) an entry."""
    with transaction(conn):
        _exists(conn, entry_id)
        conn.execute(
            "UPDATE journal_entries SET starred = ? WHERE id = ?", (int(starred), entry_id)
        )
    return get(conn, entry_id)


def delete(conn: sqlite3.Connection, entry_id: int) -> None:
    """Remove an entry, its tags and its place in the search index."""
    with transaction(conn):
        _exists(conn, entry_id)
        conn.execute("DELETE FROM journal_entries WHERE id = ?", (entry_id,))


def _exists(conn: sqlite3.Connection, entry_id: int) -> None:
    if conn.execute("SELECT 1 FROM journal_entries WHERE id = ?", (entry_id,)).fetchone() is None:
        raise NotFound(f"no journal entry {entry_id} (see `lp-coach journal list`)")


def _free_fingerprint(conn: sqlite3.Connection, entry: NewEntry) -> str:
    base = content_fingerprint(entry.day.isoformat(), entry.time, entry.text)
    taken = {
        row[0]
        for row in conn.execute(
            "SELECT fingerprint FROM journal_entries WHERE fingerprint = ? OR fingerprint GLOB ?",
            (base, base + "#*"),
        )
    }
    if base not in taken:
        return base
    number = 2
    while f"{base}#{number}" in taken:
        number += 1
    return f"{base}#{number}"


def _insert(conn: sqlite3.Connection, entry: NewEntry, fingerprint: str) -> int | None:
    """Insert `entry` unless its fingerprint is stored already; its id, or None if skipped."""
    row = conn.execute(
        "INSERT INTO journal_entries "
        "(day, time, title, body, starred, created, updated, source, fingerprint) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING RETURNING id",
        _row(entry, normalize(entry.text), fingerprint, now()),
    ).fetchone()
    if row is None:
        return None
    entry_id: int = row[0]
    _tag(conn, entry_id, entry.principles)
    return entry_id


def _row(
    entry: NewEntry, text: str, fingerprint: str, stamp: str, day: str | None = None
) -> tuple[object, ...]:
    """The journal_entries values of `entry` with its `text` normalized, stored at `stamp`,
    in the inserts' order (the fingerprint last)."""
    title, _, body = text.partition("\n")
    return (
        day or entry.day.isoformat(),
        entry.time,
        title,
        body,
        int(entry.starred),
        entry.created or stamp,
        entry.updated or entry.created or stamp,
        entry.source,
        fingerprint,
    )


def _tag(conn: sqlite3.Connection, entry_id: int, principles: Iterable[str]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO journal_tags (entry_id, principle_id) VALUES (?, ?)",
        [(entry_id, p) for p in principles],
    )
