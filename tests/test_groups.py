"""Groups in one data directory: each keeps its people, pack, plan, sessions and check-ins."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from conftest import Invoke

from lp_coach.groups.store import find
from lp_coach.store.db import connect
from lp_coach.study import records
from lp_coach.study import store as session_store
from lp_coach.study.cadence import Cadence, parse_cadence

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "brightwell-values"


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    with closing(connect()) as connection:
        yield connection


def ok(cli: Invoke, *args: str, input: str | None = None) -> str:
    result = cli(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def held(conn: sqlite3.Connection, group: str, principle: str, action: str) -> None:
    """A finished session of `group`, with one action step."""
    record = session_store.create(
        conn, records.Options(principle, group=("Ann", "Ben")), find(conn, group).id
    )
    state = records.State()
    session_store.add_entry(conn, record.id, "actions", "action", "Ann", action, state)
    session_store.finish(conn, record.id, state, None)


def test_two_groups_keep_apart(cli: Invoke, conn: sqlite3.Connection) -> None:
    ok(cli, "group", "rename", "my-group", "Tuesday group")
    ok(cli, "group", "set", "Tuesday group", "--people", "Ann,Ben")
    ok(cli, "group", "create", "Brightwell", "--people", "Ann,Ben", "--pack", str(EXAMPLE))
    assert "now in Tuesday group" in ok(cli, "group", "use", "tuesday group")
    ok(cli, "plan", "start", "--on", "2026-01-06", "--every", "2 weeks", "--skip", "2026-01-20")
    ok(cli, "plan", "start", "--on", "2026-01-13", "--every", "monthly", "--in", "Brightwell")

    tuesday = json.loads(ok(cli, "plan", "--json"))
    bright = json.loads(ok(cli, "--in", "Brightwell", "plan", "--json"))
    assert len(tuesday) == 16 and tuesday[0]["id"] == "customer-obsession"
    assert [r["date"] for r in tuesday[:3]] == ["2026-01-06", "2026-02-03", "2026-02-17"]
    assert [r["id"] for r in bright][:2] == ["customers-first", "own-it"]
    # the second Tuesday of each month
    assert [r["date"] for r in bright] == [
        "2026-01-13",
        "2026-02-10",
        "2026-03-10",
        "2026-04-14",
        "2026-05-12",
    ]

    held(conn, "Tuesday group", "customer-obsession", "Call the supplier")
    held(conn, "Brightwell", "customers-first", "Phone three clients")
    tuesday = json.loads(ok(cli, "plan", "--json"))
    bright = json.loads(ok(cli, "plan", "--json", "--in", "Brightwell"))
    assert [r["id"] for r in tuesday if r["done"]] == ["customer-obsession"]
    assert [r["id"] for r in bright if r["done"]] == ["customers-first"]
    listed = json.loads(ok(cli, "sessions", "list", "--json", "--in", "Brightwell"))
    assert [(s["principle"], s["in"]) for s in listed] == [("customers-first", "Brightwell")]
    assert [s["principle"] for s in json.loads(ok(cli, "sessions", "list", "--json"))] == [
        "customer-obsession"
    ]

    # the check-in recalls the same group's steps, never the other group's
    first = cli("study", "--in", "Brightwell", "--plain", input="\n/quit\n")
    assert first.exit_code == 0, first.output
    own = first.stdout
    assert "--resume --session 3" in first.stderr  # not the current group's latest
    assert "Phone three clients" in own and "Call the supplier" not in own
    assert "Own It" in own  # the group's next principle, from its own pack
    ok(cli, "study", "--resume", "--plain", "--in", "Brightwell", input="/quit\n")
    # a session named by its number resumes in its own group (and pack)
    again = ok(cli, "study", "--resume", "--session", "3", "--plain", input="/quit\n")
    assert "Own It" in again
    other = cli("study", "--plain", input="\n\n/quit\n")  # Brightwell's is not offered
    assert "Call the supplier" in other.stdout and "Phone three clients" not in other.stdout
    assert "Ownership" in other.stdout

    guide = ok(cli, "guide", "--plan", "--in", "Brightwell", "-o", "-")
    assert "Customers First" in guide and "Customer Obsession" not in guide
    assert "2. Own It — Tuesday 10 February 2026" in guide  # the group's monthly dates
    kept = cli("group", "delete", "Brightwell")
    assert kept.exit_code == 2 and "has 2 sessions" in kept.stderr

    shown = json.loads(ok(cli, "group", "show", "Brightwell", "--json"))
    assert shown["plan"]["every"] == "monthly" and shown["pack"] == str(EXAMPLE.resolve())
    assert shown["sessions"] == 2 and shown["people"] == ["Ann", "Ben"]
    listed_groups = json.loads(ok(cli, "group", "list", "--json"))
    assert [(g["name"], g["current"]) for g in listed_groups] == [
        ("Tuesday group", True),
        ("Brightwell", False),
    ]


def test_today_shows_each_of_my_groups(cli: Invoke) -> None:
    ok(cli, "group", "set", "my-group", "--people", "Ann,Ben")
    ok(cli, "plan", "start", "--on", "2026-01-06")
    ok(cli, "group", "create", "Brightwell", "--people", "Cal", "--pack", str(EXAMPLE))
    ok(cli, "plan", "start", "--on", "2026-01-13", "--every", "monthly")
    ok(cli, "group", "use", "my-group")
    mine = json.loads(ok(cli, "today", "--me", "Ann"))
    assert [g["group"] for g in mine["groups"]] == ["my-group"]
    assert mine["groups"][0]["meeting"]["date"] == "2026-01-06"
    everyone = json.loads(ok(cli, "today", "--me", "Cal"))
    assert [g["group"] for g in everyone["groups"]] == ["Brightwell"]
    assert everyone["groups"][0]["meeting"]["title"] == "Customers First"
    assert everyone["meeting"]["title"] == "Customer Obsession"  # the current group's


def test_a_group_made_by_mistake_can_go(cli: Invoke) -> None:
    ok(cli, "group", "create", "Book clu")
    ok(cli, "plan", "start", "--on", "2026-01-06")
    assert "deleted Book clu" in ok(cli, "group", "delete", "book clu")
    listed = json.loads(ok(cli, "group", "list", "--json"))
    assert [(g["name"], g["current"]) for g in listed] == [("my-group", True)]
    last = cli("group", "delete", "my-group")
    assert last.exit_code == 2 and "the only group" in last.stderr


def test_in_goes_only_with_group_commands(cli: Invoke) -> None:
    result = cli("quiz", "--in", "my-group")
    assert result.exit_code == 2
    assert "--in GROUP goes with study, plan, guide, sessions" in result.stderr
    missing = cli("plan", "--in", "my-grup")
    assert missing.exit_code != 0 and "did you mean 'my-group'?" in missing.stderr


@pytest.mark.parametrize(
    ("typed", "weeks"), [("week", 1), ("fortnightly", 2), ("3 weeks", 3), ("4w", 4), ("monthly", 0)]
)
def test_cadences(typed: str, weeks: int) -> None:
    assert parse_cadence(typed) == Cadence(weeks)


def test_monthly_on_the_last_weekday_and_skipped_dates() -> None:
    cadence = parse_cadence("monthly")
    last_friday = date(2026, 1, 30)  # the fifth Friday: the last one, each month
    dates = cadence.dates(last_friday, frozenset({date(2026, 3, 27)}))
    assert [next(dates) for _ in range(3)] == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 4, 24),
    ]
