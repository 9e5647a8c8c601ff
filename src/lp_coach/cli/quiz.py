"""`lp-coach quiz`: a few minutes a day of questions, scheduled by FSRS; and an Anki export."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli.options import PlainOption, SeedOption
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from lp_coach.cli.faces.quiz import RichFace
    from lp_coach.quiz.plain import PlainQuizFace

HELP = """Quiz yourself on the principles, with spaced repetition.

Due cards come first, then up to 10 new cards a day; the FSRS scheduler (the one Anki
uses) brings each card back when you are about to forget it. Four kinds of card: name
(statement to principle, multiple choice), scenario (situation to principle, multiple
choice, explained after), cloze (type the words missing from a statement) and recall
(type a principle's statement).

Multiple choice: answer with the option's number or name. Wrong is rated Again, right
is Good, and right and fast is Easy: under 8 seconds, or 15 for a scenario. Typed
answers are compared leniently (case, punctuation, quotes and spacing do not count),
then you grade yourself: 1 Again, 2 Hard, 3 Good, 4 Easy. Cards missed come back once
more at the end. Type /quit or press Ctrl-D to stop: every answer is saved as given.

Example:  lp-coach quiz --principle frugality --kind cloze --count 5
"""

app = typer.Typer(
    help=HELP, rich_markup_mode=None, invoke_without_command=True, add_completion=False
)


@app.callback()
def quiz(
    ctx: typer.Context,
    principle: Annotated[
        list[str] | None,
        typer.Option(
            "--principle", "-p", metavar="ID", help="Only this principle (repeatable; id or title)."
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only cards of this kind: name, recall, cloze, scenario (repeatable).",
        ),
    ] = None,
    count: Annotated[
        int, typer.Option("--count", "-n", metavar="N", help="At most N questions.")
    ] = 20,
    cram: Annotated[
        bool,
        typer.Option(
            "--cram", help="Practise now, weakest cards first, without changing the schedule."
        ),
    ] = False,
    seed: SeedOption = None,
    plain: PlainOption = False,
    retention: Annotated[
        float | None,
        typer.Option(
            "--retention",
            metavar="R",
            help="Bring cards back when your chance of recall falls to R (0.7-0.99; "
            "default 0.9); remembered. Higher costs more reviews: see lp-coach progress.",
        ),
    ] = None,
) -> None:
    """Run a quiz: due cards first, then new ones up to today's limit.

    Example:  lp-coach quiz --cram --count 10
    """
    if ctx.invoked_subcommand is not None:
        return
    from lp_coach.quiz.service import QuizRequest, run_quiz

    face = _face(plain)
    request = QuizRequest(
        tuple(principle or ()), tuple(kind or ()), count, cram, seed, retention=retention
    )
    ran = run_quiz(request, face, SETTINGS.principles)
    face.say(ran.lines, title=ran.title)
    if ran.interrupted:
        from lp_coach.errors import Interrupted

        raise Interrupted()  # the summary said what was kept


@app.command()
def export(
    anki: Annotated[
        Path,
        typer.Option("--anki", metavar="FILE.apkg", help="The Anki package to write."),
    ],
) -> None:
    """Write every card as an Anki package, to study in Anki or AnkiDroid.

    Notes are tagged by principle and kind; their ids are stable, so importing a newer
    export updates the notes already in Anki instead of adding copies.

    Example:  lp-coach quiz export --anki principles.apkg
    """
    from lp_coach.quiz.service import export_anki

    count = export_anki(anki, SETTINGS.principles)
    print(f"wrote {anki} ({count} notes)")


def _face(plain: bool) -> "PlainQuizFace | RichFace":
    from lp_coach.cli import output

    if not plain and sys.stdin.isatty() and output.on_terminal():
        from lp_coach.cli.faces.quiz import RichFace

        return RichFace(output.console())
    from lp_coach.quiz.plain import PlainQuizFace

    return PlainQuizFace(sys.stdin, sys.stdout)
