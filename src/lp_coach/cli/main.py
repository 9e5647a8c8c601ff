"""The lp-coach command's one exit point: run the app, and turn a known error into one line.

Typer is imported only when the app runs: most of a command's start-up is Typer's import,
and `journal search` in its plain forms runs without it (cli/shortcuts.py).
"""

import os
import sys

from lp_coach.cli import shortcuts
from lp_coach.cli.settings import SETTINGS
from lp_coach.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    CoachError,
    ContentError,
    Interrupted,
    describe_os_error,
)


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app; whatever stops it becomes one line on stderr and an exit code.

    lp-coach's own errors (CoachError), the system's (OSError: a disk full, a permission
    denied, a file where a folder should be), the database's (sqlite3.Error) and Ctrl-C
    each end in one line and their exit code (2 usage, 1 failure, 130 Ctrl-C); --debug
    shows the traceback instead.
    """
    SETTINGS.reset()  # a run in the same process (the tests) starts from the defaults too
    try:
        if shortcuts.try_run(argv):
            return
        from lp_coach.cli.app import app

        app(args=argv, prog_name="lp-coach")
    except BrokenPipeError:
        # The reader stopped early (`| head`): nothing to say, and nothing more to flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_FAILURE)
    except BaseException as exc:
        code = _exit_code(exc)
        if code is None or SETTINGS.debug:
            raise
        _report(exc)
        sys.exit(code)


def _exit_code(exc: BaseException) -> int | None:
    """The exit code for an exception the boundary reports, or None to let it through."""
    if isinstance(exc, CoachError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, OSError):
        return EXIT_FAILURE
    sqlite3 = sys.modules.get("sqlite3")  # not imported: not the database's error
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        return EXIT_FAILURE
    return None


def _report(exc: BaseException) -> None:
    if isinstance(exc, (Interrupted, KeyboardInterrupt)):
        said = str(exc) if isinstance(exc, Interrupted) else ""
        start = "\n" if sys.stderr.isatty() else ""  # off the line where the terminal echoed ^C
        print(f"{start}{said or 'lp-coach: interrupted'}", file=sys.stderr)
        return
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
    if isinstance(exc, OSError):
        message = describe_os_error(exc, "open")
    elif isinstance(exc, CoachError):
        message = str(exc)
    else:
        from lp_coach.errors import describe_db_error
        from lp_coach.paths import db_path

        message = describe_db_error(exc, db_path())  # type: ignore[arg-type]
    print(f"lp-coach: error: {message}", file=sys.stderr)
