"""Whose review state a quiz reads and writes: the user's own, or a group member's.

The store keeps review state per card per person. The user's own rows have the unnamed owner
'' (a personal `lp-coach quiz`); in a group, the person named as the user (`me` in config,
set by `lp-coach today --me NAME`) is the same owner, so someone who quizzes alone and in the
group keeps one history.
"""

from __future__ import annotations

from lp_coach.quiz.store import ME

__all__ = ["ME", "owner", "same_name"]


def same_name(a: str, b: str) -> bool:
    """Whether two names are one person's (case and spacing do not count)."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def owner(name: str | None, me: str | None) -> str:
    """The owner whose review state `name` has: ME for the user (None, or the name `me`),
    else the name, its spacing tidied."""
    if name is None or not name.strip() or (me is not None and same_name(name, me)):
        return ME
    return " ".join(name.split())
