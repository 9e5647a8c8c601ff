"""m011_one_time_format: every stored time of an older store converted to the one format
(clock.stamp), the same instant it was, on plain and encrypted stores."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import NEW_YORK, Invoke, migrate_until

from lp_coach import clock
from lp_coach.store.db import connect
from lp_coach.store.migrations.schema_2026_12 import TIMES, m011_one_time_format

ZONE = ZoneInfo(NEW_YORK)


# The migration


def old_local(moment: datetime) -> str:
    """What the store's now() wrote before m011: local time with its offset."""
    return moment.astimezone().isoformat(timespec="seconds")


def old_utc(moment: datetime) -> str:
    """What the quiz wrote (and still writes): UTC with a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def old_sqlite(moment: datetime) -> str:
    """What SQLite's datetime('now') wrote: UTC without an offset."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


# Around the end of summer time in New York (1 November 2026, 02:00 EDT -> 01:00 EST): the
# second 01:10 comes after the first 01:30, though it sorts before it as written.
BEFORE_FALL_BACK = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
AFTER_FALL_BACK = datetime(2026, 11, 1, 6, 10, tzinfo=UTC)  # 01:10 EST
LATE_EVENING = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)  # 23:30 EST, 30 November
SUMMER = datetime(2026, 7, 4, 14, 0, tzinfo=UTC)  # 10:00 EDT


def store_before_m011(conn: sqlite3.Connection) -> None:
    """Rows written as lp-coach wrote them before m011, and the migration undone (it changes
    no schema, so the store is then as it was at m010)."""
    moments = [SUMMER, BEFORE_FALL_BACK, AFTER_FALL_BACK, LATE_EVENING]
    for moment in moments:
        text = old_local(moment)
        conn.execute(
            "INSERT INTO journal_entries (day, body, created, updated) VALUES (?, 'x', ?, ?)",
            (moment.astimezone().date().isoformat(), text, text),
        )
        conn.execute(
            "INSERT INTO sessions (principle_id, status, started, finished, options, state, "
            "group_id) VALUES ('ownership', 'finished', ?, ?, '{}', '{}', 1)",
            (text, text),
        )
        conn.execute(
            "INSERT INTO stories (title, created, updated) VALUES ('s', ?, ?)", (text, text)
        )
        conn.execute(
            "INSERT INTO practice_attempts (principle_id, question, mode, checks, passed, "
            "total, created) VALUES ('ownership', 'q', 'typed', '[]', 0, 5, ?)",
            (text,),
        )
        conn.execute(
            "INSERT INTO quiz_reviews (card_id, principle_id, rating, reviewed) "
            "VALUES ('c', 'ownership', 3, ?)",
            (old_utc(moment),),
        )
    conn.execute(
        "INSERT INTO session_entries (session_id, step, kind, text, created) "
        "VALUES (1, 'actions', 'action', 'Call', ?)",
        (old_local(SUMMER),),
    )
    conn.execute(
        "INSERT INTO quiz_cards (person, id, principle_id, kind, state, due, created, retired) "
        "VALUES ('', 'c', 'ownership', 'k', '{}', ?, ?, ?)",
        (old_utc(AFTER_FALL_BACK), old_utc(SUMMER), old_sqlite(LATE_EVENING)),
    )
    conn.execute("UPDATE groups SET created = ? WHERE id = 1", (old_sqlite(SUMMER),))
    conn.execute(
        "INSERT INTO groups (name, created) VALUES ('tuesday', ?)", (old_local(LATE_EVENING),)
    )
    # imported entries kept what the file said: a naive local time, and words
    conn.execute(
        "INSERT INTO journal_entries (day, body, created, updated) "
        "VALUES ('2026-03-01', 'imported', '2026-03-01T09:00:00', 'then')"
    )
    conn.execute("UPDATE migrations SET applied = ?", (old_sqlite(SUMMER),))
    conn.execute("DELETE FROM migrations WHERE name = 'm011_one_time_format'")


def test_the_migration_converts_every_stored_time_to_the_same_instant(
    any_store: str, new_york: str, cli: Invoke
) -> None:
    with closing(connect()) as conn:
        store_before_m011(conn)
    with closing(connect()) as conn:  # migrates
        assert conn.execute(
            "SELECT 1 FROM migrations WHERE name = 'm011_one_time_format'"
        ).fetchone()
        created = [r[0] for r in conn.execute("SELECT created FROM journal_entries ORDER BY id")]
        assert created == [
            "2026-07-04T14:00:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-01T06:10:00Z",
            "2026-12-01T04:30:00Z",
            "2026-03-01T14:00:00Z",  # naive: New York's local time, read so
        ]
        for table, column in (("sessions", "started"), ("stories", "created")):
            values = [r[0] for r in conn.execute(f"SELECT {column} FROM {table} ORDER BY rowid")]
            assert values == [
                clock.stamp(m) for m in (SUMMER, BEFORE_FALL_BACK, AFTER_FALL_BACK, LATE_EVENING)
            ]
        card = conn.execute("SELECT due, created, retired FROM quiz_cards").fetchone()
        assert tuple(card) == (
            "2026-11-01T06:10:00Z",
            "2026-07-04T14:00:00Z",
            "2026-12-01T04:30:00Z",  # datetime('now') wrote UTC
        )
        groups = [r[0] for r in conn.execute("SELECT created FROM groups ORDER BY id")]
        assert groups == ["2026-07-04T14:00:00Z", "2026-12-01T04:30:00Z"]
        applied = {r[0] for r in conn.execute("SELECT applied FROM migrations")}
        assert all(len(a) == 20 and a.endswith("Z") for a in applied)
        assert conn.execute("SELECT created FROM session_entries").fetchone()[0] == (
            "2026-07-04T14:00:00Z"
        )
        # ordered by the column, the rows come in their true order (as text, they did not)
        ordered = [r[0] for r in conn.execute("SELECT id FROM sessions ORDER BY started")]
        assert ordered == [1, 2, 3, 4]
        ordered = [r[0] for r in conn.execute("SELECT id FROM practice_attempts ORDER BY created")]
        assert ordered == [1, 2, 3, 4]
        # what is not a time stays as it was, and is named
        assert conn.execute("SELECT updated FROM journal_entries WHERE id = 5").fetchone()[0] == (
            "then"
        )
        # run again, it changes nothing
        snapshot = {
            (t, c): conn.execute(f"SELECT rowid, {c} FROM {t} ORDER BY rowid").fetchall()
            for t, c, _ in TIMES
        }
        conn.execute("BEGIN")
        m011_one_time_format(conn)
        conn.execute("COMMIT")
        again = {
            (t, c): conn.execute(f"SELECT rowid, {c} FROM {t} ORDER BY rowid").fetchall()
            for t, c, _ in TIMES
        }
        assert [tuple(r) for v in again.values() for r in v] == [
            tuple(r) for v in snapshot.values() for r in v
        ]
    checked = cli("data", "check")
    assert checked.exit_code == 1
    assert "journal_entries.updated of row 5 is not a time, kept as it was: 'then'" in (
        checked.stdout
    )


def test_the_old_orders_were_wrong_as_text() -> None:
    """Why the migration: across the end of summer time, local times sort wrongly as text."""
    first = BEFORE_FALL_BACK.astimezone(ZONE).isoformat(timespec="seconds")
    second = AFTER_FALL_BACK.astimezone(ZONE).isoformat(timespec="seconds")
    assert (first, second) == ("2026-11-01T01:30:00-04:00", "2026-11-01T01:10:00-05:00")
    assert sorted([first, second]) == [second, first]
    assert sorted([clock.stamp(BEFORE_FALL_BACK), clock.stamp(AFTER_FALL_BACK)]) == [
        clock.stamp(BEFORE_FALL_BACK),
        clock.stamp(AFTER_FALL_BACK),
    ]


def test_every_time_column_the_store_had_is_converted(tmp_path: Path) -> None:
    """The survey behind m011: each column named like a time, in the schema m011 found (a
    column added after it is written by clock.stamp from the start)."""
    with closing(sqlite3.connect(tmp_path / "then.db", isolation_level=None)) as conn:
        migrate_until(conn, "m011_one_time_format")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        named = {
            (table, column[1])
            for table in tables
            if "fts" not in table
            for column in conn.execute(f"PRAGMA table_info({table})")
            if column[1] in TIME_NAMES
        }
    assert named == {(t, c) for t, c, _ in TIMES}


TIME_NAMES = ("created", "updated", "started", "finished", "reviewed", "due", "retired", "applied")
