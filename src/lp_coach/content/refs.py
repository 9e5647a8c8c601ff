"""Scripture references: accept the usual abbreviations and check book, chapter and verse."""

from __future__ import annotations

import re
from functools import cache

from lp_coach.content.bible import VERSES

# Short forms in everyday use that are not the start of one book's name alone.
ABBREVIATIONS = {
    "gn": "Genesis",
    "ex": "Exodus",
    "lv": "Leviticus",
    "nu": "Numbers",
    "nm": "Numbers",
    "dt": "Deuteronomy",
    "jos": "Joshua",
    "jg": "Judges",
    "1kgs": "1 Kings",
    "2kgs": "2 Kings",
    "jdg": "Judges",
    "pss": "Psalms",
    "is": "Isaiah",
    "pr": "Proverbs",
    "prv": "Proverbs",
    "ec": "Ecclesiastes",
    "qoh": "Ecclesiastes",
    "songofsolomon": "Song of Songs",
    "canticles": "Song of Songs",
    "sos": "Song of Songs",
    "ezk": "Ezekiel",
    "mt": "Matthew",
    "mk": "Mark",
    "mr": "Mark",
    "lk": "Luke",
    "lu": "Luke",
    "jn": "John",
    "jhn": "John",
    "ac": "Acts",
    "ro": "Romans",
    "rm": "Romans",
    "phil": "Philippians",
    "php": "Philippians",
    "phm": "Philemon",
    "phlm": "Philemon",
    "jas": "James",
    "jm": "James",
    "1jn": "1 John",
    "2jn": "2 John",
    "3jn": "3 John",
    "rev": "Revelation",
}

_SHAPE = re.compile(
    r"""^\s*(?P<book>(?:[1-3]\s*)?[A-Za-z][A-Za-z ]*?)\.?\s*
    (?P<where>\d+(?::\d+)?(?:\s*[-–]\s*\d+(?::\d+)?)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)\s*$""",
    re.VERBOSE,
)
_ORDINALS = re.compile(r"^(iii|ii|i|first|second|third)\s+(?=[a-z])", re.IGNORECASE)
_ORDINAL_NUMBERS = {"i": "1", "first": "1", "ii": "2", "second": "2", "iii": "3", "third": "3"}

EXAMPLE = "write it like 'Proverbs 20:14', 'Pr 20:14' or '1 Cor 13:4-7'"


def ref_problem(ref: str) -> str | None:
    """Why `ref` is not a real book, chapter and verse; None when it is."""
    match = _SHAPE.match(ref)
    if match is None:
        return f"scripture ref {ref!r} is not a reference ({EXAMPLE})"
    if re.search(r"(?<!\d)0+(?!\d)", match["where"]):
        return f"scripture ref {ref!r}: chapters and verses start at 1"
    book = book_title(match["book"])
    if book is None:
        return f"scripture ref {ref!r}: unknown book {match['book'].strip()!r} ({EXAMPLE})"
    if not _exists(book, match["where"]):
        return f"scripture ref {ref!r}: {book} has no such chapter or verse"
    return None


def canonical(ref: str) -> str:
    """The reference with the book's full name, e.g. 'Pr 20:14' -> 'Proverbs 20:14'.

    Used by the tests and benchmarks (to compare references), not by a command.
    """
    match = _SHAPE.match(ref)
    if match is None:
        return ref
    book = book_title(match["book"]) or match["book"].strip()
    return f"{book} {' '.join(match['where'].split())}"


def book_title(written: str) -> str | None:
    """The full name of the book `written` names ('1 Cor', 'II Kings', 'Psalm'), or None.

    A name is the book's title, a known abbreviation, or the start of exactly one title.
    """
    written = _ORDINALS.sub(lambda m: _ORDINAL_NUMBERS[m[1].lower()], written.strip())
    key = re.sub(r"[\s.]", "", written).lower()
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key]
    titles = _titles()
    if key in titles:
        return titles[key]
    starts = {title for name, title in titles.items() if name.startswith(key)}
    letters = key.lstrip("123")
    return starts.pop() if len(starts) == 1 and len(letters) >= 2 else None


@cache
def _titles() -> dict[str, str]:
    return {re.sub(r"\s", "", title).lower(): title for title, _ in VERSES}


@cache
def _verses(book: str) -> tuple[int, ...]:
    """The number of verses in each chapter of `book` (a full title)."""
    return next(tuple(map(int, counts.split())) for title, counts in VERSES if title == book)


def _exists(book: str, where: str) -> bool:
    """Whether every chapter and verse `where` names is in `book`, each range running forward.

    'C', 'C:V', 'C:V-V', 'C:V-C:V', 'C-C', then ', V' or ', V-V' in the last chapter named
    (or ', C' with no verse given). In a book of one chapter a bare number is a verse.
    """
    verses = _verses(book)
    parts = [p.strip() for p in where.split(",")]
    single = len(verses) == 1 and ":" not in where
    chapter: int | None = None  # the chapter the verses that follow belong to
    for part in parts:
        ends = [e.strip() for e in re.split(r"[-–]", part)]
        points: list[tuple[int, int | None]] = []
        for end in ends:
            if ":" in end:
                chapter, verse = (int(n) for n in end.split(":"))
                points.append((chapter, verse))
            elif single:
                points.append((1, int(end)))
            elif chapter is not None:
                points.append((chapter, int(end)))
            else:
                points.append((int(end), None))
        for c, v in points:
            if not 1 <= c <= len(verses) or (v is not None and not 1 <= v <= verses[c - 1]):
                return False
        first, last = ((c, v or 0) for c, v in (points[0], points[-1]))
        if last < first:
            return False
    return True
