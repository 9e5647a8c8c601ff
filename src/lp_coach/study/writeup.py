"""A session's write-up when it ends: its notes (and the leader's copy), and solo answers kept
in the journal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lp_coach.content.model import Library, Principle
from lp_coach.errors import UsageError
from lp_coach.study import store
from lp_coach.study.carried import carried
from lp_coach.study.engine import Session
from lp_coach.study.notes import has_private, new_notes_path, notes_context, write_notes
from lp_coach.study.records import SessionRecord, SessionStatus


def next_after(
    conn: sqlite3.Connection, library: Library, current: str, group_id: int | None
) -> Principle | None:
    """The principle the group's plan comes to after `current` is done."""
    from lp_coach.groups.store import by_id
    from lp_coach.study.plan import load_plan, plan_rows

    rows = plan_rows(conn, library, load_plan(conn, library, by_id(conn, group_id)))
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
    entries = store.entries(conn, session.record.id)
    record = session.record
    parts = (
        record,
        session.principle,
        session.steps,
        entries,
        next_after(conn, session.library, session.principle.id, session.record.group_id),
    )
    context = notes_context(*parts)
    if not record.notes_path:  # kept before writing: writing again after a kill reuses it
        record.notes_path = str(new_notes_path(context))
        store.set_notes_path(conn, record.id, record.notes_path)
    path = Path(record.notes_path)
    for_leader = carried(conn, session.record.id).for_leader
    if has_private(entries) or for_leader:  # the leader's copy first: group notes there
        leader = notes_context(*parts, leader=True, carried_for_leader=for_leader)  # mean all are
        write_notes(leader, overrides, beside=path)
    return str(write_notes(context, overrides))


def finish_notes(session: Session) -> str:
    """At a session's end: its notes written (`write_up`), unless the store is encrypted --
    then nothing readable is written beside it, and '' is returned (the notes are written
    as files only when asked: `sessions show ID --write`)."""
    from lp_coach.store.engine import key_of

    if key_of(session.conn) is None:
        return write_up(session)
    if session.record.options.journal:
        keep_in_journal(session)
    return ""


def notes_text(conn: sqlite3.Connection, library: Library, record: SessionRecord) -> str:
    """A finished session's notes as Markdown, from the store (no file is written)."""
    from lp_coach.render.templates import render

    session = Session(conn, record, library)
    parts = (
        record,
        session.principle,
        session.steps,
        store.entries(conn, record.id),
        next_after(conn, library, session.principle.id, record.group_id),
    )
    return render("session-notes.md.j2", (), **notes_context(*parts))


def write_again(conn: sqlite3.Connection, library: Library, record: SessionRecord) -> str:
    """Render and write a finished session's notes again (or at last, when writing them
    failed at the end of the session); return the Markdown file's path."""
    if record.status != SessionStatus.FINISHED:
        raise UsageError(
            f"session {record.id} is not finished; continue it with "
            f"`lp-coach study --resume --session {record.id}`"
        )
    path = write_up(Session(conn, record, library))
    store.set_notes_path(conn, record.id, path)
    return path


def keep_in_journal(session: Session) -> int:
    """Add each answer of the session to the journal, tagged with its principle.

    Entries carry a fingerprint made from the session and entry, so finishing (or
    retrying) twice never adds them twice. Returns how many answers there were.
    """
    from lp_coach.clock import local_day
    from lp_coach.journal.entries import NewEntry
    from lp_coach.journal.store import add_many
    from lp_coach.study.notes import step_prompt

    record = session.record
    prompts = {s.key: step_prompt(s) for s in session.steps if s.collects in ("answer", "action")}
    new = [
        NewEntry(
            day=local_day(record.started),
            text=f"{prompts.get(e.step, '')}\n\n{e.text}".strip(),
            principles=(record.principle_id,),
            source=f"study:{record.id}",
            fingerprint=f"study:{record.id}:{e.id}",
        )
        for e in store.entries(session.conn, record.id)
        if e.kind in ("answer", "action") and e.step in prompts
    ]
    add_many(session.conn, new)
    return len(new)
