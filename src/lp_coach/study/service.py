"""Run, resume and write up sessions: what the `study` command asks of the core."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from lp_coach.content.model import Library
from lp_coach.errors import CoachError, NotFound, UsageError
from lp_coach.groups.store import Group
from lp_coach.store.db import connect
from lp_coach.study import runner, store
from lp_coach.study.engine import Session
from lp_coach.study.notes import LEADER_COPY, notes_written, written_files
from lp_coach.study.planning import plan_session, start
from lp_coach.study.records import SessionRecord, SessionStatus
from lp_coach.study.view import LiveRoom, StudyFace
from lp_coach.study.writeup import finish_notes

R = TypeVar("R", bound=LiveRoom)
RoomOpener = Callable[[Session, "str | None", "int | None"], R]
"""Opens a session's live room on an address and port (None: the LAN's, 8765)."""


@dataclass(frozen=True)
class StudyRequest:
    """How a study session was asked for (None: not given)."""

    principle: str | None = None
    """As typed (id, title, prefix or number); None: the plan's next one."""
    group: str | None = None
    """'Ann, Ben,Cal'; None: solo."""
    minutes: int | None = None
    leader: bool = False
    scripture: bool = True
    prayer: bool = True
    secular: bool = False
    """--secular: no scripture, prayer or item that assumes faith (content/audience.py); a
    new session is also secular when the config says `secular = true`."""
    resume: bool = False
    reopen: bool = False
    """Open a finished session again (`session_id`, else the last) to add what was forgotten."""
    session_id: int | None = None
    journal: bool = False
    room: bool = False
    room_host: str | None = None
    room_port: int | None = None
    in_group: str | None = None
    """The group (--in) whose plan, pack and people the session follows; None: the current."""
    warm_up: bool = True
    """Open a group's session with a warm-up quiz on what it studied before (--no-warm-up)."""


@dataclass(frozen=True)
class Studied:
    """How a session run ended."""

    session_id: int
    finished: bool
    notes: tuple[str, ...] = ()
    """The files of the group's notes, once finished."""
    leader_notes: tuple[str, ...] = ()
    """The files of the leader's copy (with the private notes), when there is one."""
    journal: bool = False
    """The answers were kept in the journal too."""
    saved: str = ""
    """Stopped before the end: what was kept and how to go on."""

    @property
    def notes_inside(self) -> bool:
        """Finished, its notes kept inside the (encrypted) store rather than written as files."""
        return self.finished and not self.notes


ConfirmResume = Callable[[SessionRecord, "Place | None", str | None], bool]
"""Asked about an unfinished session met on a new start, with where it stands and the
principle named instead (None when none was named, or the same): True resumes it."""


def run_study(
    request: StudyRequest,
    face_for: Callable[[R | None], StudyFace],
    confirm_resume: ConfirmResume,
    packs: Sequence[Path] = (),
    open_room: RoomOpener[R] | None = None,
) -> Studied:
    """Start (or resume, or reopen) a session and run it through the face `face_for` makes
    (given the live room, when there is one); the notes are written when it ends.

    A new session is checked (principle, options, minutes) before an unfinished one is
    mentioned, and one whose room cannot open is not left behind. `open_room` opens the room
    for the phones (the room lives above the study: lp_coach.room.service.open_room).
    """
    from lp_coach.groups.context import open_group

    if (request.room_host is not None or request.room_port is not None) and not (
        request.room or request.resume or request.reopen
    ):
        raise UsageError("--room-host and --room-port go with --room")
    if request.reopen and request.resume:
        raise UsageError("--reopen is for a finished session, --resume for an unfinished one")
    with closing(connect()) as conn:
        in_group = request.in_group
        if request.session_id is not None and in_group is None:  # the session's own group
            from lp_coach.groups.store import by_id

            in_group = by_id(conn, store.load(conn, request.session_id).group_id).name
        group, library = open_group(conn, in_group, packs)
        fresh = not (request.resume or request.reopen)
        planned = plan_session(conn, library, request, group) if fresh else None
        if planned is not None:
            waiting = unfinished(conn, group)
            named = planned[0].principle_id if request.principle is not None else None
            named = None if waiting is None or named == waiting.principle_id else named
            if waiting is not None and confirm_resume(
                waiting, progress(conn, library, waiting), named
            ):
                request = replace(request, resume=True, session_id=waiting.id, principle=None)
                fresh = False
        if request.reopen:
            from lp_coach.study.reopen import reopen

            session = reopen(conn, library, request.session_id, group.id)
        elif request.resume:
            session = _resumed(conn, library, request, group)
        else:
            assert planned is not None
            session = start(conn, library, *planned, group=group)
        room = request.room or bool(session.record.options.room)  # a resumed room comes back
        if (request.room_host is not None or request.room_port is not None) and not room:
            raise UsageError("--room-host and --room-port go with --room")
        try:
            live = None
            if room:
                if open_room is None:
                    raise UsageError("--room is not available here")
                live = open_room(session, request.room_host, request.room_port)
        except BaseException:
            if fresh:
                from lp_coach.study.reopen import discard

                discard(conn, session)  # it never started: nothing is left unfinished
            raise
        face = face_for(live)
        if live is not None:
            face = live.wrap(face)
        finish = finish_notes if live is None else live.closing(finish_notes)
        try:
            if live is not None:
                live.greet(face)
            outcome = runner.run(session, face, finish)
        finally:
            face.close()  # before anything is printed, so it lands on the normal screen
            if live is not None:
                live.stop(paused=not session.done)  # stopped to resume: phones wait for it
        if not outcome.finished:
            return Studied(session.record.id, False, saved=runner.saved_line(session))
    if not outcome.notes_path:  # an encrypted store: the notes stay inside it
        return Studied(outcome.session.id, True, journal=outcome.session.options.journal)
    notes = outcome.notes_path
    files = tuple(str(f) for f in written_files(Path(notes))) or (notes,)
    shared = tuple(f for f in files if LEADER_COPY + "." not in f)
    leader = tuple(f for f in files if LEADER_COPY + "." in f)
    return Studied(outcome.session.id, True, shared, leader, outcome.session.options.journal)


def _resumed(
    conn: sqlite3.Connection, library: Library, request: StudyRequest, group: Group
) -> Session:
    if request.principle is not None:
        raise UsageError("--resume continues a session; leave out the principle")
    given = {
        "--group": request.group is not None,
        "--minutes": request.minutes is not None,
        "--no-scripture": not request.scripture,
        "--no-prayer": not request.prayer,
        "--secular": request.secular,
        "--journal": request.journal,
    }  # what shapes the agenda: a resumed session keeps what it started with
    fixed = [name for name, there in given.items() if there]
    if fixed:
        which = resume(conn, library, request.session_id).record.id
        raise UsageError(
            f"--resume continues session {which} as it was started: leave out "
            f"{' and '.join(fixed)} (only --leader and --plain apply)"
        )
    return resume(conn, library, request.session_id, leader=request.leader, group=group)


def resume(
    conn: sqlite3.Connection,
    library: Library,
    session_id: int | None,
    *,
    leader: bool = False,
    group: Group | None = None,
) -> Session:
    """The unfinished session `session_id`, or the latest unfinished one (of `group`).

    `leader` shows the leader notes from here on (and is kept for later resumes).
    """
    if session_id is None:
        record = store.latest(conn, SessionStatus.IN_PROGRESS, group.id if group else None)
        if record is None:
            raise NotFound(_nothing_to_resume(conn))
    else:
        record = store.load(conn, session_id)
        if record.status != SessionStatus.IN_PROGRESS:
            raise UsageError(f"session {session_id} is already finished")
    if record.unknown:
        raise UsageError(
            f"session {record.id} was saved by a newer lp-coach (it holds "
            f"{', '.join(record.unknown)}, unknown here): resuming it here would lose them; "
            "resume it with that lp-coach"
        )
    if leader and not record.options.leader:
        record.options = replace(record.options, leader=True)
        store.save_options(conn, record.id, record.options)
    return Session(conn, record, library)


def _nothing_to_resume(conn: sqlite3.Connection) -> str:
    """Why there is nothing to resume, and what to do: notes left unwritten are named."""
    last = store.latest(conn)
    if last is not None and last.status == SessionStatus.FINISHED and not notes_written(last):
        return (
            f"no unfinished session to resume; session {last.id} finished but its notes were "
            f"not written: write them with `lp-coach sessions show {last.id} --write`"
        )
    return "no unfinished session to resume (start one with `lp-coach study`)"


def unfinished(conn: sqlite3.Connection, group: Group | None = None) -> SessionRecord | None:
    """The latest session (of `group`), if it was left unfinished (one started after it lets
    it be)."""
    try:
        record = store.latest(conn, None, group.id if group else None)
    except store.UnreadableSession:
        return None  # it cannot be resumed: a new session is the way on (`sessions list` says)
    return record if record is not None and record.status == SessionStatus.IN_PROGRESS else None


@dataclass(frozen=True)
class Place:
    """Where a session stands: step `number` of `total`, titled `title`."""

    number: int
    total: int
    title: str

    def __str__(self) -> str:
        return f"step {self.number} of {self.total} ({self.title})"


def progress(conn: sqlite3.Connection, library: Library, record: SessionRecord) -> Place | None:
    """Where `record` stands (None if its principle is no longer in the library)."""
    try:
        session = Session(conn, record, library)
    except CoachError:
        return None
    if session.done:
        return Place(len(session.steps), len(session.steps), "done")
    number = session.state.position + 1
    return Place(number, len(session.steps), session.step.segment.title)
