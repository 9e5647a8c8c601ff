"""The one rule for who a principle is shown to: everyone, without scripture, or secular.

`--no-scripture` leaves out the readings and every item marked `faith: scripture` (it refers to
a reading). `--secular` also leaves out prayer and every item marked `faith: belief`. The rule
walks the format's declaration, so a marked entry of any list (questions, follow-ups, story
questions, journal prompts) or a marked leader note goes, wherever the model puts it. Study
sessions, guides, `today` and practice all take the principle through here, so a session and
its printed guide pick the same questions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from lp_coach.content.model import Kind, Library, Principle, declared, faith_of

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


@dataclass(frozen=True)
class Audience:
    """Who the content is for: with or without scripture, with or without faith."""

    scripture: bool = True
    secular: bool = False

    @property
    def readings(self) -> bool:
        """Whether scripture passages are read (never in a secular session)."""
        return self.scripture and not self.secular

    def keeps(self, value: object) -> bool:
        """Whether an item with `value`'s faith mark is shown to this audience."""
        mark = faith_of(value)
        if mark == "scripture":
            return self.readings
        if mark == "belief":
            return not self.secular
        return True

    @property
    def everyone(self) -> bool:
        """Nothing is left out."""
        return self.readings


EVERYONE = Audience()
NO_SCRIPTURE = Audience(scripture=False)
SECULAR = Audience(scripture=False, secular=True)


def audience(*, scripture: bool = True, secular: bool = False) -> Audience:
    """The audience a command line asked for (--no-scripture, --secular)."""
    return Audience(scripture=scripture and not secular, secular=secular)


def for_audience(principle: Principle, who: Audience) -> Principle:
    """`principle` as `who` sees it: readings and marked items left out; itself if nothing is."""
    if who.everyone:
        return principle
    trimmed = _trim(principle, who)
    if not who.readings:
        trimmed = replace(trimmed, scripture=())
    return trimmed


def library_for(library: Library, who: Audience) -> Library:
    """Every principle of `library` as `who` sees it."""
    if who.everyone:
        return library
    return Library(tuple(for_audience(p, who) for p in library.principles), library.packs)


def _trim(obj: T, who: Audience) -> T:
    changes: dict[str, Any] = {}
    for attr, _, spec, item, listed in declared(type(obj))[1]:
        value = getattr(obj, attr)
        if item is not None:
            kept = tuple(_trim(entry, who) for entry in value if who.keeps(entry))
            if kept != value or any(a is not b for a, b in zip(kept, value, strict=False)):
                changes[attr] = kept
        elif spec.kind is Kind.NOTES and listed:
            kept = tuple(v for v in value if who.keeps(v))
            if len(kept) != len(value):
                changes[attr] = kept
        elif spec.kind is Kind.NOTE and value is not None and not who.keeps(value):
            changes[attr] = None
    return replace(obj, **changes) if changes else obj
