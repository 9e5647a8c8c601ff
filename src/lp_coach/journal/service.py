"""What the `journal` commands ask of the core: one call each, over the store and the packs.

`journal search` imports this module on every run: the records are NamedTuples and every
other import waits inside the function that needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from lp_coach.content.model import Library
    from lp_coach.journal.dates import When
    from lp_coach.journal.entries import Entry, NewEntry
    from lp_coach.journal.export import Exported
    from lp_coach.journal.listing import Filter
    from lp_coach.journal.prompts import Prompt
    from lp_coach.journal.search import Results
    from lp_coach.journal.stats import Heatmap, Stats

Packs = Sequence[Path]
"""Principle directories laid over the built-in pack (the --principles option)."""


class Written(NamedTuple):
    """What came of writing: the entry as stored now, and what happened to it."""

    entry: Entry | None
    """None when nothing was saved."""
    status: str
    """'saved', 'moved' (edit --date), 'unchanged' (an edit saved as it was), or, for an
    entry never stored, 'left unchanged' or 'left empty' (its scaffold)."""


class Listed(NamedTuple):
    """Entries as a stream, and whether a filter narrowed them."""

    entries: Iterator[Entry]
    narrowed: bool


class Found(NamedTuple):
    """Search results and, when nothing matched, words in the journal close to the query."""

    results: Results
    suggestions: list[str]


class Counted(NamedTuple):
    """The journal in numbers; with `detail`, its calendar and the principles' titles."""

    stats: Stats
    heat: Heatmap | None = None
    titles: dict[str, str] = {}


class Imported(NamedTuple):
    """What an import stored, and the principle tags it carried that no pack knows."""

    added: int
    skipped: int
    unknown: tuple[str, ...]


def add(
    text: str | None,
    *,
    principles: Sequence[str] = (),
    when: str | None = None,
    prompt: bool = False,
    star: bool = False,
    packs: Packs = (),
) -> Written:
    """Store an entry of `text`, or, with `text` None, one written in $EDITOR on today's
    prompt. `prompt`: the prompt heads the entry and tags its principle. A scaffold left
    empty or unchanged saves nothing; words that cannot be saved stay in their draft.
    """
    from lp_coach.journal.dates import parse_when

    parsed = parse_when(when) if when is not None else None
    library = _Library(packs)
    if text is None:
        return _add_in_editor(library, principles, parsed, prompt, star)
    answers = None
    tags = list(principles)
    if prompt:
        question = _prompt_for(library(), principles, parsed.day if parsed else date.today())
        answers = question.text
        tags.append(question.principle.id)
    return Written(_save(text, tags, parsed, star, library, answers), "saved")


def edit(entry_id: int, *, when: str | None = None, packs: Packs = ()) -> Written:
    """Change entry `entry_id`'s words in $EDITOR (its #tags follow them), or with `when`
    move it to that day instead. Words that cannot be saved stay in their draft."""
    from contextlib import closing

    from lp_coach.editor import write_in_editor
    from lp_coach.errors import CoachError
    from lp_coach.journal import store
    from lp_coach.journal.markdown import long_when
    from lp_coach.journal.prompts import edit_scaffold, unchanged, written
    from lp_coach.journal.writing import retext
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        entry = store.get(conn, entry_id)
        if when is not None:
            from lp_coach.journal.dates import parse_when

            moved = parse_when(when)
            day, time = moved.day.isoformat(), moved.time or entry.time
            return Written(store.move(conn, entry_id, day, time), "moved")
        initial = edit_scaffold(entry.id, long_when(entry), entry.principles, entry.text)
        draft = write_in_editor(initial, f"edit-{entry.id}")
        if unchanged(draft.text, initial):
            draft.discard()
            return Written(entry, "unchanged")
        words = written(draft.text)
        try:
            entry = retext(conn, entry.id, words, _Library(packs))
        except CoachError as exc:
            then = f"run `lp-coach journal edit {entry.id}` again to put them back"
            raise draft.kept(exc, words, then) from None
        draft.discard()
    return Written(entry, "saved")


def delete(entry_id: int, confirm: Callable[[Entry], bool] | None = None) -> Entry | None:
    """Delete entry `entry_id` once `confirm` (shown the entry) agrees; the entry deleted,
    or None when it was kept."""
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        entry = store.get(conn, entry_id)
        if confirm is not None and not confirm(entry):
            return None
        store.delete(conn, entry_id)
    return entry


def star(entry_id: int, starred: bool = True) -> Entry:
    """Star (or unstar) entry `entry_id`."""
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        return store.star(conn, entry_id, starred)


def show(entry_id: int) -> Entry:
    """Entry `entry_id`, or NotFound."""
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        return store.get(conn, entry_id)


def todays_prompt(principles: Sequence[str] = (), packs: Packs = ()) -> Prompt:
    """Today's prompt: a principle a day in turn, or the first of `principles`."""
    return _prompt_for(_Library(packs)(), principles, date.today())


def list_entries(
    principles: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    starred: bool = False,
    last: int | None = None,
    packs: Packs = (),
) -> Listed:
    """The entries asked for, oldest first, read one at a time (the filter is checked at once)."""
    from lp_coach.journal.listing import Filter

    which = entry_filter(principles, since, until, starred, last, packs)
    return Listed(_stream(which), which != Filter())


def search(
    query: str,
    principles: Sequence[str] = (),
    limit: int = 20,
    count: bool = True,
    packs: Packs = (),
) -> Found:
    """The best `limit` matches for `query` (0: all), with the total when `count`."""
    from contextlib import closing

    from lp_coach.journal.search import search as find
    from lp_coach.journal.search import suggestions
    from lp_coach.store.db import connect

    which = entry_filter(principles, None, None, False, None, packs)
    with closing(connect()) as conn:
        results = find(conn, query, limit=max(limit, 0), which=which, count=count)
        close = [] if results.hits else suggestions(conn, query)
    return Found(results, close)


def stats(detail: bool = True, packs: Packs = ()) -> Counted:
    """Streaks and counts; with `detail`, a calendar of the last year and principle titles."""
    from contextlib import closing

    from lp_coach.journal.stats import heatmap, journal_stats
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        counted = journal_stats(conn)
    if not detail:
        return Counted(counted)
    titles = {p.id: p.title for p in _Library(packs)().principles}
    return Counted(counted, heatmap(counted.by_day, date.today()), titles)


def export(
    fmt: str,
    out: str | Path | None,
    stdout: TextIO,
    principles: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    packs: Packs = (),
) -> Exported:
    """Export the entries asked for as `fmt` to `out` (None: `stdout`; as typed, a trailing
    slash says a folder), streaming."""
    from contextlib import closing

    from lp_coach.journal.export import export as write
    from lp_coach.store.db import connect

    which = entry_filter(principles, since, until, False, None, packs)
    titles = {p.id: p.title for p in _Library(packs)().principles} if fmt == "html" else {}
    with closing(connect()) as conn:
        return write(conn, fmt, out, stdout, titles=titles, which=which)


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
    ids = _Library(packs)().ids()
    unknown: set[str] = set()

    def checked() -> Iterator[NewEntry]:
        for entry in read_entries(path, fmt, ids):
            unknown.update(p for p in entry.principles if p not in ids)
            yield entry

    with closing(connect()) as conn:
        added = store.add_many(conn, checked())
    return Imported(added.added, added.skipped, tuple(sorted(unknown)))


def entry_filter(
    principles: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    starred: bool = False,
    last: int | None = None,
    packs: Packs = (),
) -> Filter:
    """The filter the options ask for: principles found by id, title or prefix, dates read."""
    from lp_coach.journal.listing import Filter

    ids: tuple[str, ...] = ()
    if principles:
        from lp_coach.content.lookup import find_principle

        library = _Library(packs)()
        ids = tuple(find_principle(library, typed).id for typed in principles)
    first = final = None
    if since or until:
        from lp_coach.journal.dates import parse_day

        first = parse_day(since, option="--since") if since else None
        final = parse_day(until, option="--until") if until else None
    return Filter(principles=ids, since=first, until=final, starred=starred, last=last)


class _Library:
    """The packs' library, opened the first time it is asked for (most writes never need it)."""

    def __init__(self, packs: Packs) -> None:
        self.packs = packs
        self.opened: Library | None = None

    def __call__(self) -> Library:
        if self.opened is None:
            from lp_coach.content.library import open_library

            self.opened = open_library(self.packs)
        return self.opened


def _stream(which: Filter) -> Iterator[Entry]:
    from contextlib import closing

    from lp_coach.journal.listing import entries
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        yield from entries(conn, which)


def _add_in_editor(
    library: _Library, principles: Sequence[str], parsed: When | None, answer: bool, star: bool
) -> Written:
    from shlex import quote

    from lp_coach.editor import write_in_editor
    from lp_coach.errors import CoachError
    from lp_coach.journal.prompts import scaffold, unchanged, written

    question = _prompt_for(library(), principles, parsed.day if parsed else date.today())
    initial = scaffold(question, answer=answer, tagged=bool(principles))
    draft = write_in_editor(initial, "entry")
    words = written(draft.text)
    if unchanged(draft.text, initial) or not words:
        draft.discard()
        return Written(None, "left unchanged" if words else "left empty")
    tags = [*principles, question.principle.id] if answer else list(principles)
    try:
        entry = _save(words, tags, parsed, star, library)
    except CoachError as exc:
        then = f"fix them there and save with: lp-coach journal add < {quote(str(draft.path))}"
        raise draft.kept(exc, words, then) from None
    draft.discard()
    return Written(entry, "saved")


def _save(
    text: str,
    principles: Sequence[str],
    parsed: When | None,
    star: bool,
    library: _Library,
    answers: str | None = None,
) -> Entry:
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.journal.writing import new_entry
    from lp_coach.store.db import connect

    entry = new_entry(
        text, library, principles=principles, when=parsed, starred=star, answers=answers
    )
    with closing(connect()) as conn:
        return store.get(conn, store.add(conn, entry))


def _prompt_for(library: Library, principles: Sequence[str], day: date) -> Prompt:
    from lp_coach.content.lookup import find_principle
    from lp_coach.journal.prompts import prompt_for

    chosen = find_principle(library, principles[0]) if principles else None
    return prompt_for(library, day, chosen)
