"""What the `stories` commands ask of the core: one call each, over the store, $EDITOR and packs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from shlex import quote
from typing import TYPE_CHECKING, NamedTuple, TextIO

from lp_coach.atomic import atomic_output
from lp_coach.editor import write_in_editor
from lp_coach.errors import UsageError
from lp_coach.store.db import connect, delete_confirmed
from lp_coach.stories import store
from lp_coach.stories.export import matrix_html
from lp_coach.stories.matrix import coverage
from lp_coach.stories.search import search as find
from lp_coach.stories.text import read_story, scaffold
from lp_coach.stories.writing import from_flags, read_text, to_draft

if TYPE_CHECKING:
    from lp_coach.content.model import Library
    from lp_coach.stories.matrix import Coverage
    from lp_coach.stories.model import NewStory, Story
    from lp_coach.stories.search import StoryHit
    from lp_coach.stories.text import StoryText

Packs = Sequence[Path]
"""Principle directories laid over the built-in pack (the --principles option)."""


class Given(NamedTuple):
    """What a `stories add` command line gives: flags, and an entry to start from."""

    title: str | None = None
    parts: dict[str, str | None] = {}
    """Situation, task, action and result as given (None: not given)."""
    principles: tuple[str, ...] = ()
    """As typed: id, title or prefix."""
    from_journal: int | None = None

    def flagged(self) -> bool:
        return self.title is not None or any(self.parts.values())


class Matrix(NamedTuple):
    """Principles by stories; as an HTML page when asked for, written to a file or not."""

    grid: Coverage
    page: str | None = None
    """The HTML page, for standard output (None: not HTML, or written to `path`)."""
    path: Path | None = None


def add(given: Given, piped: TextIO | None, packs: Packs = ()) -> Story | None:
    """Store a new story: from the flags, else from `piped` (a story piped in), else written
    in $EDITOR on a STAR scaffold (`piped` None). None when the scaffold was left empty;
    words that cannot be saved stay in their draft."""
    from lp_coach.content.library import open_library

    library = open_library(packs)
    if given.from_journal is not None:
        from lp_coach.journal import store as journal_store
        from lp_coach.store.db import connect
        from lp_coach.stories.writing import from_journal

        with closing(connect()) as conn:
            start = from_journal(journal_store.get(conn, given.from_journal))
        source = f"journal:{given.from_journal}"
        if given.flagged() or piped is not None:
            return _save(_overlay(start, given), library, given.principles, source)
        note = f"From journal entry {given.from_journal}."
        return _add_in_editor(library, given.principles, source, start, note)
    if given.flagged():
        return _save(from_flags(given.title, given.parts, []), library, given.principles, None)
    if piped is not None:
        from lp_coach.editor import read_piped  # not UTF-8: kept in a draft, one line says so

        typed = read_piped(piped, "story", "lp-coach stories add")
        return _save(read_text(typed), library, given.principles, None)
    return _add_in_editor(library, given.principles, None, None, None)


def edit(story_id: int, packs: Packs = ()) -> Story | None:
    """Change story `story_id` in $EDITOR; None when it was saved unchanged. Words that
    cannot be saved stay in their draft."""
    from lp_coach.content.library import open_library

    library = open_library(packs)
    with closing(connect()) as conn:
        story = store.get(conn, story_id)
        initial = scaffold(_titles(library), story)
        draft = write_in_editor(initial, f"story-{story.id}")
        if draft.text == initial:
            draft.discard()
            return None
        then = f"run `lp-coach stories edit {story.id}` again to put them back"

        def save() -> Story:
            changed = _draft(read_story(draft.text), library, (), story.source)
            return store.update(conn, story.id, changed)

        return draft.stored(save, then)


def delete(story_id: int, confirm: Callable[[Story], bool] | None = None) -> Story | None:
    """Delete story `story_id` once `confirm` (shown the story) agrees; the story deleted,
    or None when it was kept."""
    return delete_confirmed(story_id, store.get, store.delete, confirm)


def show(story_id: int) -> Story:
    """Story `story_id`, or NotFound."""
    with closing(connect()) as conn:
        return store.get(conn, story_id)


def list_stories(principles: Sequence[str] = (), packs: Packs = ()) -> list[Story]:
    """The stories tagged with any of `principles` (as typed; none: all), oldest first."""
    ids = _principle_ids(principles, packs)
    with closing(connect()) as conn:
        return list(store.stories(conn, ids))


def search(
    query: str, principles: Sequence[str] = (), limit: int = 20, packs: Packs = ()
) -> list[StoryHit]:
    """The best `limit` stories for `query` (0: all), as `journal search` finds entries."""
    ids = _principle_ids(principles, packs)
    with closing(connect()) as conn:
        return find(conn, query, limit=max(limit, 0), principles=ids)


def matrix(
    fmt: str = "text", out: Path | None = None, *, data: bool = False, packs: Packs = ()
) -> Matrix:
    """Coverage of the principles by the stories; `fmt` html makes it a page, written to
    `out` when given. `data`: the grid only (for --json), no page made or written."""
    from lp_coach.content.library import open_library

    if fmt not in ("text", "html"):
        raise UsageError(f"--format must be text or html, not {fmt!r}")
    library = open_library(packs)
    with closing(connect()) as conn:
        grid = coverage(library, store.stories(conn))
    if data:
        return Matrix(grid)
    if fmt == "text":
        if out is not None:
            raise UsageError("--output is for --format html")
        return Matrix(grid)

    page = matrix_html(grid)
    if out is None:
        return Matrix(grid, page)

    with atomic_output(out) as handle:
        handle.write(page)
    return Matrix(grid, None, out)


def _titles(library: Library) -> list[tuple[str, str]]:
    return [(p.id, p.title) for p in library.principles]


def _principle_ids(principles: Sequence[str], packs: Packs) -> tuple[str, ...]:
    if not principles:
        return ()
    from lp_coach.content.library import open_library

    return open_library(packs).resolve(principles)


def _overlay(start: StoryText, given: Given) -> StoryText:
    parts = {name: (given.parts.get(name) or words) for name, words in start.parts.items()}
    return type(start)(given.title or start.title, parts, start.principles)


def _add_in_editor(
    library: Library,
    typed: Sequence[str],
    source: str | None,
    start: StoryText | None,
    note: str | None,
) -> Story | None:

    given = [*(start.principles if start else []), *typed]
    tags = list(library.resolve(given))
    initial = scaffold(
        _titles(library),
        principles=tags,
        note=note,
        title=start.title if start else "",
        parts=start.parts if start else None,
    )
    draft = write_in_editor(initial, "story")
    written = read_story(draft.text)
    if written.empty() or (start is None and draft.text == initial):
        draft.discard()
        return None
    then = f"fix it there and save with: lp-coach stories add < {quote(str(draft.path))}"
    return draft.stored(lambda: _save(written, library, (), source), then)


def _draft(
    written: StoryText, library: Library, typed: Sequence[str], source: str | None
) -> NewStory:

    return to_draft(written, library, extra=list(typed), source=source)


def _save(written: StoryText, library: Library, typed: Sequence[str], source: str | None) -> Story:

    draft = _draft(written, library, typed, source)
    with closing(connect()) as conn:
        return store.get(conn, store.add(conn, draft))
