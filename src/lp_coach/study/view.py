"""What a face of a study session is shown (View) and answers (Reply): the one interface the
Rich screen, the plain face and the room's face all speak."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from lp_coach.content.model import Principle
from lp_coach.study.sessions import SessionEntry
from lp_coach.study.steps import Step

Action = Literal[
    "next",
    "back",
    "skip",
    "answer",
    "note",
    "follow_up",
    "extend",
    "pass",
    "answered",
    "quit",
    "silent",
    "reveal",
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
    at: int | None = field(default=None, compare=False)
    """The step (position) it was pressed on: a move pressed on a step the session has
    already left is dropped, so Enter on the laptop and "next" on the leader page pressed
    together move one step, not two. None: wherever the session is."""
    turn: int | None = field(default=None, compare=False)
    """On a step taken in turns (action steps, prayers): the turn it was pressed on, when
    known; a move pressed on a turn already past is dropped too."""


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
    """What has been said on this step so far, as the shared screen shows it (`visibility`)."""
    previous_actions: tuple[SessionEntry, ...] = ()
    previous_prayers: tuple[SessionEntry, ...] = ()
    """At the check-in: last time's prayer requests the group may see (`carried`)."""
    answered: frozenset[int] = frozenset()
    """The ids of those marked answered."""
    next_title: str | None = None
    silent: bool = False
    """This step is a silent round not revealed yet: its answers are counted, not shown."""
    silent_answered: int = 0
    """In a silent round: how many people have answered so far."""
    revealed: bool = False
    """This step was a silent round, now revealed: its answers appear all together."""
    room_size: int = 0
    """How many phones are in the live room (0 without one)."""
    turn: int = 0
    """The session's turn counter on this step (see `Reply.turn`)."""


class StudyFace(Protocol):
    """A way of running a session in front of people."""

    def show(self, view: View) -> Reply:
        """Present the step and return what the facilitator did."""
        ...

    def close(self) -> None:
        """Give the terminal back (safe to call more than once)."""
        ...
