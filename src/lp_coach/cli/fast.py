"""`journal search` and `today` without Typer: the commands themselves, and their plain forms.

Importing Typer is most of a command's start-up (~55 of ~75 ms for a search), and a search
is run many times in a row; `today` is the screen of a bare `lp-coach`. So `cli/main.py:run`
asks `try_run` first: the plain command lines below run straight away, and anything else
(help, a mistake, a form not listed) goes to the Typer app, whose `journal search` and
`today` call the same `search` and `show` here.
"""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import os
import sys
from typing import NamedTuple

BEST = 20
"""How many matches a search shows unless -n says (0: every one)."""
COMPLETION_VAR = "_LP_COACH_COMPLETE"
"""Set by a shell asking Typer's click for completions: theirs to answer."""


class Today(NamedTuple):
    """What a `today` command line (or a bare `lp-coach`) asks for."""

    me: str | None = None
    as_json: bool = False
    bare: bool = False
    """No arguments: today's screen only when stdin and stdout are terminals, else Typer's help."""


class Search(NamedTuple):
    """What a `journal search` command line asks for."""

    words: list[str]
    principles: list[str]
    number: int = BEST
    as_json: bool = False


def parse(argv: list[str]) -> Search | Today | None:
    """The command `argv` asks for when it is a plain form, else None (Typer's to parse)."""
    return parse_today(argv) or parse_search(argv)


def parse_today(argv: list[str]) -> Today | None:
    """`today`, then `--json` and `--me NAME` (NAME not starting with '-') once each, in any
    order; or no argument at all. Anything else (help, `--me=NAME`, an option given twice or
    before `today`) is Typer's.
    """
    if not argv:
        return Today(bare=True)
    if argv[0] != "today":
        return None
    me: str | None = None
    as_json = False
    rest = iter(argv[1:])
    for token in rest:
        if token == "--json" and not as_json:
            as_json = True
        elif token == "--me" and me is None:
            me = next(rest, "-")
            if me.startswith("-"):
                return None
        else:
            return None
    return Today(me, as_json)


def parse_search(argv: list[str]) -> Search | None:
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
    """Run `argv` here when it is a plain form (a search exits 1 when nothing matched); else
    False."""
    wanted = parse(sys.argv[1:] if argv is None else argv)
    if wanted is None or COMPLETION_VAR in os.environ:
        return False
    if isinstance(wanted, Today):
        if wanted.bare and not _both_terminals():
            return False  # through a pipe, a bare `lp-coach` prints Typer's help
        show(wanted.me, wanted.as_json)
        sys.stdout.flush()
        return True
    # Ctrl-C and a reader that stopped early (`| head`) reach cli/main.py:run, as from Typer.
    code = search(*wanted)
    sys.stdout.flush()
    if code:
        sys.exit(code)
    return True


def _both_terminals() -> bool:
    """Whether stdin and stdout are terminals, as a bare `lp-coach` needs to show today."""
    from lp_coach.cli.output import on_terminal

    return on_terminal() and sys.stdin.isatty()


def show(me: str | None = None, as_json: bool = False) -> None:
    """Gather today's facts, then draw them (terminal) or print them as JSON."""
    from lp_coach import today
    from lp_coach.cli import output
    from lp_coach.cli.settings import SETTINGS

    facts = today.facts(me, SETTINGS.principles)
    if as_json or not output.on_terminal():
        output.print_json(facts.to_json())
        return
    from lp_coach.cli.faces.today import draw, wants_quiz

    console = output.console()
    draw(console, facts)
    if sys.stdin.isatty() and (facts.quiz.due or facts.quiz.new) and wants_quiz(console):
        from lp_coach.cli.start_quiz import start_quiz  # Typer, only when the quiz starts

        start_quiz()


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
