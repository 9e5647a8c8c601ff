"""Start, resume and write up sessions: what the `study` command asks of the core."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from lp_coach.content.model import Library, Principle
from lp_coach.errors import CoachError, NotFound, UsageError
from lp_coach.study import sessions
from lp_coach.study.engine import Session
from lp_coach.study.notes import (
    has_private,
    new_notes_path,
    notes_context,
    notes_written,
    write_notes,
)
from lp_coach.study.sessions import Options, SessionRecord


def parse_group(text: str | None) -> tuple[str, ...]:
    """'Ann, Ben,Cal' -> ('Ann', 'Ben', 'Cal'); names kept in order, duplicates dropped."""
    if text is None:
        return ()
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    if not names:
        raise UsageError('--group needs at least one name, e.g. --group "Ann,Ben,Cal"')
    return names


def start(conn: sqlite3.Connection, library: Library, options: Options) -> Session:
    """A new session: its agenda is built (and so checked) once, before anything is stored."""
    principle = library.get(options.principle_id)
    if principle is None:
        raise NotFound(f"no principle {options.principle_id!r}")
    from lp_coach.study.agenda import build_agenda

    agenda = build_agenda(
        principle, options.minutes, scripture=options.scripture, prayer=options.prayer
    )
    return Session(conn, sessions.create(conn, options), library, agenda)


def resume(
    conn: sqlite3.Connection, library: Library, session_id: int | None, *, leader: bool = False
) -> Session:
    """The unfinished session `session_id`, or the latest unfinished one.

    `leader` shows the leader notes from here on (and is kept for later resumes).
    """
    if session_id is None:
        record = sessions.latest(conn, sessions.IN_PROGRESS)
        if record is None:
            raise NotFound(_nothing_to_resume(conn))
    else:
        record = sessions.load(conn, session_id)
        if record.status != sessions.IN_PROGRESS:
            raise UsageError(f"session {session_id} is already finished")
    if leader and not record.options.leader:
        record.options = replace(record.options, leader=True)
        sessions.update_options(conn, record.id, record.options)
    return Session(conn, record, library)


def _nothing_to_resume(conn: sqlite3.Connection) -> str:
    """Why there is nothing to resume, and what to do: notes left unwritten are named."""
    last = sessions.latest(conn)
    if last is not None and last.status == sessions.FINISHED and not notes_written(last):
        return (
            f"no unfinished session to resume; session {last.id} finished but its notes were "
            f"not written: write them with `lp-coach sessions show {last.id} --write`"
        )
    return "no unfinished session to resume (start one with `lp-coach study`)"


def unfinished(conn: sqlite3.Connection) -> SessionRecord | None:
    """The latest session, if it was left unfinished (one started after it lets it be)."""
    record = sessions.latest(conn)
    return record if record is not None and record.status == sessions.IN_PROGRESS else None


@dataclass(frozen=True)
class Progress:
    """Where a session stands: step `number` of `total`, titled `title`."""

    number: int
    total: int
    title: str

    def __str__(self) -> str:
        return f"step {self.number} of {self.total} ({self.title})"


def progress(conn: sqlite3.Connection, library: Library, record: SessionRecord) -> Progress | None:
    """Where `record` stands (None if its principle is no longer in the library)."""
    try:
        session = Session(conn, record, library)
    except CoachError:
        return None
    if session.done:
        return Progress(len(session.steps), len(session.steps), "done")
    number = session.state.position + 1
    return Progress(number, len(session.steps), session.step.segment.title)


def next_after(conn: sqlite3.Connection, library: Library, current: str) -> Principle | None:
    """The principle the plan comes to after `current` is done."""
    from lp_coach.study.plan import load_plan, plan_rows

    rows = plan_rows(conn, library, load_plan(conn, library))
    for row in rows:
        if not row.done and row.principle_id != current:
            return library.get(row.principle_id)
    return None


def write_up(session: Session, overrides: tuple[Path, ...] = ()) -> str:
    """Render the session's notes (and keep solo answers in the journal if asked for);
    return the Markdown file's path."""
    conn = session.conn
    if session.record.options.journal:
        keep_in_journal(session)
    entries = sessions.entries(conn, session.record.id)
    record = session.record
    parts = (
        record,
        session.principle,
        session.steps,
        entries,
        next_after(conn, session.library, session.principle.id),
    )
    context = notes_context(*parts)
    if not record.notes_path:  # kept before writing: writing again after a kill reuses it
        record.notes_path = str(new_notes_path(context))
        sessions.set_notes_path(conn, record.id, record.notes_path)
    path = Path(record.notes_path)
    if has_private(entries):  # the leader's copy first: group notes there mean all are
        write_notes(notes_context(*parts, leader=True), overrides, beside=path)
    return str(write_notes(context, overrides))


def write_again(conn: sqlite3.Connection, library: Library, record: SessionRecord) -> str:
    """Render and write a finished session's notes again (or at last, when writing them
    failed at the end of the session); return the Markdown file's path."""
    if record.status != sessions.FINISHED:
        raise UsageError(
            f"session {record.id} is not finished; continue it with "
            f"`lp-coach study --resume --session {record.id}`"
        )
    path = write_up(Session(conn, record, library))
    sessions.set_notes_path(conn, record.id, path)
    return path


def keep_in_journal(session: Session) -> int:
    """Add each answer of the session to the journal, tagged with its principle.

    Entries carry a fingerprint made from the session and entry, so finishing (or
    retrying) twice never adds them twice. Returns how many answers there were.
    """
    from datetime import date

    from lp_coach.journal.entries import NewEntry
    from lp_coach.journal.store import add_many
    from lp_coach.study.notes import step_prompt

    record = session.record
    prompts = {s.key: step_prompt(s) for s in session.steps if s.collects in ("answer", "action")}
    new = [
        NewEntry(
            day=date.fromisoformat(record.started[:10]),
            text=f"{prompts.get(e.step, '')}\n\n{e.text}".strip(),
            principles=(record.principle_id,),
            source=f"study:{record.id}",
            fingerprint=f"study:{record.id}:{e.id}",
        )
        for e in sessions.entries(session.conn, record.id)
        if e.kind in ("answer", "action") and e.step in prompts
    ]
    add_many(session.conn, new)
    return len(new)
