"""`lp-coach today` (and `lp-coach` alone on a terminal): the user's day on one screen."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
# Its body, `show`, lives in cli/today_cmd.py, which cli/shortcuts.py runs without Typer.
from typing import Annotated

import typer

from lp_coach.cli.options import JsonOption
from lp_coach.cli.today_cmd import show as show  # also the bare `lp-coach` of cli/app.py

HELP = """Your day: cards due, the next meeting, a prompt, your steps.

One screen: the quiz cards due now (Enter starts the quiz), the group's next meeting
and its principle, today's journal prompt (a principle a day, the ones you know least
in the quiz most often), your journal streak, and your action steps from the last
study session. Through a pipe, or with --json, the same facts as JSON.

--me NAME says whose steps to show in a group session, and is remembered.
--secular leaves out prompts that assume faith (or set secular = true in the config).

Example:  lp-coach today --me Ann
"""

app = typer.Typer(help=HELP, rich_markup_mode=None, add_completion=False)

MeOption = Annotated[
    str | None,
    typer.Option("--me", metavar="NAME", help="Your name in group sessions (remembered)."),
]


SecularOption = Annotated[
    bool, typer.Option("--secular", help="Leave out prompts that assume faith.")
]


@app.command(help=HELP)
def today(me: MeOption = None, as_json: JsonOption = False, secular: SecularOption = False) -> None:
    show(me, as_json, secular)  # the body cli/shortcuts.py runs for the plain forms, without Typer
