"""Full-text search for journal and stories: what a user types as a safe FTS5 query, and the
marks around each match in a snippet."""

from __future__ import annotations

import re
from typing import NamedTuple

from lp_coach.errors import UsageError

MARK_START = "\ue000"
MARK_END = "\ue001"
"""Private-use characters around each match in a snippet, for the face to style."""
SNIPPET_WORDS = 16
"""About how many words of text a snippet shows around a match."""

_TERM = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')


class Term(NamedTuple):
    """One thing to look for: a word or phrase, maybe a prefix, maybe to leave out."""

    words: str
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        quoted = '"' + self.words.replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


def parse_terms(query: str) -> tuple[list[list[Term]], list[Term]]:
    """(groups of terms that must all match, one group OR another; terms to leave out)."""
    groups: list[list[Term]] = [[]]
    unwanted: list[Term] = []
    negate_next = False
    for match in _TERM.finditer(query.replace("\x00", " ")):  # FTS5 ends strings at NUL
        negated, phrase, star, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                groups.append([])
                continue
            if bare == "AND":
                continue
            if bare == "NOT":
                negate_next = True
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            bare = bare[1:] if negated else bare
            star = "*" if bare.endswith("*") else ""
            phrase = bare.rstrip("*")
        if not any(ch.isalnum() for ch in phrase):
            continue
        term = Term(" ".join(phrase.split()), bool(star), bool(negated) or negate_next)
        negate_next = False
        (unwanted if term.negated else groups[-1]).append(term)
    return [g for g in groups if g], unwanted


def to_fts(query: str) -> str:
    """The FTS5 MATCH expression for `query`, or UsageError when nothing is left to find."""
    wanted, unwanted = parse_terms(query)
    if not wanted:
        hint = " (a search needs a word to find, not only words to leave out)" if unwanted else ""
        raise UsageError(f"nothing to search for in {query!r}{hint}")
    expression = " OR ".join("(" + " AND ".join(t.fts() for t in g) + ")" for g in wanted)
    for term in unwanted:
        expression = f"({expression}) NOT {term.fts()}"
    return expression


def snippet(table: str) -> str:
    """The SQL that makes a snippet of `table`'s matching row, its matches marked."""
    return f"snippet({table}, -1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_WORDS})"
