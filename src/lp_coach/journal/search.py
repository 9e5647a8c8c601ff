"""Full-text search over the journal: best matches first, with highlighted snippets."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from lp_coach.errors import UsageError
from lp_coach.fts import snippet, to_fts
from lp_coach.journal.entries import ENTRY_COLUMNS, Entry, from_row
from lp_coach.journal.listing import Filter, where_clause
from lp_coach.store import engine

SNIPPET = snippet("journal_fts")
RANK = "bm25(journal_fts, 2.0, 1.0), journal_fts.rowid DESC"
"""Best first: bm25 with a match in the first line (the title) counting double; then newest."""


class Hit(NamedTuple):
    """An entry that matched, and the stretch of its text around the match."""

    entry: Entry
    snippet: str


class Results(NamedTuple):
    """The best `hits`, and how many entries matched in all (None when not counted)."""

    hits: list[Hit]
    total: int | None


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int | None = 20,
    which: Filter = Filter(),
    count: bool = True,
) -> Results:
    """Entries matching `query` (words, "phrases", prefix*, OR, -word), best first.

    Case and accents do not matter: the index folds both. `limit` None (or 0) means all.
    """
    match = to_fts(query)
    where, params = where_clause(which)
    where = where.replace("WHERE", "AND", 1)
    source = "journal_fts JOIN journal_entries e ON e.id = journal_fts.rowid"
    try:
        if not limit:
            rows = conn.execute(
                f"SELECT {ENTRY_COLUMNS}, {SNIPPET} AS snippet FROM {source} "
                f"WHERE journal_fts MATCH ? {where} ORDER BY {RANK}",
                [match, *params],
            )
            hits = [Hit(from_row(row), row["snippet"]) for row in rows]
            return Results(hits, len(hits) if count else None)
        # Rank first, then read entries and make snippets for the best few only: with a
        # common word, doing that for every match costs more than the ranking itself.
        ranked = [
            row[0]
            for row in conn.execute(
                f"SELECT journal_fts.rowid FROM {source if where else 'journal_fts'} "
                f"WHERE journal_fts MATCH ? {where} ORDER BY {RANK} LIMIT ?",
                [match, *params, limit],
            )
        ]
        marks = ", ".join("?" for _ in ranked)
        found = {
            row["id"]: Hit(from_row(row), row["snippet"])
            for row in conn.execute(
                f"SELECT {ENTRY_COLUMNS}, {SNIPPET} AS snippet FROM {source} "
                f"WHERE journal_fts MATCH ? AND journal_fts.rowid IN ({marks})",
                [match, *ranked],
            )
        }
        total: int | None = len(ranked)
        if count and len(ranked) == limit:
            total = conn.execute(
                f"SELECT count(*) FROM {source if where else 'journal_fts'} "
                f"WHERE journal_fts MATCH ? {where}",
                [match, *params],
            ).fetchone()[0]
    except engine.OperationalError as exc:
        raise UsageError(f"cannot search for {query!r}: {exc}") from None
    return Results([found[i] for i in ranked if i in found], total if count else None)


def suggestions(conn: sqlite3.Connection, query: str, limit: int = 3) -> list[str]:
    """Words in the journal close to the query's words that it does not hold (for a miss).

    Reads the index's own vocabulary (folded as the index folds: no case, no accents)
    through a temporary fts5vocab table, so the database file is not changed.
    """
    import difflib
    import unicodedata

    from lp_coach.fts import parse_terms

    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.journal_vocab "
        "USING fts5vocab(main, journal_fts, 'row')"
    )
    wanted, _ = parse_terms(query)
    found: list[str] = []
    for term in (t for group in wanted for t in group if not t.prefix and " " not in t.words):
        word = "".join(
            ch
            for ch in unicodedata.normalize("NFKD", term.words.casefold())
            if not unicodedata.combining(ch)
        )
        if not word.isalnum():
            continue
        first = word[0]
        known = [
            row[0]
            for row in conn.execute(
                "SELECT term FROM temp.journal_vocab WHERE term >= ? AND term < ?",
                (first, first + "\U0010ffff"),
            )
        ]
        if word in known:
            continue
        close = difflib.get_close_matches(word, known, n=limit, cutoff=0.75)
        found += [w for w in close if w not in found]
    return found[:limit]
