"""The body of `lp-coach today` (and of a bare `lp-coach` on a terminal), without Typer."""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import sys


def show(me: str | None = None, as_json: bool = False, secular: bool = False) -> None:
    """Gather today's facts, then draw them (terminal) or print them as JSON; `secular` (or
    the config's `secular = true`) leaves out prompts that assume faith."""
    from lp_coach import today
    from lp_coach.cli import output
    from lp_coach.cli.settings import SETTINGS

    facts = today.facts(me, SETTINGS.principles, secular=secular)
    if as_json or not output.on_terminal():
        output.print_json(facts.to_json())
        return
    from lp_coach.cli.faces.today import draw, screen, wants_quiz

    drawn = screen(facts)  # an ordinary terminal: no Rich to import
    console = None
    if drawn is not None:
        sys.stdout.write(drawn)
    else:
        console = output.console()
        draw(console, facts)
    if sys.stdin.isatty() and (facts.quiz.due or facts.quiz.new) and wants_quiz(console):
        from lp_coach.cli.start_quiz import start_quiz  # Typer, only when the quiz starts

        start_quiz()
