"""Session rows a newer lp-coach wrote, or that were damaged, are reported, not fatal."""

from __future__ import annotations

import json

from conftest import Invoke

from lp_coach.store.db import connect
from lp_coach.study import records
from lp_coach.study import store as session_store


def two_sessions() -> tuple[int, int]:
    conn = connect()
    first = session_store.create(conn, records.Options(principle_id="frugality", group=("Ann",)))
    second = session_store.create(conn, records.Options(principle_id="bias-for-action"))
    conn.close()
    return first.id, second.id


def set_column(session_id: int, column: str, value: str) -> None:
    conn = connect()
    conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, session_id))
    conn.close()


def test_a_damaged_session_row_is_reported_and_the_others_listed(cli: Invoke) -> None:
    first, second = two_sessions()
    set_column(first, "options", '{"principle_id": "frugality", "minu')
    listed = cli("sessions", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert [row["id"] for row in json.loads(listed.stdout)] == [second]
    assert f"session {first} cannot be read: its options are damaged" in listed.stderr
    assert "Traceback" not in listed.output
    set_column(second, "state", "[1, 2]")
    resumed = cli("study", "--resume")
    assert resumed.exit_code == 1
    assert resumed.stderr.splitlines() == [
        f"lp-coach: error: session {second} cannot be read: its state is damaged "
        "(not an object: list); it is left as it is"
    ]


def test_a_session_with_keys_from_a_newer_version_is_listed_and_not_resumed(
    cli: Invoke,
) -> None:
    _, second = two_sessions()
    conn = connect()
    options = json.loads(
        conn.execute("SELECT options FROM sessions WHERE id = ?", (second,)).fetchone()[0]
    )
    conn.close()
    set_column(second, "options", json.dumps({**options, "mood": "calm"}))
    set_column(second, "state", json.dumps({"position": 1, "timer_v2": {}}))
    listed = cli("sessions", "list")
    assert listed.exit_code == 0, listed.output
    assert f"session {second} holds settings a newer lp-coach wrote (mood, timer_v2)" in (
        listed.stderr
    )
    resumed = cli("study", "--resume")
    assert resumed.exit_code == 2
    assert len(resumed.stderr.splitlines()) == 1
    assert "saved by a newer lp-coach" in resumed.stderr and "mood" in resumed.stderr
