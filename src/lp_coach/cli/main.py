"""The lp-coach command's one exit point: run the app, and turn a known error into one line.

Typer is imported only when the app runs: most of a command's start-up is Typer's import,
and `journal search` in its plain forms runs without it (cli/fast.py).
"""

import sys

from lp_coach.cli import fast
from lp_coach.cli.settings import SETTINGS
from lp_coach.errors import CoachError, ContentError


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn a known error into one message and an exit code."""
    try:
        if fast.try_run(argv):
            return
        from lp_coach.cli.app import app

        app(args=argv, prog_name="lp-coach")
    except CoachError as exc:
        if SETTINGS.debug:
            raise
        _report(exc)
        sys.exit(exc.exit_code)


def _report(exc: CoachError) -> None:
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(
            f"lp-coach: error: {count} problem{'s' if count != 1 else ''} in the principle packs "
            "(`lp-coach principles validate` lists them)",
            file=sys.stderr,
        )
        return
    print(f"lp-coach: error: {exc}", file=sys.stderr)
