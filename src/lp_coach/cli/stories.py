"""`lp-coach stories`: a bank of STAR stories for interviews, tagged by principle."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import BestOption, JsonOption, PrincipleOption, QueryArgument
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from lp_coach.content.model import Library
    from lp_coach.stories.model import Draft
    from lp_coach.stories.text import Written

HELP = """A bank of STAR stories for interviews, tagged by principle.

Each story has a title and four parts: Situation, Task, Action, Result. Write it in
$EDITOR (a scaffold lists the principles to tag), with flags, or piped in with
'Title:', 'Principles:' and '## Situation' ... '## Result' lines. `matrix` shows which
principles have no story yet, or only one.

Example:  lp-coach stories add --from-journal 12
"""

app = typer.Typer(help=HELP, rich_markup_mode=None, no_args_is_help=True, add_completion=False)

StoryId = Annotated[int, typer.Argument(metavar="ID", help="The story's number.")]


def _library() -> "Library":
    from lp_coach.content.library import open_library

    return open_library(SETTINGS.principles)


@app.command()
def add(
    title: Annotated[str | None, typer.Option("--title", "-t", help="The story's title.")] = None,
    situation: Annotated[
        str | None, typer.Option("--situation", "-S", help="Where and when: the context.")
    ] = None,
    task: Annotated[
        str | None, typer.Option("--task", "-T", help="What you had to achieve.")
    ] = None,
    action: Annotated[
        str | None, typer.Option("--action", "-A", help="What you did (say I, not we).")
    ] = None,
    result: Annotated[
        str | None, typer.Option("--result", "-R", help="What came of it, with a number.")
    ] = None,
    principles: PrincipleOption = None,
    from_journal: Annotated[
        int | None,
        typer.Option(
            "--from-journal", metavar="ID", help="Start from this journal entry (and its tags)."
        ),
    ] = None,
) -> None:
    """Add a story: in $EDITOR on a STAR scaffold, with flags, or from stdin.

    An empty story saves nothing; a principle that is not one gets "did you mean".

    Example:  lp-coach stories add -t "Cut the build" -p ownership -R "40% faster"
    """
    from lp_coach.stories.writing import from_flags, read_text

    library = _library()
    typed = principles or []
    source = None
    flags = {"situation": situation, "task": task, "action": action, "result": result}
    if from_journal is not None:
        from contextlib import closing

        from lp_coach.journal import store as journal_store
        from lp_coach.store.db import connect
        from lp_coach.stories.writing import from_journal as entry_story

        with closing(connect()) as conn:
            start = entry_story(journal_store.get(conn, from_journal))
        source = f"journal:{from_journal}"
        if title is not None or any(flags.values()) or not _editor_wanted():
            start = _overlay(start, title, flags)
            _save(start, library, typed, source)
            return
        _add_in_editor(library, typed, source, start, f"From journal entry {from_journal}.")
        return
    if title is not None or any(flags.values()):
        _save(from_flags(title, flags, []), library, typed, source)
        return
    if not _editor_wanted():
        from lp_coach.journal.editor import read_piped

        piped = read_piped(sys.stdin, "story", "lp-coach stories add")
        _save(read_text(piped), library, typed, source)
        return
    _add_in_editor(library, typed, source, None, None)


def _editor_wanted() -> bool:
    """On a terminal a story is written in $EDITOR; otherwise it comes from stdin."""
    return sys.stdin.isatty()


def _overlay(start: "Written", title: str | None, flags: dict[str, str | None]) -> "Written":
    parts = {name: (flags[name] or words) for name, words in start.parts.items()}
    return type(start)(title or start.title, parts, start.principles)


def _add_in_editor(
    library: "Library",
    typed: list[str],
    source: str | None,
    start: "Written | None",
    note: str | None,
) -> None:
    from lp_coach.content.lookup import find_principle
    from lp_coach.errors import CoachError
    from lp_coach.journal.editor import write_in_editor
    from lp_coach.stories.text import read_story, scaffold

    titles = [(p.id, p.title) for p in library.principles]
    given = [*(start.principles if start else []), *typed]
    tags = list(dict.fromkeys(find_principle(library, t).id for t in given))
    initial = scaffold(
        titles,
        principles=tags,
        note=note,
        title=start.title if start else "",
        parts=start.parts if start else None,
    )
    draft = write_in_editor(initial, "story")
    written = read_story(draft.text)
    if written.empty() or (start is None and draft.text == initial):
        draft.discard()
        print("Nothing saved: the story was left empty.", file=sys.stderr)
        raise typer.Exit(1)
    try:
        _save(written, library, [], source)
    except CoachError as exc:
        from shlex import quote

        then = f"fix it there and save with: lp-coach stories add < {quote(str(draft.path))}"
        raise draft.kept(exc, None, then) from None
    draft.discard()


def _draft(written: "Written", library: "Library", typed: list[str], source: str | None) -> "Draft":
    from lp_coach.stories.writing import to_draft

    return to_draft(written, library, extra=typed, source=source)


def _save(written: "Written", library: "Library", typed: list[str], source: str | None) -> None:
    from contextlib import closing

    from lp_coach.store.db import connect
    from lp_coach.stories import store

    draft = _draft(written, library, typed, source)
    with closing(connect()) as conn:
        saved = store.get(conn, store.add(conn, draft))
    from lp_coach.cli.faces.stories import saved_line

    print(saved_line("Saved", saved))


@app.command("list")
def list_(principles: PrincipleOption = None, as_json: JsonOption = False) -> None:
    """List the stories, oldest first, with their principles and missing parts.

    Example:  lp-coach stories list -p ownership
    """
    from contextlib import closing

    from lp_coach.store.db import connect
    from lp_coach.stories import store

    ids = _principle_ids(principles)
    with closing(connect()) as conn:
        found = list(store.stories(conn, ids))
    if as_json:
        output.print_json([s.to_dict() for s in found])
        return
    if not found:
        hint = "No stories match." if ids else "No stories yet. Write one: lp-coach stories add"
        print(hint, file=sys.stderr)
        return
    from lp_coach.cli.faces.stories import print_list

    print_list(found, output.on_terminal())


@app.command()
def show(story_id: StoryId, as_json: JsonOption = False) -> None:
    """Show one story in full.

    Example:  lp-coach stories show 3
    """
    from contextlib import closing

    from lp_coach.store.db import connect
    from lp_coach.stories import store

    with closing(connect()) as conn:
        story = store.get(conn, story_id)
    if as_json:
        output.print_json(story.to_dict())
        return
    from lp_coach.cli.faces.stories import print_story

    print_story(story, output.on_terminal())


@app.command()
def edit(story_id: StoryId) -> None:
    """Change a story in $EDITOR (its title, tags and four parts).

    Example:  lp-coach stories edit 3
    """
    from contextlib import closing

    from lp_coach.errors import CoachError
    from lp_coach.journal.editor import write_in_editor
    from lp_coach.store.db import connect
    from lp_coach.stories import store
    from lp_coach.stories.text import read_story, scaffold

    library = _library()
    with closing(connect()) as conn:
        story = store.get(conn, story_id)
        initial = scaffold([(p.id, p.title) for p in library.principles], story)
        draft = write_in_editor(initial, f"story-{story.id}")
        if draft.text == initial:
            draft.discard()
            print(f"Story {story.id} unchanged.", file=sys.stderr)
            return
        try:
            written = read_story(draft.text)
            saved = store.update(conn, story.id, _draft(written, library, [], story.source))
        except CoachError as exc:
            then = f"run `lp-coach stories edit {story.id}` again to put them back"
            raise draft.kept(exc, None, then) from None
        draft.discard()
    from lp_coach.cli.faces.stories import saved_line

    print(saved_line("Saved", saved))


@app.command()
def delete(
    story_id: StoryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete a story (asks first).

    Example:  lp-coach stories delete 3 --yes
    """
    from contextlib import closing

    from lp_coach.store.db import connect
    from lp_coach.stories import store

    with closing(connect()) as conn:
        story = store.get(conn, story_id)
        if not yes:
            from lp_coach.cli.faces.stories import saved_line

            print(saved_line("Story", story))
            try:
                confirmed = typer.confirm("Delete it?", default=False)
            except typer.Abort:
                confirmed = False
            if not confirmed:
                print("Nothing deleted.", file=sys.stderr)
                raise typer.Exit(1)
        store.delete(conn, story_id)
    print(f"Deleted story {story_id}.")


@app.command()
def search(
    query: QueryArgument,
    principles: PrincipleOption = None,
    number: BestOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Search the stories, as `journal search` searches the journal: best matches first.

    Example:  lp-coach stories search budget "on call"
    """
    from contextlib import closing

    from lp_coach.store.db import connect
    from lp_coach.stories.search import search as find

    text = " ".join(query)
    ids = _principle_ids(principles)
    with closing(connect()) as conn:
        hits = find(conn, text, limit=max(number, 0), principles=ids)
    if as_json:
        output.print_json([hit.story.to_dict() for hit in hits])
        return
    if not hits:
        print(f"No stories match {text!r}.", file=sys.stderr)
        raise typer.Exit(1)
    from lp_coach.cli.faces.stories import print_hits

    print_hits(hits, output.on_terminal())


@app.command()
def matrix(
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text (default) or html.")
    ] = "text",
    out: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write HTML here.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Coverage: principles by stories, the gaps (no story, or only one) highlighted.

    A table on a terminal; --format html for a page to print.

    Example:  lp-coach stories matrix --format html -o stories.html
    """
    from contextlib import closing

    from lp_coach.errors import UsageError
    from lp_coach.store.db import connect
    from lp_coach.stories import store
    from lp_coach.stories.matrix import coverage

    if fmt not in ("text", "html"):
        raise UsageError(f"--format must be text or html, not {fmt!r}")
    library = _library()
    with closing(connect()) as conn:
        grid = coverage(library, store.stories(conn))
    if as_json:
        output.print_json(grid.to_json())
        return
    if fmt == "html":
        from lp_coach.stories.export import matrix_html

        page = matrix_html(grid)
        if out is None:
            sys.stdout.write(page)
            return
        from lp_coach.journal.export import atomic_output

        with atomic_output(out) as handle:
            handle.write(page)
        print(f"wrote {out}", file=sys.stderr)
        return
    if out is not None:
        raise UsageError("--output is for --format html")
    from lp_coach.cli.faces.stories import print_matrix

    print_matrix(grid, output.on_terminal())


def _principle_ids(principles: list[str] | None) -> tuple[str, ...]:
    if not principles:
        return ()
    from lp_coach.content.lookup import find_principle

    library = _library()
    return tuple(dict.fromkeys(find_principle(library, p).id for p in principles))
