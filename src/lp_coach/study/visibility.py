"""Who sees what: the one rule for every entry of a session and every place that shows entries.

An entry has a kind (answer, action, prayer, note, follow_up, attendance), a visibility (GROUP,
ANONYMOUS, LEADER), an author, and a source (typed at the laptop, or `room:...` from a phone).
Every place that shows entries asks `shown` (or one of the helpers built on it) for its audience
and filters nothing on its own:

| audience      | group entry | anonymous entry   | leader-only entry                           |
|---------------|-------------|-------------------|---------------------------------------------|
| SCREEN        | as said     | "Anonymous"       | a phone's prayer request: one counted line  |
|               |             |                   | with no name; a private note: nothing       |
| PHONES        | as said     | "Anonymous"       | nothing                                     |
| LEADER_PAGE   | as said     | no name           | as said (the leader's inbox, private notes) |
| GROUP_NOTES   | as said     | no name           | nothing                                     |
| LEADER_NOTES  | as said     | no name           | as said, marked "for the leader only"       |
| CHECK_IN      | action steps and prayer requests, no anonymous name; never a leader-only |
|               | one (those reach the leader alone: the leader's copy of the notes)      |
| TODAY         | action steps only, no anonymous name; never a leader-only one (text, JSON) |

A warm-up answer from a phone (kind warm_up_answer) is shown to nobody: it is counted, and
the count (kind warm_up, no one's name) is what the notes show, and the screen and the phones
with its card;
a named answer also becomes that person's quiz review, which only `progress` sums up.

Follow-up questions are shown with their question on the screen and the phones (never as
something said), and so is a prayer request marked answered (kind "answered", beside last
time's requests at the check-in); the notes and the leader page list them where they were
asked. `sessions show` and every export print the group's notes, so they get GROUP_NOTES.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from lp_coach.study.records import ANONYMOUS, GROUP, LEADER, SessionEntry

Audience = Literal[
    "screen", "phones", "leader_page", "group_notes", "leader_notes", "check_in", "today"
]
SCREEN: Audience = "screen"
PHONES: Audience = "phones"
LEADER_PAGE: Audience = "leader_page"
GROUP_NOTES: Audience = "group_notes"
LEADER_NOTES: Audience = "leader_notes"
CHECK_IN: Audience = "check_in"
TODAY: Audience = "today"
AUDIENCES: tuple[Audience, ...] = (
    SCREEN,
    PHONES,
    LEADER_PAGE,
    GROUP_NOTES,
    LEADER_NOTES,
    CHECK_IN,
    TODAY,
)
VISIBILITIES = (GROUP, ANONYMOUS, LEADER)

WARM_UP = "warm_up"
"""The kind of a warm-up card's count (and what a warm-up step collects): how many were
right, the group's figure (study/warm_up.py)."""
WARM_UP_ANSWER = "warm_up_answer"
"""The kind of a phone's answer to a warm-up card: counted at the reveal, never shown, kept
so that an answer the phone was told is in is never lost."""

ANONYMOUS_NAME = "Anonymous"
"""How the shared screen and the phones name an anonymous entry's author."""
FOR_LEADER = "for_leader"
"""The kind of the shared screen's one line standing for the leader-only prayer requests."""
PHONE = "room:"
"""The start of an entry's source when it came from a phone."""

_LEADER_SEES = (LEADER_PAGE, LEADER_NOTES)
_CARRIED: dict[Audience, tuple[str, ...]] = {CHECK_IN: ("action", "prayer"), TODAY: ("action",)}
"""What is brought back from the last meeting: its action steps, and (at the check-in) its
prayer requests, so the group can ask how they went."""
_ROOM_SEES = (SCREEN, PHONES)


def from_phone(entry: SessionEntry) -> bool:
    """Whether `entry` was sent from a phone (else it was typed at the laptop)."""
    return (entry.source or "").startswith(PHONE)


def leader_only(entry: SessionEntry) -> bool:
    """Whether only the leader may ever read `entry` (a private note, a request for the leader)."""
    return entry.visibility not in (GROUP, ANONYMOUS)


def shown(entry: SessionEntry, audience: Audience) -> SessionEntry | None:
    """`entry` as `audience` gets it (its author masked where need be), or None: not at all.

    Anything this rule does not know (a visibility or an audience added later) is shown to
    the leader only: a new kind of entry can never leak by default.
    """
    if entry.kind == WARM_UP_ANSWER:
        return None  # counted, never shown: who answered what stays with the quiz history
    if audience in _CARRIED and entry.kind not in _CARRIED[audience]:
        return None
    if audience in _ROOM_SEES and entry.kind in ("follow_up", "answered", WARM_UP):
        return None  # shown with its question (its request, its card), not as something said
    if leader_only(entry):
        return entry if audience in _LEADER_SEES else None
    if entry.visibility == ANONYMOUS:
        name = ANONYMOUS_NAME if audience in _ROOM_SEES else None
        return entry._replace(person=name)
    if audience in AUDIENCES:
        return entry
    return None


def visible(entries: Iterable[SessionEntry], audience: Audience) -> list[SessionEntry]:
    """The entries `audience` gets, in order, each as it gets it."""
    return [e for e in (shown(entry, audience) for entry in entries) if e is not None]


def on_step(
    entries: Iterable[SessionEntry], step: str, audience: Audience, *, silent: bool = False
) -> list[SessionEntry]:
    """What `audience` sees said on the step `step` so far.

    In a silent round not yet revealed (`silent`), the screen and the phones get no answers:
    they show only how many have answered (`answered`), so the first answers sway nobody.

    On the shared screen, the prayer requests sent from phones for the leader only become one
    line of their own, where the latest came, counting them ("a prayer request for the leader ·
    2 so far"): the room knows one was sent, never by whom nor what it says.
    """
    here = [e for e in entries if e.step == step]
    said = visible(here, audience)
    if silent and audience in _ROOM_SEES:
        said = [e for e in said if e.kind != "answer"]
    if audience != SCREEN:
        return said
    requests = [e for e in here if leader_only(e) and e.kind == "prayer" and from_phone(e)]
    if not requests:
        return said
    latest = requests[-1]
    line = latest._replace(
        kind=FOR_LEADER,
        person=None,
        text=for_leader_line(len(requests)),
        visibility=GROUP,
        source=None,
    )
    return sorted([*said, line], key=lambda e: e.id)


def answered(entries: Iterable[SessionEntry], step: str) -> int:
    """How many people (or phones) have answered on `step` (a count names nobody)."""
    return len(
        {e.source or e.person or e.id for e in entries if e.step == step and e.kind == "answer"}
    )


def for_leader_line(count: int) -> str:
    """The shared screen's line for the leader-only prayer requests sent so far."""
    return f"a prayer request for the leader · {count} so far"


def needs_leader_copy(entries: Iterable[SessionEntry]) -> bool:
    """Whether the leader's copy of the notes holds anything the group's does not."""
    return any(leader_only(e) for e in entries)


def for_leader_only(entries: Iterable[SessionEntry]) -> list[SessionEntry]:
    """The entries of the leader's copy's "For the leader only" section, in order."""
    return [e for e in visible(entries, LEADER_NOTES) if leader_only(e)]
