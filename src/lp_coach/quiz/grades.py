"""How well the learner knew a card: the quiz's own four grades (fsrs sees them in schedule.py)."""

from __future__ import annotations

from enum import IntEnum


class Grade(IntEnum):
    """A review's grade, from a miss to knowing it cold; stored as its number (1-4)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """'Again', 'Hard', 'Good' or 'Easy', as the prompts name it."""
        return self.name.capitalize()
