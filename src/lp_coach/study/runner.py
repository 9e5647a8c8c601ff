"""Running a session: one loop over the steps, driven by any face (Rich screen or plain text),
until it finishes (the notes written) or the facilitator stops (what was kept said)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lp_coach.errors import CoachError, Interrupted, StoreError, describe_os_error
from lp_coach.store import engine as store_engine
from lp_coach.study import store
from lp_coach.study.engine import Session
from lp_coach.study.records import SessionRecord, SessionStatus
from lp_coach.study.view import StudyFace


@dataclass
class Outcome:
    """How a run ended: finished (with notes) or stopped to be resumed."""

    session: SessionRecord
    finished: bool
    notes_path: str | None = None


def run(session: Session, face: StudyFace, on_finish: Callable[[Session], str]) -> Outcome:
    """Drive `session` with `face` until it finishes or the facilitator stops.

    At the last step the session is marked finished, then `on_finish` writes the notes and
    returns their path. Ctrl-C raises Interrupted saying what was kept; notes that cannot
    be written raise StoreError saying how to write them later. Nothing said is lost.
    """
    try:
        while not session.done:
            if not session.apply(face.show(session.view())):
                return Outcome(session.record, finished=False)
    except KeyboardInterrupt:
        raise Interrupted(saved_line(session)) from None
    conn, number = session.conn, session.record.id
    store.finish(conn, number, session.state)
    session.record = store.load(conn, number)
    later = f"lp-coach sessions show {number} --write"
    try:
        path = on_finish(session)
    except KeyboardInterrupt:
        raise Interrupted(
            f"Session {number} finished; its notes were not written. Write them with: {later}"
        ) from None
    except (CoachError, OSError) + store_engine.Error as exc:
        raise StoreError(
            f"session {number} is finished and saved, but its notes could not be written: "
            f"{_reason(exc)}; once that is fixed, write them with: {later}"
        ) from exc
    if path:  # '' when the notes are kept inside an encrypted store, not as files
        store.set_notes_path(conn, number, path)
    record = store.load(conn, number)
    return Outcome(record, finished=True, notes_path=path or None)


def saved_line(session: Session) -> str:
    """What is kept of a session stopped before its end, and how to go on with it."""
    number = session.record.id
    line = (
        f"Session {number} saved at step {session.state.position + 1} of "
        f"{len(session.steps)}. Continue with: lp-coach study --resume"
    )
    from lp_coach.groups.store import current

    # `--resume` alone continues the current group's latest: name any other session
    here = current(session.conn).id
    latest = store.latest(session.conn, SessionStatus.IN_PROGRESS, here)
    if latest is None or latest.id != number:
        line += f" --session {number}"
    options = session.record.options
    if options.room and options.room_port:
        line += f" (the room comes back on port {options.room_port}, with the same code)"
    return line


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    if isinstance(exc, store_engine.Error):
        from lp_coach.store.db import describe

        return describe(exc)
    return str(exc)
