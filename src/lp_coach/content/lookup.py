"""Find a principle from what a user typed: its id, its title, or a prefix of either."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from lp_coach.errors import NotFound, UsageError


class Named(Protocol):
    """What a principle is found by (content.model.Principle is one)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def order(self) -> int: ...


P = TypeVar("P", bound=Named, covariant=True)


class Shelf(Protocol[P]):
    """Principles in series order (content.model.Library is one, and asks this module)."""

    @property
    def principles(self) -> Sequence[P]: ...


def find_principle(library: Shelf[P], typed: str) -> P:
    """The one principle `typed` names, or NotFound with suggestions."""
    text = " ".join(typed.split()).casefold()
    if not text:
        raise UsageError("a principle id or title is needed (see `lp-coach principles list`)")
    for principle in library.principles:
        if text in (principle.id, principle.title.casefold(), str(principle.order)):
            return principle
    slug = text.replace(" ", "-")
    starts = [
        p
        for p in library.principles
        if p.id.startswith(slug) or p.title.casefold().startswith(text)
    ]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        names = ", ".join(p.id for p in starts)
        raise NotFound(f"{typed!r} could be any of: {names}")
    choices = {p.id: p for p in library.principles}
    choices.update({p.title.casefold(): p for p in library.principles})
    import difflib  # only when something is misspelled

    close = difflib.get_close_matches(text, list(choices), n=3, cutoff=0.6)
    hint = ""
    if close:
        ids = list(dict.fromkeys(choices[c].id for c in close))
        hint = f"; did you mean {' or '.join(ids)}?"
    raise NotFound(f"no principle {typed!r}{hint} (see `lp-coach principles list`)")
