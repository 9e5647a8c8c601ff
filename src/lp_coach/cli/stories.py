"""`lp-coach stories`: a bank of STAR stories for interviews, tagged by principle."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import (
    BestOption,
    JsonOption,
    PrincipleOption,
    QueryArgument,
    YesOption,
    ask_to_delete,
    say_deleted,
)
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from lp_coach.stories.model import Story

HELP = """A bank of STAR stories for interviews, tagged by principle.

Each story has a title and four parts: Situation, Task, Action, Result. Write it in
$EDITOR (a scaffold lists the principles to tag), with flags, or piped in with
'Title:', 'Principles:' and '## Situation' ... '## Result' lines. `matrix` shows which
principles have no story yet, or only one.

Example:  lp-coach stories add --from-journal 12
"""

app = typer.Typer(help=HELP, rich_markup_mode=None, no_args_is_help=True, add_completion=False)

StoryId = Annotated[int, typer.Argument(metavar="ID", help="The story's number.")]


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
    from lp_coach.stories.service import Given, add

    parts = {"situation": situation, "task": task, "action": action, "result": result}
    given = Given(title, parts, tuple(principles or ()), from_journal)
    piped = None if _editor_wanted() else sys.stdin
    saved = add(given, piped, SETTINGS.principles)
    if saved is None:
        print("Nothing saved: the story was left empty.", file=sys.stderr)
        raise typer.Exit(1)
    _said("Saved", saved)


def _editor_wanted() -> bool:
    """On a terminal a story is written in $EDITOR; otherwise it comes from stdin."""
    return sys.stdin.isatty()


def _said(what: str, story: "Story") -> None:
    from lp_coach.cli.faces.stories import saved_line

    print(saved_line(what, story))


@app.command("list")
def list_(principles: PrincipleOption = None, as_json: JsonOption = False) -> None:
    """List the stories, oldest first, with their principles and missing parts.

    Example:  lp-coach stories list -p ownership
    """
    from lp_coach.stories.service import list_stories

    found = list_stories(principles or (), SETTINGS.principles)
    if as_json:
        output.print_json([s.to_dict() for s in found])
        return
    if not found:
        hint = (
            "No stories match." if principles else "No stories yet. Write one: lp-coach stories add"
        )
        print(hint, file=sys.stderr)
        return
    from lp_coach.cli.faces.stories import print_list

    print_list(found, output.on_terminal())


@app.command()
def show(story_id: StoryId, as_json: JsonOption = False) -> None:
    """Show one story in full.

    Example:  lp-coach stories show 3
    """
    from lp_coach.stories import service

    story = service.show(story_id)
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
    from lp_coach.stories import service

    saved = service.edit(story_id, SETTINGS.principles)
    if saved is None:
        print(f"Story {story_id} unchanged.", file=sys.stderr)
        return
    _said("Saved", saved)


@app.command()
def delete(story_id: StoryId, yes: YesOption = False) -> None:
    """Delete a story (asks first).

    Example:  lp-coach stories delete 3 --yes
    """
    from lp_coach.stories import service

    say_deleted(f"story {story_id}", service.delete(story_id, None if yes else _confirm))


def _confirm(story: "Story") -> bool:
    from lp_coach.cli.faces.stories import saved_line

    return ask_to_delete(saved_line("Story", story))


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
    from lp_coach.stories import service

    text = " ".join(query)
    hits = service.search(text, principles or (), number, SETTINGS.principles)
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
    from lp_coach.stories import service

    made = service.matrix(fmt, out, data=as_json, packs=SETTINGS.principles)
    if as_json:
        output.print_json(made.grid.to_json())
        return
    if made.page is not None:
        sys.stdout.write(made.page)
        return
    if made.path is not None:
        print(f"wrote {made.path}", file=sys.stderr)
        return
    from lp_coach.cli.faces.stories import print_matrix

    print_matrix(made.grid, output.on_terminal())
