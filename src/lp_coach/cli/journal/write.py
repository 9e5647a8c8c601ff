"""`lp-coach journal add`, `edit`, `delete`, `star` and `prompt`: writing the journal."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli.journal.common import EntryId, load_library
from lp_coach.cli.options import JsonOption, PrincipleOption

if TYPE_CHECKING:
    from lp_coach.journal.dates import When
    from lp_coach.journal.prompts import Prompt


def add(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TEXT]...",
            help="What to write. Without it: piped stdin, or $EDITOR on a terminal.",
        ),
    ] = None,
    principles: PrincipleOption = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="WHEN",
            help="The day written about: 2026-01-05, yesterday, 'last monday', "
            "'3 days ago', 'yesterday 18:30' (default: now).",
        ),
    ] = None,
    prompt: Annotated[
        bool,
        typer.Option(
            "--prompt", help="Answer today's prompt: it heads the entry and tags its principle."
        ),
    ] = False,
    star: Annotated[bool, typer.Option("--star", help="Star the entry.")] = False,
) -> None:
    """Write an entry: inline, from stdin, or in $EDITOR on today's prompt.

    '#principle-id' in the text tags the entry too, and 'yesterday: ...' at its start
    dates it, as in jrnl. An empty or unchanged scaffold saves nothing.

    Example:  lp-coach journal add -d yesterday "Held my tongue #earn-trust"
    """
    from lp_coach.journal.dates import parse_when

    parsed = parse_when(when) if when is not None else None
    typed = principles or []
    text = " ".join(words) if words else None
    if text is None and not sys.stdin.isatty():
        text = sys.stdin.read()
    if text is None:
        _add_in_editor(typed, parsed, prompt, star)
        return
    answers = None
    if prompt:
        question = _prompt(typed, parsed)
        answers = question.text
        typed = [*typed, question.principle.id]
    _save(text, typed, parsed, star, answers)


def _add_in_editor(typed: list[str], parsed: "When | None", answer: bool, star: bool) -> None:
    from lp_coach.errors import CoachError
    from lp_coach.journal.editor import write_in_editor
    from lp_coach.journal.prompts import scaffold, unchanged, written

    question = _prompt(typed, parsed)
    initial = scaffold(question, answer=answer, tagged=bool(typed))
    draft = write_in_editor(initial, "entry")
    if unchanged(draft.text, initial) or not written(draft.text):
        draft.discard()
        what = "left unchanged" if written(draft.text) else "left empty"
        print(f"Nothing saved: the entry was {what}.", file=sys.stderr)
        raise typer.Exit(1)
    tags = [*typed, question.principle.id] if answer else typed
    words = written(draft.text)
    try:
        _save(words, tags, parsed, star)
    except CoachError as exc:
        from shlex import quote

        then = f"fix them there and save with: lp-coach journal add < {quote(str(draft.path))}"
        raise draft.kept(exc, words, then) from None
    draft.discard()


def _save(
    text: str, typed: list[str], parsed: "When | None", star: bool, answers: str | None = None
) -> None:
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.journal.markdown import heading
    from lp_coach.journal.writing import new_entry
    from lp_coach.store.db import connect

    entry = new_entry(
        text, load_library, principles=typed, when=parsed, starred=star, answers=answers
    )
    with closing(connect()) as conn:
        saved = store.get(conn, store.add(conn, entry))
    print(f"Saved entry {saved.id} · {heading(saved)}")


def _prompt(typed: list[str], parsed: "When | None") -> "Prompt":
    from datetime import date

    from lp_coach.content.lookup import find_principle
    from lp_coach.journal.prompts import prompt_for

    library = load_library()
    chosen = find_principle(library, typed[0]) if typed else None
    return prompt_for(library, parsed.day if parsed else date.today(), chosen)


def edit(
    entry_id: EntryId,
    when: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", metavar="WHEN", help="Move the entry to this day instead of editing."
        ),
    ] = None,
) -> None:
    """Change an entry's words in $EDITOR (or, with --date, its day).

    Its #tags follow the words; principles given with --principle stay.

    Example:  lp-coach journal edit 12
    """
    from contextlib import closing

    from lp_coach.errors import CoachError
    from lp_coach.journal import store
    from lp_coach.journal.editor import write_in_editor
    from lp_coach.journal.markdown import heading, long_when
    from lp_coach.journal.prompts import edit_scaffold, unchanged, written
    from lp_coach.journal.writing import retext
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        entry = store.get(conn, entry_id)
        if when is not None:
            from lp_coach.journal.dates import parse_when

            moved = parse_when(when)
            entry = store.move(conn, entry_id, moved.day.isoformat(), moved.time or entry.time)
            print(f"Moved entry {entry.id} · {heading(entry)}")
            return
        initial = edit_scaffold(entry.id, long_when(entry), entry.principles, entry.text)
        draft = write_in_editor(initial, f"edit-{entry.id}")
        if unchanged(draft.text, initial):
            draft.discard()
            print(f"Entry {entry.id} unchanged.", file=sys.stderr)
            return
        words = written(draft.text)
        try:
            entry = retext(conn, entry.id, words, load_library)
        except CoachError as exc:
            then = f"run `lp-coach journal edit {entry.id}` again to put them back"
            raise draft.kept(exc, words, then) from None
        draft.discard()
    print(f"Saved entry {entry.id} · {heading(entry)}")


def delete(
    entry_id: EntryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete an entry (asks first).

    Example:  lp-coach journal delete 12 --yes
    """
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.journal.markdown import heading
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        entry = store.get(conn, entry_id)
        if not yes:
            first = entry.title if len(entry.title) <= 60 else entry.title[:59] + "…"
            print(f"Entry {entry.id} · {heading(entry)}\n  {first}")
            try:
                confirmed = typer.confirm("Delete it?", default=False)
            except typer.Abort:
                confirmed = False
            if not confirmed:
                print("Nothing deleted.", file=sys.stderr)
                raise typer.Exit(1)
        store.delete(conn, entry_id)
    print(f"Deleted entry {entry_id}.")


def star(
    entry_id: EntryId,
    off: Annotated[bool, typer.Option("--off", help="Unstar it.")] = False,
) -> None:
    """Star an entry (or unstar it with --off); `list --starred` shows the starred.

    Example:  lp-coach journal star 12
    """
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        store.star(conn, entry_id, not off)
    print(f"Entry {entry_id} {'unstarred' if off else 'starred'}.")


def prompt(principles: PrincipleOption = None, as_json: JsonOption = False) -> None:
    """Today's prompt: a principle a day, in turn, and one of its journal prompts.

    Example:  lp-coach journal prompt --principle ownership
    """
    from lp_coach.cli import output

    question = _prompt(principles or [], None)
    if as_json:
        output.print_json(
            {
                "date": question.day.isoformat(),
                "principle": question.principle.id,
                "title": question.principle.title,
                "prompt": question.text,
            }
        )
        return
    print(f"{question.principle.title} ({question.principle.id})")
    print(question.text)
    option = f" --principle {question.principle.id}" if principles else ""
    print(f"Answer it with: lp-coach journal add --prompt{option}", file=sys.stderr)
