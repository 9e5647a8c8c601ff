"""The first schema (November 2026): sessions, the journal, the quiz, visibility, the story bank."""

from __future__ import annotations

import sqlite3

from lp_coach.store.migrations.kit import migration, run_script


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
