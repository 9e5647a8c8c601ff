"""`lp-coach journal search` without Typer: the command itself, and the plain forms run here.

Importing Typer is most of a command's start-up (~55 of ~75 ms for a search), and a search
is run many times in a row. So `cli/main.py:run` asks `try_run` first: the plain command
lines below run the search straight away, and anything else (help, a mistake, a form not
listed) goes to the Typer app, whose `journal search` calls the same `search` here.
"""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import os
import sys
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    pass

BEST = 20
"""How many matches a search shows unless -n says (0: every one)."""
COMPLETION_VAR = "_LP_COACH_COMPLETE"
"""Set by a shell asking Typer's click for completions: theirs to answer."""


class Search(NamedTuple):
    """What a `journal search` command line asks for."""

    words: list[str]
    principles: list[str]
    number: int = BEST
    as_json: bool = False


def parse(argv: list[str]) -> Search | None:
    """The search `argv` asks for when it is a plain form, else None (Typer's to parse).

    Plain: `journal search`, then words, `-n N`, `-p ID`, `--principle ID` and `--json` in
    any order. Not plain: no word, -h/--help, `--`, a word starting with '-', `-n5`,
    `--principle=ID`, a value starting with '-', an option given before `journal`.
    """
    if argv[:2] != ["journal", "search"]:
        return None
    words: list[str] = []
    principles: list[str] = []
    number, as_json = BEST, False
    rest = iter(argv[2:])
    for token in rest:
        if token == "--json":
            as_json = True
        elif token == "-n":
            value = next(rest, "")
            if not (value.isascii() and value.isdigit()):
                return None
            number = int(value)
        elif token in ("-p", "--principle"):
            value = next(rest, "-")
            if value.startswith("-"):
                return None
            principles.append(value)
        elif token.startswith("-"):
            return None
        else:
            words.append(token)
    return Search(words, principles, number, as_json) if words else None


def try_run(argv: list[str] | None) -> bool:
    """Run `argv` here when it is a plain search (exiting 1 when nothing matched); else False."""
    wanted = parse(sys.argv[1:] if argv is None else argv)
    if wanted is None or COMPLETION_VAR in os.environ:
        return False
    # Ctrl-C and a reader that stopped early (`| head`) reach cli/main.py:run, as from Typer.
    code = search(*wanted)
    sys.stdout.flush()
    if code:
        sys.exit(code)
    return True


def search(words: list[str], principles: list[str], number: int, as_json: bool) -> int:
    """Search the journal and print the best matches; the exit code (1: nothing matched)."""
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.journal import service

    text = " ".join(words)
    found = service.search(text, principles, number, not as_json, SETTINGS.principles)
    results = found.results
    if not results.hits and not as_json:
        print(f"No entries match {text!r}{_hint(text, found.suggestions)}", file=sys.stderr)
        return 1
    from lp_coach.cli import output

    if as_json:
        output.print_json([hit.entry.to_dict() for hit in results.hits])
        return 0
    from lp_coach.cli.faces.journal import Printer, print_hits

    print_hits(results, Printer(output.on_terminal()))
    shown = len(results.hits)
    if results.total and results.total > shown:
        print(f"({shown} best of {results.total} matches; -n 0 shows all)", file=sys.stderr)
    return 0


def _hint(query: str, close: list[str]) -> str:
    if close:
        return f"; did you mean {' or '.join(close)}?"
    last = query.split()[-1] if query.split() else ""
    return "" if "*" in query or not last.isalnum() else f"; a prefix finds more: {last}*"
