"""Journal search: words, phrases, prefixes, case and accents, ranking, snippets, the index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from conftest import Invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_coach.errors import UsageError
from lp_coach.fts import MARK_END, MARK_START, to_fts
from lp_coach.journal import store
from lp_coach.journal.entries import NewEntry
from lp_coach.journal.search import search, suggestions
from lp_coach.store.db import connect

pytestmark = pytest.mark.usefixtures("any_store")  # plain and encrypted stores alike

TEXTS = [
    "Budget meeting\nI held my tongue while Ann explained the numbers.",
    "Lunch at the Café Olé\nWe talked about the résumé Ben sent.",
    "Long walk\nThought about the budget again; the budget is a promise to people.",
    "Lighthouse\nA short one.",
    "Quiet day\nNothing about money at all. Meeting notes later.",
]


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = connect()
    for number, text in enumerate(TEXTS, start=1):
        store.add(connection, NewEntry(day=date(2026, 1, number), text=text))
    yield connection
    connection.close()


def ids(conn: sqlite3.Connection, query: str) -> list[int]:
    return [hit.entry.id for hit in search(conn, query).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget", [3, 1]),  # twice in the body beats once in the title? see ranking test
        ("BUDGET", [3, 1]),
        ("cafe", [2]),  # accents do not matter...
        ("CAFÉ", [2]),
        ("resume", [2]),  # ...either way
        ('"held my tongue"', [1]),
        ('"tongue held"', []),
        ("light*", [4]),
        ("budg* promise", [3]),
        ("tongue OR lighthouse", [1, 4]),
        ("meeting -budget", [5]),
        ("meeting NOT budget", [5]),
        ("NOT budget meeting", [5]),
        ("#earn-trust", []),
        ("Olé!", [2]),
    ],
)
def test_what_finds_what(conn: sqlite3.Connection, query: str, expected: list[int]) -> None:
    assert sorted(ids(conn, query)) == sorted(expected)


def test_a_match_in_the_first_line_ranks_first(conn: sqlite3.Connection) -> None:
    store.add(conn, NewEntry(day=date(2026, 2, 1), text="Promise\nkept"))
    assert ids(conn, "promise") == [6, 3]
    assert ids(conn, "meeting") == [1, 5]


def test_snippets_mark_the_match(conn: sqlite3.Connection) -> None:
    [hit] = search(conn, "tongue").hits
    assert f"{MARK_START}tongue{MARK_END}" in hit.snippet
    assert hit.snippet.startswith("I held my")


@pytest.mark.parametrize("query", ["", "   ", "-budget", "NOT budget", "!!! ---", '""', "OR AND"])
def test_nothing_to_search_for(query: str) -> None:
    with pytest.raises(UsageError, match="nothing to search for"):
        to_fts(query)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_no_query_crashes_the_search(conn: sqlite3.Connection, query: str) -> None:
    try:
        search(conn, query)
    except UsageError as exc:
        assert "nothing to search for" in str(exc)


def test_the_index_follows_edits_and_deletes(conn: sqlite3.Connection) -> None:
    store.update_text(conn, 4, "Harbour\nThe light at the harbour mouth.", [])
    assert ids(conn, "lighthouse") == []
    assert ids(conn, "harbour") == [4]
    store.delete(conn, 4)
    assert ids(conn, "harbour") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budgt", ["budget"]),
        ("Résumés", ["resume"]),  # folded as the index folds
        ("tounge held", ["tongue"]),  # only the word the journal lacks
        ('"budgt meeting" light*', []),  # phrases and prefixes are left as typed
        ("xyzzy", []),
    ],
)
def test_suggestions_for_a_miss(conn: sqlite3.Connection, query: str, expected: list[str]) -> None:
    assert suggestions(conn, query) == expected


def test_limit_and_total(conn: sqlite3.Connection) -> None:
    for day in range(1, 26):
        store.add(conn, NewEntry(day=date(2026, 3, day), text=f"Gratitude {day}"))
    results = search(conn, "gratitude", limit=20)
    assert (len(results.hits), results.total) == (20, 25)
    assert len(search(conn, "gratitude", limit=None).hits) == 25


# Through the command


def test_search_command_plain(cli: Invoke) -> None:
    cli(
        "journal",
        "add",
        "-d",
        "2026-01-06 07:12",
        "Held my tongue in the budget meeting #earn-trust",
    )
    cli("journal", "add", "-d", "2026-01-07", "Nothing to see")
    result = cli("journal", "search", "TONGUE")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "   1  Tue 2026-01-06 07:12  earn-trust\n"
        "      Held my *tongue* in the budget meeting #earn-trust\n"
    )
    assert result.stderr == ""


def test_search_command_json(cli: Invoke) -> None:
    cli("journal", "add", "-d", "2026-01-06", "Café talk with Ann #ownership")
    result = cli("journal", "search", "--json", "cafe")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": 1,
            "date": "2026-01-06",
            "time": None,
            "principles": ["ownership"],
            "starred": False,
            "text": "Café talk with Ann #ownership",
        }
    ]


def test_search_command_filters_limits_and_misses(cli: Invoke) -> None:
    for day in range(1, 5):
        principle = "ownership" if day % 2 else "frugality"
        cli("journal", "add", "-d", f"2026-01-0{day}", f"Gratitude day {day} #{principle}")
    some = cli("journal", "search", "gratitude", "-n", "2")
    assert some.stdout.count("*Gratitude* day") == 2
    assert "(2 best of 4 matches; -n 0 shows all)" in some.stderr
    assert cli("journal", "search", "gratitude", "-n", "0").stdout.count("*Gratitude*") == 4
    mine = json.loads(cli("journal", "search", "gratitude", "-p", "frugality", "--json").stdout)
    assert sorted(e["id"] for e in mine) == [2, 4]
    missed = cli("journal", "search", "gratitud")
    assert missed.exit_code == 1
    assert missed.stderr == "No entries match 'gratitud'; did you mean gratitude?\n"
    unknown = cli("journal", "search", "zebra")
    assert unknown.stderr == "No entries match 'zebra'\n"  # zebra* would find nothing either
    prefix = cli("journal", "search", "day", "grat")
    assert prefix.stderr == "No entries match 'day grat'; a prefix finds more: grat*\n"
    empty = cli("journal", "search", "!!!")
    assert empty.exit_code == 2 and "nothing to search for" in empty.stderr
