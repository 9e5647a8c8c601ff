"""The body of `lp-coach journal search`, without Typer: search, then print the best matches."""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import sys

BEST = 20
"""How many matches a search shows unless -n says (0: every one)."""


def search(words: list[str], principles: list[str], number: int, as_json: bool) -> int:
    """Search the journal and print the best matches; the exit code (1: nothing matched)."""
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.journal import service

    text = " ".join(words)
    found = service.search(text, principles, number, not as_json, SETTINGS.principles)
    results = found.results
    if not results.hits and not as_json:
        print(f"No entries match {text!r}{_hint(found.suggestions, found.prefix)}", file=sys.stderr)
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


def _hint(close: list[str], prefix: str) -> str:
    if close:
        return f"; did you mean {' or '.join(close)}?"
    return f"; a prefix finds more: {prefix.split()[-1]}" if prefix else ""
