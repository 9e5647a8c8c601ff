"""The facts of the user's day: cards due, the next meeting, a journal prompt, their steps."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lp_coach.content.model import Library, Principle

if TYPE_CHECKING:
    from pathlib import Path

    from lp_coach.groups.store import Group
    from lp_coach.quiz.cards import QuizCard

# Records here are NamedTuples, not dataclasses: each dataclass costs a millisecond or so at
# import, and `today` is timed whole (bench/startup.py).


class QuizCounts(NamedTuple):
    """What a quiz started now would ask."""

    due: int
    new: int


class Meeting(NamedTuple):
    """The plan's next meeting."""

    number: int
    day: date | None
    """None until `lp-coach plan start` gives the series its dates."""
    principle_id: str
    title: str
    planned: bool
    """False while the plan is the default one nobody has started."""


class GroupMeeting(NamedTuple):
    """The next meeting of one of the person's groups."""

    group: str
    current: bool
    """The group `lp-coach study` and `plan` work in unless told (--in)."""
    meeting: Meeting | None
    member: bool = True
    """The person is one of its people (or it names none, or nobody is named)."""


class ActionSteps(NamedTuple):
    """The action steps of the last finished session, for the person (or all, if unnamed)."""

    session_id: int
    day: str
    principle_id: str
    steps: list[tuple[str | None, str]]
    """(who, step)."""


class Today(NamedTuple):
    """Everything `lp-coach today` shows."""

    day: date
    me: str | None
    quiz: QuizCounts
    meeting: Meeting | None
    prompt_principle: Principle
    prompt: str
    mastery: float
    streak: int
    written_today: bool
    steps: ActionSteps | None
    stories: int = 0
    story_gaps: tuple[str, ...] = ()
    groups: tuple[GroupMeeting, ...] = ()
    """The next meeting of each group the person is in (all groups, when nobody is named)."""

    def to_json(self) -> dict[str, Any]:
        meeting = self.meeting
        return {
            "date": self.day.isoformat(),
            "me": self.me,
            "quiz": {"due": self.quiz.due, "new": self.quiz.new},
            "meeting": _meeting_json(meeting, self.day),
            "prompt": {
                "principle": self.prompt_principle.id,
                "title": self.prompt_principle.title,
                "text": self.prompt,
                "mastery": round(self.mastery, 3),
            },
            "journal": {"streak": self.streak, "written_today": self.written_today},
            "actions": None
            if self.steps is None
            else {
                "session": self.steps.session_id,
                "date": self.steps.day,
                "principle": self.steps.principle_id,
                "steps": [{"person": who, "text": text} for who, text in self.steps.steps],
            },
            "stories": {"count": self.stories, "gaps": list(self.story_gaps)},
            "groups": [
                {
                    "group": g.group,
                    "current": g.current,
                    "meeting": _meeting_json(g.meeting, self.day),
                }
                for g in self.groups
            ],
        }


def _meeting_json(meeting: Meeting | None, day: date) -> dict[str, Any] | None:
    if meeting is None:
        return None
    return {
        "number": meeting.number,
        "date": None if meeting.day is None else meeting.day.isoformat(),
        "in_days": None if meeting.day is None else (meeting.day - day).days,
        "principle": meeting.principle_id,
        "title": meeting.title,
        "planned": meeting.planned,
    }


def facts(me: str | None = None, packs: Sequence[Path] = (), *, secular: bool = False) -> Today:
    """Today's facts for the person `me` (remembered when given; else the one remembered);
    `secular` (or the config's `secular = true`) leaves out prompts that assume faith."""
    from contextlib import closing

    from lp_coach.clock import now
    from lp_coach.config import clean_name, load_config, remember_me
    from lp_coach.content.library import open_library
    from lp_coach.store.db import connect

    if me is not None:
        remember_me(me)
    config = load_config()
    name = clean_name(me) if me else config.me
    library = open_library(packs)
    if secular or config.secular:
        from lp_coach.content.audience import SECULAR, library_for

        library = library_for(library, SECULAR)
    with closing(connect()) as conn:
        return gather(conn, library, now(), name, packs)


def gather(
    conn: sqlite3.Connection,
    library: Library,
    now: datetime,
    me: str | None = None,
    extra: Sequence[Path] = (),
) -> Today:
    """Today's facts at `now` (an aware datetime), for the person `me`: their own cards,
    journal and stories from `library`, and the next meeting of each of their groups (a
    group's pack laid over the configured ones and `extra`)."""
    from lp_coach.clock import local_zone
    from lp_coach.quiz.cards import build_cards
    from lp_coach.quiz.mastery import mastery_by_principle

    zone = local_zone()
    cards = build_cards(library, sides=False)  # once, to count for the mastery and the quiz
    mastery = mastery_by_principle(conn, library, now, cards)
    day = now.astimezone(zone).date()
    from lp_coach.journal.prompts import prompt_for, prompt_principle

    principle = prompt_principle(library, mastery, day)
    prompt = prompt_for(library, day, principle)
    streak, written = journal_streak(conn, day)
    from lp_coach.stories import store as story_store
    from lp_coach.stories.matrix import counts

    stories_per = counts(library, story_store.tag_counts(conn))
    total = story_store.count(conn)
    groups = group_meetings(conn, library, day, me, extra)
    return Today(
        day=day,
        me=me,
        quiz=quiz_now(conn, library, now, cards),
        meeting=next((g.meeting for g in groups if g.current), None),
        prompt_principle=principle,
        prompt=prompt.text,
        mastery=mastery.get(principle.id, 0.0),
        streak=streak,
        written_today=written,
        steps=last_steps(conn, me),
        stories=int(total),
        story_gaps=tuple(pid for pid, n in stories_per.items() if n == 0),
        groups=tuple(g for g in groups if g.member),
    )


def quiz_now(
    conn: sqlite3.Connection,
    library: Library,
    now: datetime,
    cards: Sequence[QuizCard] | None = None,
) -> QuizCounts:
    """Cards due now, and new cards a quiz would bring in today (as `lp-coach quiz` counts).

    `cards` are the library's (`build_cards`), when the caller has built them already.
    """
    from lp_coach.clock import local_zone, start_of_day
    from lp_coach.quiz import store
    from lp_coach.quiz.cards import build_cards
    from lp_coach.quiz.select import NEW_PER_DAY

    ids = {c.id for c in (build_cards(library) if cards is None else cards)}
    seen = store.seen_ids(conn)
    due = store.due_count(conn, now)
    allowed = max(0, NEW_PER_DAY - store.introduced_since(conn, start_of_day(now, local_zone())))
    return QuizCounts(due, min(allowed, len(ids - seen)))


def group_meetings(
    conn: sqlite3.Connection,
    library: Library,
    today: date,
    me: str | None,
    extra: Sequence[Path] = (),
) -> list[GroupMeeting]:
    """Each group's next meeting: the current group's, and those of the groups `me` is in
    (every group, when nobody is named or a group names no people)."""
    from lp_coach.groups.store import all_groups, current

    here = current(conn).id
    found = []
    for group in all_groups(conn):
        member = not me or not group.people or group.has(me)
        if group.id != here and not member:
            continue
        if group.pack is None:
            own = library
        else:
            from lp_coach.groups.context import group_library

            own = group_library(group, extra)
        meeting = next_meeting(conn, own, group, today)
        found.append(GroupMeeting(group.name, group.id == here, meeting, member))
    return found


def next_meeting(
    conn: sqlite3.Connection, library: Library, group: Group, today: date
) -> Meeting | None:
    """The group's plan's next meeting (None when every meeting is done)."""
    from lp_coach.study.plan import load_plan, plan_rows

    plan = load_plan(conn, library, group, today=today)
    row = next((r for r in plan_rows(conn, library, plan) if r.next), None)
    if row is None:
        return None
    return Meeting(row.number, row.date, row.principle_id, row.title, plan.saved)


def journal_streak(conn: sqlite3.Connection, today: date) -> tuple[int, bool]:
    """(days written in a row up to today, or to yesterday while today is open; written today)."""
    from lp_coach.journal.stats import current_streak, days_since

    days = days_since(conn, today - timedelta(days=3660))
    return current_streak(days, today), today in days


def last_steps(conn: sqlite3.Connection, me: str | None) -> ActionSteps | None:
    """The last finished session's action steps: `me`'s and unattributed ones, or all if no me."""
    from lp_coach.clock import local_day
    from lp_coach.study import store as session_store
    from lp_coach.study.records import SessionStatus
    from lp_coach.study.visibility import TODAY, visible

    record = session_store.latest(conn, SessionStatus.FINISHED)
    if record is None:
        return None
    wanted = me.casefold() if me else None
    steps = [
        (e.person, e.text)
        for e in visible(session_store.entries(conn, record.id), TODAY)
        if (wanted is None or e.person is None or e.person.casefold() == wanted)
    ]
    day = local_day(record.finished or record.started).isoformat()
    return ActionSteps(record.id, day, record.principle_id, steps)
