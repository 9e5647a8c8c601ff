"""Full-text search over the story bank, with the journal's query language and ranking."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from lp_coach.errors import UsageError
from lp_coach.fts import snippet, to_fts
from lp_coach.store import engine
from lp_coach.stories.model import STORY_COLUMNS, Story, from_row

SNIPPET = snippet("stories_fts")
RANK = "bm25(stories_fts, 2.0, 1.0, 1.0, 1.0, 1.0), stories_fts.rowid DESC"
"""Best first: bm25 with a match in the title counting double; then newest."""


class StoryHit(NamedTuple):
    """A story that matched, and the stretch of its text around the match."""

    story: Story
    snippet: str


def search(
    conn: sqlite3.Connection, query: str, *, limit: int = 20, principles: tuple[str, ...] = ()
) -> list[StoryHit]:
    """Stories matching `query` (words, "phrases", prefix*, OR, -word), best first.

    The same query language as `journal search` (lp_coach/fts.py); `limit` 0 means all.
    """
    match = to_fts(query)
    where = ""
    params: list[object] = [match]
    if principles:
        marks = ", ".join("?" for _ in principles)
        where = f" AND s.id IN (SELECT story_id FROM story_tags WHERE principle_id IN ({marks}))"
        params += principles
    sql = (
        f"SELECT {STORY_COLUMNS}, {SNIPPET} AS snippet "
        "FROM stories_fts JOIN stories s ON s.id = stories_fts.rowid "
        f"WHERE stories_fts MATCH ?{where} ORDER BY {RANK}"
    )
    if limit > 0:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        return [StoryHit(from_row(row), row["snippet"]) for row in conn.execute(sql, params)]
    except engine.OperationalError as exc:
        raise UsageError(f"cannot search for {query!r}: {exc}") from None
