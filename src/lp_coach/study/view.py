"""What a face of a study session is shown (View) and answers (Reply): the one interface the
Rich screen, the plain face and the room's face all speak."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from lp_coach.content.model import Principle
from lp_coach.study.sessions import SessionEntry
from lp_coach.study.steps import Step

Action = Literal[
    "next", "back", "skip", "answer", "note", "follow_up", "extend", "pass", "answered", "quit"
]


@dataclass(frozen=True)
class Reply:
    """What the facilitator did on a step."""

    action: Action
    text: str = ""
    speaker: str | None = None
    """Who said an answer, when the facilitator picked them (else whose turn it is)."""
    private: bool = False
    """A note for the leader's copy of the notes only."""


@dataclass(frozen=True)
class View:
    """Everything a face needs to draw one step."""

    session_id: int
    principle: Principle
    step: Step
    index: int
    total: int
    minutes: int
    """This step's timer, extensions included."""
    person: str | None
    """Whose turn it is to speak (None in solo mode or on steps nobody answers)."""
    people: tuple[str, ...]
    follow_ups: tuple[str, ...]
    """The follow-up questions revealed so far."""
    more_follow_ups: bool
    leader: bool
    said: tuple[SessionEntry, ...]
    """What has been said on this step so far."""
    previous_actions: tuple[SessionEntry, ...] = ()
    previous_prayers: tuple[SessionEntry, ...] = ()
    """At the check-in: last time's prayer requests the group may see (`carried`)."""
    answered: frozenset[int] = frozenset()
    """The ids of those marked answered."""
    next_title: str | None = None


class StudyFace(Protocol):
    """A way of running a session in front of people."""

    def show(self, view: View) -> Reply:
        """Present the step and return what the facilitator did."""
        ...

    def close(self) -> None:
        """Give the terminal back (safe to call more than once)."""
        ...
