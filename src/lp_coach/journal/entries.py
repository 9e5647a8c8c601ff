"""A journal entry as stored and as written: its text, day, principles, and identity."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, NamedTuple

from lp_coach.clock import shown
from lp_coach.safetext import printable, repaired

# Records here are NamedTuples, not dataclasses: `journal search` imports this module on
# every run, and a frozen dataclass costs about ten times as much to define.


class Entry(NamedTuple):
    """One stored entry. Its text is its title (first line) and body (the rest)."""

    id: int
    day: str
    time: str | None
    title: str
    body: str
    starred: bool
    created: str
    updated: str
    source: str | None
    fingerprint: str | None
    principles: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The whole text, as written."""
        return join_text(self.title, self.body)

    def to_dict(self, *, full: bool = False) -> dict[str, Any]:
        """The entry as JSON: id, date, time, principles, starred, text (and, if full, the rest)."""
        data: dict[str, Any] = {
            "id": self.id,
            "date": self.day,
            "time": self.time,
            "principles": list(self.principles),
            "starred": self.starred,
            "text": self.text,
        }
        if full:
            data.update(
                created=shown(self.created),
                updated=shown(self.updated),
                source=self.source,
                fingerprint=self.fingerprint,
            )
        return data


class NewEntry(NamedTuple):
    """An entry about to be stored: typed, or read from an import."""

    day: date
    text: str
    time: str | None = None
    principles: tuple[str, ...] = ()
    starred: bool = False
    source: str | None = None
    fingerprint: str | None = None
    """Given by an import that carries one; otherwise made from the content."""
    created: str | None = None
    updated: str | None = None


ENTRY_COLUMNS = (
    "e.id, e.day, e.time, e.title, e.body, e.starred, e.created, e.updated, e.source, "
    "e.fingerprint, (SELECT group_concat(principle_id, ' ') FROM journal_tags t "
    "WHERE t.entry_id = e.id) AS principles"
)
"""What to SELECT FROM journal_entries e to build an Entry with `from_row`."""


def from_row(row: sqlite3.Row) -> Entry:
    """An Entry from a row selected with ENTRY_COLUMNS."""
    return Entry(
        id=row["id"],
        day=row["day"],
        time=row["time"],
        title=row["title"],
        body=row["body"],
        starred=bool(row["starred"]),
        created=row["created"],
        updated=row["updated"],
        source=row["source"],
        fingerprint=row["fingerprint"],
        principles=tuple(sorted((row["principles"] or "").split())),
    )


def normalize(text: str) -> str:
    """Text as it is stored: decoded, Unix line ends, no control sequences (a terminal
    would obey them), no surrounding blank space."""
    return printable(repaired(text)).strip()


def split_text(text: str) -> tuple[str, str]:
    """(title, body): the first line, and everything after it."""
    title, _, body = normalize(text).partition("\n")
    return title, body


def join_text(title: str, body: str) -> str:
    """The inverse of split_text."""
    return f"{title}\n{body}" if body else title


def content_fingerprint(day: str, time: str | None, text: str) -> str:
    """What makes two entries the same entry: the day, the time and the words."""
    return normal_fingerprint(day, time, normalize(text))


def normal_fingerprint(day: str, time: str | None, text: str) -> str:
    """content_fingerprint of text normalized already (as stored): normalize it again
    and nothing changes (tests/test_hostile_text.py), so an import does it once."""
    import hashlib  # only writes need it: a few ms kept off `journal search`

    raw = "\x1f".join((day, time or "", text))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]
