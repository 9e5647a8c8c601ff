"""Scripture references: accept the usual abbreviations and check book, chapter and verse."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Short forms in everyday use that pythonbible does not recognise on its own.
ABBREVIATIONS = {
    "gn": "Genesis",
    "ex": "Exodus",
    "lv": "Leviticus",
    "nu": "Numbers",
    "nm": "Numbers",
    "dt": "Deuteronomy",
    "jos": "Joshua",
    "jg": "Judges",
    "is": "Isaiah",
    "pr": "Proverbs",
    "prv": "Proverbs",
    "ec": "Ecclesiastes",
    "mt": "Matthew",
    "mk": "Mark",
    "mr": "Mark",
    "lk": "Luke",
    "lu": "Luke",
    "jn": "John",
    "ac": "Acts",
    "ro": "Romans",
    "rm": "Romans",
    "1jn": "1 John",
    "2jn": "2 John",
    "3jn": "3 John",
}

_SHAPE = re.compile(
    r"""^\s*(?P<book>(?:[1-3]\s*)?[A-Za-z][A-Za-z ]*?)\.?\s*
    (?P<where>\d+(?::\d+)?(?:\s*[-–]\s*\d+(?::\d+)?)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)\s*$""",
    re.VERBOSE,
)

EXAMPLE = "write it like 'Proverbs 20:14', 'Pr 20:14' or '1 Cor 13:4-7'"


def ref_problem(ref: str) -> str | None:
    """Why `ref` is not a real book, chapter and verse; None when it is."""
    match = _SHAPE.match(ref)
    if match is None:
        return f"scripture ref {ref!r} is not a reference ({EXAMPLE})"
    if re.search(r"(?<!\d)0+(?!\d)", match["where"]):
        return f"scripture ref {ref!r}: chapters and verses start at 1"
    book = _book(match["book"])
    if not _parse(f"{book} 1"):
        return f"scripture ref {ref!r}: unknown book {match['book'].strip()!r} ({EXAMPLE})"
    if not _parse(f"{book} {match['where']}"):
        return f"scripture ref {ref!r}: {book} has no such chapter or verse"
    return None


def canonical(ref: str) -> str:
    """The reference with the book's full name, e.g. 'Pr 20:14' -> 'Proverbs 20:14'.

    Used by the tests and benchmarks (to compare references), not by a command.
    """
    match = _SHAPE.match(ref)
    if match is None:
        return ref
    return f"{_book(match['book'])} {' '.join(match['where'].split())}"


def _book(written: str) -> str:
    key = re.sub(r"[\s.]", "", written).lower()
    return ABBREVIATIONS.get(key, written.strip())


@cache
def _parse(text: str) -> list[Any]:
    import pythonbible

    try:
        return list(pythonbible.get_references(text))
    except Exception:  # pythonbible raises its own errors for odd input; treat as unparsed
        return []
