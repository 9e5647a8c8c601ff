"""What a face of a study session is shown (View) and answers (Reply): the one interface the
Rich screen, the plain face and the room's face all speak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from lp_coach.content.model import Principle
from lp_coach.study.records import SessionEntry
from lp_coach.study.steps import Step

if TYPE_CHECKING:
    from lp_coach.study.warm_up import WarmUpCard

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
    warm_up: WarmUpCard | None = None
    """On a warm-up step: its card, and the count once taken (study/warm_up.py)."""


class LiveRoom(Protocol):
    """A session's live room for the phones, as the study service runs it (lp_coach.room)."""

    @property
    def url(self) -> str:
        """Where the phones join."""
        ...

    def wrap(self, face: StudyFace) -> StudyFace:
        """`face`, keeping the phones on the step it shows and the screen free of secrets."""
        ...

    def greet(self, face: StudyFace) -> None:
        """Before the first step: what the room shows first (the leader page's link)."""
        ...

    def closing(self, write_up: Callable[[Any], str]) -> Callable[[Any], str]:
        """`write_up` (of a session), once the room has stopped taking messages (so that every
        message a phone was told is saved is in the notes)."""
        ...

    def stop(self, paused: bool = False) -> None:
        """Tell the phones the session is over (or `paused`: they wait for it to come back),
        and stop serving (safe to call twice)."""
        ...


class StudyFace(Protocol):
    """A way of running a session in front of people."""

    def show(self, view: View) -> Reply:
        """Present the step and return what the facilitator did."""
        ...

    def close(self) -> None:
        """Give the terminal back (safe to call more than once)."""
        ...


def finishes(view: View) -> bool:
    """Whether "next" here ends the session (the last step, and its last turn)."""
    if view.index + 1 < view.total:
        return False
    people = view.people
    return not (view.step.per_person and people and view.person not in (None, people[-1]))


def ends(view: View, reply: Reply) -> bool:
    """Whether the engine will stop after this reply: a quit (to be resumed), or "next" or
    "skip" where the session `finishes` (which every face asks about first)."""
    return reply.action == "quit" or (reply.action in ("next", "skip") and finishes(view))
