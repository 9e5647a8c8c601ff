"""One stored time format (clock.stamp: UTC, a trailing Z), old stores converted to it by
m011_one_time_format, and local time wherever a person reads one."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import KEYRING_BACKEND, NEW_YORK, Invoke, Outcome, make_encrypted_store

from lp_coach import clock
from lp_coach.store.db import connect, db_path
from lp_coach.store.migrations import MIGRATIONS
from lp_coach.store.migrations.schema_2026_12 import TIMES, m011_one_time_format

ZONE = ZoneInfo(NEW_YORK)


@contextmanager
def frozen(moment: datetime) -> Iterator[clock.FrozenClock]:
    """The shared clock stands at `moment` inside the block."""
    stopped = clock.FrozenClock(moment)
    before = clock.use_clock(stopped)
    try:
        yield stopped
    finally:
        clock.use_clock(before)


def ok(outcome: Outcome) -> str:
    assert outcome.exit_code == 0, outcome.output
    return outcome.stdout


# The format


def test_a_stamp_is_utc_to_the_second_and_reads_back_as_the_same_instant(new_york: str) -> None:
    moment = datetime(2026, 7, 4, 23, 30, 15, 999999, tzinfo=ZONE)  # summer: UTC-4
    text = clock.stamp(moment)
    assert text == "2026-07-05T03:30:15Z"
    assert clock.parse_stamp(text) == moment.replace(microsecond=0)
    assert clock.parse_stamp("2026-07-04T23:30:15-04:00") == clock.parse_stamp(text)
    assert clock.parse_stamp("2026-07-04T23:30:15") == clock.parse_stamp(text)  # naive: local


def test_people_are_shown_local_time_with_the_offset_of_its_day(new_york: str) -> None:
    assert clock.shown("2026-07-05T03:30:15Z") == "2026-07-04T23:30:15-04:00"
    assert clock.shown("2026-12-01T04:30:00Z") == "2026-11-30T23:30:00-05:00"
    assert clock.shown_minute("2026-12-01T04:30:00Z") == "2026-11-30 23:30"
    assert clock.local_day("2026-12-01T04:30:00Z").isoformat() == "2026-11-30"
    assert clock.shown("then") == "then"  # what is not a time is shown as it is


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
    with frozen(datetime(2026, 11, 1, 12, tzinfo=UTC)):
        first = BEFORE_FALL_BACK.astimezone(ZONE).isoformat(timespec="seconds")
        second = AFTER_FALL_BACK.astimezone(ZONE).isoformat(timespec="seconds")
    assert (first, second) == ("2026-11-01T01:30:00-04:00", "2026-11-01T01:10:00-05:00")
    assert sorted([first, second]) == [second, first]
    assert sorted([clock.stamp(BEFORE_FALL_BACK), clock.stamp(AFTER_FALL_BACK)]) == [
        clock.stamp(BEFORE_FALL_BACK),
        clock.stamp(AFTER_FALL_BACK),
    ]


def test_every_stored_time_column_is_converted() -> None:
    """A new column holding a time belongs in TIMES: the columns named like one are all there."""
    with closing(connect()) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        named = {
            (table, column[1])
            for table in tables
            if "fts" not in table
            for column in conn.execute(f"PRAGMA table_info({table})")
            if column[1]
            in (
                "created",
                "updated",
                "started",
                "finished",
                "reviewed",
                "due",
                "retired",
                "applied",
            )
        }
    assert named == {(t, c) for t, c, _ in TIMES}
    assert "m011_one_time_format" in dict(MIGRATIONS)


# What people see


def test_an_entry_written_at_half_past_eleven_at_night_is_on_that_local_day(
    cli: Invoke, new_york: str
) -> None:
    late = datetime(2026, 11, 30, 23, 30, tzinfo=ZONE)  # 04:30 UTC on 1 December
    with frozen(late):
        said = ok(cli("journal", "add", "Late thought #ownership"))
        ok(cli("practice", "-p", "ownership", "--plain", "--seed", "1", input="I did it.\n"))
    assert "Mon 30 Nov 2026, 23:30" in said
    with frozen(late + timedelta(minutes=15)):
        listed = json.loads(ok(cli("journal", "list", "--json")))
        assert [(e["date"], e["time"]) for e in listed] == [("2026-11-30", "23:30")]
        shown = json.loads(ok(cli("journal", "show", "1", "--json")))
        assert shown["created"] == "2026-11-30T23:30:00-05:00"
        today = json.loads(ok(cli("today", "--json")))
        assert today["date"] == "2026-11-30" and today["journal"]["written_today"] is True
        assert "2026-11-30 23:30" in ok(cli("practice", "history"))
    with frozen(late + timedelta(minutes=45)):  # past local midnight: a new day
        today = json.loads(ok(cli("today", "--json")))
        assert today["date"] == "2026-12-01" and today["journal"]["written_today"] is False
    with closing(connect()) as conn:
        assert conn.execute("SELECT created FROM journal_entries").fetchone()[0] == (
            "2026-12-01T04:30:00Z"
        )
        assert conn.execute("SELECT created FROM practice_attempts").fetchone()[0] == (
            "2026-12-01T04:30:00Z"
        )


def test_an_imported_time_is_stored_in_the_one_format_and_a_bad_one_refused(
    cli: Invoke, new_york: str, tmp_path: Path
) -> None:
    folder = tmp_path
    good = folder / "good.json"
    good.write_text(
        json.dumps(
            [
                {"date": "2026-11-30", "text": "a", "created": "2026-11-30T23:30:00-05:00"},
                {"date": "2026-11-30", "text": "b", "created": "2026-11-30T23:40:00"},
            ]
        )
    )
    ok(cli("journal", "import", str(good)))
    with closing(connect()) as conn:
        stored = [r[0] for r in conn.execute("SELECT created FROM journal_entries ORDER BY id")]
    assert stored == ["2026-12-01T04:30:00Z", "2026-12-01T04:40:00Z"]
    bad = folder / "bad.json"
    bad.write_text(json.dumps([{"date": "2026-11-30", "text": "c", "created": "then"}]))
    refused = cli("journal", "import", str(bad))
    assert refused.exit_code != 0 and "'created' must be an ISO 8601 time" in refused.output


def test_a_sealed_entry_from_before_is_taken_in_with_its_time_in_the_one_format(
    monkeypatch: pytest.MonkeyPatch, new_york: str
) -> None:
    """A file sealed by an older lp-coach holds local time with its offset."""
    from lp_coach.journal.entries import NewEntry
    from lp_coach.store import sealing

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", KEYRING_BACKEND)
    store = db_path()
    make_encrypted_store(store)
    connect().close()  # publishes the key entries are sealed to
    entry = NewEntry(day=date(2026, 11, 30), text="sealed late", time="23:30")
    sealing.seal(store, entry, "2026-11-30T23:30:00-05:00")
    with closing(connect()) as conn:  # takes it in
        row = conn.execute("SELECT day, time, created, updated FROM journal_entries").fetchone()
    assert tuple(row) == ("2026-11-30", "23:30", "2026-12-01T04:30:00Z", "2026-12-01T04:30:00Z")


def test_the_days_backup_is_taken_on_the_first_write_of_each_local_day(
    cli: Invoke, isolated_home: Path, new_york: str
) -> None:
    from lp_coach.store import backups

    store = isolated_home / "lp-coach.db"
    late = datetime(2026, 11, 30, 23, 30, tzinfo=ZONE)
    taken = []
    for moment in (late, late + timedelta(minutes=20), late + timedelta(minutes=40)):
        backups._TAKEN_TODAY.clear()  # a new process
        with frozen(moment):
            ok(cli("journal", "add", f"at {moment:%H:%M}"))
        taken.append(sorted(b.path.name for b in backups.listed(store)))
    # the first write of 30 November backs up; 23:50 is the same day; 00:10 is the next
    assert [len(names) for names in taken] == [1, 1, 2]
    assert taken[-1] == ["lp-coach-2026-11-30T233000.db", "lp-coach-2026-12-01T001000.db"]
