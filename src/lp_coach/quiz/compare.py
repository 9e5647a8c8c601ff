"""Lenient comparison of typed answers: case, punctuation, quotes and spacing do not count."""

from __future__ import annotations

import difflib
import unicodedata

QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "′": "'"})


def normalize(text: str) -> str:
    """`text` casefolded, without punctuation or quotes, with single spaces between words.

    Apostrophes inside words are dropped rather than split on ("Earth’s" -> "earths"), and
    hyphens and dashes separate words ("long-term" -> "long term").
    """
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    out: list[str] = []
    for char in text:
        if char == "'":
            continue
        category = unicodedata.category(char)
        if category.startswith(("L", "N")):
            out.append(char)
        else:
            out.append(" ")  # punctuation, symbols and spaces all separate words
    return " ".join("".join(out).split())


def same_text(typed: str, official: str) -> bool:
    """Whether `typed` is `official`, leniently."""
    return normalize(typed) == normalize(official)


def closeness(typed: str, official: str) -> float:
    """How alike the typed answer and the official text are, leniently (0 to 1).

    Letter by letter, so one slip in a long word costs little.
    """
    ours, theirs = normalize(typed), normalize(official)
    if not theirs:
        return 1.0 if not ours else 0.0
    return difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()


FAR_BELOW = 0.5
"""A typed answer less alike than this to the official text is far from it."""


def needs_confirming(typed: str, official: str, grade: int) -> bool:
    """Whether a self-grade of Good or Easy (3 or 4) on `typed` is asked about once: the
    typed answer is far from the official text (one word for a sentence, another sentence)."""
    return grade >= 3 and closeness(typed, official) < FAR_BELOW
