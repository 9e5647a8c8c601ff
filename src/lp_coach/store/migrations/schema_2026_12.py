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
