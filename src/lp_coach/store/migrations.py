"""Schema migrations: ordered functions, each applied once (store/schema.py) and recorded."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next migration (order of definition is order of application)."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements inside the current transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:60]}")


@migration
def m001_study_sessions(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            principle_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished')),
            started TEXT NOT NULL,
            finished TEXT,
            options TEXT NOT NULL,       -- JSON: how the session was asked for
            state TEXT NOT NULL,         -- JSON: where it stands (step, turn, timers)
            notes_path TEXT
        );
        CREATE TABLE session_entries (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step TEXT NOT NULL,          -- the agenda step it was said in, e.g. 'discussion-2'
            kind TEXT NOT NULL,          -- answer, note, action, prayer, attendance
            person TEXT,                 -- who said it; NULL when solo or unattributed
            text TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX session_entries_by_session ON session_entries(session_id, id);
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            start TEXT NOT NULL,         -- ISO date of the first meeting
            every_days INTEGER NOT NULL, -- 7 or 14
            principles TEXT NOT NULL     -- JSON list of principle ids, in order
        );
        """,
    )


@migration
def m002_journal(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE journal_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- a deleted entry's number is never reused
            day TEXT NOT NULL,           -- the day the entry is about, YYYY-MM-DD
            time TEXT,                   -- HH:MM when known
            title TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            starred INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,       -- when it was written (ISO timestamp)
            updated TEXT NOT NULL,
            source TEXT,                 -- where it came from: NULL typed, 'jrnl', 'study:12', ...
            fingerprint TEXT UNIQUE      -- imports: the same entry twice is stored once
        );
        CREATE INDEX journal_entries_by_day ON journal_entries(day, id);
        CREATE TABLE journal_tags (
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
            principle_id TEXT NOT NULL,
            PRIMARY KEY (entry_id, principle_id)
        ) WITHOUT ROWID;
        CREATE INDEX journal_tags_by_principle ON journal_tags(principle_id, entry_id);
        CREATE VIRTUAL TABLE journal_fts USING fts5(
            title, body, content='journal_entries', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER journal_entries_ai AFTER INSERT ON journal_entries BEGIN
            INSERT INTO journal_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER journal_entries_ad AFTER DELETE ON journal_entries BEGIN
            INSERT INTO journal_fts(journal_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER journal_entries_au AFTER UPDATE OF title, body ON journal_entries BEGIN
            INSERT INTO journal_fts(journal_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO journal_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        """,
    )


@migration
def m003_quiz(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE quiz_cards (
            id TEXT PRIMARY KEY,         -- stable '<principle>:<kind>:<key>', not from wording
            principle_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,         -- JSON of the scheduler's card
            due TEXT NOT NULL,           -- ISO 8601 UTC
            created TEXT NOT NULL        -- first review, ISO 8601 UTC
        );
        CREATE INDEX quiz_cards_by_due ON quiz_cards(due);
        CREATE INDEX quiz_cards_by_created ON quiz_cards(created);
        CREATE TABLE quiz_reviews (
            id INTEGER PRIMARY KEY,
            card_id TEXT NOT NULL,
            principle_id TEXT NOT NULL,
            rating INTEGER NOT NULL,     -- 1 Again, 2 Hard, 3 Good, 4 Easy
            reviewed TEXT NOT NULL,      -- ISO 8601 UTC
            duration_ms INTEGER,
            cram INTEGER NOT NULL DEFAULT 0  -- practice outside the schedule: logged, not scheduled
        );
        CREATE INDEX quiz_reviews_by_card ON quiz_reviews(card_id, reviewed);
        CREATE INDEX quiz_reviews_by_time ON quiz_reviews(reviewed);
        """,
    )


@migration
def m004_session_entry_visibility(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        -- group: in everyone's notes, attributed; anonymous: in the notes, nobody's name
        -- shown; leader: in the leader's copy only (private notes, leader-only requests).
        ALTER TABLE session_entries ADD COLUMN visibility TEXT NOT NULL DEFAULT 'group'
            CHECK (visibility IN ('group', 'anonymous', 'leader'));
        -- where it came from: NULL typed at the shared keyboard, else e.g. 'room:<client>'.
        ALTER TABLE session_entries ADD COLUMN source TEXT;
        """,
    )


@migration
def m005_story_bank(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- a deleted story's number is never reused
            title TEXT NOT NULL,
            situation TEXT NOT NULL DEFAULT '',
            task TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,       -- ISO timestamp
            updated TEXT NOT NULL,
            source TEXT                  -- NULL typed; 'journal:12' when made from an entry
        );
        CREATE TABLE story_tags (
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            principle_id TEXT NOT NULL,
            PRIMARY KEY (story_id, principle_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_tags_by_principle ON story_tags(principle_id, story_id);
        CREATE VIRTUAL TABLE stories_fts USING fts5(
            title, situation, task, action, result, content='stories', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
            INSERT INTO stories_fts(rowid, title, situation, task, action, result)
            VALUES (new.id, new.title, new.situation, new.task, new.action, new.result);
        END;
        CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN
            INSERT INTO stories_fts(stories_fts, rowid, title, situation, task, action, result)
            VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result);
        END;
        CREATE TRIGGER stories_au AFTER UPDATE OF title, situation, task, action, result
        ON stories BEGIN
            INSERT INTO stories_fts(stories_fts, rowid, title, situation, task, action, result)
            VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result);
            INSERT INTO stories_fts(rowid, title, situation, task, action, result)
            VALUES (new.id, new.title, new.situation, new.task, new.action, new.result);
        END;
        CREATE TABLE practice_attempts (
            id INTEGER PRIMARY KEY,
            principle_id TEXT NOT NULL,
            question TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('typed', 'spoken')),
            answer TEXT NOT NULL DEFAULT '',  -- empty when spoken aloud
            seconds INTEGER,             -- how long the answer took
            limit_seconds INTEGER,       -- the time the user was given (a prompt, not a cut-off)
            checks TEXT NOT NULL,        -- JSON list of {name, passed, reason}
            passed INTEGER NOT NULL,     -- how many checks passed
            total INTEGER NOT NULL,      -- of how many
            created TEXT NOT NULL        -- ISO timestamp
        );
        CREATE INDEX practice_attempts_by_time ON practice_attempts(created);
        """,
    )


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
def m009_room_message_ids(conn: sqlite3.Connection) -> None:
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
