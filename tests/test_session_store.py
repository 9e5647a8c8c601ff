"""The session store keeps who may see each entry and where it came from."""

from __future__ import annotations

import pytest

from lp_coach.store import engine
from lp_coach.store.db import connect
from lp_coach.study import sessions

pytestmark = pytest.mark.usefixtures("any_store")  # plain and encrypted stores alike


def test_entries_are_for_the_group_and_typed_at_the_keyboard_by_default() -> None:
    conn = connect()
    record = sessions.create(conn, sessions.Options(principle_id="frugality", group=("Ann",)))
    sessions.add_entry(conn, record.id, "discussion-1", "answer", "Ann", "Less", record.state)
    sessions.add_entry(
        conn,
        record.id,
        "closing",
        "prayer",
        "Ben",
        "For my mother",
        record.state,
        visibility=sessions.LEADER,
        source="room:abc",
    )
    first, second = sessions.entries(connect(), record.id)
    assert (first.visibility, first.source) == (sessions.GROUP, None)
    assert (second.visibility, second.source, second.person) == ("leader", "room:abc", "Ben")


def test_an_unknown_visibility_is_refused_by_the_database() -> None:
    conn = connect()
    record = sessions.create(conn, sessions.Options(principle_id="frugality"))
    with pytest.raises(engine.IntegrityError):
        sessions.add_entry(
            conn, record.id, "closing", "note", None, "x", record.state, visibility="everyone"
        )
    assert sessions.entries(conn, record.id) == []
