"""The session store keeps who may see each entry and where it came from."""

from __future__ import annotations

import pytest

from lp_coach.store import engine
from lp_coach.store.db import connect
from lp_coach.study import records
from lp_coach.study import store as session_store

pytestmark = pytest.mark.usefixtures("any_store")  # plain and encrypted stores alike


def test_entries_are_for_the_group_and_typed_at_the_keyboard_by_default() -> None:
    conn = connect()
    record = session_store.create(conn, records.Options(principle_id="frugality", group=("Ann",)))
    session_store.add_entry(conn, record.id, "discussion-1", "answer", "Ann", "Less", record.state)
    session_store.add_entry(
        conn,
        record.id,
        "closing",
        "prayer",
        "Ben",
        "For my mother",
        record.state,
        visibility=records.LEADER,
        source="room:abc",
    )
    first, second = session_store.entries(connect(), record.id)
    assert (first.visibility, first.source) == (records.GROUP, None)
    assert (second.visibility, second.source, second.person) == ("leader", "room:abc", "Ben")


def test_an_unknown_visibility_is_refused_by_the_database() -> None:
    conn = connect()
    record = session_store.create(conn, records.Options(principle_id="frugality"))
    with pytest.raises(engine.IntegrityError):
        session_store.add_entry(
            conn, record.id, "closing", "note", None, "x", record.state, visibility="everyone"
        )
    assert session_store.entries(conn, record.id) == []


def test_stored_times_come_from_the_clock_in_use() -> None:
    """One clock for every store: a frozen one gives the session its start time."""
    from datetime import UTC, datetime

    from lp_coach.clock import FrozenClock, use_clock

    frozen = datetime(2026, 3, 1, 18, 30, tzinfo=UTC)
    before = use_clock(FrozenClock(frozen))
    try:
        conn = connect()
        record = session_store.create(conn, records.Options("ownership"))
    finally:
        use_clock(before)
    assert datetime.fromisoformat(record.started) == frozen
    conn.close()


def test_entries_from_a_source_or_any_source_under_a_prefix() -> None:
    conn = connect()
    session_id = session_store.create(conn, records.Options("ownership")).id
    for source in ("room:a", "room:b", None, "ROOM:c", "roomy"):
        session_store.add_entry(conn, session_id, "s", "answer", None, "x", None, source=source)
    assert [e.source for e in session_store.entries_from(conn, session_id, "room:a")] == ["room:a"]
    under = session_store.entries_from(conn, session_id, "room:", prefix=True)
    assert [e.source for e in under] == ["room:a", "room:b"]
    conn.close()
