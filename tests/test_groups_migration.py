"""An existing data directory becomes the first group, losing nothing; the plan's calendar."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import Invoke, migrate_until

from lp_coach.store.db import connect, db_path


def an_old_store(path: Path) -> None:
    """A data directory as lp-coach left it before groups: a plan, sessions, a journal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrate_until(conn, "m007_groups")
        ids = ["ownership", "customer-obsession"]
        conn.execute(
            "INSERT INTO plan (id, start, every_days, principles) VALUES (1, '2026-01-05', 14, ?)",
            (json.dumps(ids),),
        )
        options = json.dumps({"principle_id": "ownership", "group": ["Ann", "Ben"]})
        for number, status in ((1, "finished"), (2, "in_progress")):
            conn.execute(
                "INSERT INTO sessions (id, principle_id, status, started, options, state, "
                "notes_path) VALUES (?, 'ownership', ?, '2026-01-05T19:00:00+00:00', ?, '{}', ?)",
                (number, status, options, f"notes-{number}.md"),
            )
        conn.execute(
            "INSERT INTO session_entries (session_id, step, kind, person, text, created) "
            "VALUES (1, 'actions', 'action', 'Ann', 'Call the supplier', 'then')"
        )
        conn.execute(
            "INSERT INTO journal_entries (day, body, created, updated) "
            "VALUES ('2026-01-04', 'Held my tongue', 'then', 'then')"
        )


def test_an_existing_data_directory_becomes_the_first_group(cli: Invoke) -> None:
    an_old_store(db_path())
    plan = json.loads(cli("plan", "--json").stdout)  # the first command migrates
    assert [(r["id"], r["date"], r["done"]) for r in plan[:3]] == [
        ("ownership", "2026-01-05", True),
        ("customer-obsession", "2026-01-19", False),
        ("invent-and-simplify", "2026-02-02", False),
    ]
    listed = json.loads(cli("sessions", "list", "--json").stdout)
    assert [(s["id"], s["status"], s["notes"], s["in"]) for s in listed] == [
        (1, "finished", "notes-1.md", "my-group"),
        (2, "in_progress", "notes-2.md", "my-group"),
    ]
    journal = json.loads(cli("journal", "list", "--json").stdout)
    assert [e["text"].strip() for e in journal] == ["Held my tongue"]
    groups = json.loads(cli("group", "list", "--json").stdout)
    assert [(g["name"], g["sessions"], g["current"]) for g in groups] == [("my-group", 2, True)]
    with closing(connect()) as conn:
        assert conn.execute("SELECT count(*) FROM session_entries").fetchone()[0] == 1
        kept = conn.execute("SELECT cadence, principles FROM group_plans").fetchone()
        assert tuple(kept) == ("2w", '["ownership", "customer-obsession"]')
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "plan" not in tables


def test_the_calendar_imports_with_the_right_times(cli: Invoke, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    # Across the end of summer time in London (25 October 2026): 19:00 there is 18:00 UTC
    # before it and 19:00 UTC after.
    assert cli("plan", "start", "--on", "2026-10-20", "--skip", "2026-11-03").exit_code == 0
    target = tmp_path / "plan.ics"
    result = cli("plan", "export", "--ics", str(target), "--at", "19:00", "--tz", "Europe/London")
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    starts = [e.decoded("DTSTART") for e in events[:3]]
    assert starts == [
        datetime(2026, 10, 20, 18, 0, tzinfo=UTC),
        datetime(2026, 10, 27, 19, 0, tzinfo=UTC),
        datetime(2026, 11, 10, 19, 0, tzinfo=UTC),  # 3 November is skipped
    ]
    assert events[0].decoded("DTEND") - starts[0] == (
        datetime(2026, 1, 1, 1, tzinfo=UTC) - datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert str(events[0]["SUMMARY"]) == "1. Customer Obsession"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
    all_day = cli("plan", "export", "--ics", "-")
    day = icalendar.Calendar.from_ical(all_day.stdout.encode()).walk("VEVENT")[0]
    assert str(day.decoded("DTSTART")) == "2026-10-20"
