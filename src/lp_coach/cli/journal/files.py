"""`lp-coach journal export` and `import`: the journal out to files, and back in."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
import sys
from pathlib import Path
from typing import Annotated

import typer

from lp_coach.cli.options import PrincipleOption, SinceOption, UntilOption
from lp_coach.cli.settings import SETTINGS


def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="json|md|html", help="What to write.")
    ] = "json",
    out: Annotated[
        str | None,  # as typed: a trailing slash says it is a folder
        typer.Option(
            "--out",
            "-o",
            metavar="FILE|DIR/",
            help="Where (default: stdout). A folder gets journal.json or journal.html; "
            "for md, one file per entry.",
        ),
    ] = None,
    principles: PrincipleOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export entries as JSON, Markdown or a printable HTML page.

    Exports stream, however long the journal. JSON and Markdown import back in.

    Example:  lp-coach journal export --format md --out journal/
    """
    from lp_coach.journal import service

    wanted = service.Wanted(principles or (), since, until)
    done = service.export(fmt, out, sys.stdout, wanted, SETTINGS.principles)
    if done.path is not None:
        plural = "entry" if done.count == 1 else "entries"
        print(f"Exported {done.count} {plural} to {done.path}")


def import_(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The file (or md folder).")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="jrnl|json|md",
            help="jrnl: jrnl's `--format json` export. json, md: lp-coach's own exports. "
            "Default: told from the file.",
        ),
    ] = None,
) -> None:
    """Import entries; an entry already in the journal is not added again.

    From jrnl: `jrnl --format json > jrnl.json`, then import jrnl.json. Its @tags (and
    #tags) that name a principle become principle tags.

    Example:  lp-coach journal import jrnl.json --format jrnl
    """
    from lp_coach.journal import write_service

    added = write_service.import_file(path, fmt, SETTINGS.principles)
    kept = f" ({added.skipped} already there)" if added.skipped else ""
    print(f"Imported {added.added} {'entry' if added.added == 1 else 'entries'}{kept}.")
    if added.unknown:
        print(
            f"note: tagged with principles not in your packs: {', '.join(added.unknown)}",
            file=sys.stderr,
        )
