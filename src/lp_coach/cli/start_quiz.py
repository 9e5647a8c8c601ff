"""`lp-coach quiz` started from today's screen (Enter), as if it had been typed."""

# No `from __future__ import annotations` in CLI modules; Typer is imported only when used.
import sys


def start_quiz() -> None:
    """Run `lp-coach quiz` as if it had been typed, ending as the app would end it.

    Called from `show` on either path (Typer's or cli/shortcuts.py's), so a click error or abort
    is shown here, as the outer app would show it, rather than left to whichever called.
    """
    import click
    import typer.main

    from lp_coach.cli.quiz import app as quiz_app

    command = typer.main.get_command(quiz_app)
    try:
        code = command.main(args=[], prog_name="lp-coach quiz", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
