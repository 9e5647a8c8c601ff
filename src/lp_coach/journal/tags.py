"""Principle tags: `#principle-id` in an entry's text, and jrnl's `@tags` on import."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Sequence

from lp_coach.errors import NotFound

TAG = re.compile(r"(?<![\w&/#@])#(\w[\w-]*)")
"""A hashtag: `#` after a space or punctuation (not inside a word, URL or `C#`)."""

MIN_PREFIX = 4
"""A tag this long or longer that begins exactly one principle id names that principle."""


def hashtags(text: str) -> list[str]:
    """The `#words` in `text`, folded to lower case, in order, without repeats."""
    words = (m.group(1).rstrip("-").casefold() for m in TAG.finditer(text))
    return list(dict.fromkeys(w for w in words if w))


def has_hashtag(text: str) -> bool:
    """Whether `text` has anything that could be a principle tag (cheap: no library needed)."""
    return TAG.search(text) is not None


def principle_tags(text: str, ids: Sequence[str]) -> list[str]:
    """The principle ids `text` tags with `#id` (or a long-enough unique prefix of one).

    A `#word` that is no principle but looks like a typo of one raises NotFound with
    suggestions, so that `#earn-trst` is not quietly kept as plain text. Other hashtags
    (`#1`, `#budget`) are ordinary words.
    """
    found: list[str] = []
    for word in hashtags(text):
        principle = _resolve(word, ids)
        if principle is not None and principle not in found:
            found.append(principle)
    return found


def _resolve(word: str, ids: Sequence[str]) -> str | None:
    if word in ids:
        return word
    starts = [i for i in ids if i.startswith(word)] if len(word) >= MIN_PREFIX else []
    if len(starts) == 1:
        return starts[0]
    close = starts or difflib.get_close_matches(word, list(ids), n=3, cutoff=0.8)
    if close:
        raise NotFound(
            f"#{word} is not a principle; did you mean {' or '.join('#' + c for c in close)}? "
            "(see `lp-coach principles list`)"
        )
    return None


def jrnl_tags(tags: Iterable[str], ids: Collection[str]) -> list[str]:
    """The principle ids among jrnl tags such as '@earn-trust', '#Ownership', '@think_big'."""
    found: list[str] = []
    for tag in tags:
        word = tag.lstrip("@#").casefold().replace("_", "-")
        if word in ids and word not in found:
            found.append(word)
    return found
