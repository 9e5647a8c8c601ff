"""The lp-coach command's one exit point: run the app, and turn a known error into one line.

Typer is imported only when the app runs: most of a command's start-up is Typer's import,
and `journal search` in its plain forms runs without it (cli/shortcuts.py).
"""

import errno
import os
import sys

from lp_coach.cli import shortcuts
from lp_coach.cli.settings import SETTINGS
from lp_coach.errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
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
    from lp_coach.cli.argv import hoist_globals

    SETTINGS.reset()  # a run in the same process (the tests) starts from the defaults too
    _tolerant_stdin()
    argv = hoist_globals(_decoded(sys.argv[1:] if argv is None else argv))
    try:
        if shortcuts.try_run(argv):
            return
        from lp_coach.cli.app import app

        app(args=argv, prog_name="lp-coach")
    except BaseException as exc:
        if _closed_pipe(exc):
            # The reader stopped early (`| head`): it has what it wanted; nothing to say.
            _quiet_stdout()
            sys.exit(0)
        code = _exit_code(exc)
        if code is None or SETTINGS.debug:
            raise
        _report(exc)
        sys.exit(code)


def _decoded(argv: list[str]) -> list[str]:
    """`argv` with bytes that are not UTF-8 (lone surrogates) decoded as far as they go,
    so words, names and queries can be stored and printed; a path that exists as given
    (a file name in another encoding) is kept byte for byte."""
    if all(arg.isascii() for arg in argv):
        return argv  # the usual case, without an import
    from lp_coach.safetext import repaired

    return [arg if repaired(arg) == arg or os.path.lexists(arg) else repaired(arg) for arg in argv]


def _tolerant_stdin() -> None:
    """Let stdin hand bytes that are not UTF-8 on as surrogates, never raise on reading:
    the core decodes what it can (lp_coach.safetext) and says so in one line."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="surrogateescape")
        except (ValueError, OSError):
            pass  # closed, or not a text stream we may change


def _closed_pipe(exc: BaseException) -> bool:
    """Whether `exc` is stdout's reader going away (`lp-coach journal list | head`)."""
    if isinstance(exc, SystemExit):
        # Typer's click turns a closed pipe into exit 1, having wrapped stdout to quiet it
        return exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper"
    return isinstance(exc, OSError) and exc.errno == errno.EPIPE


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit cannot fail a second time."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test's capture): nothing is flushed to a pipe


def _exit_code(exc: BaseException) -> int | None:
    """The exit code for an exception the boundary reports, or None to let it through."""
    if isinstance(exc, CoachError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, OSError):
        return EXIT_FAILURE
    if _too_large(exc):
        return EXIT_USAGE
    sqlite3 = sys.modules.get("sqlite3")  # not imported: not the database's error
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        return EXIT_FAILURE
    engine = sys.modules.get("lp_coach.store.engine")  # SQLCipher's errors are not sqlite3's
    if engine is not None and isinstance(exc, engine.Error):
        return EXIT_FAILURE
    return None


SQLITE_LARGEST = 2**63 - 1
"""The largest whole number SQLite stores: no id is larger, and no count needs to be."""


def _too_large(exc: BaseException) -> bool:
    """Whether `exc` is SQLite refusing a number the user gave (an id or -n of 2**63 or more)."""
    return isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc)


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
    if _too_large(exc):
        message = f"a number given is too large: ids and counts go up to {SQLITE_LARGEST}"
    elif isinstance(exc, OSError):
        message = describe_os_error(exc, "open")
    elif isinstance(exc, CoachError):
        message = str(exc)
    else:
        from lp_coach.data_service import describe_error

        message = describe_error(exc)  # type: ignore[arg-type]  # a damaged store's: its backup
    print(f"lp-coach: error: {message}", file=sys.stderr)
