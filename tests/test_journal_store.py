"""The journal store: concurrent writers, one transaction per write, identity of entries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lp_coach.errors import UsageError
from lp_coach.journal import store
from lp_coach.journal.entries import NewEntry
from lp_coach.journal.listing import entries
from lp_coach.store.db import connect

pytestmark = pytest.mark.usefixtures("any_store")  # plain and encrypted stores alike

WRITER = """
import os, sys, time
from datetime import date
from lp_coach.journal import store
from lp_coach.journal.entries import NewEntry
from lp_coach.store.db import connect

name, go = sys.argv[1], sys.argv[2]
conn = connect()
while not os.path.exists(go):
    time.sleep(0.001)
for number in range(1000):
    store.add(conn, NewEntry(day=date(2026, 1, 1), text=f"{name} {number}", principles=(name,)))
"""


def test_two_processes_adding_a_thousand_entries_each_lose_none(tmp_path: Path) -> None:
    connect().close()  # the schema exists before the race, as after any first use
    go = tmp_path / "go"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, str(go)], stderr=subprocess.PIPE)
        for name in ("ownership", "frugality")
    ]
    time.sleep(0.3)  # both connected and waiting
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    with connect() as conn:
        texts = [e.text for e in entries(conn)]
        tags = conn.execute("SELECT count(*) FROM journal_tags").fetchone()[0]
        indexed = conn.execute(
            "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'ownership OR frugality'"
        ).fetchone()[0]
    assert len(texts) == 2000
    assert {f"{n} {i}" for n in ("ownership", "frugality") for i in range(1000)} == set(texts)
    assert tags == 2000 and indexed == 2000


def test_the_same_words_typed_twice_are_two_entries() -> None:
    conn = connect()
    first = store.add(conn, NewEntry(day=date(2026, 1, 1), time="07:00", text="Same"))
    second = store.add(conn, NewEntry(day=date(2026, 1, 1), time="07:00", text="Same"))
    assert first != second
    prints = [e.fingerprint for e in entries(conn)]
    assert prints[1] == f"{prints[0]}#2"
    conn.close()


def test_a_failed_import_writes_nothing() -> None:
    conn = connect()

    def stream() -> Iterator[NewEntry]:
        yield NewEntry(day=date(2026, 1, 1), text="First")
        raise UsageError("entry 2 is broken")

    with pytest.raises(UsageError):
        store.add_many(conn, stream())
    assert list(entries(conn)) == []
    conn.close()


def test_every_write_is_one_transaction() -> None:
    """Nothing is left uncommitted between writes (the connection is in autocommit mode)."""
    conn = connect()
    entry_id = store.add(conn, NewEntry(day=date(2026, 1, 1), text="One"))
    assert not conn.in_transaction
    store.star(conn, entry_id)
    store.update_text(conn, entry_id, "Two", ["ownership"])
    store.move(conn, entry_id, "2026-01-02", None)
    assert not conn.in_transaction
    other = connect()
    assert store.get(other, entry_id).text == "Two"
    store.delete(conn, entry_id)
    assert list(entries(other)) == []
    other.close()
    conn.close()


def test_store_file_modes(isolated_home: Path) -> None:
    conn = connect()
    store.add(conn, NewEntry(day=date(2026, 1, 1), text="Private"))
    for name in os.listdir(isolated_home):
        if name.startswith("lp-coach.db"):
            assert (isolated_home / name).stat().st_mode & 0o077 == 0, name
    conn.close()


def test_a_long_import_commits_in_batches_so_others_can_write_between(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long import holds the write lock one batch at a time, not for the whole file."""
    monkeypatch.setattr(store, "COMMIT_EVERY", 10)
    monkeypatch.setattr(store, "BETWEEN_COMMITS", 0.0)
    conn = connect()
    commits: list[str] = []
    conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    days = [NewEntry(day=date(2026, 1, 1 + n % 28), text=f"Entry {n}") for n in range(35)]
    added = store.add_many(conn, days)
    conn.set_trace_callback(None)
    assert (added.added, added.skipped) == (35, 0)
    assert len(commits) == 4
    indexed = conn.execute("SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'entry'")
    assert indexed.fetchone()[0] == 35  # each transaction indexes what it stored
    assert store.add_many(conn, days).skipped == 35  # again: each entry once
    conn.close()


def test_an_import_leaves_the_index_and_the_connection_as_it_found_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """journal/bulk.py changes FTS5 settings, the page cache, the foreign-key checks and the
    garbage collector for an import's while: each comes back, what is written after is
    indexed as before, and deleting an entry still takes its tags with it."""
    import gc

    monkeypatch.setattr(store, "COMMIT_EVERY", 10)
    monkeypatch.setattr(store, "BETWEEN_COMMITS", 0.0)
    conn = connect()
    conn.execute("INSERT INTO journal_fts (journal_fts, rank) VALUES ('automerge', 8)")
    conn.execute("PRAGMA cache_size = -1234")
    days = [
        NewEntry(day=date(2026, 2, 1 + n % 28), text=f"Harbour {n}", principles=("ownership",))
        for n in range(25)
    ]
    assert store.add_many(conn, days).added == 25
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(Exception, match="FOREIGN KEY"):  # checked again (sqlite3's or sqlcipher's)
        conn.execute("INSERT INTO journal_tags VALUES (999999, 'ownership')")
    first = conn.execute("SELECT min(id) FROM journal_entries").fetchone()[0]
    store.delete(conn, first)
    assert conn.execute("SELECT count(*) FROM journal_tags").fetchone()[0] == 24
    settings = dict(conn.execute("SELECT k, v FROM journal_fts_config").fetchall())
    assert (settings["automerge"], settings.get("hashsize", 2**20)) == (8, 2**20)
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -1234
    assert gc.isenabled()
    later = store.add(conn, NewEntry(day=date(2026, 3, 1), text="Harbour later"))  # the trigger
    found = conn.execute("SELECT rowid FROM journal_fts WHERE journal_fts MATCH 'harbour'")
    assert len({row[0] for row in found} | {later}) == 25
    conn.execute("INSERT INTO journal_fts (journal_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()


def test_an_import_leaves_the_collector_nothing_of_its_own_to_walk() -> None:
    """The collector is paused while an import makes its rows; the rows are gone before it is
    back, or its first pass walks every one of them (~50 ms for 100,000 entries)."""
    import gc

    conn = connect()
    days = [NewEntry(date(2026, 2, 1 + n % 28), f"Pier {n}") for n in range(3000)]
    walked: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 0:
            walked.append(len(gc.get_objects(generation=0)))

    gc.collect()
    gc.callbacks.append(count)
    try:
        store.add_many(conn, days)
        young = [[n] for n in range(2000)]  # enough new objects for a pass of the youngest
    finally:
        gc.callbacks.remove(count)
    conn.close()
    assert len(young) == 2000 and walked
    assert max(walked) < 2000  # what add_many made: 3,000 rows are 6,000 tuples


def test_a_fingerprint_given_twice_in_a_file_is_stored_once_with_its_first_tags() -> None:
    conn = connect()
    first = NewEntry(date(2026, 1, 1), "Kept", principles=("ownership",), fingerprint="f1")
    again = NewEntry(date(2026, 1, 2), "Not kept", principles=("frugality",), fingerprint="f1")
    added = store.add_many(conn, [first, NewEntry(date(2026, 1, 1), "Other"), again])
    assert (added.added, added.skipped) == (2, 1)
    kept = [e for e in entries(conn) if e.fingerprint == "f1"]
    assert [(e.text, e.principles) for e in kept] == [("Kept", ("ownership",))]
    conn.close()


def test_imported_tags_land_on_their_entries_after_the_newest_was_deleted() -> None:
    """Entry numbers are never reused (AUTOINCREMENT): after the newest entry is deleted, the
    next import's entries start past it, and each keeps its own tags."""
    conn = connect()
    store.add(conn, NewEntry(day=date(2026, 1, 1), text="First"))
    newest = store.add(conn, NewEntry(day=date(2026, 1, 2), text="Second"))
    store.delete(conn, newest)
    batch = [
        NewEntry(day=date(2026, 2, 1), text="Tagged ownership", principles=("ownership",)),
        NewEntry(day=date(2026, 2, 2), text="Tagged frugality", principles=("frugality",)),
    ]
    assert store.add_many(conn, batch).added == 2
    tagged = {e.text: e.principles for e in entries(conn)}
    assert tagged["Tagged ownership"] == ("ownership",)
    assert tagged["Tagged frugality"] == ("frugality",)
    assert tagged["First"] == ()
    conn.close()
