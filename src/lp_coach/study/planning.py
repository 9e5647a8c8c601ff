"""Plan and start a new session: its options and agenda, checked before anything is stored."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from lp_coach.content.model import Library
from lp_coach.errors import NotFound, UsageError
from lp_coach.groups.store import Group
from lp_coach.study import store
from lp_coach.study.agenda import Agenda
from lp_coach.study.engine import Session
from lp_coach.study.records import Options
from lp_coach.study.speakers import not_a_name, roll_call

if TYPE_CHECKING:
    from lp_coach.study.service import StudyRequest  # what it reads; run_study takes it


def plan_session(
    conn: sqlite3.Connection, library: Library, request: StudyRequest, group: Group
) -> tuple[Options, Agenda]:
    """The options and agenda of a new session, checked before anything is said or stored."""
    from lp_coach.config import secular_default

    if request.session_id is not None:
        raise UsageError("--session is only for --resume or --reopen")
    if request.journal and request.group is not None:
        raise UsageError("--journal keeps a solo session's answers; leave out --group")
    if request.principle is None:
        from lp_coach.study.plan import next_principle

        chosen = next_principle(conn, library, group)
    else:
        from lp_coach.content.lookup import find_principle

        chosen = find_principle(library, request.principle)
    people = parse_group(request.group) or (() if request.journal else group.people)
    if request.warm_up:
        from lp_coach.study.warm_up import planned_cards

        cards = planned_cards(conn, library, people, chosen.id, group.id)
    else:
        cards = 0
    options = Options(
        principle_id=chosen.id,
        minutes=60 if request.minutes is None else request.minutes,
        # the group's people, unless --group names who is here (or a solo --journal)
        group=people,
        warm_up=cards,
        leader=request.leader,
        scripture=request.scripture,
        prayer=request.prayer,
        secular=secular_default(request.secular) or bool((group.settings or {}).get("secular")),
        journal=request.journal,
    )
    return options, plan_agenda(library, options)


def parse_group(text: str | None) -> tuple[str, ...]:
    """'Ann, Ben,Cal' -> ('Ann', 'Ben', 'Cal'); names kept in order, duplicates dropped."""
    if text is None:
        return ()
    names = roll_call(text)
    if not names:
        raise UsageError('--group needs at least one name, e.g. --group "Ann,Ben,Cal"')
    if (why := not_a_name(text)) is not None:
        raise UsageError(why)
    return names


def plan_agenda(library: Library, options: Options) -> Agenda:
    """The agenda `options` ask for, checked (principle, minutes) before anything is stored."""
    principle = library.get(options.principle_id)
    if principle is None:
        raise NotFound(f"no principle {options.principle_id!r}")
    from lp_coach.study.agenda import agenda_for

    return agenda_for(principle, options)


def start(
    conn: sqlite3.Connection,
    library: Library,
    options: Options,
    agenda: Agenda | None = None,
    group: Group | None = None,
) -> Session:
    """A new session (in `group`, default the first): its agenda is built (and so checked)
    once, before anything is stored."""
    agenda = agenda or plan_agenda(library, options)
    record = store.create(conn, options, group.id if group is not None else 1)
    return Session(conn, record, library, agenda)
