"""The plain command lines of the commands read most, read from argv and run without Typer.

Importing Typer is most of a command's start-up (~55 of ~75 ms for a search), and a search
is run many times in a row; `today` is the screen of a bare `lp-coach`; `principles list`,
`principles show ID` and `journal list` are what people open to read. So `cli/main.py:run`
asks `try_run` first: the plain command lines below run straight away, and anything else
(help, a mistake, a form not listed) goes to the Typer app, whose commands run the same
bodies (cli/search_cmd.py, cli/today_cmd.py, cli/principles_cmd.py, cli/list_cmd.py).
"""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import os
import sys
from typing import NamedTuple

from lp_coach.cli.search_cmd import BEST, search
from lp_coach.cli.today_cmd import show

COMPLETION_VAR = "_LP_COACH_COMPLETE"
"""Set by a shell asking Typer's click for completions: theirs to answer."""


class TodayArgs(NamedTuple):
    """What a `today` command line (or a bare `lp-coach`) asks for."""

    me: str | None = None
    as_json: bool = False
    bare: bool = False
    """No arguments: today's screen only when stdin and stdout are terminals, else Typer's help."""
    secular: bool = False


class ReadArgs(NamedTuple):
    """`principles list`, `principles show ID` or a bare `journal list`, and --json."""

    command: str
    principle: str | None = None
    as_json: bool = False


class SearchArgs(NamedTuple):
    """What a `journal search` command line asks for."""

    words: list[str]
    principles: list[str]
    number: int = BEST
    as_json: bool = False


def parse(argv: list[str]) -> SearchArgs | TodayArgs | ReadArgs | None:
    """The command `argv` asks for when it is a plain form, else None (Typer's to parse)."""
    return parse_today(argv) or parse_search(argv) or parse_read(argv)


def parse_read(argv: list[str]) -> ReadArgs | None:
    """`principles list [--json]`, `principles show ID [--json]` (ID not starting with '-'),
    `journal list [--json]`; anything more is Typer's."""
    as_json = argv[-1:] == ["--json"]
    words = argv[:-1] if as_json else argv
    if words in (["principles", "list"], ["journal", "list"]):
        return ReadArgs(" ".join(words), None, as_json)
    if len(words) == 3 and words[:2] == ["principles", "show"] and not words[2].startswith("-"):
        return ReadArgs("principles show", words[2], as_json)
    return None


def parse_today(argv: list[str]) -> TodayArgs | None:
    """`today`, then `--json`, `--secular` and `--me NAME` (NAME not starting with '-') once
    each, in any order; or no argument at all. Anything else (help, `--me=NAME`, an option
    given twice or before `today`) is Typer's.
    """
    if not argv:
        return TodayArgs(bare=True)
    if argv[0] != "today":
        return None
    me: str | None = None
    as_json = secular = False
    rest = iter(argv[1:])
    for token in rest:
        if token == "--json" and not as_json:
            as_json = True
        elif token == "--secular" and not secular:
            secular = True
        elif token == "--me" and me is None:
            me = next(rest, "-")
            if me.startswith("-"):
                return None
        else:
            return None
    return TodayArgs(me, as_json, secular=secular)


def parse_search(argv: list[str]) -> SearchArgs | None:
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
    return SearchArgs(words, principles, number, as_json) if words else None


def try_run(argv: list[str] | None) -> bool:
    """Run `argv` here when it is a plain form (a search exits 1 when nothing matched); else
    False."""
    wanted = parse(sys.argv[1:] if argv is None else argv)
    if wanted is None or COMPLETION_VAR in os.environ:
        return False
    if isinstance(wanted, ReadArgs):
        read(wanted)
        sys.stdout.flush()
        return True
    if isinstance(wanted, TodayArgs):
        if wanted.bare and not _both_terminals():
            return False  # through a pipe, a bare `lp-coach` prints Typer's help
        show(wanted.me, wanted.as_json, wanted.secular)
        sys.stdout.flush()
        return True
    # Ctrl-C and a reader that stopped early (`| head`) reach cli/main.py:run, as from Typer.
    code = search(*wanted)
    sys.stdout.flush()
    if code:
        sys.exit(code)
    return True


def read(wanted: ReadArgs) -> None:
    """Run a plain `principles list`, `principles show ID` or `journal list`."""
    if wanted.command == "journal list":
        from lp_coach.cli.list_cmd import list_entries

        list_entries(as_json=wanted.as_json)
        return
    from lp_coach.cli import principles_cmd

    if wanted.principle is None:
        principles_cmd.list_principles(wanted.as_json)
    else:
        principles_cmd.show_principle(wanted.principle, wanted.as_json)


def _both_terminals() -> bool:
    """Whether stdin and stdout are terminals, as a bare `lp-coach` needs to show today."""
    from lp_coach.cli.output import on_terminal

    return on_terminal() and sys.stdin.isatty()
