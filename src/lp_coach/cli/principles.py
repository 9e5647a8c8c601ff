"""`lp-coach principles`: list, show, validate, schema and new."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up (measured: ~4 ms of a ~60 ms --help).
import sys
from pathlib import Path
from typing import Annotated

import typer

from lp_coach.cli import output, principles_cmd
from lp_coach.cli.options import JsonOption
from lp_coach.cli.settings import SETTINGS

app = typer.Typer(
    help="Browse, check and write principle packs.\n\nExample:  lp-coach principles list",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,  # offered once, at the top: `lp-coach --install-completion`
)


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """List the principles in series order.

    Example:  lp-coach principles list --json
    """
    principles_cmd.list_principles(as_json)


@app.command()
def show(
    principle: Annotated[
        str, typer.Argument(help="An id, a title (any case), an unambiguous prefix, or a number.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one principle in full: statement, scripture, examples, questions.

    Example:  lp-coach principles show customer-obsession
    """
    principles_cmd.show_principle(principle, as_json)


@app.command()
def validate(
    dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[DIR]...", help="Pack directories to check (default: every configured pack)."
        ),
    ] = None,
) -> None:
    """Check packs and list every problem as FILE:LINE: message (exit 1 if any).

    Example:  lp-coach principles validate ~/my-principles
    """
    from lp_coach.content import service

    library, problems, packs, notices = service.validate(dirs or (), SETTINGS.principles)
    for problem in problems:
        print(problem)
    if library is None:
        files = len({p.path for p in problems})
        print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}",
            file=sys.stderr,
        )
        raise typer.Exit(1)
    for line in notices:
        print(line)
    count = len(library.principles)
    used = len(library.packs)  # a standalone pack leaves out the ones before it
    print(
        f"ok: {count} principle{'s' if count != 1 else ''} in {used} pack{'s' if used != 1 else ''}"
    )


@app.command()
def schema(
    pack: Annotated[bool, typer.Option("--pack", help="The schema of pack.yaml instead.")] = False,
) -> None:
    """Print the JSON Schema of a principle file, for your editor.

    Example:  lp-coach principles schema > principle.schema.json
    """
    from lp_coach.content import service

    output.print_json(service.schema(pack))


@app.command()
def new(
    principle_id: Annotated[str, typer.Argument(metavar="ID", help="The new principle's id.")],
    title: Annotated[str | None, typer.Option(help="Its title (default: from the id).")] = None,
    directory: Annotated[
        Path | None,
        typer.Option("--dir", help="The pack to write into (default: your own pack)."),
    ] = None,
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone",
            help="Start a pack of its own: pack.yaml says `standalone: true`, and the "
            "built-in principles are left out wherever the pack is used.",
        ),
    ] = False,
) -> None:
    """Start a new principle from a commented scaffold in your own pack.

    Example:  lp-coach principles new servant-leadership --title "Servant Leadership"
    """
    from lp_coach.content import service

    created = service.new(principle_id, title, directory, SETTINGS.principles, standalone)
    print(f"wrote {created.path}")
    print(f"edit it, then check it with: lp-coach principles validate {created.pack}")
    if created.alone:
        print(f"use it alone with: lp-coach study {principle_id} --principles {created.pack}")
