"""`lp-coach today` (and `lp-coach` alone on a terminal): the user's day on one screen."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
# This command is timed whole (bench/startup.py): everything heavy is imported inside it.
import sys
from typing import Annotated

import typer

from lp_coach.cli.options import JsonOption
from lp_coach.cli.settings import SETTINGS

HELP = """Your day: cards due, the next meeting, a prompt, your steps.

One screen: the quiz cards due now (Enter starts the quiz), the group's next meeting
and its principle, today's journal prompt (a principle a day, the ones you know least
in the quiz most often), your journal streak, and your action steps from the last
study session. Through a pipe, or with --json, the same facts as JSON.

--me NAME says whose steps to show in a group session, and is remembered.

Example:  lp-coach today --me Ann
"""

app = typer.Typer(help=HELP, rich_markup_mode=None, add_completion=False)

MeOption = Annotated[
    str | None,
    typer.Option("--me", metavar="NAME", help="Your name in group sessions (remembered)."),
]


@app.command(help=HELP)
def today(me: MeOption = None, as_json: JsonOption = False) -> None:
    show(me, as_json)


def show(me: str | None = None, as_json: bool = False) -> None:
    """Gather today's facts, then draw them (terminal) or print them as JSON."""
    from contextlib import closing

    from lp_coach.cli import output
    from lp_coach.config import load_config, remember_me
    from lp_coach.content.library import open_library
    from lp_coach.quiz.clock import SystemClock
    from lp_coach.store.db import connect
    from lp_coach.today import gather

    if me is not None:
        remember_me(me)
    name = " ".join(me.split()) if me else load_config().me
    library = open_library(SETTINGS.principles)
    with closing(connect()) as conn:
        facts = gather(conn, library, SystemClock().now(), name)
    if as_json or not output.on_terminal():
        output.print_json(facts.to_json())
        return
    from lp_coach.cli.faces.today import draw, wants_quiz

    console = output.console()
    draw(console, facts)
    if sys.stdin.isatty() and (facts.quiz.due or facts.quiz.new) and wants_quiz(console):
        _start_quiz()


def _start_quiz() -> None:
    """Run `lp-coach quiz` as if it had been typed."""
    import typer.main

    from lp_coach.cli.quiz import app as quiz_app

    command = typer.main.get_command(quiz_app)
    code = command.main(args=[], prog_name="lp-coach quiz", standalone_mode=False)
    if isinstance(code, int) and code:
        raise typer.Exit(code)
