"""`lp-coach practice`: behavioural interview questions, a countdown, and a stated rubric."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import JsonOption, PrincipleOption, SecularOption, SeedOption
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from lp_coach.cli.faces.practice import TerminalFace
    from lp_coach.practice.plain import PlainPracticeFace

HELP = """Practise behavioural interview questions against a rubric.

Questions come from the principles' interview questions, more often for principles
your story bank covers least. On a terminal a countdown ticks on the bottom row while
you type (the time is a prompt: typing goes on after it). Enter on an empty line
finishes an answer; with --aloud you speak it and rate yourself instead.

The rubric checks what a program can check honestly: all four STAR parts present,
a measurable result (a number, percentage, amount or date), "I" rather than "we", a
length of 80 to 400 words, and the principle's key phrases or ideas touched. It cannot
judge whether the story is true or convincing. Your own stories for the principle are
shown after each answer, and every attempt is kept (`practice history`).

Example:  lp-coach practice -p ownership --count 2 --minutes 3
"""

app = typer.Typer(
    help=HELP, rich_markup_mode=None, invoke_without_command=True, add_completion=False
)


@app.callback()
def practice(
    ctx: typer.Context,
    principles: PrincipleOption = None,
    count: Annotated[
        int, typer.Option("--count", "-n", metavar="N", help="How many questions.")
    ] = 1,
    minutes: Annotated[
        float, typer.Option("--minutes", "-m", metavar="M", help="Time for each answer.")
    ] = 2.0,
    aloud: Annotated[
        bool, typer.Option("--aloud", help="Answer aloud and rate yourself on the rubric.")
    ] = False,
    seed: SeedOption = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain prompts, no clock, even on a terminal.")
    ] = False,
    secular: SecularOption = False,
) -> None:
    """Answer interview questions; feedback on a rubric after each.

    Example:  lp-coach practice --aloud --minutes 2
    """
    if ctx.invoked_subcommand is not None:
        return
    from lp_coach.practice.service import PracticeRequest, run_practice

    request = PracticeRequest(tuple(principles or ()), count, minutes, aloud, seed, secular=secular)
    done = run_practice(request, _face(plain, aloud), SETTINGS.principles)
    if done.scores:
        scores = ", ".join(f"{p}/{t}" for p, t in done.scores)
        print(f"Recorded {len(done.scores)} attempt(s): {scores}. See: lp-coach practice history")
    else:
        print("Nothing recorded.", file=sys.stderr)


@app.command()
def history(
    principles: PrincipleOption = None,
    number: Annotated[
        int | None, typer.Option("-n", metavar="N", help="Only the latest N attempts.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Attempts and their rubric scores over time, with each principle's trend.

    Example:  lp-coach practice history -p ownership
    """
    from lp_coach.practice.service import history as attempts

    found, titles = attempts(principles or (), number, SETTINGS.principles)
    if as_json:
        output.print_json([a.to_dict() for a in found])
        return
    if not found:
        print("No practice yet. Start one: lp-coach practice", file=sys.stderr)
        return
    from lp_coach.cli.faces.practice_history import print_history

    print_history(found, titles, output.on_terminal())


def _face(plain: bool, aloud: bool) -> "TerminalFace | PlainPracticeFace":
    from lp_coach.practice.plain import PlainPracticeFace

    if not plain and sys.stdin.isatty() and output.on_terminal():
        from lp_coach.cli.faces.practice import TerminalFace

        return TerminalFace(output.console(), spoken=aloud)
    return PlainPracticeFace(sys.stdin, sys.stdout, spoken=aloud)
