"""`lp-coach journal add`, `edit`, `delete`, `star` and `prompt`: writing the journal."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli.options import (
    EntryId,
    JsonOption,
    PrincipleOption,
    YesOption,
    ask_to_delete,
    say_deleted,
)
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from datetime import date

    from lp_coach.journal.entries import Entry
    from lp_coach.journal.write_service import SaveStatus


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
    from lp_coach.journal import write_service

    text = " ".join(words) if words else None
    done = write_service.add(
        text,
        piped=sys.stdin if text is None and not sys.stdin.isatty() else None,
        principles=principles or (),
        when=when,
        prompt=prompt,
        star=star,
        packs=SETTINGS.principles,
        future=_future_meant,
    )
    if done.status is write_service.SaveStatus.SEALED:
        print(
            "Sealed: the store is locked, so the entry waits encrypted; it joins the journal "
            "the next time the store is unlocked."
        )
        return
    if done.entry is None:
        print(f"Nothing saved: the entry was {_why_not_saved(done.status)}.", file=sys.stderr)
        raise typer.Exit(1)
    _said("Saved", done.entry)


def _why_not_saved(status: "SaveStatus") -> str:
    """Why `journal add` saved nothing, as 'the entry was ...' ends."""
    from lp_coach.journal.write_service import SaveStatus

    words = {
        SaveStatus.LEFT_EMPTY: "left empty",
        SaveStatus.LEFT_UNCHANGED: "left unchanged",
        SaveStatus.FUTURE_REFUSED: "dated in the future",
    }
    return words[status]


def _future_meant(day: "date") -> bool:
    """Asked when an entry is dated after today: a typo ('next tuesday' for 'last')?"""
    question = f"{day:%a %Y-%m-%d} is in the future. Save the entry for that day?"
    if not sys.stdin.isatty():
        print(f"lp-coach: note: {question.split('.')[0]}; saved for that day.", file=sys.stderr)
        return True
    return typer.confirm(question, default=False)


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
    from lp_coach.journal import write_service

    done = write_service.edit(entry_id, when=when, packs=SETTINGS.principles)
    assert done.entry is not None
    if done.status is write_service.SaveStatus.UNCHANGED:
        print(f"Entry {done.entry.id} unchanged.", file=sys.stderr)
        return
    _said("Moved" if done.status is write_service.SaveStatus.MOVED else "Saved", done.entry)


def delete(entry_id: EntryId, yes: YesOption = False) -> None:
    """Delete an entry (asks first).

    Example:  lp-coach journal delete 12 --yes
    """
    from lp_coach.journal import write_service

    say_deleted(f"entry {entry_id}", write_service.delete(entry_id, None if yes else _confirm))


def _confirm(entry: "Entry") -> bool:
    from lp_coach.cli.faces.journal import entry_line

    first = entry.title if len(entry.title) <= 60 else entry.title[:59] + "…"
    return ask_to_delete(f"{entry_line(entry)}\n  {first}")


def star(
    entry_id: EntryId,
    off: Annotated[bool, typer.Option("--off", help="Unstar it.")] = False,
) -> None:
    """Star an entry (or unstar it with --off); `list --starred` shows the starred.

    Example:  lp-coach journal star 12
    """
    from lp_coach.journal import write_service

    write_service.star(entry_id, not off)
    print(f"Entry {entry_id} {'unstarred' if off else 'starred'}.")


def prompt(principles: PrincipleOption = None, as_json: JsonOption = False) -> None:
    """Today's prompt: a principle a day, in turn, and one of its journal prompts.

    Example:  lp-coach journal prompt --principle ownership
    """
    from lp_coach.cli import output
    from lp_coach.journal import service

    question = service.todays_prompt(principles or (), SETTINGS.principles)
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


def _said(verb: str, entry: "Entry") -> None:
    from lp_coach.cli.faces.journal import entry_line

    print(entry_line(entry, verb))
