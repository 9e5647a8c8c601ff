"""What the `journal` commands that write ask of the core: one call each, over the store,
$EDITOR and the packs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from lp_coach import clock
from lp_coach.journal.service import LazyLibrary, Packs, prompt_for_day

if TYPE_CHECKING:
    from lp_coach.dates import When
    from lp_coach.journal.entries import Entry, NewEntry


class SaveStatus(Enum):
    """What happened to an entry written; `lp-coach journal` words each one."""

    SAVED = "saved"
    MOVED = "moved"
    """edit --date"""
    UNCHANGED = "unchanged"
    """an edit saved as it was"""
    SEALED = "sealed"
    """the store is encrypted and locked: it joins the journal at the next unlock"""
    LEFT_UNCHANGED = "left_unchanged"
    """never stored: its scaffold was saved as it was"""
    LEFT_EMPTY = "left_empty"
    """never stored: nothing was written"""
    FUTURE_REFUSED = "future_refused"
    """never stored: dated after today, and that was not meant"""


class Saved(NamedTuple):
    """What came of writing: the entry as stored now, and what happened to it."""

    entry: Entry | None
    """None when nothing was saved."""
    status: SaveStatus


class Imported(NamedTuple):
    """What an import stored, and the principle tags it carried that no pack knows."""

    added: int
    skipped: int
    unknown: tuple[str, ...]


def add(
    text: str | None,
    *,
    piped: TextIO | None = None,
    principles: Sequence[str] = (),
    when: str | None = None,
    prompt: bool = False,
    star: bool = False,
    packs: Packs = (),
    future: Callable[[date], bool] | None = None,
) -> Saved:
    """Store an entry of `text`, or, with `text` None, one written in $EDITOR on today's
    prompt. `prompt`: the prompt heads the entry and tags its principle. A scaffold left
    empty or unchanged saves nothing; words that cannot be saved stay in their draft.
    `piped`: with `text` None, the text is read from it (stdin through a pipe) instead; if
    it is not UTF-8, what could be read is kept in a draft and nothing is saved.
    `future` is asked whether a day after today (`when`) is meant; False saves nothing.
    """
    from lp_coach.dates import parse_when

    if text is None and piped is not None:
        from lp_coach.editor import read_piped

        text = read_piped(piped, "entry", "lp-coach journal add")
    parsed = parse_when(when) if when is not None else None
    if parsed is not None and parsed.day > clock.today() and future and not future(parsed.day):
        return Saved(None, SaveStatus.FUTURE_REFUSED)
    library = LazyLibrary(packs)
    if text is None:
        return _add_in_editor(library, principles, parsed, prompt, star)
    answers = None
    tags = list(principles)
    if prompt:
        question = prompt_for_day(library(), principles, parsed.day if parsed else clock.today())
        answers = question.text
        tags.append(question.principle.id)
    saved = _save(text, tags, parsed, star, library, answers)
    return Saved(saved, SaveStatus.SAVED if saved else SaveStatus.SEALED)


def edit(entry_id: int, *, when: str | None = None, packs: Packs = ()) -> Saved:
    """Change entry `entry_id`'s words in $EDITOR (its #tags follow them), or with `when`
    move it to that day instead. Words that cannot be saved stay in their draft."""
    from contextlib import closing

    from lp_coach.editor import write_in_editor
    from lp_coach.journal import store
    from lp_coach.journal.markdown import long_when
    from lp_coach.journal.prompts import edit_scaffold, unchanged, written
    from lp_coach.journal.writing import retext
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        entry = store.get(conn, entry_id)
        if when is not None:
            from lp_coach.dates import parse_when

            moved = parse_when(when)
            day, time = moved.day.isoformat(), moved.time or entry.time
            return Saved(store.move(conn, entry_id, day, time), SaveStatus.MOVED)
        initial = edit_scaffold(entry.id, long_when(entry), entry.principles, entry.text)
        draft = write_in_editor(initial, f"edit-{entry.id}")
        if unchanged(draft.text, initial):
            draft.discard()
            return Saved(entry, SaveStatus.UNCHANGED)
        words = written(draft.text)
        then = f"run `lp-coach journal edit {entry.id}` again to put them back"
        number = entry.id
        entry = draft.stored(lambda: retext(conn, number, words, LazyLibrary(packs)), then, words)
    return Saved(entry, SaveStatus.SAVED)


def delete(entry_id: int, confirm: Callable[[Entry], bool] | None = None) -> Entry | None:
    """Delete entry `entry_id` once `confirm` (shown the entry) agrees; the entry deleted,
    or None when it was kept."""
    from lp_coach.journal import store
    from lp_coach.store.db import delete_confirmed

    return delete_confirmed(entry_id, store.get, store.delete, confirm)


def star(entry_id: int, starred: bool = True) -> Entry:
    """Star (or unstar) entry `entry_id`."""
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        return store.star(conn, entry_id, starred)


def import_file(path: Path, fmt: str | None = None, packs: Packs = ()) -> Imported:
    """Import the entries of `path` (format told from the file unless given), each once."""
    from contextlib import closing

    from lp_coach.errors import NotFound
    from lp_coach.journal import store
    from lp_coach.journal.importers import detect_format, read_entries
    from lp_coach.store.db import connect

    if not path.exists():
        raise NotFound(f"{path}: no such file")
    fmt = fmt or detect_format(path)
    ids = LazyLibrary(packs)().ids()
    known = frozenset(ids)
    unknown: set[str] = set()

    def checked() -> Iterator[NewEntry]:
        for entry in read_entries(path, fmt, ids):
            if not known.issuperset(entry.principles):
                unknown.update(p for p in entry.principles if p not in known)
            yield entry

    with closing(connect()) as conn:
        added = store.add_many(conn, checked(), normalized=True)  # read_entries' entry_text
    return Imported(added.added, added.skipped, tuple(sorted(unknown)))


def _add_in_editor(
    library: LazyLibrary, principles: Sequence[str], parsed: When | None, answer: bool, star: bool
) -> Saved:
    from shlex import quote

    from lp_coach.editor import write_in_editor
    from lp_coach.journal.prompts import scaffold, unchanged, written

    question = prompt_for_day(library(), principles, parsed.day if parsed else clock.today())
    initial = scaffold(question, answer=answer, tagged=bool(principles))
    draft = write_in_editor(initial, "entry")
    words = written(draft.text)
    if unchanged(draft.text, initial) or not words:
        draft.discard()
        return Saved(None, SaveStatus.LEFT_UNCHANGED if words else SaveStatus.LEFT_EMPTY)
    tags = [*principles, question.principle.id] if answer else list(principles)
    then = f"fix them there and save with: lp-coach journal add < {quote(str(draft.path))}"
    entry = draft.stored(lambda: _save(words, tags, parsed, star, library), then, words)
    return Saved(entry, SaveStatus.SAVED if entry else SaveStatus.SEALED)


def _save(
    text: str,
    principles: Sequence[str],
    parsed: When | None,
    star: bool,
    library: LazyLibrary,
    answers: str | None = None,
) -> Entry | None:
    """The entry stored, or None when it was sealed (an encrypted store, locked)."""
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.journal.writing import new_entry
    from lp_coach.store.db import connect

    entry = new_entry(
        text, library, principles=principles, when=parsed, starred=star, answers=answers
    )
    from lp_coach.store.sealing import seal_if_locked

    if seal_if_locked(entry):
        return None  # sealed: it joins the journal when the store is next unlocked
    with closing(connect()) as conn:
        return store.get(conn, store.add(conn, entry))
