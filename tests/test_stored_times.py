"""One stored time format (clock.stamp: UTC to the second, a trailing Z), and local time
wherever a person reads one: days, lists, JSON, exports, backups."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import (
    KEYRING_BACKEND,
    NEW_YORK,
    Invoke,
    Outcome,
    frozen,
    make_encrypted_store,
)

from lp_coach import clock
from lp_coach.store.db import connect, db_path

ZONE = ZoneInfo(NEW_YORK)


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
