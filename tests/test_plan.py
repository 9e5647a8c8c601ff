"""The study plan: the default series, start, done and next, `lp-coach plan`, and its calendar."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import MINIMAL, Invoke, write_principle
from hypothesis import given
from hypothesis import strategies as st

from lp_coach.clock import restamp
from lp_coach.content.library import open_library
from lp_coach.content.model import Library, PackInfo, Principle
from lp_coach.errors import StoreError
from lp_coach.groups.store import Group, current
from lp_coach.store.db import connect
from lp_coach.study.cadence import Cadence
from lp_coach.study.ics import ics_text
from lp_coach.study.plan import (
    Plan,
    PlanRow,
    load_plan,
    next_principle,
    plan_rows,
    start_plan,
)

START = date(2026, 1, 5)


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = connect()
    yield connection
    connection.close()


@pytest.fixture
def library() -> Library:
    return open_library()


@pytest.fixture
def group(conn: sqlite3.Connection) -> Group:
    return current(conn)


def add_session(
    conn: sqlite3.Connection, principle_id: str, started: str, status: str = "finished"
) -> None:
    conn.execute(
        "INSERT INTO sessions (principle_id, status, started, finished, options, state, "
        "group_id) VALUES (?, ?, ?, ?, '{}', '{}', 1)",
        (
            principle_id,
            status,
            restamp(started),
            restamp(started) if status == "finished" else None,
        ),
    )


def plan_json(cli: Invoke) -> list[dict[str, object]]:
    result = cli("plan", "--json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


# The default plan and `plan start`


def test_default_plan_is_every_principle_weekly_without_dates(
    conn: sqlite3.Connection, library: Library, group: Group
) -> None:
    plan = load_plan(conn, library, group)
    assert plan == Plan(1, date.today(), Cadence(1), tuple(library.ids()), saved=False)
    rows = plan_rows(conn, library, plan)
    assert [r.number for r in rows] == list(range(1, 17))
    assert [r.date for r in rows] == [None] * 16
    assert [r.next for r in rows] == [True] + [False] * 15
    assert not any(r.done for r in rows)


def test_default_plan_starts_at_the_first_finished_session(
    conn: sqlite3.Connection, library: Library, group: Group, new_york: str
) -> None:
    add_session(conn, "customer-obsession", "2025-03-04T19:00:00-05:00")
    plan = load_plan(conn, library, group)
    assert (plan.start, plan.saved) == (date(2025, 3, 4), False)
    assert next_principle(conn, library, group).id == "ownership"


def test_plan_shows_a_plain_table_when_piped(cli: Invoke) -> None:
    assert cli("plan", "start", "--on", "2026-01-05").exit_code == 0
    result = cli("plan")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "DATE", "PRINCIPLE", "DONE", "NEXT"]
    assert lines[1].split() == ["1", "2026-01-05", "Customer", "Obsession", "➜"]
    assert lines[2].split() == ["2", "2026-01-12", "Ownership"]
    assert len(lines) == 17
    assert "\x1b[" not in result.stdout


def test_plan_on_a_terminal_is_a_rich_table(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lp_coach.cli.output.on_terminal", lambda: True)
    result = cli("plan")
    assert result.exit_code == 0, result.output
    assert "Every week, in this order" in result.stdout
    assert "The plan has no dates yet; `lp-coach plan start" in result.stdout
    assert "Date" not in result.stdout and str(date.today().year) not in result.stdout
    assert "Customer Obsession" in result.stdout and "➜" in result.stdout
    assert cli("plan", "start", "--on", "2026-01-05").exit_code == 0
    started = cli("plan")
    assert "Every week from Mon 5 Jan 2026" in started.stdout
    assert "Mon 2026-01-12" in started.stdout and "no dates" not in started.stdout


def test_plan_and_guide_agree_before_the_plan_is_started(cli: Invoke) -> None:
    """One truth: a plan nobody has started has no dates, in `plan` and in `guide --plan`."""
    assert [r["date"] for r in plan_json(cli)] == [None] * 16
    piped = cli("plan")
    assert piped.exit_code == 0, piped.output
    assert piped.stdout.splitlines()[1].split()[:2] == ["1", "-"]
    booklet = cli("guide", "--plan", "--format", "md", "--out", "-")
    assert booklet.exit_code == 0, booklet.output
    hint = "lp-coach: the plan has no dates yet; `lp-coach plan start --on DATE` sets them\n"
    assert piped.stderr == booklet.stderr == hint
    assert not re.search(r"day \d{1,2} [A-Z][a-z]+ 20\d\d", booklet.stdout)  # no meeting date


def test_plan_and_guide_agree_once_the_plan_is_started(cli: Invoke) -> None:
    assert cli("plan", "start", "--on", "2026-01-05", "--every", "2weeks").exit_code == 0
    assert [r["date"] for r in plan_json(cli)][:2] == ["2026-01-05", "2026-01-19"]
    booklet = cli("guide", "--plan", "--format", "md", "--out", "-")
    assert booklet.exit_code == 0 and booklet.stderr == "", booklet.output
    assert "Monday 5 January 2026" in booklet.stdout
    assert "Monday 19 January 2026" in booklet.stdout


@pytest.mark.parametrize(
    ("every", "days"),
    [("week", 7), ("weekly", 7), ("2weeks", 14), ("fortnight", 14), ("Fortnightly", 14)],
)
def test_start_with_each_cadence(cli: Invoke, every: str, days: int) -> None:
    result = cli("plan", "start", "--on", "2026-01-05", "--every", every)
    assert result.exit_code == 0, result.output
    assert "16 principles" in result.stdout and "from Mon 2026-01-05" in result.stdout
    data = plan_json(cli)
    assert [r["date"] for r in data[:3]] == [
        (START + timedelta(days=days * i)).isoformat() for i in range(3)
    ]


def test_start_defaults_to_today_and_weekly(
    cli: Invoke, conn: sqlite3.Connection, library: Library, group: Group
) -> None:
    result = cli("plan", "start")
    assert result.exit_code == 0, result.output
    plan = load_plan(conn, library, group)
    assert (plan.start, plan.cadence, plan.saved) == (date.today(), Cadence(1), True)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yesterday", date.today() - timedelta(days=1)),
        ("today", date.today()),
        ("tomorrow", date.today() + timedelta(days=1)),
        ("3 days ago", date.today() - timedelta(days=3)),
        ("2026-01-05", START),
    ],
)
def test_start_reads_dates_as_the_journal_does(
    cli: Invoke,
    conn: sqlite3.Connection,
    library: Library,
    group: Group,
    typed: str,
    expected: date,
) -> None:
    result = cli("plan", "start", "--on", typed)
    assert result.exit_code == 0, result.output
    assert f"from {expected:%a} {expected}" in result.stdout
    assert load_plan(conn, library, group).start == expected


def test_start_on_a_weekday_is_the_coming_one(
    cli: Invoke, conn: sqlite3.Connection, library: Library, group: Group
) -> None:
    """For a plan a bare weekday is ahead (today included); in the journal it is behind."""
    today = date.today()
    name = f"{today + timedelta(days=2):%A}"
    assert cli("plan", "start", "--on", name).exit_code == 0
    assert load_plan(conn, library, group).start == today + timedelta(days=2)
    entry = cli("journal", "add", "--date", name, "a line")
    assert entry.exit_code == 0, entry.output
    listed = json.loads(cli("journal", "list", "--json").stdout)
    assert listed[0]["date"] == (today - timedelta(days=5)).isoformat()


def test_start_again_replaces_the_plan(
    conn: sqlite3.Connection, library: Library, group: Group
) -> None:
    start_plan(conn, library, group, START, "week")
    start_plan(conn, library, group, date(2026, 9, 1), "2weeks")
    expected = Plan(1, date(2026, 9, 1), Cadence(2), tuple(library.ids()), True)
    assert load_plan(conn, library, group) == expected
    assert conn.execute("SELECT count(*) FROM group_plans").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--every", "yearly"], "--every must be week, 2weeks, N weeks (up to 12) or monthly"),
        (["--every", "biweekly"], "--every must be week, 2weeks, N weeks (up to 12) or monthly"),
        (["--on", "2026-02-30"], "--on: cannot read '2026-02-30' as a date (e.g. 2026-01-05"),
        (["--on", "soon"], "--on: cannot read 'soon' as a date"),
        (["--on", "monday 19:00"], "--on takes a day, not a time of day: 'monday 19:00'"),
    ],
)
def test_start_rejects_a_bad_option(
    cli: Invoke, conn: sqlite3.Connection, args: list[str], message: str
) -> None:
    result = cli("plan", "start", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"lp-coach: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert conn.execute("SELECT count(*) FROM group_plans").fetchone()[0] == 0


# Done and next


def test_a_finished_session_marks_done_and_moves_next(
    cli: Invoke, conn: sqlite3.Connection, library: Library, group: Group, new_york: str
) -> None:
    start_plan(conn, library, group, START, "week")
    add_session(conn, "customer-obsession", "2026-01-05T19:00:00-05:00")
    add_session(conn, "ownership", "2026-01-12T19:00:00-05:00", status="in_progress")
    add_session(conn, "think-big", "2026-01-13T19:00:00-05:00")
    data = plan_json(cli)
    assert [r["id"] for r in data if r["done"]] == ["customer-obsession", "think-big"]
    assert [r["id"] for r in data if r["next"]] == ["ownership"]
    assert next_principle(conn, library, group).id == "ownership"


@pytest.mark.parametrize(
    ("started", "counts"),
    [
        ("2026-01-04T23:59:59-05:00", False),  # the last second of the day before, local
        ("2025-12-29T19:00:00+00:00", False),
        ("2026-01-05T05:00:00Z", True),  # local midnight
        ("2026-01-05T00:00:00+14:00", False),  # 5 January in Kiribati, 4 January here
        ("2026-01-05T19:00:00-05:00", True),
    ],
)
def test_only_sessions_started_from_the_plan_start_count(
    conn: sqlite3.Connection,
    library: Library,
    group: Group,
    started: str,
    counts: bool,
    new_york: str,
) -> None:
    """The plan's start is a local day: a session counts from local midnight on."""
    plan = start_plan(conn, library, group, START, "week")
    add_session(conn, "customer-obsession", started)
    first = plan_rows(conn, library, plan)[0]
    assert (first.done, first.next) == (counts, not counts)


def test_when_all_are_done_the_next_is_the_first_again(
    conn: sqlite3.Connection, library: Library, group: Group, new_york: str
) -> None:
    plan = start_plan(conn, library, group, START, "2weeks")
    for principle_id in library.ids():
        add_session(conn, principle_id, "2026-02-01T10:00:00+01:00")
    rows = plan_rows(conn, library, plan)
    assert all(r.done for r in rows) and not any(r.next for r in rows)
    assert next_principle(conn, library, group).id == "customer-obsession"


def test_json_rows(cli: Invoke) -> None:
    assert cli("plan", "start", "--on", "2026-01-05", "--every", "2weeks").exit_code == 0
    data = plan_json(cli)
    assert len(data) == 16
    assert data[0] == {
        "number": 1,
        "date": "2026-01-05",
        "id": "customer-obsession",
        "title": "Customer Obsession",
        "done": False,
        "next": True,
    }
    assert data[15]["date"] == "2026-08-03"


# A stored plan and a changing library


def test_stored_plan_follows_the_library(
    cli: Invoke, conn: sqlite3.Connection, library: Library, group: Group, pack: Path
) -> None:
    conn.execute(
        "INSERT INTO group_plans (group_id, start, cadence, principles) VALUES (1, ?, '1w', ?)",
        ("2026-01-05", json.dumps(["ownership", "gone-principle", "customer-obsession"])),
    )
    plan = load_plan(conn, library, group)
    assert plan.principles[:3] == ("ownership", "customer-obsession", "invent-and-simplify")
    assert "gone-principle" not in plan.principles and len(plan.principles) == 16

    write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="Servant"))
    result = cli("--principles", str(pack), "plan", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[-1]["id"] == "servant-leadership"


@pytest.mark.parametrize(
    ("start", "every", "principles"),
    [
        ("soon", "1w", "[]"),
        ("2026-01-05", "0w", "[]"),
        ("2026-01-05", "1w", "{not json"),
        ("2026-01-05", "1w", "[1]"),
    ],
)
def test_a_damaged_plan_is_a_store_error(
    cli: Invoke,
    conn: sqlite3.Connection,
    library: Library,
    group: Group,
    start: str,
    every: str,
    principles: str,
) -> None:
    conn.execute(
        "INSERT INTO group_plans (group_id, start, cadence, principles) VALUES (1, ?, ?, ?)",
        (start, every, principles),
    )
    with pytest.raises(StoreError, match="lp-coach plan start"):
        load_plan(conn, library, group)
    result = cli("plan")
    assert result.exit_code == 1 and "cannot be read" in result.stderr


# The calendar


def unfold(raw: bytes) -> list[str]:
    """The logical lines of an iCalendar file, checking the physical ones on the way."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text.startswith(" "):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    return logical


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def events(lines: list[str]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            found.append({})
        elif found and line != "END:VEVENT" and not line.startswith(("BEGIN:", "END:")):
            name, _, value = line.partition(":")
            found[-1][name] = value
    return found


def test_export_all_day(cli: Invoke, tmp_path: Path) -> None:
    assert cli("plan", "start", "--on", "2026-01-05").exit_code == 0
    target = tmp_path / "out" / "study.ics"
    result = cli("plan", "export", "--ics", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {target} (16 all-day meetings; --at HH:MM gives them a time)\n"
    )
    assert target.stat().st_mode & 0o777 == 0o644
    lines = unfold(target.read_bytes())
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//lp-coach//lp-coach 0.1.0//EN"]
    assert lines[-1] == "END:VCALENDAR"
    found = events(lines)
    assert len(found) == 16
    first = found[0]
    assert first["UID"] == "customer-obsession-2026-01-05@lp-coach"
    assert first["DTSTART;VALUE=DATE"] == "20260105"
    assert first["DTEND;VALUE=DATE"] == "20260106"  # RFC 5545: DTEND is exclusive
    assert first["TRANSP"] == "TRANSPARENT"  # an all-day reminder leaves the day free
    assert first["SUMMARY"] == "1. Customer Obsession"
    assert unescape(first["DESCRIPTION"]).startswith("Leaders start with the customer")
    assert first["DTSTAMP"].endswith("Z") and len(first["DTSTAMP"]) == 16
    assert found[15]["DTSTART;VALUE=DATE"] == "20260420"


def test_export_timed(cli: Invoke, tmp_path: Path) -> None:
    assert cli("plan", "start", "--on", "2026-01-05", "--every", "2weeks").exit_code == 0
    target = tmp_path / "study.ics"
    result = cli(
        "plan",
        "export",
        "--ics",
        str(target),
        "--at",
        "23:30",
        "--minutes",
        "90",
        "--tz",
        "America/New_York",
    )
    assert result.exit_code == 0, result.output
    found = events(unfold(target.read_bytes()))
    # 23:30 in New York, in winter (UTC-5), is 04:30 the next day in UTC
    assert (found[0]["DTSTART"], found[0]["DTEND"]) == ("20260106T043000Z", "20260106T060000Z")
    assert found[1]["DTSTART"] == "20260120T043000Z"
    assert found[0]["TRANSP"] == "OPAQUE"
    assert not any(";VALUE=DATE" in key for key in found[0])


def test_export_at_an_evening_time_lasts_a_session(cli: Invoke, tmp_path: Path) -> None:
    """--at as people say it; without --minutes, a default study session's 60 minutes."""
    assert cli("plan", "start", "--on", "2026-01-05").exit_code == 0
    target = tmp_path / "study.ics"
    result = cli("plan", "export", "--ics", str(target), "--at", "7:30pm", "--tz", "Europe/London")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {target} (16 meetings at 19:30, 60 minutes each, Europe/London)\n"
    )
    first = events(unfold(target.read_bytes()))[0]
    assert (first["DTSTART"], first["DTEND"]) == ("20260105T193000Z", "20260105T203000Z")


def test_export_of_a_plan_nobody_started_is_refused(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "study.ics"
    result = cli("plan", "export", "--ics", str(target))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "lp-coach: error: the plan has no dates yet; `lp-coach plan start --on DATE` sets them\n"
    )
    assert not target.exists()


def test_export_to_stdout_and_uids_are_stable(cli: Invoke) -> None:
    assert cli("plan", "start", "--on", "2026-01-05").exit_code == 0
    first, second = cli("plan", "export", "--ics", "-"), cli("plan", "export", "--ics", "-")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    uids = [[e["UID"] for e in events(unfold(r.stdout.encode()))] for r in (first, second)]
    assert uids[0] == uids[1] and len(set(uids[0])) == 16


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "seven"], "--at: cannot read 'seven' as a time of day (e.g. 19:00, 7pm)"),
        (["--at", "24:00"], "--at: cannot read '24:00' as a time of day"),
        (["--minutes", "90"], "--minutes needs --at"),
        (["--at", "19:00", "--minutes", "0"], "--minutes must be between 1 and 1440, not 0"),
    ],
)
def test_export_rejects_a_bad_option(
    cli: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    assert cli("plan", "start", "--on", "2026-01-05").exit_code == 0
    target = tmp_path / "study.ics"
    result = cli("plan", "export", "--ics", str(target), *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"lp-coach: error: {message}")
    assert not target.exists()


def test_export_escapes_and_folds_text(cli: Invoke, pack: Path, tmp_path: Path) -> None:
    statement = "Listen first; then lead, with care.\\n is not a newline. " + "Çà et là ✓ " * 12
    text = MINIMAL.format(id="listen", order=17, title="Listen, Learn; Lead").replace(
        "Leaders serve first.", json.dumps(statement)
    )
    write_principle(pack, text, "listen.yaml")
    assert cli("plan", "start").exit_code == 0
    target = tmp_path / "study.ics"
    result = cli("--principles", str(pack), "plan", "export", "--ics", str(target))
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert b"SUMMARY:17. Listen\\, Learn\\; Lead\r\n" in raw
    event = events(unfold(raw))[16]
    assert unescape(event["SUMMARY"]) == "17. Listen, Learn; Lead"
    assert unescape(event["DESCRIPTION"]) == statement
    assert "\\\\n is not" in event["DESCRIPTION"]


text_values = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from([",", ";", "\\", "\n", ":", "é", "✓", "😀"]),
    ),
    min_size=1,
    max_size=300,
)


@given(title=text_values, statement=text_values)
def test_any_text_survives_the_round_trip(title: str, statement: str) -> None:
    library = Library((Principle(id="p", order=1, title=title, statement=statement),), ())
    plan = Plan(1, START, Cadence(1), ("p",), saved=True)
    rows = [PlanRow(1, START, "p", title, done=False, next=True)]
    raw = ics_text(plan, rows, library, time(19), 60).encode("utf-8")
    event = events(unfold(raw))[0]
    assert unescape(event["SUMMARY"]) == f"1. {title}"
    assert unescape(event["DESCRIPTION"]) == statement


def test_dtstamp_is_utc() -> None:
    library = Library((Principle(id="p", order=1, title="T", statement="S"),), (PackInfo("X"),))
    plan = Plan(1, START, Cadence(1), ("p",), saved=True)
    stamp = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    text = ics_text(plan, [], library, None, stamp=stamp)
    assert "X-WR-CALNAME:X\r\n" in text and "BEGIN:VEVENT" not in text
