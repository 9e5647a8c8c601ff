"""Write and read stories in the SQLite store; every write is one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from lp_coach.errors import NotFound, UsageError
from lp_coach.safetext import printable, repaired
from lp_coach.store.db import now, transaction
from lp_coach.stories.model import STORY_COLUMNS, NewStory, Story, from_row


def add(conn: sqlite3.Connection, draft: NewStory) -> int:
    """Store a new story and return its id; an empty one is refused (nothing is saved)."""
    _check(draft)
    stamp = now()
    with transaction(conn):
        row = conn.execute(
            "INSERT INTO stories (title, situation, task, action, result, created, updated, "
            "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (*_words(draft), stamp, stamp, draft.source),
        ).fetchone()
        story_id: int = row[0]
        _tag(conn, story_id, draft.principles)
    return story_id


def update(conn: sqlite3.Connection, story_id: int, draft: NewStory) -> Story:
    """Replace a story's words and tags (its number and where it came from stay)."""
    if draft.empty():
        raise UsageError(
            f"story {story_id} cannot be empty; to remove it: lp-coach stories delete {story_id}"
        )
    _check(draft)
    with transaction(conn):
        _exists(conn, story_id)
        conn.execute(
            "UPDATE stories SET title = ?, situation = ?, task = ?, action = ?, result = ?, "
            "updated = ? WHERE id = ?",
            (*_words(draft), now(), story_id),
        )
        conn.execute("DELETE FROM story_tags WHERE story_id = ?", (story_id,))
        _tag(conn, story_id, draft.principles)
    return get(conn, story_id)


def get(conn: sqlite3.Connection, story_id: int) -> Story:
    """The story `story_id`, or NotFound."""
    row = conn.execute(f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.id = ?", (story_id,))
    found = row.fetchone()
    if found is None:
        raise NotFound(f"no story {story_id} (see `lp-coach stories list`)")
    return from_row(found)


def stories(conn: sqlite3.Connection, principles: Sequence[str] = ()) -> Iterator[Story]:
    """Every story (tagged with any of `principles`, when given), oldest first."""
    sql = f"SELECT {STORY_COLUMNS} FROM stories s"
    params: list[str] = []
    if principles:
        marks = ", ".join("?" for _ in principles)
        sql += f" WHERE s.id IN (SELECT story_id FROM story_tags WHERE principle_id IN ({marks}))"
        params = list(principles)
    for row in conn.execute(sql + " ORDER BY s.id", params):
        yield from_row(row)


def count(conn: sqlite3.Connection) -> int:
    """How many stories the bank holds."""
    return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])


def tag_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many stories each principle has."""
    rows = conn.execute("SELECT principle_id, count(*) FROM story_tags GROUP BY principle_id")
    return {row[0]: int(row[1]) for row in rows}


def delete(conn: sqlite3.Connection, story_id: int) -> None:
    """Remove a story, its tags and its place in the search index."""
    with transaction(conn):
        _exists(conn, story_id)
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def _check(draft: NewStory) -> None:
    if draft.empty():
        raise UsageError("nothing to save: the story is empty")
    if not draft.title.strip():
        raise UsageError("a story needs a title (the 'Title:' line)")


def _words(draft: NewStory) -> tuple[str, str, str, str, str]:
    """The story's words as stored: decoded, without control sequences a terminal obeys."""
    situation, task, action, result = (
        printable(repaired(part)).strip()
        for part in (draft.situation, draft.task, draft.action, draft.result)
    )
    return " ".join(printable(repaired(draft.title)).split()), situation, task, action, result


def _exists(conn: sqlite3.Connection, story_id: int) -> None:
    if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
        raise NotFound(f"no story {story_id} (see `lp-coach stories list`)")


def _tag(conn: sqlite3.Connection, story_id: int, principles: Iterable[str]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO story_tags (story_id, principle_id) VALUES (?, ?)",
        [(story_id, p) for p in principles],
    )
