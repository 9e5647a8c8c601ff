"""Turn what a user wrote into an entry: its day, its principle tags; and re-tag an edit."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime

from lp_coach import clock
from lp_coach.content.model import Library
from lp_coach.dates import When
from lp_coach.errors import CoachError, UsageError
from lp_coach.journal import store
from lp_coach.journal.dates import leading_date
from lp_coach.journal.entries import Entry, NewEntry, normalize
from lp_coach.journal.tags import has_hashtag, principle_tags

LibraryLoader = Callable[[], Library]
"""Opens the principle library; called only when tags have to be checked against it."""


def new_entry(
    text: str,
    load_library: LibraryLoader,
    *,
    principles: Sequence[str] = (),
    when: When | None = None,
    starred: bool = False,
    answers: str | None = None,
    now: datetime | None = None,
) -> NewEntry:
    """The entry for `text`: dated by `when`, a leading 'yesterday:' or now; tagged by
    `principles` (ids, titles or prefixes) and by the `#principle-id`s in the text.
    With `answers`, that prompt is the entry's first line.
    """
    now = now or clock.local_now()
    text = normalize(text)
    if when is None:
        leading = leading_date(text, today=now.date())
        if leading is not None:
            when, text = leading
    if not text:
        raise UsageError("nothing to save: the entry is empty")
    if answers:
        text = f"{normalize(answers)}\n\n{text}"
    day = when.day if when else now.date()
    time = when.time if when else None
    if time is None and day == now.date():
        time = f"{now:%H:%M}"
    tags: list[str] = []
    if principles or has_hashtag(text):
        library = load_library()
        tags = list(library.resolve(principles))
        tags += [t for t in principle_tags(text, library.ids()) if t not in tags]
    return NewEntry(day=day, time=time, text=text, principles=tuple(tags), starred=starred)


def retext(
    conn: sqlite3.Connection, entry_id: int, text: str, load_library: LibraryLoader
) -> Entry:
    """Give an entry new words. Its `#tags` follow the words; tags given another way stay."""
    old = store.get(conn, entry_id)
    text = normalize(text)
    principles = set(old.principles)
    if has_hashtag(old.text) or has_hashtag(text):
        ids = load_library().ids()
        principles -= set(_quiet_tags(old.text, ids))
        principles |= set(principle_tags(text, ids))
    return store.update_text(conn, entry_id, text, sorted(principles))


def _quiet_tags(text: str, ids: Sequence[str]) -> list[str]:
    """The principle tags of text already stored (a typo in it is not the user's to fix now)."""
    try:
        return principle_tags(text, ids)
    except CoachError:
        return [i for i in ids if f"#{i}" in text.casefold()]
