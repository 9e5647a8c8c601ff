"""December 2026: card keys, groups, the store's own record, a review's person."""

from __future__ import annotations

import sqlite3

from lp_coach.store.migrations.kit import migration, run_script


@migration
def m006_quiz_card_keys(conn: sqlite3.Connection) -> None:
    """Quiz cards named by the key of their scenario or phrase, not its place; `retired` marks
    a card whose source is gone (its row and reviews stay, and it is never shown or counted)."""
    from lp_coach.store.card_keys import POSITIONAL_KEYS, REMOVED_KEYS

    conn.execute("ALTER TABLE quiz_cards ADD COLUMN retired TEXT")  # ISO time, NULL while live
    for principle, kinds in POSITIONAL_KEYS.items():
        for kind, keys in kinds.items():
            for place, key in enumerate(keys, start=1):
                old, new = f"{principle}:{kind}:{place}", f"{principle}:{kind}:{key}"
                conn.execute("UPDATE quiz_cards SET id = ? WHERE id = ?", (new, old))
                conn.execute("UPDATE quiz_reviews SET card_id = ? WHERE card_id = ?", (new, old))
    for card_id in REMOVED_KEYS:
        conn.execute(
            "UPDATE quiz_cards SET retired = datetime('now') WHERE id = ? AND retired IS NULL",
            (card_id,),
        )


@migration
def m007_groups(conn: sqlite3.Connection) -> None:
    """Named groups, each with its people, pack, plan and sessions; what there was becomes
    the first group (its plan and its sessions; no people, so `study` stays solo)."""
    run_script(
        conn,
        """
        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            people TEXT NOT NULL DEFAULT '[]',  -- JSON list of names, in order
            pack TEXT,                   -- a principles directory, or NULL: the configured packs
            settings TEXT NOT NULL DEFAULT '{}',  -- JSON: the group's own settings
            created TEXT NOT NULL
        );
        INSERT INTO groups (id, name, created) VALUES (1, 'my-group', datetime('now'));
        CREATE TABLE preferences (
            key TEXT PRIMARY KEY,        -- e.g. 'current_group'
            value TEXT NOT NULL
        );
        ALTER TABLE sessions ADD COLUMN group_id INTEGER REFERENCES groups(id);
        UPDATE sessions SET group_id = 1;
        CREATE INDEX sessions_by_group ON sessions(group_id, id);
        CREATE TABLE group_plans (
            group_id INTEGER PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
            start TEXT NOT NULL,         -- ISO date of the first meeting
            cadence TEXT NOT NULL,       -- '1w', '2w', ... every N weeks; or 'monthly'
            skip TEXT NOT NULL DEFAULT '[]',  -- JSON list of ISO dates with no meeting
            principles TEXT NOT NULL     -- JSON list of principle ids, in order
        );
        INSERT INTO group_plans (group_id, start, cadence, principles)
            SELECT 1, start, max(1, every_days / 7) || 'w', principles FROM plan;
        DROP TABLE plan;
        """,
    )


@migration
def m008_store_meta(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        -- What the store says about itself: the lp-coach version that last wrote it
        -- ('written_by') and, encrypted, the private key sealed entries are opened with.
        CREATE TABLE store_meta (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


@migration
def m009_quiz_review_person(conn: sqlite3.Connection) -> None:
    """Review state per card per person: a group's warm-up records each named answer as that
    person's review. The rows so far are the user's own, kept under the unnamed owner ''
    (who is the user, whatever `me` is or becomes: `quiz.owners.owner`)."""
    run_script(
        conn,
        """
        CREATE TABLE quiz_cards_by_person (
            person TEXT NOT NULL DEFAULT '',  -- '' the user; else a group member's name
            id TEXT NOT NULL,
            principle_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            due TEXT NOT NULL,
            created TEXT NOT NULL,
            retired TEXT,
            PRIMARY KEY (person, id)
        );
        INSERT INTO quiz_cards_by_person
            (person, id, principle_id, kind, state, due, created, retired)
            SELECT '', id, principle_id, kind, state, due, created, retired FROM quiz_cards;
        DROP TABLE quiz_cards;
        ALTER TABLE quiz_cards_by_person RENAME TO quiz_cards;
        CREATE INDEX quiz_cards_by_due ON quiz_cards(person, due);
        CREATE INDEX quiz_cards_by_created ON quiz_cards(person, created);
        CREATE INDEX quiz_cards_by_id ON quiz_cards(id);
        ALTER TABLE quiz_reviews ADD COLUMN person TEXT NOT NULL DEFAULT '';
        CREATE INDEX quiz_reviews_by_person ON quiz_reviews(person, card_id);
        """,
    )


@migration
def m010_room_message_ids(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        -- the id a phone gave one message: sent again (its answer lost on the way), it is
        -- stored once. NULL for everything typed at the shared keyboard.
        ALTER TABLE session_entries ADD COLUMN message_id TEXT;
        CREATE UNIQUE INDEX session_entries_by_message
            ON session_entries(session_id, source, message_id) WHERE message_id IS NOT NULL;
        """,
    )


TIMES = (
    ("sessions", "started", "local"),
    ("sessions", "finished", "local"),
    ("session_entries", "created", "local"),
    ("journal_entries", "created", "local"),
    ("journal_entries", "updated", "local"),
    ("stories", "created", "local"),
    ("stories", "updated", "local"),
    ("practice_attempts", "created", "local"),
    ("groups", "created", "utc"),
    ("quiz_cards", "due", "local"),
    ("quiz_cards", "created", "local"),
    ("quiz_cards", "retired", "utc"),
    ("quiz_reviews", "reviewed", "local"),
    ("migrations", "applied", "utc"),
)
"""Every stored time: table, column, and what a time written there without an offset is: UTC
where SQLite's datetime('now') wrote it (m006's retired cards, m007's first group, the
migrations table), else local time (how people write one, in an imported file)."""

STORED = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z"
"""A time already in the stored format (clock.stamp), as a GLOB pattern."""

UNREAD = "times_not_converted"
"""The store_meta row listing the stored times m011 could not read (kept as they were)."""


@migration
def m011_one_time_format(conn: sqlite3.Connection) -> None:
    """Every stored time in the one format (clock.stamp: UTC to the second, a trailing Z), the
    same instant it was: the journal, stories, sessions, practice and groups stored local time
    with its offset. A value that is not a time is kept as it was and listed in store_meta
    (`lp-coach data check` names it); run again, it changes nothing."""
    import json

    unread: list[dict[str, object]] = []
    for table, column, naive in TIMES:
        rows = conn.execute(
            f"SELECT rowid, {column} FROM {table} "
            f"WHERE {column} IS NOT NULL AND {column} NOT GLOB ?",
            (STORED,),
        ).fetchall()
        changed = []
        for rowid, value in rows:
            stamped = _stamped(value, naive)
            if stamped is None:
                unread.append({"table": table, "column": column, "row": rowid, "value": value})
            else:
                changed.append((stamped, rowid))
        conn.executemany(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", changed)
    if unread:
        conn.execute(
            "INSERT INTO store_meta (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (UNREAD, json.dumps(unread, ensure_ascii=False)),
        )


def _stamped(value: object, naive: str) -> str | None:
    """`value` in the stored format, or None when it is not a time."""
    from datetime import UTC, datetime

    from lp_coach.clock import stamp

    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    if moment.tzinfo is None and naive == "utc":
        moment = moment.replace(tzinfo=UTC)
    return stamp(moment)  # a naive moment is read as local time
