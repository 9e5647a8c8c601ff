"""`lp-coach guide`: a facilitator's discussion guide, written as Markdown, HTML or PDF."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up (measured: ~4 ms of a ~60 ms --help).
import sys
from pathlib import Path
from typing import Annotated

import typer

from lp_coach.cli.options import NoScriptureOption, SecularOption
from lp_coach.cli.settings import SETTINGS


def guide(
    principles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PRINCIPLE]...",
            help="Principles by id, title or number; several make a booklet "
            "(default: the plan's next meeting).",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="A booklet of every principle, in order.")
    ] = False,
    plan: Annotated[
        bool, typer.Option("--plan", help="A booklet of the study plan, each meeting dated.")
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|pdf",
            help="What to write (default: from the --out suffix, else md).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="The file to write, a directory to write it in, or '-' for stdout.",
        ),
    ] = None,
    audience: Annotated[
        str,
        typer.Option(
            "--audience",
            metavar="leader|participant",
            help="The leader's copy, or the participants' without leader notes, "
            "follow-ups, timings or preparation.",
        ),
    ] = "leader",
    minutes: Annotated[int, typer.Option(help="Length of the meeting, 40 to 180.")] = 60,
    no_scripture: NoScriptureOption = False,
    secular: SecularOption = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="DIR",
            help="Your own guide*.j2 templates, used in place of the built-in ones.",
        ),
    ] = None,
    paper: Annotated[
        str | None,
        typer.Option(
            "--paper",
            metavar="a4|letter",
            help="Page size for html and pdf (default: the printer's; pdf: a4).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Discussion guides for facilitators: Markdown, HTML or PDF.

    A guide holds the big idea and a key verse, the timed agenda (the same one
    `lp-coach study` runs, minute for minute), an icebreaker, the readings, a story
    with its questions, the discussion questions (grounding, interpretive,
    application), the tension, the action step, closing and prayer, and room for
    notes. The leader's copy adds leader notes, follow-ups, timings and a short
    preparation list; print the participant copy to hand out. Several principles,
    --all or --plan make one booklet with a cover and contents.

    \b
    Where it goes:
      --out FILE      that file (an existing one is replaced)
      --out DIR       a file with the usual name in DIR
      --out -         stdout
      no --out        md and html: stdout when stdout is not a terminal;
                      on a terminal, and for a pdf, the usual name in the
                      current directory, path printed
    The usual name is ID-AUDIENCE-guide.FORMAT, e.g. ownership-leader-guide.md
    (a booklet: all-principles, study-plan or booklet in place of ID).
    PDF needs the optional extra: pip install "lp-coach[pdf]".

    Example:  lp-coach guide ownership --audience participant -o ownership.pdf
    """
    from lp_coach.cli import output
    from lp_coach.guide.service import GuideRequest, make_guide

    request = GuideRequest(
        principles=tuple(principles or ()),
        every=every,
        plan=plan,
        fmt=fmt,
        out=out,
        audience=audience,
        minutes=minutes,
        scripture=not no_scripture,
        secular=secular,
        template=template,
        paper=paper,
        group=SETTINGS.group,
    )
    made = make_guide(request, SETTINGS.principles, to_terminal=output.on_terminal())
    if made.warning:
        print(f"lp-coach: {made.warning}", file=sys.stderr)
    if made.path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(made.data)
        sys.stdout.buffer.flush()
        return
    print(f"wrote {made.path}")


app = typer.Typer(
    help=guide.__doc__,
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(guide)
