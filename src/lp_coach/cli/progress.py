"""`lp-coach progress`: mastery per principle, reviews per day, and what falls due this week."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.

from typing import Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import JsonOption
from lp_coach.cli.settings import SETTINGS

HELP = """How well you know each principle, at a glance.

Mastery is the FSRS scheduler's estimate of the chance you would recall each of a
principle's quiz cards right now, averaged over its cards (cards not seen yet count
0). Below it: reviews per day over the last 20 weeks as a calendar, and how many cards
fall due on each of the next 7 days.

With --group NAMES: each principle's mastery for the group (the mean over its people,
someone never quizzed counting 0) and for each person, from the answers they gave in
group warm-ups (and, for you, your own quizzes too).

With --json: an object with total_reviews, and principles (each with id, title,
reviews, mastery from 0 to 1, cards, seen), forecast and days.

Example:  lp-coach progress --json
"""

app = typer.Typer(help=HELP, rich_markup_mode=None, add_completion=False)


@app.command(help=HELP)
def progress(
    as_json: JsonOption = False,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            metavar="NAMES",
            help="A group's mastery, and each person's: --group \"Ann,Ben\" (- for the "
            "group's people: lp-coach group).",
        ),
    ] = None,
) -> None:
    from lp_coach.quiz.service import progress_report

    report = progress_report(SETTINGS.principles, group=group, in_group=SETTINGS.group)
    if as_json:
        output.print_json(report.to_json())
        return
    from lp_coach.cli.faces.progress import group_lines, of_group, personal, plain_lines, rich_view

    mine, theirs = personal(report), of_group(report)
    if mine is None:
        print("\n".join(group_lines(theirs) if theirs is not None else []))
    elif output.on_terminal():
        console = output.console()
        for number, part in enumerate(rich_view(mine)):
            if number:
                console.print()
            console.print(part)
    else:
        print("\n".join(plain_lines(mine)))
